package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"jixiao/extract/ocr/ocrtest"
	"jixiao/store"
)

const noFormText = "会议纪要\n今天讨论了预算。\n"

// buildJixiao builds the jixiao binary into a temporary directory and
// returns its path.
func buildJixiao(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "jixiao")
	cmd := exec.Command("go", "build", "-tags", "sqlite_fts5", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// writeCorpus writes files distinct text exports into dir, each made of
// perFile pieces of the fixture cut at its title lines (a piece holds one
// form, two where the fixture's form has no title line), each with a
// serial number in its first project name, as cmd/gencorpus does.
func writeCorpus(t *testing.T, dir string, files, perFile int) {
	t.Helper()
	const title = "财政项目支出绩效目标申报表"
	var forms []string
	for _, part := range strings.Split(string(readFixture(t)), "\n"+title) {
		if !strings.HasPrefix(part, title) {
			part = title + part
		}
		forms = append(forms, part+"\n")
	}
	n := 0
	for f := range files {
		var b strings.Builder
		for range perFile {
			form := forms[n%len(forms)]
			n++
			b.WriteString(strings.Replace(form, "项目名称\t", fmt.Sprintf("项目名称\t样本%06d-", n), 1))
		}
		copyFile(t, filepath.Join(dir, fmt.Sprintf("forms-%04d.txt", f)), []byte(b.String()))
	}
}

// testSeed returns the seed of a randomized test: JIXIAO_SEED when set,
// else the time; it is logged so that a failure can be replayed.
func testSeed(t *testing.T) uint64 {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("JIXIAO_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("JIXIAO_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("seed %d (replay with JIXIAO_SEED=%d)", seed, seed)
	return seed
}

// runBin runs the binary to completion and returns its exit status and
// output.
func runBin(t *testing.T, bin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// checkWhole checks the invariants that hold after any crash: SQLite's
// integrity check passes, every document has exactly the forms it
// announces (none half-written), and no document is stored twice. It
// returns the number of documents.
func checkWhole(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	var tables, docs, half, dup int
	err = db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity)
	if err == nil {
		// Killed before the first migration committed: an empty file.
		err = db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'documents'`).Scan(&tables)
	}
	if err == nil && tables == 1 {
		err = db.QueryRow(`SELECT count(*),
			count(*) FILTER (WHERE form_count != (SELECT count(*) FROM forms f WHERE f.document_id = d.id)),
			count(*) - count(DISTINCT sha256)
			FROM documents d`).Scan(&docs, &half, &dup)
	}
	if err != nil {
		t.Fatal(err)
	}
	if integrity != "ok" || half != 0 || dup != 0 {
		t.Errorf("%s: integrity %q, %d half-written documents, %d duplicates", path, integrity, half, dup)
	}
	return docs
}

// TestKillAndResume ingests a batch uninterrupted, then again several
// times, each time SIGKILLing the process at a random moment (seeded)
// and running the same command again: every database ends equal to the
// uninterrupted one, and right after each kill no document is half
// written.
func TestKillAndResume(t *testing.T) {
	bin := buildJixiao(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	files := 120
	writeCorpus(t, corpus, files, 5)
	// Two files that fail: a failure is logged again by each run that
	// meets it (one row per attempt), so failures compare as a set.
	copyFile(t, filepath.Join(corpus, "forms-0050-empty.txt"), nil)
	copyFile(t, filepath.Join(corpus, "forms-0100-noform.txt"), []byte(noFormText))
	ref := filepath.Join(dir, "ref.db")
	start := time.Now()
	if code, out, errOut := runBin(t, bin, "ingest", "--db", ref, "-j", "2", corpus); code != exitSomeFailed {
		t.Fatalf("uninterrupted run: exit %d: %s %s", code, out, errOut)
	}
	full := time.Since(start)
	refForms, refFail := canonicalDumpBy(t, ref, bin)
	t.Logf("uninterrupted: %d files, %d forms in %v", files, len(refForms), full)
	if len(refForms) < files*5 || checkWhole(t, ref) != files || len(refFail) != 2 {
		t.Fatalf("reference holds %d forms", len(refForms))
	}

	rng := rand.New(rand.NewPCG(testSeed(t), 8))
	killed := 0
	for k := range 3 {
		db := filepath.Join(dir, fmt.Sprintf("k%d.db", k))
		args := []string{"ingest", "--db", db, "-j", "2", corpus}
		// Kill once or twice, each time somewhere in the first 60% of
		// an uninterrupted run's time (this machine's speed varies).
		for range 1 + k%2 {
			frac := rng.Float64() * 0.6 // replayed by the seed; the time scales with this machine
			delay := time.Duration(frac * float64(full))
			cmd := exec.Command(bin, args...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(delay)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				killed++
				docs := 0
				if _, statErr := os.Stat(db); statErr == nil {
					docs = checkWhole(t, db)
				}
				t.Logf("kill point %d: SIGKILL after %v, %d of %d documents stored", k, delay, docs, files)
			} else {
				t.Logf("kill point %d: finished before the kill at %v (%v)", k, delay, err)
			}
		}
		code, out, errOut := runBin(t, bin, args...)
		if code != exitSomeFailed {
			t.Fatalf("kill point %d: rerun: exit %d: %s %s", k, code, out, errOut)
		}
		checkWhole(t, db)
		f, fl := canonicalDumpBy(t, db, bin)
		sameDump(t, fmt.Sprintf("kill point %d", k), refForms, refFail, f, slices.Compact(fl))
	}
	if killed == 0 {
		t.Error("no run was killed before it finished")
	}
}

// TestInterruptResume sends SIGINT once the first documents are stored:
// the process stops, keeps what it stored, says how to resume and exits
// 130; the same command then completes the batch.
func TestInterruptResume(t *testing.T) {
	bin := buildJixiao(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	files := 150
	writeCorpus(t, corpus, files, 5)
	db := filepath.Join(dir, "j.db")
	args := []string{"ingest", "--db", db, "-j", "2", corpus}
	var errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stderr = &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until something is stored (reading alongside the writer).
	deadline := time.Now().Add(30 * time.Second)
	for docs := 0; docs == 0; {
		if time.Now().After(deadline) {
			t.Fatal("nothing stored after 30 s")
		}
		time.Sleep(20 * time.Millisecond)
		if r, err := store.OpenReadOnly(context.Background(), db); err == nil {
			if s, err := r.Summary(context.Background()); err == nil {
				docs = s.Documents
			}
			r.Close()
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("no exit 30 s after SIGINT")
	}
	stored := checkWhole(t, db)
	code := cmd.ProcessState.ExitCode()
	t.Logf("SIGINT: exit %d with %d of %d documents stored", code, stored, files)
	if stored == files {
		t.Skip("the batch finished before the interrupt took effect")
	}
	if code != exitInterrupted || !strings.Contains(errb.String(), "Run the same command again to resume") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
	if c, out, e := runBin(t, bin, args...); c != 0 || !strings.Contains(out, fmt.Sprintf("%d already stored", stored)) {
		t.Fatalf("resume: exit %d: %s %s", c, out, e)
	}
	if n := checkWhole(t, db); n != files {
		t.Errorf("after resuming: %d documents, want %d", n, files)
	}
}

// TestInterruptScan sends SIGINT while a three-page image-only PDF is read
// by OCR (in a worker process, and in the ingest process itself), once
// its first OCR reader has started: the scan stops between pages (the
// worker is killed), and the process exits 130 within a few seconds,
// having stored nothing of it and logged no failure. A second SIGINT
// right after the first exits at once, also 130. The same command then
// reads the scan whole.
func TestInterruptScan(t *testing.T) {
	ocrtest.Require(t, "HanS", "chi_sim", "eng")
	bin := buildJixiao(t)
	scan, err := filepath.Abs("../../fixtures/scan/small/genpdf-a-001-003.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		flags   []string
		signals int
		resume  bool
	}{
		{"worker", nil, 1, true},
		{"in-process", []string{"--in-process"}, 1, false},
		{"twice", nil, 2, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "j.db")
			args := append([]string{"ingest", "--db", db, "-j", "1", scan}, tc.flags...)
			cmd := exec.Command(bin, args...)
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			var errb strings.Builder
			reading := make(chan struct{})
			copied := make(chan struct{})
			go func() {
				defer close(copied)
				buf := make([]byte, 4096)
				seen := false
				for {
					n, err := stderr.Read(buf)
					errb.Write(buf[:n])
					if !seen && strings.Contains(errb.String(), "jixiao: reading scans with") {
						seen = true
						close(reading)
					}
					if err != nil {
						return
					}
				}
			}()
			select {
			case <-reading:
			case <-time.After(60 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("no OCR reader started in 60 s")
			}
			time.Sleep(500 * time.Millisecond) // into the first page
			sent := time.Now()
			for range tc.signals {
				if err := cmd.Process.Signal(os.Interrupt); err != nil {
					t.Fatal(err)
				}
				time.Sleep(20 * time.Millisecond)
			}
			done := make(chan error, 1)
			go func() { <-copied; done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatal("no exit 30 s after SIGINT")
			}
			took := time.Since(sent)
			code := cmd.ProcessState.ExitCode()
			t.Logf("exit %d %v after SIGINT", code, took)
			if code != exitInterrupted {
				t.Errorf("exit %d, want %d; stderr %q", code, exitInterrupted, errb.String())
			}
			if took > 5*time.Second {
				t.Errorf("exit %v after SIGINT, want a few seconds at most", took)
			}
			if tc.signals == 1 && !strings.Contains(errb.String(), "Run the same command again to resume") {
				t.Errorf("stderr %q", errb.String())
			}
			if _, err := os.Stat(db); err == nil {
				if n := checkWhole(t, db); n != 0 {
					t.Fatalf("%d documents stored: the scan finished before the interrupt", n)
				}
				if code, out, _ := runBin(t, bin, "query", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM failures"); code != 0 || out != "n\n0\n" {
					t.Errorf("failures after the interrupt: exit %d, %q", code, out)
				}
			}
			if !tc.resume {
				return
			}
			code, out, errOut := runBin(t, bin, args...)
			if code != 0 || !strings.Contains(out, "ingested 1 document(s) (3 scanned page(s))") || !strings.Contains(out, "0 already stored; 0 failed") {
				t.Errorf("resume: exit %d: %s %s", code, out, errOut)
			}
		})
	}
}
