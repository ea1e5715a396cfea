package main

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"jixiao"
	"jixiao/store"
	"jixiao/store/export"
)

const statsHelp = `
Usage: jixiao stats [--db FILE] [--top N]

Prints what the database holds, counted: indicators by level-2 (` + jixiao.LabelLevel2 + `),
by kind of typed target, and by unit (of quantity and range targets); review
flags by code; forms by department (` + jixiao.LabelDepartment + `). Each table gives the count and
its share of the whole, largest first; --top keeps the N largest rows of
each (0: all). "(none)" counts rows where the field is absent.

Examples:
  jixiao stats
  jixiao stats --db 2023.db --top 0
`

// statsSections are the tables of jixiao stats: a title, the column
// heading, and a query giving (name, count) rows and the total.
var statsSections = []struct{ title, column, query string }{
	{"Indicators by level-2", "level2", `SELECT coalesce(level2, '(none)'), count(*) FROM indicators GROUP BY 1`},
	{"Indicators by kind of target", "kind", `SELECT kind, count(*) FROM indicator_targets GROUP BY 1`},
	{"Quantity and range targets by unit", "unit",
		`SELECT coalesce(nullif(unit, ''), '(none)'), count(*) FROM indicator_targets
		 WHERE kind IN ('quantity', 'range') GROUP BY 1`},
	{"Flags by code", "code", `SELECT code, count(*) FROM flags_open GROUP BY 1`},
	{"Forms by department", "department", `SELECT coalesce(department, '(none)'), count(*) FROM forms_current GROUP BY 1`},
}

func runStats(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "stats", statsHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to read")
	top := f.Int("top", 10, "print the N largest rows of each table (0: all)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() > 0 {
		return f.usageError("unexpected argument %q", f.Arg(0))
	}
	if *top < 0 {
		return f.usageError("--top %d: want 0 or more", *top)
	}
	db, code := openForReading(ctx, e, *dbPath)
	if db == nil {
		return code
	}
	defer db.Close()
	if err := writeStats(ctx, e.stdout, db, *top); err != nil {
		fmt.Fprintf(e.stderr, "jixiao stats: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	return exitOK
}

func writeStats(ctx context.Context, w io.Writer, db *store.DB, top int) error {
	s, err := db.Summary(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d document(s), %d form(s), %d indicator(s), %d flag(s), %d failure(s)\n",
		s.Documents, s.Forms, s.Indicators, s.Flags, s.Failures)
	for _, sec := range statsSections {
		var rows [][]string
		total := int64(0)
		// Largest first, then by name, so the output is stable.
		q := "WITH t(name, n) AS (" + sec.query + ") SELECT name, n FROM t ORDER BY n DESC, name"
		err := db.Query(ctx, q, func(_ []string, vals []any) error {
			if vals == nil {
				return nil
			}
			n, _ := vals[1].(int64)
			total += n
			rows = append(rows, []string{export.Text(vals[0]), strconv.FormatInt(n, 10)})
			return nil
		})
		if err != nil {
			return fmt.Errorf("%s: %w", sec.title, err)
		}
		fmt.Fprintf(w, "\n%s (%d)\n", sec.title, total)
		t := &textTable{header: []string{sec.column, "count", "share"}, right: []bool{false, true, true}, maxWidth: 40}
		shown := rows
		if top > 0 && len(rows) > top {
			shown = rows[:top]
		}
		for _, r := range shown {
			n, _ := strconv.ParseInt(r[1], 10, 64)
			t.rows = append(t.rows, []string{r[0], r[1], fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))})
		}
		if len(shown) < len(rows) {
			rest := int64(0)
			for _, r := range rows[len(shown):] {
				n, _ := strconv.ParseInt(r[1], 10, 64)
				rest += n
			}
			t.rows = append(t.rows, []string{fmt.Sprintf("(%d others)", len(rows)-len(shown)), strconv.FormatInt(rest, 10),
				fmt.Sprintf("%.1f%%", 100*float64(rest)/float64(total))})
		}
		if err := t.write(w); err != nil {
			return err
		}
	}
	return nil
}
