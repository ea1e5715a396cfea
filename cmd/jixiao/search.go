package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"jixiao/store"
)

const searchHelp = `
Usage: jixiao search [--db FILE] [--limit N] TEXT

Finds TEXT in project names, departments, implementing units, goal texts
and indicator names, and prints each field that contains it under its
form (form id, project name, department), with a snippet in which TEXT is
marked: [like this], or in bold on a terminal. TEXT is matched as a
substring (ASCII letters in either case); no wildcards or operators.

Text of 3 characters or more is looked up in the trigram full-text indexes
(fast on any size of database); 1 or 2 characters, which a trigram index
cannot find, are matched by scanning the tables (LIKE), which takes longer
on a large database but finds the same fields.

Hits come in form id order; --limit caps how many are printed (the total
is then given on the last line). Finding nothing is not an error: the
exit status is 0, with a note on stderr.

Examples:
  jixiao search 满意度
  jixiao search --db 2023.db --limit 5 档案
`

func runSearch(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "search", searchHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to search")
	limit := f.Int("limit", 20, "print at most this many hits")
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() != 1 {
		return f.usageError("want one search text (quote it if it has spaces), got %d arguments", f.NArg())
	}
	query := strings.TrimSpace(f.Arg(0))
	if query == "" {
		return f.usageError("empty search text")
	}
	if *limit < 1 {
		return f.usageError("--limit %d: want at least 1", *limit)
	}
	db, code := openForReading(ctx, e, *dbPath)
	if db == nil {
		return code
	}
	defer db.Close()
	hits, total, err := db.Search(ctx, query, *limit)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao search: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	if total == 0 {
		fmt.Fprintf(e.stderr, "jixiao search: no field contains %q\n", query)
		return exitOK
	}
	open, close := "[", "]"
	if isTerminal(e.stdout) {
		open, close = "\x1b[1;31m", "\x1b[0m"
	}
	printHits(e.stdout, hits, query, open, close)
	if total > len(hits) {
		fmt.Fprintf(e.stdout, "%d of %d hits shown (--limit)\n", len(hits), total)
	}
	return exitOK
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// printHits prints the hits grouped by form:
//
//	form 7  办案装备  某区公安分局
//	  indicator 2    [办案装备]验收合格率
func printHits(w io.Writer, hits []store.SearchHit, query, open, close string) {
	var last int64 = -1
	for _, h := range hits {
		if h.FormID != last {
			last = h.FormID
			head := fmt.Sprintf("form %d  %s", h.FormID, orNone(h.ProjectName))
			if h.Department != "" {
				head += "  " + h.Department
			}
			fmt.Fprintln(w, head)
		}
		where := h.Field
		if h.Field == "indicators.name" {
			where = fmt.Sprintf("indicator %d", h.Seq)
		}
		pad := strings.Repeat(" ", max(0, 17-len(where)))
		fmt.Fprintf(w, "  %s%s %s\n", where, pad, snippet(h.Text, query, 16, open, close))
	}
}

func orNone(s string) string {
	if s == "" {
		return "(no project name)"
	}
	return s
}

// snippet returns the part of text around the first occurrence of query,
// at most context characters on each side ("…" where text was cut), with
// every occurrence of query in it between open and close. Occurrences are
// found as Search finds them: ASCII letters in either case.
func snippet(text, query string, context int, open, close string) string {
	rs := []rune(oneLine(text))
	q := []rune(query)
	fold := func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	at := func(i int) bool {
		if i+len(q) > len(rs) {
			return false
		}
		for j, r := range q {
			if fold(rs[i+j]) != fold(r) {
				return false
			}
		}
		return true
	}
	first := -1
	for i := range rs {
		if at(i) {
			first = i
			break
		}
	}
	if first < 0 { // not in the text (cannot happen for a hit): show its start
		return truncateRunes(rs, 2*context)
	}
	from, to := max(0, first-context), min(len(rs), first+len(q)+context)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	for i := from; i < to; {
		if at(i) && i+len(q) <= to {
			b.WriteString(open + string(rs[i:i+len(q)]) + close)
			i += len(q)
			continue
		}
		b.WriteRune(rs[i])
		i++
	}
	if to < len(rs) {
		b.WriteString("…")
	}
	return b.String()
}

func truncateRunes(rs []rune, n int) string {
	if len(rs) <= n {
		return string(rs)
	}
	return string(rs[:n]) + "…"
}
