package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"golang.org/x/term"

	"jixiao"
	"jixiao/store"
)

const searchHelp = `
Usage: jixiao search [--db FILE] [--limit N] WORD...

Finds the forms in which every WORD occurs, and prints each field of them
that contains one of the words under its form (form id, project name,
department), with a snippet in which the words are marked: [like this],
or in bold on a terminal. The fields searched are project names,
departments, implementing units, goal texts, indicator names and the
deviation reasons of self-evaluation forms. A word
is matched as a substring (ASCII letters in either case); no wildcards or
operators. Words are separated by spaces, in one argument or several, as
in the search box of "jixiao serve": a form matches when each word is in
one of its fields, not necessarily the same.

Words of 3 characters or more are looked up in the trigram full-text
indexes (fast on any size of database); 1 or 2 characters, which a trigram
index cannot find, are matched by scanning the tables (LIKE), which takes
longer on a large database but finds the same fields.

Hits come in form id order; --limit caps how many are printed (the total
is then given on the last line). Finding nothing is not an error: the
exit status is 0, with a note on stderr.

Examples:
  jixiao search 满意度
  jixiao search 公安 装备 验收
  jixiao search --db 2023.db --limit 5 档案
`

func runSearch(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "search", searchHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to search")
	limit := f.Int("limit", 20, "print at most this many hits")
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() == 0 {
		return f.usageError("want a search text")
	}
	words := strings.Fields(strings.Join(f.Args(), " "))
	if len(words) == 0 {
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
	hits, total, err := searchWords(ctx, db, words, *limit)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao search: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	if total == 0 {
		if len(words) == 1 {
			fmt.Fprintf(e.stderr, "jixiao search: no field contains %q\n", words[0])
		} else {
			fmt.Fprintf(e.stderr, "jixiao search: no form contains all of %q\n", words)
		}
		return exitOK
	}
	open, close := "[", "]"
	if isTerminal(e.stdout) {
		open, close = "\x1b[1;31m", "\x1b[0m"
	}
	printHits(e.stdout, hits, words, open, close)
	if total > len(hits) {
		fmt.Fprintf(e.stdout, "%d of %d hits shown (--limit)\n", len(hits), total)
	}
	return exitOK
}

// hitOrder is the order of store.SearchHit.Field within a form, as
// store.DB.Search lists them.
var hitOrder = func() map[string]int {
	m := map[string]int{}
	for i, f := range store.SearchFields() {
		m[f] = i
	}
	return m
}()

// searchWords returns the first limit hits, and the number of hits in all,
// of the fields that contain one of words in the forms that contain every
// one of them, in form id order (then as store.DB.Search orders them). A
// field that contains several words is one hit. One word is one
// store.DB.Search; several are one each, for all their hits, intersected
// by form.
func searchWords(ctx context.Context, db *store.DB, words []string, limit int) ([]store.SearchHit, int, error) {
	if len(words) == 1 {
		return db.Search(ctx, words[0], limit)
	}
	type key struct {
		form  int64
		field string
		seq   int
	}
	var (
		forms map[int64]bool // the forms that contain every word so far
		all   = map[key]store.SearchHit{}
	)
	for _, w := range words {
		hits, _, err := db.Search(ctx, w, math.MaxInt32)
		if err != nil {
			return nil, 0, err
		}
		has := map[int64]bool{}
		for _, h := range hits {
			if forms == nil || forms[h.FormID] {
				has[h.FormID] = true
				all[key{h.FormID, h.Field, h.Seq}] = h
			}
		}
		if forms = has; len(forms) == 0 {
			return nil, 0, nil
		}
	}
	var hits []store.SearchHit
	for _, h := range all {
		if forms[h.FormID] {
			hits = append(hits, h)
		}
	}
	slices.SortFunc(hits, func(a, b store.SearchHit) int {
		return cmp.Or(cmp.Compare(a.FormID, b.FormID), cmp.Compare(hitOrder[a.Field], hitOrder[b.Field]), cmp.Compare(a.Seq, b.Seq))
	})
	total := len(hits)
	return hits[:min(limit, total)], total, nil
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
func printHits(w io.Writer, hits []store.SearchHit, words []string, open, close string) {
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
		switch h.Field {
		case jixiao.FieldIndicatorNames:
			where = fmt.Sprintf("indicator %d", h.Seq)
		case store.SearchFieldDeviations:
			where = fmt.Sprintf("deviation %d", h.Seq)
		}
		pad := strings.Repeat(" ", max(0, 17-len(where)))
		fmt.Fprintf(w, "  %s%s %s\n", where, pad, snippet(h.Text, words, 16, open, close))
	}
}

func orNone(s string) string {
	if s == "" {
		return "(no project name)"
	}
	return s
}

// snippet returns the part of text around the first occurrence of one of
// words, at most context characters on each side ("…" where text was
// cut), with every occurrence of each word in it between open and close
// (the longest word first where they overlap). Occurrences are found as
// Search finds them: ASCII letters in either case.
func snippet(text string, words []string, context int, open, close string) string {
	rs := []rune(oneLine(text))
	var qs [][]rune
	for _, w := range words {
		if w != "" {
			qs = append(qs, []rune(w))
		}
	}
	slices.SortStableFunc(qs, func(a, b []rune) int { return cmp.Compare(len(b), len(a)) })
	fold := func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	// at returns the length of the (longest) word at i, or 0.
	at := func(i int) int {
	next:
		for _, q := range qs {
			if i+len(q) > len(rs) {
				continue
			}
			for j, r := range q {
				if fold(rs[i+j]) != fold(r) {
					continue next
				}
			}
			return len(q)
		}
		return 0
	}
	first, n := -1, 0
	for i := range rs {
		if n = at(i); n > 0 {
			first = i
			break
		}
	}
	if first < 0 { // not in the text (cannot happen for a hit): show its start
		return truncateRunes(rs, 2*context)
	}
	from, to := max(0, first-context), min(len(rs), first+n+context)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	for i := from; i < to; {
		if n := at(i); n > 0 && i+n <= to {
			b.WriteString(open + string(rs[i:i+n]) + close)
			i += n
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
