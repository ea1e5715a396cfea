package store_test

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/store"
)

var writeV2 = flag.Bool("write-v2", false, "rewrite testdata/v2.db, a database of schema version 2 holding v2Docs")

// v2Docs returns what testdata/v2.db holds: three fixture forms (numbers 1,
// 7 and 12 of fixtures/text/forms.txt, normalized) in two documents, as
// jixiao of schema version 2 stored them. Do not change it without
// rewriting the file (go test -run TestWriteV2 -write-v2).
func v2Docs(t *testing.T) []struct {
	doc   store.Document
	forms []jixiao.Form
} {
	t.Helper()
	all := fixtureForms(t)
	return []struct {
		doc   store.Document
		forms []jixiao.Form
	}{
		{doc("v2-a"), []jixiao.Form{all[0], all[6]}},
		{doc("v2-b"), []jixiao.Form{all[11]}},
	}
}

// TestWriteV2 writes testdata/v2.db when run with -write-v2: a database
// brought to schema version 2 only, holding v2Docs and one failure, saved
// by SaveDocument's statements of version 2.
func TestWriteV2(t *testing.T) {
	if !*writeV2 {
		t.Skip("rewrites testdata/v2.db with -write-v2 only")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := store.MigrateTo(ctx, db, 2); err != nil {
		t.Fatal(err)
	}
	for _, d := range v2Docs(t) {
		if _, _, err := store.SaveOn(ctx, db, 2, d.doc, d.forms); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec(`INSERT INTO failures (path, sha256, error_kind, message, failed_at)
		VALUES ('in/broken.pdf', NULL, 'malformed', 'extract in/broken.pdf: malformed: no xref', '2024-01-02T03:04:05.000000000Z')`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("VACUUM"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil { // checkpoints and removes the WAL
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join("testdata", "v2.db.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join("testdata", "v2.db")); err != nil {
		t.Fatal(err)
	}
}
