package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"jixiao/extract"
	"jixiao/ingest"
	"jixiao/normalize"
	"jixiao/store"
)

const fixture = "../../fixtures/text/forms.txt"

// jixiao runs the CLI in-process and returns its exit status and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func copyFile(t *testing.T, dst string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFixture(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestExportMatchesPipeline checks that the export holds exactly what the
// pipeline read, each form with its id. (What ingest prints, and what it
// does with a document already stored: testdata/script/ingest.txtar.)
func TestExportMatchesPipeline(t *testing.T) {
	db := fixtureDB(t)
	code, out, errOut := runCLI(t, "", "export", "--db", db)
	if code != 0 || errOut != "" {
		t.Fatalf("export: exit %d, %s", code, errOut)
	}
	doc, err := extract.Read(context.Background(), fixture, readFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(doc.Forms) {
		t.Fatalf("export has %d lines, want %d", len(lines), len(doc.Forms))
	}
	names := map[string]int{}
	for i, f := range doc.Forms {
		normalize.Form(&f)
		f.ID = int64(i + 1)
		want, _ := json.Marshal(f)
		var got, wantAny any
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		_ = json.Unmarshal(want, &wantAny)
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(wantAny)
		if string(g) != string(w) {
			t.Errorf("form %d: export differs from the pipeline:\n got %s\nwant %s", i+1, g, w)
		}
		names[*f.ProjectName]++
	}
	if names["残疾人就业保障金"] != 2 {
		t.Errorf("the two forms named 残疾人就业保障金 are stored %d times", names["残疾人就业保障金"])
	}
	if strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
		t.Errorf("export escapes HTML characters")
	}
}

// A GB18030 copy of the fixture, given on stdin, stores the same forms.
func TestGB18030Stdin(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(readFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	utf, gbdb := filepath.Join(dir, "u.db"), filepath.Join(dir, "g.db")
	if code, _, e := runCLI(t, "", "ingest", "--db", utf, fixture); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := runCLI(t, string(gb), "ingest", "--db", gbdb, "-"); code != 0 {
		t.Fatal(e)
	}
	_, a, _ := runCLI(t, "", "export", "--db", utf)
	_, b, _ := runCLI(t, "", "export", "--db", gbdb)
	strip := func(s string) []string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			var m map[string]any
			_ = json.Unmarshal([]byte(l), &m)
			delete(m, "source")
			j, _ := json.Marshal(m)
			out = append(out, string(j))
		}
		return out
	}
	ua, gbl := strip(a), strip(b)
	if len(ua) != 44 || len(gbl) != 44 {
		t.Fatalf("%d and %d forms", len(ua), len(gbl))
	}
	for i := range ua {
		if ua[i] != gbl[i] {
			t.Errorf("form %d differs between UTF-8 and GB18030", i+1)
		}
	}
}

func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	db, out := filepath.Join(dir, "j.db"), filepath.Join(dir, "ind.csv")
	if code, _, e := runCLI(t, "", "ingest", "--db", db, fixture); code != 0 {
		t.Fatal(e)
	}
	if code, stdout, e := runCLI(t, "", "export", "--db", db, "--format", "csv", "--out", out); code != 0 || stdout != "" {
		t.Fatalf("exit %d %s %s", code, stdout, e)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("CSV has no UTF-8 byte-order mark")
	}
	recs, err := csv.NewReader(bufio.NewReader(bytes.NewReader(data[3:]))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1+596 || recs[0][0] != "form_id" {
		t.Fatalf("%d records, header %v", len(recs), recs[0])
	}
	// Indicator 1 of form 1, as printed in the source.
	row := map[string]string{}
	for i, col := range recs[0] {
		row[col] = recs[1][i]
	}
	if row["project_name"] != "公安档案数字化加工" || row["name"] != "完成库藏及新增数字化扫描" || row["value"] != "356份" || row["level2"] != "数量指标" {
		t.Errorf("first row %v", row)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestInterruptedIngest(t *testing.T) {
	dir := t.TempDir()
	fix := readFixture(t)
	// More files than ingest keeps in flight (8 per worker), so that
	// cancelling after the first is stored always leaves some unread,
	// however fast the reader runs ahead of the writer.
	var files []string
	for i := range 12 {
		p := filepath.Join(dir, "in", string(rune('a'+i))+".txt")
		copyFile(t, p, append(bytes.Clone(fix), bytes.Repeat([]byte("\n"), i+1)...)) // distinct bytes
		files = append(files, p)
	}
	dbPath := filepath.Join(dir, "j.db")
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	st, err := ingest.Run(ctx, db, planUnits(files, false), ingest.Options{Workers: 1, MaxSize: 1 << 30, Done: func(ingest.Result) { cancel() }})
	db.Close()
	if err != nil || !st.Interrupted || st.Docs == 0 || st.Docs == len(files) {
		t.Fatalf("interrupted batch: %+v, %v", st, err)
	}
	// Running the same command again finishes the batch without duplicates.
	code, out, errOut := runCLI(t, "", "ingest", "--db", dbPath, filepath.Join(dir, "in"))
	if code != 0 || !strings.Contains(out, fmt.Sprintf("%d already stored", st.Docs)) ||
		!strings.Contains(out, "now holds 12 document(s), 528 form(s)") {
		t.Errorf("resume: exit %d, %q %q", code, out, errOut)
	}
}

func TestIngestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	code := run(ctx, []string{"ingest", "--db", filepath.Join(t.TempDir(), "j.db"), fixture}, strings.NewReader(""), &out, &errb)
	if code != exitInterrupted {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// TestProgressPages checks that --progress on a non-terminal prints plain
// lines, which count the pages of scans (here read in a worker process,
// whose page events reach the progress).
func TestProgressPages(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR")
	}
	db := filepath.Join(t.TempDir(), "j.db")
	_, _, errOut := runCLI(t, "", "ingest", "--db", db, "--progress", "../../fixtures/scan/small/genpdf-a-002.png")
	if !strings.Contains(errOut, "jixiao: ingesting: 1/1 files, 1 page read, ") || strings.Contains(errOut, "\r") {
		t.Errorf("stderr %q", errOut)
	}
}
