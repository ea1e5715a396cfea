package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sync/atomic"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Errors reported by [Open], [OpenReadOnly] and the writing methods, wrapped
// with context; test for them with errors.Is.
var (
	// ErrSchemaTooNew means the database was written by a newer jixiao: its
	// schema version is above SchemaVersion. Upgrade jixiao to use it.
	ErrSchemaTooNew = errors.New("database schema too new")
	// ErrSchemaTooOld means a database opened read-only needs migrations
	// first. Open it once with Open to upgrade it.
	ErrSchemaTooOld = errors.New("database schema too old")
	// ErrNotJixiao means the file is an SQLite database of some other
	// program (it has tables but no jixiao schema version).
	ErrNotJixiao = errors.New("not a jixiao database")
	// ErrReadOnly means a write was attempted on a DB from OpenReadOnly.
	ErrReadOnly = errors.New("database opened read-only")
)

// Connection parameters, understood by github.com/mattn/go-sqlite3 (the "_"
// ones, applied to every pooled connection as it is opened) and by SQLite
// itself ("mode"). See the driver's documentation of its DSN.
const (
	// writeParams: WAL, so readers and the writer do not block each other;
	// wait up to 5 s for another process's lock; enforce foreign keys; and
	// take the write lock at BEGIN, so that a read-then-write transaction
	// waits for the lock (busy timeout) instead of failing with "database is
	// locked" when it first writes; and no mutex around each call into
	// SQLite (SQLITE_OPEN_NOMUTEX): database/sql, and SaveBatch through
	// sql.Conn.Raw, use a connection from one goroutine at a time, so the
	// lock on each call would only cost time.
	writeParams = "_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate&_mutex=no"
	// readParams: connections that refuse to write and begin deferred
	// (read) transactions.
	readParams = "_busy_timeout=5000&_foreign_keys=on&_query_only=on&_txlock=deferred"
	// readOnlyParams: as readParams, with the file itself opened read-only
	// (not created when missing).
	readOnlyParams = "mode=ro&" + readParams
)

// DB is a jixiao database, made by [Open] or [OpenReadOnly]. Its methods
// are safe for concurrent use by multiple goroutines; writes are serialized
// through one connection, and jixiao expects one writing process at a time
// (see the package overview).
type DB struct {
	path string
	w    *sql.DB     // the single writing connection; nil when read-only
	ws   *writeStmts // SaveDocument's statements, prepared on w; nil when read-only
	r    *sql.DB     // pool of query-only connections

	deferIndex atomic.Bool // SaveDocument leaves the search indexes to IndexPending
}

// Open opens the database at path, creating the file if it does not exist,
// and brings its schema up to date by applying the missing migrations.
//
// It fails with an error wrapping [ErrSchemaTooNew] for a database of a newer
// jixiao, [ErrNotJixiao] for an SQLite file of another program, and an
// SQLite error for a file that is not a database or cannot be created. The
// database is switched to WAL mode (a lasting property of the file), and
// every connection has foreign keys on and a 5 s busy timeout.
//
// Opening is idempotent; several processes may open the same file, but only
// one should write at a time.
func Open(ctx context.Context, path string) (*DB, error) {
	w, err := openPool(path, writeParams)
	if err != nil {
		return nil, err
	}
	// One connection for all writes: writes from this process queue here
	// (respecting their contexts) rather than in SQLite's busy handler.
	w.SetMaxOpenConns(1)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := migrate(ctx, w); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// Checkpoint the WAL every 10,000 pages instead of SQLite's 1,000: each
	// checkpoint syncs the file, and a large ingest would wait on them.
	// Durability is unchanged (WAL, synchronous=NORMAL). A writer
	// connection opened again later runs with SQLite's default.
	if _, err := w.ExecContext(ctx, "PRAGMA wal_autocheckpoint = 10000"); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	ws, err := prepareWriteStmts(ctx, w, SchemaVersion)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	r, err := openPool(path, readParams)
	if err != nil {
		ws.close()
		w.Close()
		return nil, err
	}
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		ws.close()
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db := &DB{path: path, w: w, ws: ws, r: r}
	// Documents saved by a batch that stopped before indexing them
	// (DeferSearchIndex) are indexed now.
	if err := db.IndexPending(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// OpenReadOnly opens an existing database at path for reading only: SQLite
// opens the file read-only (mode=ro) and the writing methods return an error
// wrapping [ErrReadOnly]. The file is not created when missing, and its
// schema is not migrated: a database whose schema version differs from
// [SchemaVersion] is refused with [ErrSchemaTooNew] or [ErrSchemaTooOld]
// (or [ErrNotJixiao]).
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	r, err := openPool(path, readOnlyParams)
	if err != nil {
		return nil, err
	}
	if err := r.PingContext(ctx); err != nil {
		r.Close()
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	if err := checkVersion(ctx, r); err != nil {
		r.Close()
		return nil, fmt.Errorf("store: open %s read-only: %w", path, err)
	}
	return &DB{path: path, r: r}, nil
}

// openPool returns a connection pool for the database file at path with the
// given DSN parameters. No connection is made yet.
func openPool(path, params string) (*sql.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("store: open: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	// An SQLite URI: the path escaped (a "?", "#" or "%" in it must not end
	// it early), then the parameters. go-sqlite3 passes URIs starting with
	// "file:" to SQLite whole.
	u := url.URL{Path: filepath.ToSlash(abs)}
	db, err := sql.Open("sqlite3", "file:"+u.EscapedPath()+"?"+params)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	return db, nil
}

// Close closes the database; later calls of its methods fail. Call it once
// the other methods have returned. Calling Close twice is harmless.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		db.closeStmts()
		errs = append(errs, db.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("store: close %s: %w", db.path, err)
	}
	return nil
}

// writer returns the writing pool, or an error wrapping ErrReadOnly.
func (db *DB) writer(op string) (*sql.DB, error) {
	if db.w == nil {
		return nil, fmt.Errorf("store: %s: %s: %w", op, db.path, ErrReadOnly)
	}
	return db.w, nil
}
