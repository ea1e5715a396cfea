package main

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao/store"
)

// TestReadWhileIngesting reads the database over and over, the way
// `jixiao export` does (store.OpenReadOnly, then a streaming read of one
// snapshot), while another process ingests a large batch into it. No read
// may fail (no "database is locked"), and each snapshot must be
// consistent: every document in it has all its forms, and snapshots only
// grow.
func TestReadWhileIngesting(t *testing.T) {
	bin := buildJixiao(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	files := 150
	writeCorpus(t, corpus, files, 5)
	db := filepath.Join(dir, "j.db")
	// The schema exists before the reader starts.
	if code, _, errOut := runBin(t, bin, "ingest", "--db", db, fixture); code != 0 {
		t.Fatal(errOut)
	}

	cmd := exec.Command(bin, "ingest", "--db", db, "-j", "2", corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	ctx := context.Background()
	var snapshots []map[string]int // forms per document SHA-256
	reads, lastForms := 0, 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("ingest: %v", err)
			}
			running = false
		default:
		}
		// The export command (the binary: in process, the race
		// detector would make each read slow).
		code, out, errOut := runBin(t, bin, "export", "--db", db)
		if code != 0 || errOut != "" {
			t.Fatalf("export during ingest: exit %d: %s", code, errOut)
		}
		perDoc := map[string]int{}
		n := 0
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var r struct{ Source struct{ SHA256 string } }
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatalf("export during ingest: %v in %.100q", err, l)
			}
			perDoc[r.Source.SHA256]++
			n++
		}
		if n < lastForms {
			t.Errorf("a later snapshot holds fewer forms: %d after %d", n, lastForms)
		}
		lastForms = n
		snapshots = append(snapshots, perDoc)

		// And the store API: a summary taken from one snapshot.
		r, err := store.OpenReadOnly(ctx, db)
		if err != nil {
			t.Fatalf("open read-only during ingest: %v", err)
		}
		s, err := r.Summary(ctx)
		r.Close()
		if err != nil {
			t.Fatalf("summary during ingest: %v", err)
		}
		if s.Forms < n {
			t.Errorf("summary after an export holds %d forms, the export %d", s.Forms, n)
		}
		reads++
		time.Sleep(10 * time.Millisecond)
	}

	// Every snapshot holds each of its documents whole.
	final := snapshots[len(snapshots)-1]
	if len(final) != files+1 {
		t.Fatalf("final snapshot holds %d documents, want %d", len(final), files+1)
	}
	partial := 0
	for _, snap := range snapshots {
		if len(snap) > 1 && len(snap) < files+1 {
			partial++
		}
		for sha, n := range snap {
			if n != final[sha] {
				t.Errorf("a snapshot holds %d forms of document %.12s, which has %d", n, sha, final[sha])
			}
		}
	}
	t.Logf("%d reads during the ingest, %d of them saw a partly ingested batch", reads, partial)
	if partial == 0 {
		t.Error("no read happened while the ingest was under way")
	}
}
