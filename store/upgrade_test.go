package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"jixiao/store"
)

// upgraded returns a database that held rows at schema version, opened
// (and so upgraded to SchemaVersion) by store.Open; it is closed at the
// end of the test.
func upgraded(t *testing.T, version int, rows []string) *store.DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(1)
	if err := store.MigrateTo(ctx, raw, version); err != nil {
		t.Fatal(err)
	}
	for _, s := range rows {
		if _, err := raw.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// valueCheck is a query of one row whose column v must be want.
type valueCheck struct {
	name, query string
	want        any
}

// checkValues runs each check on db.
func checkValues(t *testing.T, db *store.DB, checks []valueCheck) {
	t.Helper()
	for _, c := range checks {
		rows := queryRows(t, db, c.query)
		if len(rows) != 1 || rows[0]["v"] != c.want {
			t.Errorf("%s: %v, want %v", c.name, rows, c.want)
		}
	}
}
