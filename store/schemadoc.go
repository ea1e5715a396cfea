package store

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
)

// Object is a table, view or full-text index of the schema, with the
// meaning of it and of each of its columns.
type Object struct {
	Name    string
	Type    string // "table", "view" or "fts" (an FTS5 full-text index)
	Doc     string // what a row is; "" when the migrations do not say
	Columns []Column
	Indexes []Index // tables only; without the automatic ones of UNIQUE and PRIMARY KEY
	Unique  [][]string
}

// Column is a column of an [Object].
type Column struct {
	Name       string
	Type       string // declared type ("" for view expressions and FTS columns)
	NotNull    bool
	PrimaryKey bool
	References string // "table(column)" for a foreign key; else ""
	Doc        string // "" when the migrations do not say
}

// Index is an index of a table.
type Index struct {
	Name    string
	Columns []string
	Unique  bool
	Doc     string
}

// Schema describes the schema of this version of jixiao: every table,
// view and full-text index in the order the migrations create them, with
// their columns, foreign keys and indexes as SQLite reports them on a new
// database, and their meaning from the comments of the migration files
// (the one place the schema is documented: "jixiao schema" prints it,
// and docs/schema.md holds its markdown). Safe for concurrent use.
//
// Among the columns so documented is forms_current.identity_key (migration
// 7), which tells readings of the same real form apart: the budget year,
// the project name, department and implementing unit folded (white space
// and line breaks removed, full-width brackets and commas made ASCII, Latin
// letters lower-cased) and the total amount to the cent, joined by '|', all
// of the corrected record (and the form type, for a form other than a
// target form); NULL without a project name, unless it is a
// whole-department form with a department name. It is computed in
// SQL, so any SQLite reader gets the same key; forms_distinct keeps one
// reading per key and form_disagreements compares the readings.
func Schema(ctx context.Context) ([]Object, error) {
	db, err := sql.Open("sqlite3", "file::memory:?_foreign_keys=on")
	if err != nil {
		return nil, fmt.Errorf("store: schema: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one in-memory database
	if err := migrate(ctx, db); err != nil {
		return nil, fmt.Errorf("store: schema: %w", err)
	}
	docs := parseDocs(migrations)
	objs, err := describe(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("store: schema: %w", err)
	}
	for i := range objs {
		o := &objs[i]
		d := docs[o.Name]
		if d == nil {
			continue
		}
		o.Doc = d.doc
		for j := range o.Columns {
			o.Columns[j].Doc = d.columns[o.Columns[j].Name]
		}
		for j := range o.Indexes {
			o.Indexes[j].Doc = d.indexes[o.Indexes[j].Name]
		}
	}
	return objs, nil
}

// describe lists the tables, views and FTS5 tables of db with their
// structure, in creation order, leaving out SQLite's own tables and the
// shadow tables of the FTS5 tables.
func describe(ctx context.Context, db *sql.DB) ([]Object, error) {
	rows, err := db.QueryContext(ctx, `
		SELECT s.name, s.type, s.sql LIKE 'CREATE VIRTUAL TABLE%'
		FROM sqlite_schema AS s JOIN pragma_table_list AS l ON l.name = s.name AND l.schema = 'main'
		WHERE s.type IN ('table', 'view') AND s.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND l.type != 'shadow'
		ORDER BY s.rowid`)
	if err != nil {
		return nil, err
	}
	var objs []Object
	for rows.Next() {
		var o Object
		var virtual bool
		if err := rows.Scan(&o.Name, &o.Type, &virtual); err != nil {
			rows.Close()
			return nil, err
		}
		if virtual {
			o.Type = "fts"
		}
		objs = append(objs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range objs {
		if err := describeObject(ctx, db, &objs[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", objs[i].Name, err)
		}
	}
	return objs, nil
}

func describeObject(ctx context.Context, db *sql.DB, o *Object) error {
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, o.Name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c Column
		var pk int
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &pk); err != nil {
			rows.Close()
			return err
		}
		c.PrimaryKey = pk > 0 && o.Type == "table"
		o.Columns = append(o.Columns, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if o.Type != "table" {
		return nil
	}
	fks, err := db.QueryContext(ctx, `SELECT "from", "table", "to" FROM pragma_foreign_key_list(?)`, o.Name)
	if err != nil {
		return err
	}
	for fks.Next() {
		var from, table string
		var to sql.NullString
		if err := fks.Scan(&from, &table, &to); err != nil {
			fks.Close()
			return err
		}
		for j := range o.Columns {
			if o.Columns[j].Name == from {
				o.Columns[j].References = table + "(" + to.String + ")"
			}
		}
	}
	fks.Close()
	if err := fks.Err(); err != nil {
		return err
	}
	idx, err := db.QueryContext(ctx, `
		SELECT l.name, l."unique", l.origin, group_concat(i.name, ', ')
		FROM pragma_index_list(?1) AS l, pragma_index_info(l.name) AS i
		GROUP BY l.seq ORDER BY l.seq DESC`, o.Name)
	if err != nil {
		return err
	}
	defer idx.Close()
	for idx.Next() {
		var ix Index
		var origin, cols string
		if err := idx.Scan(&ix.Name, &ix.Unique, &origin, &cols); err != nil {
			return err
		}
		ix.Columns = strings.Split(cols, ", ")
		switch origin {
		case "c": // CREATE INDEX
			o.Indexes = append(o.Indexes, ix)
		case "u": // a UNIQUE constraint
			o.Unique = append(o.Unique, ix.Columns)
		}
	}
	return idx.Err()
}

// objectDoc is what the comments of the migrations say of one object.
type objectDoc struct {
	doc     string
	columns map[string]string
	indexes map[string]string
}

var (
	createRE   = regexp.MustCompile(`^CREATE (?:TABLE|VIRTUAL TABLE|VIEW) (\w+)\b`)
	indexRE    = regexp.MustCompile(`^CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?(\w+) ON (\w+)`)
	addColRE   = regexp.MustCompile(`^ALTER TABLE (\w+) ADD COLUMN (\w+)`)
	dropRE     = regexp.MustCompile(`^DROP (?:TABLE|VIEW) (?:IF EXISTS )?(\w+)`)
	viewColRE  = regexp.MustCompile(`(?i)\bAS\s+(\w+)\s*,?\s*$`)
	firstColRE = regexp.MustCompile(`^(\w+)`)
)

// notColumns are the words that start a line of a CREATE TABLE that is a
// constraint, not a column.
var notColumns = map[string]bool{"UNIQUE": true, "PRIMARY": true, "FOREIGN": true, "CHECK": true, "CONSTRAINT": true}

// parseDocs reads the comments of the migrations, in order, the way they
// are written (TestSchemaDocumented checks that every column has one):
//   - an object's meaning: the "--" lines right after its CREATE line;
//   - a column's: the comment ending its line: "name TYPE …, -- meaning" in
//     a CREATE TABLE, "expression AS name, -- meaning" in a CREATE VIEW,
//     "name, -- meaning" in an FTS5 table, and "ALTER TABLE t ADD COLUMN
//     name …; -- meaning";
//   - an index's: the comment ending its CREATE INDEX line.
//
// A later migration's DROP forgets what an earlier one said.
func parseDocs(ms []migration) map[string]*objectDoc {
	docs := map[string]*objectDoc{}
	get := func(name string) *objectDoc {
		d := docs[name]
		if d == nil {
			d = &objectDoc{columns: map[string]string{}, indexes: map[string]string{}}
			docs[name] = d
		}
		return d
	}
	for _, m := range ms {
		var cur *objectDoc // the object being created
		var view, inDoc bool
		for _, line := range strings.Split(m.sql, "\n") {
			s := strings.TrimSpace(line)
			code, comment, hasComment := strings.Cut(s, "--")
			code, comment = strings.TrimSpace(code), strings.TrimSpace(comment)
			if cur == nil {
				switch {
				case createRE.MatchString(code):
					name := createRE.FindStringSubmatch(code)[1]
					delete(docs, name)
					cur, inDoc = get(name), true
					view = strings.HasPrefix(code, "CREATE VIEW")
				case indexRE.MatchString(code) && hasComment:
					sm := indexRE.FindStringSubmatch(code)
					get(sm[2]).indexes[sm[1]] = comment
				case addColRE.MatchString(code) && hasComment:
					sm := addColRE.FindStringSubmatch(code)
					get(sm[1]).columns[sm[2]] = comment
				case dropRE.MatchString(code):
					delete(docs, dropRE.FindStringSubmatch(code)[1])
				}
				continue
			}
			if code == "" && hasComment {
				if inDoc {
					cur.doc = strings.TrimSpace(cur.doc + " " + comment)
				}
				continue
			}
			inDoc = false
			if hasComment && code != "" {
				var name string
				if view {
					if sm := viewColRE.FindStringSubmatch(code); sm != nil {
						name = sm[1]
					}
				} else if sm := firstColRE.FindStringSubmatch(code); sm != nil && !notColumns[strings.ToUpper(sm[1])] {
					name = sm[1]
				}
				if name != "" {
					cur.columns[name] = comment
				}
			}
			if strings.HasSuffix(code, ";") {
				cur = nil
			}
		}
	}
	return docs
}
