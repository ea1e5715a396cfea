package store

import "database/sql"

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
