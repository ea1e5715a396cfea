package main

import (
	"context"
	"encoding/json"
	"jixiao/extract/pdf/pdftest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"jixiao/cmd/internal/badinput"
	"jixiao/store"
)

// TestBadBatch ingests the whole bad-input corpus (fixtures/bad), two larger
// malformed PDFs generated here, and good fixture files in one batch. Every
// bad file is named on stderr with a reason, or stored as a partial record
// with flags; the good files all land; the exit status is 1; and nothing
// decodes the 100000×100000 PNG (the heap stays small). The assertions hold
// whatever reader (OCR included) handles images.
func TestBadBatch(t *testing.T) {
	forms := readFixture(t)
	corpus, err := badinput.Files(forms)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	copyFile(t, filepath.Join(big, "deep-tree-20000.pdf"), pdftest.DeepTreePDF(20000))
	copyFile(t, filepath.Join(big, "deep-array-5000000.pdf"), pdftest.DeepArrayPDF(5_000_000))
	const (
		badDir  = "../../fixtures/bad"
		goodPDF = "../../fixtures/pdf/libreoffice.pdf"
	)
	db := filepath.Join(dir, "j.db")
	// The corpus files by name: fixtures/bad also holds its README.
	args := []string{"ingest", "--db", db, "-j", "2"}
	for _, f := range corpus {
		args = append(args, filepath.Join(badDir, f.Name))
	}
	code, out, errOut := jixiao(t, "", append(args, big, fixture, goodPDF)...)
	if code != exitSomeFailed {
		t.Errorf("exit %d, want %d", code, exitSomeFailed)
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapSys > 2<<30 {
		t.Errorf("heap grew to %d MiB: was an image bomb decoded?", m.HeapSys>>20)
	}

	// Each failing file: one stderr line naming it, with a reason after
	// the name.
	failing := []string{filepath.Join(big, "deep-tree-20000.pdf"), filepath.Join(big, "deep-array-5000000.pdf")}
	stored := map[string]badinput.Outcome{}
	for _, f := range corpus {
		p := filepath.Join(badDir, f.Name)
		if f.Outcome == badinput.Fails {
			failing = append(failing, p)
		} else {
			stored[p] = f.Outcome
		}
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	for _, p := range failing {
		found := false
		for _, l := range lines {
			// "FILE: reason" or, for a paged source, "FILE page N: reason".
			if m := regexp.MustCompile(regexp.QuoteMeta(p) + `( page \d+)?: (.{4,})`).FindString(l); m != "" {
				found = true
				t.Logf("%s", l)
			}
		}
		if !found {
			t.Errorf("stderr names no reason for %s", p)
		}
	}
	for p := range stored {
		if strings.Contains(errOut, p+":") {
			t.Errorf("%s is reported as failed, want it stored", p)
		}
	}

	// The database: the good files in full, the partial and encoding
	// variants stored, one failure row per failing file.
	rdb, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	sum, err := rdb.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failures != len(failing) {
		t.Errorf("%d failures logged, want %d", sum.Failures, len(failing))
	}
	code, jsonl, _ := jixiao(t, "", "export", "--db", db)
	if code != 0 {
		t.Fatalf("export: exit %d", code)
	}
	perFile := map[string]int{}
	flagged := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var r struct {
			Source struct{ Path string }
			Flags  []struct{ Code string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		perFile[r.Source.Path]++
		flagged[r.Source.Path] += len(r.Flags)
	}
	if perFile[fixture] != 44 || perFile[goodPDF] != 44 {
		t.Errorf("good files: %d and %d forms stored, want 44 each", perFile[fixture], perFile[goodPDF])
	}
	for p, outcome := range stored {
		switch {
		case perFile[p] != 1:
			t.Errorf("%s (%s): %d forms stored, want 1", p, outcome, perFile[p])
		case outcome == badinput.Partial && flagged[p] == 0:
			t.Errorf("%s: stored without review flags", p)
		}
	}
	if !strings.Contains(out, "ingested 5 document(s)") {
		t.Errorf("summary %q", out)
	}
}

// TestBadCorpusOnDisk guards against the batch test passing on a missing
// corpus.
func TestBadCorpusOnDisk(t *testing.T) {
	entries, err := os.ReadDir("../../fixtures/bad")
	if err != nil || len(entries) < 16 {
		t.Fatalf("fixtures/bad: %d entries, %v", len(entries), err)
	}
}
