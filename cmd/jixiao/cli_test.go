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
func jixiao(t *testing.T, stdin string, args ...string) (int, string, string) {
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

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"--help"}, {"ingest", "--help"}, {"export", "-h"}, {"help", "export"}} {
		code, out, errOut := jixiao(t, "", args...)
		if code != 0 || !strings.Contains(out, "Example") || !strings.Contains(out, "Exit status") || errOut != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"frobnicate"}, {"ingest"}, {"ingest", "--nope", "x"}, {"ingest", "-j", "0", "x"},
		{"export", "--format", "xml"}, {"export", "extra"}} {
		code, _, errOut := jixiao(t, "", args...)
		if code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d (want %d), stderr %q", args, code, exitUsage, errOut)
		}
	}
}

func TestIngestReingestAndExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	code, out, errOut := jixiao(t, "", "ingest", "--db", db, "-j", "2", fixture)
	if code != 0 || errOut != "" {
		t.Fatalf("ingest: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "ingested 1 document(s): 44 form(s), 596 indicator(s)") {
		t.Errorf("summary %q", out)
	}
	code, out, _ = jixiao(t, "", "ingest", "--db", db, fixture)
	if code != 0 || !strings.Contains(out, "ingested 0 document(s)") || !strings.Contains(out, "1 already stored") ||
		!strings.Contains(out, "44 form(s), 596 indicator(s)") {
		t.Errorf("re-ingest: exit %d, %q", code, out)
	}

	// The export holds exactly what the pipeline read, each form with its id.
	code, out, errOut = jixiao(t, "", "export", "--db", db)
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

func TestBadFilesDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	fix := readFixture(t)
	copyFile(t, filepath.Join(in, "a-empty.txt"), nil)
	copyFile(t, filepath.Join(in, "b-binary.dat"), []byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0xff, 0, 0, 3})
	copyFile(t, filepath.Join(in, "c-noform.txt"), []byte("会议纪要\n今天讨论了预算。\n"))
	copyFile(t, filepath.Join(in, "d-good.txt"), fix)
	copyFile(t, filepath.Join(in, ".hidden.txt"), []byte("junk"))
	db := filepath.Join(dir, "j.db")
	code, out, errOut := jixiao(t, "", "ingest", "--db", db, in, filepath.Join(dir, "missing.txt"))
	if code != exitSomeFailed {
		t.Errorf("exit %d, want %d", code, exitSomeFailed)
	}
	for _, want := range []string{"a-empty.txt: no form: the file is empty", "b-binary.dat: unsupported", "c-noform.txt: no form", "missing.txt"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, ".hidden") {
		t.Errorf("hidden file was read:\n%s", errOut)
	}
	if !strings.Contains(out, "ingested 1 document(s): 44 form(s)") || !strings.Contains(out, "4 failed") {
		t.Errorf("summary %q", out)
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
	if code, _, e := jixiao(t, "", "ingest", "--db", utf, fixture); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := jixiao(t, string(gb), "ingest", "--db", gbdb, "-"); code != 0 {
		t.Fatal(e)
	}
	_, a, _ := jixiao(t, "", "export", "--db", utf)
	_, b, _ := jixiao(t, "", "export", "--db", gbdb)
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
	if code, _, e := jixiao(t, "", "ingest", "--db", db, fixture); code != 0 {
		t.Fatal(e)
	}
	if code, stdout, e := jixiao(t, "", "export", "--db", db, "--format", "csv", "--out", out); code != 0 || stdout != "" {
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

func TestExportWithoutDatabase(t *testing.T) {
	code, _, errOut := jixiao(t, "", "export", "--db", filepath.Join(t.TempDir(), "none.db"))
	if code != exitSomeFailed || !strings.Contains(errOut, "no database") {
		t.Errorf("exit %d, %q", code, errOut)
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
	code, out, errOut := jixiao(t, "", "ingest", "--db", dbPath, filepath.Join(dir, "in"))
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

// TestFailuresRerun checks that failures keep one row per file, with the
// number of attempts, and that the summary of a rerun says how many
// failures are new.
func TestFailuresRerun(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "j.db")
	bad := filepath.Join(dir, "bad.txt")
	copyFile(t, bad, []byte("no form in here\n"))
	missing1, missing2 := filepath.Join(dir, "gone1.txt"), filepath.Join(dir, "gone2.txt")
	for i, tc := range []struct {
		args []string
		want string
	}{
		{[]string{fixture, bad, missing1}, "; 0 already stored; 2 failed\n"},
		{[]string{fixture, bad, missing1, missing2}, "; 1 already stored; 3 failed (1 new)\n"},
		{[]string{bad, missing1, missing2}, "; 0 already stored; 3 failed (0 new)\n"},
	} {
		code, out, errOut := jixiao(t, "", append([]string{"ingest", "--db", db}, tc.args...)...)
		if code != exitSomeFailed || !strings.Contains(out, tc.want) {
			t.Errorf("run %d: exit %d, stdout %q (want %q), stderr %q", i+1, code, out, tc.want, errOut)
		}
	}
	code, out, errOut := jixiao(t, "", "query", "--db", db, "--format", "csv",
		"SELECT path, error_kind, attempts FROM failures ORDER BY path")
	want := bad + ",no form,3\n" + missing1 + ",I/O,3\n" + missing2 + ",I/O,2\n"
	if code != 0 || !strings.HasSuffix(out, want) {
		t.Errorf("failures: exit %d, %q (want …%q), stderr %q", code, out, want, errOut)
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
	_, _, errOut := jixiao(t, "", "ingest", "--db", db, "--progress", "../../fixtures/scan/small/genpdf-a-002.png")
	if !strings.Contains(errOut, "jixiao: ingesting: 1/1 files, 1 page read, ") || strings.Contains(errOut, "\r") {
		t.Errorf("stderr %q", errOut)
	}
}
