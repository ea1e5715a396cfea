package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao/store"
)

func TestServeUsage(t *testing.T) {
	code, out, _ := jixiao(t, "", "serve", "--help")
	if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "--read-only") {
		t.Errorf("serve --help: %d %q", code, out)
	}
	if code, _, _ := jixiao(t, "", "serve", "--addr", "nonsense"); code != exitUsage {
		t.Errorf("bad --addr: exit %d", code)
	}
	if code, _, _ := jixiao(t, "", "serve", "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
	if code, _, errOut := jixiao(t, "", "serve", "--db", filepath.Join(t.TempDir(), "none.db")); code != exitSomeFailed || !strings.Contains(errOut, "no database") {
		t.Errorf("missing database: exit %d %q", code, errOut)
	}
}

// TestServeRuns starts the command on a free loopback port, fetches the
// list and stops it as Ctrl-C would.
func TestServeRuns(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := jixiao(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	for _, ro := range []bool{false, true} {
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw := io.Pipe()
		args := []string{"serve", "--db", dbPath, "--addr", "127.0.0.1:0", "--reviewer", "测试"}
		if ro {
			args = append(args, "--read-only")
		}
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, args, strings.NewReader(""), io.Discard, pw)
			pw.Close()
		}()
		line, err := bufio.NewReader(pr).ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		go io.Copy(io.Discard, pr)
		u := regexp.MustCompile(`http://[0-9.:]+/`).FindString(line)
		if u == "" {
			t.Fatalf("no address in %q", line)
		}
		res, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("read-only %v: GET / = %d", ro, res.StatusCode)
		}
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("exit %d after Ctrl-C", code)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
}

// TestExportShowsCorrections makes the corrections of the end-to-end test
// through the store (no browser) and checks the audit tables and export.
func TestExportShowsCorrections(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := jixiao(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.SearchForms(ctx, store.ListQuery{Flag: "value_missing", Sort: "id"})
	if err != nil || len(res.Forms) == 0 {
		t.Fatalf("no form with a missing value: %v", err)
	}
	r, err := db.ReviewedForm(ctx, res.Forms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	missing := ""
	for _, fl := range r.Form.Flags {
		if fl.Code == "value_missing" && missing == "" {
			missing = fl.Field
		}
	}
	first := "indicators[0].value"
	if missing == first || r.Form.Indicators[0].Value == nil {
		t.Skip("the first form with a missing value misses its first value")
	}
	firstBefore := *r.Form.Indicators[0].Value
	for _, e := range []store.Edit{{Field: missing, Value: "≥95%"}, {Field: first, Value: "1400件"}} {
		e.FormID, e.Reviewer = r.Form.ID, "王芳"
		if _, _, err := db.Correct(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SetReview(ctx, r.Form.ID, store.StatusReviewed, "王芳"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	id := strconv.FormatInt(r.Form.ID, 10)
	checkAudit(t, dbPath, id, missing, first, firstBefore)
	checkExport(t, dbPath, id, missing, first, firstBefore)
}
