package main

import (
	"bufio"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// runeWidth is the number of terminal columns r takes: 2 for East Asian
// wide and full-width characters (汉字, full-width punctuation, ％), 0 for
// combining marks and control characters, 1 for the rest (East Asian
// ambiguous characters such as ≥ and … count 1, as most terminals draw
// them in a Chinese locale's monospace fonts too).
func runeWidth(r rune) int {
	switch {
	case r < 0x20 || r == 0x7f || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200b:
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// displayWidth is the number of terminal columns s takes.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// oneLine replaces line breaks and tabs in s by spaces, so a cell stays on
// its row.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// truncate cuts s to at most max columns, ending it with "…" when cut.
// max < 1 means no limit.
func truncate(s string, max int) string {
	if max < 1 || displayWidth(s) <= max {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		w := runeWidth(r)
		if n+w > max-1 { // keep a column for "…"
			break
		}
		b.WriteRune(r)
		n += w
	}
	b.WriteString("…")
	return b.String()
}

// textTable is a table of text cells laid out in aligned columns.
type textTable struct {
	header   []string
	rows     [][]string
	right    []bool // right-align the column (numbers)
	maxWidth int    // cut cells wider than this many columns; < 1: no limit
}

// write prints the table: the header, a rule of "-", the rows. Columns
// are separated by two spaces and padded by display width, so that Chinese
// text lines up on a terminal; trailing spaces are left out.
func (t *textTable) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	cells := make([][]string, 0, len(t.rows)+1)
	for _, r := range append([][]string{t.header}, t.rows...) {
		row := make([]string, len(t.header))
		for i := range row {
			if i < len(r) {
				row[i] = truncate(oneLine(r[i]), t.maxWidth)
			}
		}
		cells = append(cells, row)
	}
	widths := make([]int, len(t.header))
	for _, r := range cells {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	line := func(r []string) {
		var b strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-displayWidth(c))
			if i > 0 {
				b.WriteString("  ")
			}
			if i < len(t.right) && t.right[i] {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
		}
		bw.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(cells[0])
	rule := make([]string, len(widths))
	for i, n := range widths {
		rule[i] = strings.Repeat("-", n)
	}
	line(rule)
	for _, r := range cells[1:] {
		line(r)
	}
	return bw.Flush()
}
