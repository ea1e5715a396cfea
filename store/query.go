package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// ErrNotReadOnly means a statement given to [DB.Query] would write, attach a
// database, or change a setting: Query runs reading statements only.
var ErrNotReadOnly = errors.New("only reading statements are allowed")

// sqliteRecursive is SQLITE_RECURSIVE (a WITH RECURSIVE clause), which
// go-sqlite3 does not export.
const sqliteRecursive = 33

// readPragmas are the pragmas that take an argument and only read: the
// schema, the integrity of the file, and lists of things.
var readPragmas = map[string]bool{
	"table_info": true, "table_xinfo": true, "table_list": true,
	"index_list": true, "index_info": true, "index_xinfo": true,
	"foreign_key_list": true, "foreign_key_check": true,
	"integrity_check": true, "quick_check": true,
}

// sideEffectPragmas take no argument but do more than read.
var sideEffectPragmas = map[string]bool{
	"optimize": true, "wal_checkpoint": true, "incremental_vacuum": true, "shrink_memory": true,
}

// authorize is an SQLite authorizer that allows reading only: SELECT,
// reading columns, functions (but load_extension), recursive queries,
// transactions, and pragmas that read. It returns the action it refused,
// or "" when it allowed it.
func authorize(op int, arg1, arg2 string) (refused string) {
	switch op {
	case sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqliteRecursive,
		sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT:
		return ""
	case sqlite3.SQLITE_FUNCTION:
		if strings.EqualFold(arg2, "load_extension") {
			return "load_extension()"
		}
		return ""
	case sqlite3.SQLITE_PRAGMA:
		name := strings.ToLower(arg1)
		if (arg2 == "" && !sideEffectPragmas[name]) || readPragmas[name] {
			return ""
		}
		if arg2 != "" {
			return fmt.Sprintf("PRAGMA %s = %s", arg1, arg2)
		}
		return "PRAGMA " + arg1
	case sqlite3.SQLITE_INSERT:
		return "INSERT into " + arg1
	case sqlite3.SQLITE_UPDATE:
		return "UPDATE of " + arg1
	case sqlite3.SQLITE_DELETE:
		return "DELETE from " + arg1
	case sqlite3.SQLITE_ATTACH:
		return "ATTACH"
	case sqlite3.SQLITE_DETACH:
		return "DETACH"
	}
	return fmt.Sprintf("a schema change or maintenance (SQLite action %d)", op)
}

// Query runs one SQL statement that reads, and calls fn with the names of
// its result columns (once, before any row; also when there is no row) and
// then with each row. A value is nil (NULL), int64, float64, string,
// []byte (a BLOB) or time.Time (a column declared DATE, DATETIME or
// TIMESTAMP, which the driver parses); vals is reused from row to row, so fn must copy what it keeps.
//
// Whatever the DB was opened with, the statement runs on a connection whose
// authorizer refuses anything but reading: a statement that would write
// (INSERT, UPDATE, DELETE, CREATE, DROP, …), ATTACH or DETACH a database,
// set a pragma, or load an extension fails, before it runs, with an error
// wrapping [ErrNotReadOnly] that names the action. Several statements
// separated by ";" are not supported (only the results of the last are
// seen). When fn returns an error, Query stops and returns it unwrapped.
// Safe for concurrent use.
func (db *DB) Query(ctx context.Context, query string, fn func(cols []string, vals []any) error) error {
	conn, err := db.r.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	defer conn.Close()
	var refused string
	err = setAuthorizer(conn, func(op int, arg1, arg2, _ string) int {
		if r := authorize(op, arg1, arg2); r != "" {
			if refused == "" {
				refused = r
			}
			return sqlite3.SQLITE_DENY
		}
		return sqlite3.SQLITE_OK
	})
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	// The connection goes back to the pool without the authorizer.
	defer setAuthorizer(conn, nil)

	rows, err := conn.QueryContext(ctx, query)
	if err != nil {
		if refused != "" {
			return fmt.Errorf("store: query refused (%s): %w", refused, ErrNotReadOnly)
		}
		return fmt.Errorf("store: query: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return fmt.Errorf("store: query: %w", err)
	}
	if err := fn(cols, nil); err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("store: query: %w", err)
		}
		if err := fn(cols, vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		if refused != "" {
			return fmt.Errorf("store: query refused (%s): %w", refused, ErrNotReadOnly)
		}
		return fmt.Errorf("store: query: %w", err)
	}
	return nil
}

// setAuthorizer installs fn as the authorizer of conn (nil removes it).
func setAuthorizer(conn *sql.Conn, fn func(int, string, string, string) int) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(*sqlite3.SQLiteConn)
		if !ok {
			return fmt.Errorf("unexpected driver connection %T", dc)
		}
		c.RegisterAuthorizer(fn)
		return nil
	})
}

// Tables returns the names of the plain tables of the database, in the
// order they were created: not the views, not the FTS5 indexes and their
// shadow tables, not SQLite's own. Safe for concurrent use.
func (db *DB) Tables(ctx context.Context) ([]string, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT s.name FROM sqlite_schema AS s
		JOIN pragma_table_list AS l ON l.name = s.name AND l.schema = 'main'
		WHERE s.type = 'table' AND l.type = 'table' AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\'
		ORDER BY s.rowid`)
	if err != nil {
		return nil, fmt.Errorf("store: tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("store: tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tables: %w", err)
	}
	return names, nil
}

// QuoteIdent quotes name as an SQL identifier ("name", with " doubled).
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
