package render

import (
	"sort"
	"strings"
)

// TextStyle is how a text export writes the cells of a row, as the OCR
// tools whose exports jixiao reads do.
type TextStyle int

// The text styles.
const (
	// TextTab writes a row as one line of NCols tab-separated fields, each
	// cell at its column (a merged cell's text in its first row and
	// column only, the others empty).
	TextTab TextStyle = iota
	// TextPipe writes a row's non-empty cells on one line between "|".
	TextPipe
	// TextCellPerLine writes each non-empty cell on a line of its own and
	// a blank line after each row.
	TextCellPerLine
)

// Text writes the forms as a text export in style: each form's title and
// year lines, then its rows, top to bottom. Line breaks inside a cell
// become spaces. The output is deterministic.
func Text(forms []Form, style TextStyle) string {
	var b strings.Builder
	for _, f := range forms {
		f.writeText(&b, style)
	}
	return b.String()
}

func (f Form) writeText(b *strings.Builder, style TextStyle) {
	line := func(cells []string) {
		switch style {
		case TextTab:
			b.WriteString(strings.Join(cells, "\t"))
			b.WriteByte('\n')
		case TextPipe:
			var nonEmpty []string
			for _, c := range cells {
				if c != "" {
					nonEmpty = append(nonEmpty, c)
				}
			}
			if len(nonEmpty) > 0 {
				b.WriteString("| " + strings.Join(nonEmpty, " | ") + " |\n")
			}
		case TextCellPerLine:
			n := 0
			for _, c := range cells {
				if c != "" {
					b.WriteString(c + "\n")
					n++
				}
			}
			if n > 0 {
				b.WriteByte('\n')
			}
		}
	}
	ncols := f.ncols()
	fields := func(text string) []string {
		cs := make([]string, ncols)
		cs[0] = text
		return cs
	}
	line(fields(f.title))
	if f.year != "" {
		line(fields(f.year))
	}
	for _, r := range f.rows {
		cs := make([]string, ncols)
		sorted := append([]cell(nil), r.cells...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].col < sorted[j].col })
		for _, c := range sorted {
			if c.col >= 0 && c.col < ncols {
				cs[c.col] = strings.Join(strings.Fields(c.text), " ")
			}
		}
		line(cs)
	}
}
