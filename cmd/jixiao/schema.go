package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"jixiao/store"
)

const schemaHelp = `
Usage: jixiao schema [--format text|markdown] [NAME...]

Prints the database schema of this version of jixiao: every table, view and
full-text index, what one row of it is, and each column with its type and
meaning; foreign keys, unique keys and indexes. With NAMEs, only those
tables or views. The text comes from the comments of the schema's
migration files, the one place it is written (docs/schema.md in the
repository ends with this command's markdown output).

Examples:
  jixiao schema
  jixiao schema indicator_targets
  jixiao schema --format markdown > schema.md
`

func runSchema(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "schema", schemaHelp)
	format := f.String("format", "text", "text or markdown")
	if code, stop := f.parse(args); stop {
		return code
	}
	var write func(io.Writer, []store.Object)
	switch *format {
	case "text":
		write = schemaText
	case "markdown":
		write = schemaMarkdown
	default:
		return f.usageError("unknown --format %q (want text or markdown)", *format)
	}
	objs, err := store.Schema(ctx)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao schema: %v\n", err)
		return exitSomeFailed
	}
	if f.NArg() > 0 {
		byName := map[string]store.Object{}
		for _, o := range objs {
			byName[o.Name] = o
		}
		var picked []store.Object
		for _, n := range f.Args() {
			o, ok := byName[n]
			if !ok {
				return f.usageError("no table or view %q", n)
			}
			picked = append(picked, o)
		}
		objs = picked
	}
	write(e.stdout, objs)
	return exitOK
}

// kindName says what an object is, in words.
func kindName(o store.Object) string {
	switch o.Type {
	case "view":
		return "view"
	case "fts":
		return "full-text index (FTS5, trigram)"
	}
	return "table"
}

// columnNotes are a column's constraints in words: "primary key",
// "not null", "→ forms(id)".
func columnNotes(c store.Column) string {
	var notes []string
	if c.PrimaryKey {
		notes = append(notes, "primary key")
	}
	if c.NotNull {
		notes = append(notes, "not null")
	}
	if c.References != "" {
		notes = append(notes, "→ "+c.References)
	}
	return strings.Join(notes, ", ")
}

func schemaText(w io.Writer, objs []store.Object) {
	fmt.Fprintf(w, "jixiao database schema, version %d\n", store.SchemaVersion)
	for _, o := range objs {
		fmt.Fprintf(w, "\n%s (%s)\n", o.Name, kindName(o))
		if o.Doc != "" {
			fmt.Fprintf(w, "  %s\n", o.Doc)
		}
		t := &textTable{header: []string{"column", "type", "constraints", "meaning"}}
		for _, c := range o.Columns {
			t.rows = append(t.rows, []string{c.Name, c.Type, columnNotes(c), c.Doc})
		}
		var b strings.Builder
		t.write(&b)
		for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
			fmt.Fprintf(w, "  %s\n", line)
		}
		for _, u := range o.Unique {
			fmt.Fprintf(w, "  unique: (%s)\n", strings.Join(u, ", "))
		}
		for _, ix := range o.Indexes {
			fmt.Fprintf(w, "  index %s (%s): %s\n", ix.Name, strings.Join(ix.Columns, ", "), ix.Doc)
		}
	}
}

func schemaMarkdown(w io.Writer, objs []store.Object) {
	// Markdown table cells: "|" would end the cell, and <name> would be
	// taken for an HTML tag.
	cell := strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;").Replace
	for i, o := range objs {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "#### `%s` (%s)\n\n", o.Name, kindName(o))
		if o.Doc != "" {
			fmt.Fprintf(w, "%s\n\n", cell(o.Doc))
		}
		fmt.Fprintln(w, "| column | type | meaning |")
		fmt.Fprintln(w, "|---|---|---|")
		for _, c := range o.Columns {
			typ := c.Type
			if n := columnNotes(c); n != "" {
				typ = strings.TrimPrefix(typ+", "+n, ", ")
			}
			fmt.Fprintf(w, "| `%s` | %s | %s |\n", c.Name, cell(typ), cell(c.Doc))
		}
		var keys []string
		for _, u := range o.Unique {
			keys = append(keys, fmt.Sprintf("unique (`%s`)", strings.Join(u, "`, `")))
		}
		for _, ix := range o.Indexes {
			keys = append(keys, fmt.Sprintf("index `%s` (`%s`): %s", ix.Name, strings.Join(ix.Columns, "`, `"), cell(ix.Doc)))
		}
		if len(keys) > 0 {
			fmt.Fprintln(w)
			for _, k := range keys {
				fmt.Fprintf(w, "- %s\n", k)
			}
		}
	}
}
