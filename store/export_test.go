package store

import (
	"context"
	"database/sql"

	"jixiao"
)

// Hooks for the tests in package store_test.

// ReaderPool returns db's pool of query-only connections.
func ReaderPool(db *DB) *sql.DB { return db.r }

// WriterPool returns db's writing connection pool (nil when read-only).
func WriterPool(db *DB) *sql.DB { return db.w }

// LoadMigrations is loadMigrations.
var LoadMigrations = loadMigrations

// MigrateTo is migrateTo: it brings the database of pool up to version
// target only.
var MigrateTo = migrateTo

// SaveOn runs SaveDocument on the database of pool, of schema version
// version, with the statements of that version: for writing test databases
// of an older version.
func SaveOn(ctx context.Context, pool *sql.DB, version int, d Document, forms []jixiao.Form) (int64, bool, error) {
	ws, err := prepareWriteStmts(ctx, pool, version)
	if err != nil {
		return 0, false, err
	}
	defer ws.close()
	db := &DB{path: "test", w: pool, ws: ws, r: pool}
	return db.SaveDocument(ctx, d, forms)
}

// LoadMigrationsN is loadMigrationsN.
var LoadMigrationsN = loadMigrationsN

// Docs is what the comments of the migrations say of one object.
type Docs struct {
	Doc              string
	Columns, Indexes map[string]string
}

// ParseDocs is parseDocs, for migrations from LoadMigrationsN.
func ParseDocs(ms []migration) map[string]Docs {
	out := map[string]Docs{}
	for name, d := range parseDocs(ms) {
		out[name] = Docs{d.doc, d.columns, d.indexes}
	}
	return out
}
