package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"jixiao/store"
)

// TestMigrateFailures checks that version 9 folds the failure rows of a
// version 6 database (one per attempt) into one row per file.
func TestMigrateFailures(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v6.db")
	raw, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.MigrateTo(ctx, raw, 6); err != nil {
		t.Fatal(err)
	}
	for _, r := range [][]any{
		{"a.pdf", "aa", "malformed", "first", "2026-01-01T00:00:00.000000000Z"},
		{"gone.pdf", nil, "I/O", "gone", "2026-01-01T00:00:01.000000000Z"},
		{"a.pdf", "aa", "timeout", "second", "2026-01-02T00:00:00.000000000Z"},
		{"a.pdf", "bb", "crashed", "other bytes", "2026-01-02T00:00:01.000000000Z"},
		{"gone.pdf", nil, "I/O", "gone again", "2026-01-03T00:00:00.000000000Z"},
		{"a.pdf", "aa", "timeout", "third", "2026-01-04T00:00:00.000000000Z"},
	} {
		if _, err := raw.Exec(`INSERT INTO failures (path, sha256, error_kind, message, failed_at) VALUES (?, ?, ?, ?, ?)`, r...); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := store.ReaderPool(db).QueryContext(ctx, `SELECT path, ifnull(sha256, '-'), error_kind, message, failed_at, attempts FROM failures ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []string{
		"a.pdf aa timeout third 2026-01-04T00:00:00.000000000Z 3",
		"gone.pdf - I/O gone again 2026-01-03T00:00:00.000000000Z 2",
		"a.pdf bb crashed other bytes 2026-01-02T00:00:01.000000000Z 1",
	}
	var got []string
	for rows.Next() {
		var p, sha, kind, msg, at string
		var n int
		if err := rows.Scan(&p, &sha, &kind, &msg, &at, &n); err != nil {
			t.Fatal(err)
		}
		got = append(got, p+" "+sha+" "+kind+" "+msg+" "+at+" "+strconv.Itoa(n))
	}
	if len(got) != len(want) {
		t.Fatalf("failures after migration:\n%q\nwant\n%q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("failure %d: %q, want %q", i, got[i], want[i])
		}
	}
	// A new failure of a folded file counts as a further attempt.
	first, err := db.RecordFailure(ctx, "a.pdf", "aa", "timeout", "fourth")
	if err != nil || first {
		t.Errorf("RecordFailure after migration: first %v, %v", first, err)
	}
}

// TestMergeFailureOfRecordedFile checks that merging a database whose
// failure is of a file the output has a failure of too does not fail, and
// that a later failure of it counts in one row.
func TestMergeFailureOfRecordedFile(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, err := db.RecordFailure(ctx, "a.pdf", "aa", "timeout", "first"); err != nil {
		t.Fatal(err)
	}
	added, err := db.MergeFailure(ctx, store.Failure{Path: "a.pdf", SHA256: "aa", Kind: "crashed", Message: "elsewhere", FailedAt: time.Now()})
	if err != nil || !added {
		t.Fatalf("MergeFailure: added %v, %v", added, err)
	}
	first, err := db.RecordFailure(ctx, "a.pdf", "aa", "timeout", "again")
	if err != nil || first {
		t.Fatalf("RecordFailure after merge: first %v, %v", first, err)
	}
	var n, attempts int
	if err := store.ReaderPool(db).QueryRowContext(ctx, `SELECT count(*), sum(attempts) FROM failures`).Scan(&n, &attempts); err != nil {
		t.Fatal(err)
	}
	if n != 2 || attempts != 3 {
		t.Errorf("%d rows, %d attempts; want 2 rows (one merged), 3 attempts", n, attempts)
	}
}
