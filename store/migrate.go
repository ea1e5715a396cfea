package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// SchemaVersion is the schema version this package reads and writes: the
// number of migrations in the migrations directory. It is stored in the
// database as PRAGMA user_version.
const SchemaVersion = 11

//go:embed migrations/*.sql
var migrationFiles embed.FS

// A migration brings the schema from version-1 to version.
type migration struct {
	version int
	name    string // file name, for error messages
	sql     string
}

// migrations lists the migrations in order; migrations[i].version == i+1.
var migrations = mustLoadMigrations(migrationFiles)

// mustLoadMigrations reads the migration files of fsys. It panics when they
// are not numbered 1..SchemaVersion without gaps: a mistake in this package,
// caught by any test.
func mustLoadMigrations(fsys fs.FS) []migration {
	ms, err := loadMigrations(fsys)
	if err != nil {
		panic("store: " + err.Error())
	}
	return ms
}

func loadMigrations(fsys fs.FS) ([]migration, error) {
	return loadMigrationsN(fsys, SchemaVersion)
}

// loadMigrationsN reads the migration files of fsys, which must be want.
func loadMigrationsN(fsys fs.FS, want int) ([]migration, error) {
	names, err := fs.Glob(fsys, "migrations/*.sql") // sorted
	if err != nil {
		return nil, err
	}
	var ms []migration
	for i, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want a name starting %04d_", base, i+1)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	if len(ms) != want {
		return nil, fmt.Errorf("%d migration files but SchemaVersion is %d", len(ms), want)
	}
	return ms, nil
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// schemaVersion returns the database's user_version and whether it has any
// schema object at all.
func schemaVersion(ctx context.Context, q querier) (version int, empty bool, err error) {
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, false, fmt.Errorf("read schema version: %w", err)
	}
	var n int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
		return 0, false, fmt.Errorf("read schema: %w", err)
	}
	return version, n == 0, nil
}

// checkKnown returns an error unless a database of this version (and
// emptiness) can be brought to SchemaVersion.
func checkKnown(version int, empty bool) error {
	switch {
	case version > SchemaVersion:
		return fmt.Errorf("schema version %d, but this jixiao knows versions up to %d (upgrade jixiao): %w",
			version, SchemaVersion, ErrSchemaTooNew)
	case version == 0 && !empty:
		return fmt.Errorf("it has tables but no schema version: %w", ErrNotJixiao)
	}
	return nil
}

// checkVersion returns an error unless the database is at SchemaVersion.
func checkVersion(ctx context.Context, q querier) error {
	v, empty, err := schemaVersion(ctx, q)
	if err != nil {
		return err
	}
	if err := checkKnown(v, empty); err != nil {
		return err
	}
	if v < SchemaVersion {
		return fmt.Errorf("schema version %d, but this jixiao needs %d (open it read-write once to upgrade): %w",
			v, SchemaVersion, ErrSchemaTooOld)
	}
	return nil
}

// migrate applies the missing migrations, each in its own write transaction
// together with the new user_version, so a crash leaves the database at one
// version or the next. It is safe against another process migrating at the
// same time: the version is read again under the write lock.
func migrate(ctx context.Context, db *sql.DB) error {
	return migrateTo(ctx, db, SchemaVersion)
}

// migrateTo is migrate up to version target (at most SchemaVersion), for
// tests that need a database of an older version. A database already past
// target is left as it is.
func migrateTo(ctx context.Context, db *sql.DB, target int) error {
	if target > SchemaVersion {
		return fmt.Errorf("migrate to version %d: this jixiao knows versions up to %d", target, SchemaVersion)
	}
	v, empty, err := schemaVersion(ctx, db)
	if err != nil {
		return err
	}
	if err := checkKnown(v, empty); err != nil {
		return err
	}
	for v < target {
		if v, err = step(ctx, db, target); err != nil {
			return err
		}
	}
	return nil
}

// step applies the next migration, unless the database has reached target
// meanwhile, and returns the version reached.
func step(ctx context.Context, db *sql.DB, target int) (int, error) {
	tx, err := db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	v, empty, err := schemaVersion(ctx, tx)
	if err != nil {
		return 0, err
	}
	if err := checkKnown(v, empty); err != nil {
		return 0, err
	}
	if v >= target { // another process got here first
		return v, nil
	}
	m := migrations[v]
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return 0, fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
	}
	// PRAGMA takes no parameters; m.version is an int.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return 0, fmt.Errorf("migrate to version %d: %w", m.version, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("migrate to version %d: %w", m.version, err)
	}
	return m.version, nil
}
