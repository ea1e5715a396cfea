package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"jixiao/cmd/internal/badinput"
	"jixiao/extract/pdf/pdftest"
	"jixiao/store"
)

// TestBadBatch ingests the whole bad-input corpus (fixtures/bad), larger
// malformed files generated here (a deep page tree, a deep array, content
// streams inflating to gigabytes, a 10,000-page PDF without forms, a TIFF
// of 5,000 oversized pages sharing one strip, an export with a 50 MB
// line), paths that cannot be read (a FIFO, a broken symbolic link, a
// missing path) and good files (one through a symbolic link) in one batch,
// at -j 1 and -j 2, in a process of its own. Every bad file is named on
// stderr with a reason and logged in failures, or stored as a partial
// record with flags; the good files all land; the exit status is 1; and
// the parent's peak RSS stays under 300 MiB.
func TestBadBatch(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux: workers, FIFOs and /proc")
	}
	forms := readFixture(t)
	corpus, err := badinput.Files(forms)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big")
	copyFile(t, filepath.Join(big, "deep-tree-20000.pdf"), pdftest.DeepTreePDF(20000))
	copyFile(t, filepath.Join(big, "deep-array-5000000.pdf"), pdftest.DeepArrayPDF(5_000_000))
	copyFile(t, filepath.Join(big, "shared-strip-5000.tif"), badinput.SharedStripTIFF(5000))
	copyFile(t, filepath.Join(big, "rect-bomb.pdf"), pdftest.RectBombPDF())
	copyFile(t, filepath.Join(big, "string-bomb.pdf"), pdftest.StringBombPDF())
	copyFile(t, filepath.Join(big, "flat-10000.pdf"), pdftest.FlatPagesPDF(10000))
	longLine := filepath.Join(dir, "long-line.txt")
	copyFile(t, longLine, append(append(append([]byte{}, forms...), strings.Repeat("长", 50<<20/3)...), '\n'))
	const (
		badDir  = "../../fixtures/bad"
		goodPDF = "../../fixtures/pdf/libreoffice.pdf"
	)
	links := filepath.Join(dir, "links")
	if err := os.MkdirAll(links, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs("../../fixtures/pdf/genpdf-a.pdf")
	linked := filepath.Join(links, "linked.pdf")
	broken := filepath.Join(links, "broken.pdf")
	fifo := filepath.Join(dir, "fifo.txt")
	missing := filepath.Join(dir, "missing.txt")
	for _, err := range []error{os.Symlink(abs, linked), os.Symlink(filepath.Join(dir, "nowhere"), broken), syscall.Mkfifo(fifo, 0o644)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	failing := []string{filepath.Join(big, "deep-tree-20000.pdf"), filepath.Join(big, "deep-array-5000000.pdf"),
		filepath.Join(big, "shared-strip-5000.tif"), filepath.Join(big, "rect-bomb.pdf"), filepath.Join(big, "string-bomb.pdf"),
		filepath.Join(big, "flat-10000.pdf"), broken, fifo, missing}
	stored := map[string]badinput.Outcome{}
	args := []string{"ingest", "--page-time", "1m"}
	for _, f := range corpus {
		p := filepath.Join(badDir, f.Name)
		args = append(args, p)
		if f.Outcome == badinput.Fails {
			failing = append(failing, p)
		} else {
			stored[p] = f.Outcome
		}
	}
	args = append(args, big, links, fifo, missing, longLine, fixture, goodPDF)

	for _, jobs := range []string{"1", "2"} {
		t.Run("j"+jobs, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "j.db")
			start := time.Now()
			code, errOut, peak := runMain(t, append(args[:1:1], append([]string{"--db", db, "-j", jobs}, args[1:]...)...))
			t.Logf("-j %s: %v, parent peak RSS %d MiB", jobs, time.Since(start).Round(time.Millisecond), peak>>20)
			if code != exitSomeFailed {
				t.Errorf("exit %d, want %d", code, exitSomeFailed)
			}
			if peak > 300<<20 && !raceEnabled {
				t.Errorf("parent peak RSS %d MiB, want under 300", peak>>20)
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
			checkBadBatchDB(t, db, len(failing), stored, map[string]int{fixture: 44, goodPDF: 44, linked: 44, longLine: 44}, longLine)
		})
	}
}

// TestBatchLimits has a scan that needs more memory, or more time, than
// its worker is given, in a batch with a good export: the scan fails with
// the kind that says why, the export lands, and the exit status is 1.
func TestBatchLimits(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("needs Linux: workers")
	}
	const scan = "../../fixtures/scan/small/genpdf-a-004.jpg"
	for _, tc := range []struct {
		name string
		args []string
		kind string
	}{
		{"memory", []string{"--max-memory", "200M"}, "limit exceeded"},
		{"time", []string{"--page-time", "300ms"}, "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "j.db")
			args := append([]string{"ingest", "--db", db, "-j", "1", "--ocr-engine", "auto"}, tc.args...)
			code, errOut, _ := runMain(t, append(args, scan, fixture))
			if code != exitSomeFailed {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitSomeFailed, errOut)
			}
			if want := scan + ": " + tc.kind + ": "; !strings.Contains(errOut, want) {
				t.Errorf("stderr %q, want %q", errOut, want)
			}
			checkBadBatchDB(t, db, 1, nil, map[string]int{fixture: 44}, "")
		})
	}
}

// checkBadBatchDB checks the database of TestBadBatch: one failure row per
// failing path, good files in full, partial ones flagged.
func checkBadBatchDB(t *testing.T, db string, failures int, stored map[string]badinput.Outcome, good map[string]int, longLine string) {
	t.Helper()
	rdb, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer rdb.Close()
	sum, err := rdb.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failures != failures {
		t.Errorf("%d failures logged, want %d", sum.Failures, failures)
	}
	code, jsonl, _ := runCLI(t, "", "export", "--db", db)
	if code != 0 {
		t.Fatalf("export: exit %d", code)
	}
	perFile := map[string]int{}
	flagged := map[string][]string{}
	for _, l := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var r struct {
			Source struct{ Path string }
			Flags  []struct{ Code string }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		perFile[r.Source.Path]++
		for _, f := range r.Flags {
			flagged[r.Source.Path] = append(flagged[r.Source.Path], f.Code)
		}
	}
	for p, n := range good {
		if perFile[p] != n {
			t.Errorf("%s: %d forms stored, want %d", p, perFile[p], n)
		}
	}
	if longLine != "" && !slices.Contains(flagged[longLine], "line_skipped") {
		t.Errorf("%s: flags %v, want line_skipped", longLine, flagged[longLine])
	}
	for p, outcome := range stored {
		switch {
		case perFile[p] != 1:
			t.Errorf("%s (%s): %d forms stored, want 1", p, outcome, perFile[p])
		case outcome == badinput.Partial && len(flagged[p]) == 0:
			t.Errorf("%s: stored without review flags", p)
		}
	}
}

// runMain runs this test binary as the jixiao program with args, and
// returns its exit status, its standard error and its peak RSS (VmHWM,
// read from /proc while it runs: the parent alone, not its workers).
func runMain(t *testing.T, args []string) (code int, stderr string, peak int64) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "JIXIAO_AS_MAIN=1")
	var errb strings.Builder
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done, sampled := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(sampled)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil {
				if m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(b); m != nil {
					if kb, _ := strconv.ParseInt(string(m[1]), 10, 64); kb<<10 > peak {
						peak = kb << 10
					}
				}
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	<-sampled
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), errb.String(), peak
}

// TestBadCorpusOnDisk guards against the batch test passing on a missing
// corpus.
func TestBadCorpusOnDisk(t *testing.T) {
	entries, err := os.ReadDir("../../fixtures/bad")
	if err != nil || len(entries) < 16 {
		t.Fatalf("fixtures/bad: %d entries, %v", len(entries), err)
	}
}
