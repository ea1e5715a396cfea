package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"jixiao/store"
	"jixiao/store/export"
)

const queryHelp = `
Usage: jixiao query [--db FILE] [--format table|csv|json] [--max-width N] [--bom] 'SQL'|-

Runs one SQL statement that reads (SELECT, WITH, a PRAGMA that reads) on the
database and prints its result. The database is opened read-only, and a
statement that would write, attach another database or change a setting
is refused before it runs (exit status 1): the file is never changed.
"-" reads the statement from standard input (for a long query in a file).
Several statements ("SELECT 1; SELECT 2") are refused (exit status 2): run
them one by one. A ";" at the end, and comments, are fine.

Formats: table (default) aligns columns by display width, so Chinese text
lines up on a terminal, cuts cells wider than --max-width columns with "…",
and ends with the number of rows; csv is RFC 4180 with a header row (--bom
starts it with a UTF-8 byte-order mark, for Excel); json is an array of
objects, one row per line. NULL is an empty cell in table and csv, null in
json. The tables and views are described by "jixiao schema".

Examples:
  jixiao query 'SELECT level2, count(*) AS n FROM indicators GROUP BY level2 ORDER BY n DESC'
  jixiao query --format csv --bom 'SELECT * FROM forms_overview' > forms.csv
  jixiao query --format json "SELECT project_name, name, number FROM indicator_targets WHERE kind = 'quantity' AND unit = '%'"
  jixiao query --db 2023.db - < report.sql
`

func runQuery(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "query", queryHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to read")
	format := f.String("format", "table", "table, csv or json")
	maxWidth := f.Int("max-width", 40, "table: cut cells wider than this many columns (0: never)")
	bom := f.Bool("bom", false, "csv: start with a UTF-8 byte-order mark (for Excel)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() != 1 {
		return f.usageError("want one SQL statement (quote it, or - to read it from standard input), got %d arguments", f.NArg())
	}
	sql := f.Arg(0)
	if sql == "-" {
		b, err := io.ReadAll(e.stdin)
		if err != nil {
			fmt.Fprintf(e.stderr, "jixiao query: reading standard input: %v\n", err)
			return exitSomeFailed
		}
		sql = string(b)
	}
	switch n := countStatements(sql); {
	case n == 0:
		return f.usageError("no SQL statement given")
	case n > 1:
		return f.usageError("%d statements given: jixiao query runs one (separate runs for each, or join them with UNION ALL or WITH)", n)
	}
	var write func(context.Context, io.Writer, *store.DB, string) error
	switch *format {
	case "table":
		write = func(ctx context.Context, w io.Writer, db *store.DB, q string) error {
			return queryTable(ctx, w, db, q, *maxWidth)
		}
	case "csv":
		write = func(ctx context.Context, w io.Writer, db *store.DB, q string) error {
			return export.WriteQueryCSV(ctx, w, db, q, *bom)
		}
	case "json":
		write = queryJSON
	default:
		return f.usageError("unknown --format %q (want table, csv or json)", *format)
	}
	db, code := openForReading(ctx, e, *dbPath)
	if db == nil {
		return code
	}
	defer db.Close()
	if err := write(ctx, e.stdout, db, sql); err != nil {
		if errors.Is(err, store.ErrNotReadOnly) {
			fmt.Fprintf(e.stderr, "jixiao query: %v\n(the database is opened read-only: run SELECT, WITH or a PRAGMA that reads)\n", err)
			return exitSomeFailed
		}
		fmt.Fprintf(e.stderr, "jixiao query: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	return exitOK
}

// openForReading opens the database at path read-only, or reports why it
// cannot on stderr and returns nil and the exit status. A database of an
// older schema is upgraded first (saying so on stderr): opening an older
// database upgrades it, whichever command opens it.
func openForReading(ctx context.Context, e *env, path string) (*store.DB, int) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "jixiao: no database %s (run 'jixiao ingest' first)\n", path)
		return nil, exitSomeFailed
	}
	db, err := store.OpenReadOnly(ctx, path)
	if errors.Is(err, store.ErrSchemaTooOld) {
		fmt.Fprintf(e.stderr, "jixiao: upgrading %s to schema version %d\n", path, store.SchemaVersion)
		var w *store.DB
		if w, err = store.Open(ctx, path); err == nil {
			if err = w.Close(); err == nil {
				db, err = store.OpenReadOnly(ctx, path)
			}
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return nil, exitSomeFailed
	}
	return db, exitOK
}

// queryTable prints the result as an aligned table, numbers right-aligned,
// followed by the row count. It holds the whole result in memory (to size
// the columns).
func queryTable(ctx context.Context, w io.Writer, db *store.DB, query string, maxWidth int) error {
	t := &textTable{maxWidth: maxWidth}
	numeric := []bool{}
	seen := []bool{}
	err := db.Query(ctx, query, func(cols []string, vals []any) error {
		if vals == nil {
			t.header = append([]string(nil), cols...)
			numeric = make([]bool, len(cols))
			seen = make([]bool, len(cols))
			for i := range numeric {
				numeric[i] = true
			}
			return nil
		}
		row := make([]string, len(vals))
		for i, v := range vals {
			row[i] = export.Text(v)
			switch v.(type) {
			case nil:
			case int64, float64:
				seen[i] = true
			default:
				numeric[i] = false
			}
		}
		t.rows = append(t.rows, row)
		return nil
	})
	if err != nil {
		return err
	}
	for i := range numeric {
		numeric[i] = numeric[i] && seen[i]
	}
	t.right = numeric
	if err := t.write(w); err != nil {
		return err
	}
	noun := "rows"
	if len(t.rows) == 1 {
		noun = "row"
	}
	_, err = fmt.Fprintf(w, "(%d %s)\n", len(t.rows), noun)
	return err
}

// queryJSON prints the result as a JSON array of objects whose keys are
// the column names in order, one row per line. Strings are not
// HTML-escaped; a BLOB is base64, a time RFC 3339.
func queryJSON(ctx context.Context, w io.Writer, db *store.DB, query string) error {
	bw := bufio.NewWriter(w)
	var keys [][]byte
	n := 0
	err := db.Query(ctx, query, func(cols []string, vals []any) error {
		if vals == nil {
			for _, c := range cols {
				k, err := marshalJSON(c)
				if err != nil {
					return err
				}
				keys = append(keys, k)
			}
			return nil
		}
		if n == 0 {
			bw.WriteString("[\n{")
		} else {
			bw.WriteString(",\n{")
		}
		n++
		for i, v := range vals {
			if i > 0 {
				bw.WriteString(", ")
			}
			if t, ok := v.(time.Time); ok {
				v = t.Format(time.RFC3339Nano)
			}
			b, err := marshalJSON(v)
			if err != nil {
				return err
			}
			bw.Write(keys[i])
			bw.WriteString(": ")
			bw.Write(b)
		}
		bw.WriteString("}")
		return nil
	})
	if err != nil {
		return err
	}
	if n == 0 {
		bw.WriteString("[]\n")
	} else {
		bw.WriteString("\n]\n")
	}
	return bw.Flush()
}

// marshalJSON encodes v without HTML escaping and without a newline.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// countStatements returns the number of SQL statements in sql: the
// non-empty runs of text between semicolons, where a semicolon, or an
// empty run, counts only outside string literals ('…'), quoted identifiers
// ("…", `…`, […]) and comments (-- to the end of the line, /* … */). So
// "SELECT 1;" is one statement, "SELECT ';'" too, "SELECT 1; SELECT 2"
// two, and "-- nothing" none. It does not know SQL beyond that: the body
// of a CREATE TRIGGER (which query refuses anyway) counts as several.
func countStatements(sql string) int {
	n := 0
	inStmt := false // a token of the current statement was seen
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ';':
			if inStmt {
				n++
			}
			inStmt = false
			i++
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			if j := strings.IndexByte(sql[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = len(sql)
			}
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			if j := strings.Index(sql[i+2:], "*/"); j >= 0 {
				i += 2 + j + 2
			} else {
				i = len(sql) // SQLite ends an unclosed comment at the end
			}
		case c == '\'' || c == '"' || c == '`' || c == '[':
			end := c
			if c == '[' {
				end = ']'
			}
			inStmt = true
			i++
			for i < len(sql) {
				if sql[i] == end {
					// '' (or "", ``) inside is the quote itself.
					if end != ']' && i+1 < len(sql) && sql[i+1] == end {
						i += 2
						continue
					}
					break
				}
				i++
			}
			i++ // the closing quote
		default:
			inStmt = true
			i++
		}
	}
	if inStmt {
		n++
	}
	return n
}
