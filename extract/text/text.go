// Package text reads the text exports of other OCR tools, many forms per
// file, each form starting at its title line (财政项目支出绩效目标申报表 or
// another title of the family, possibly inside HTML such as <h2 …>). A
// row is written in one of three styles, which may mix in one file:
//
//   - one line, its cells separated by tabs;
//   - one line between "|" (| a | b |), its cells separated by "|";
//   - one line per cell, the row ending at a blank line: lines with
//     neither tab nor a leading "|" that follow each other up to a blank
//     line are the cells of one row (up to a line of another style, or
//     the end of the input, each is a row of its own).
//
// Blank lines, HTML fragments (<p>…</p>) and stray spaces are common and
// harmless. A cell's Col is its position among the fields of its row
// (blank fields counted where the style writes them); a style that drops
// blank cells loses their positions.
//
// The input must already be UTF-8 (see package sniff). Reading streams: one
// form's rows are held at a time.
package text

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao/extract/table"
)

// MaxLineBytes is the longest line read; a longer one (no table export
// has one) is skipped and reported as Damage.
const MaxLineBytes = 1 << 20

// Damage is a line of the input that was not read as printed: skipped for
// being longer than MaxLineBytes, or read with bytes that do not decode
// (or control characters other than tab) as U+FFFD.
type Damage struct {
	Line    int  // 1-based
	Skipped bool // the line was too long and was skipped
}

// Forms reads a text export from r and calls fn with the table of each form,
// in order (see table.Splitter for where forms start), and damaged, when
// not nil, with each damaged line, before the table holding it. It returns
// fn's first error, or a read error naming the line. Memory is bounded by
// MaxLineBytes and one form's rows, whatever the input.
func Forms(r io.Reader, fn func(table.Table) error, damaged func(Damage)) error {
	br := bufio.NewReaderSize(r, 64*1024)
	split := &rowReader{split: table.NewSplitter(fn)}
	var line []byte
	for lineNo := 1; ; lineNo++ {
		chunk, err := br.ReadSlice('\n')
		line = append(line[:0], chunk...)
		skipped := false
		for err == bufio.ErrBufferFull {
			chunk, err = br.ReadSlice('\n')
			if !skipped && len(line)+len(chunk) > MaxLineBytes+1 { // +1: the line break
				skipped, line = true, line[:0]
			}
			if !skipped {
				line = append(line, chunk...)
			}
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("line %d: %w", lineNo, err)
		}
		if skipped || len(bytes.TrimSuffix(line, []byte("\n"))) > MaxLineBytes {
			if damaged != nil {
				damaged(Damage{Line: lineNo, Skipped: true})
			}
		} else if len(line) > 0 {
			text, bad := clean(line)
			if bad && damaged != nil {
				damaged(Damage{Line: lineNo})
			}
			if err := split.line(text, lineNo); err != nil {
				return err
			}
		} else if err := split.flush(); err != nil {
			return err
		}
		if err == io.EOF {
			if err := split.flush(); err != nil {
				return err
			}
			return split.split.Close()
		}
	}
}

// clean returns line without its line break, with bytes that are not UTF-8
// and control characters other than tab (NUL among them) as U+FFFD, and
// whether there were any.
func clean(line []byte) (string, bool) {
	line = bytes.TrimSuffix(line, []byte("\n"))
	bad := false
	s := strings.Map(func(r rune) rune {
		if r == utf8.RuneError || (r < 0x20 && r != '\t' && r != '\r') || r == 0x7f {
			bad = true
			return utf8.RuneError
		}
		return r
	}, string(line))
	return s, bad
}

// rowReader gathers the lines of a text export into rows.
type rowReader struct {
	split   *table.Splitter
	pending []table.Row // lines with one cell each, not yet known to be one row or several
}

// line reads one line (without its line break).
func (r *rowReader) line(text string, lineNo int) error {
	t := strings.TrimSuffix(text, "\r")
	switch {
	case strings.Contains(t, "\t"):
		if err := r.flush(); err != nil {
			return err
		}
		return r.split.Add(ParseLine(t, lineNo))
	case isPipeRow(t):
		if err := r.flush(); err != nil {
			return err
		}
		return r.split.Add(ParsePipe(t, lineNo))
	}
	c := CleanCell(t)
	if c == "" {
		return r.endRow()
	}
	r.pending = append(r.pending, table.Row{Line: lineNo, Cells: []table.Cell{{Text: c}}})
	return nil
}

// endRow ends a one-cell-per-line row at a blank line: the pending lines
// are the cells of one row, at the line of the first.
func (r *rowReader) endRow() error {
	if len(r.pending) == 0 {
		return nil
	}
	row := table.Row{Line: r.pending[0].Line}
	for i, p := range r.pending {
		c := p.Cells[0]
		c.Col = i
		row.Cells = append(row.Cells, c)
	}
	r.pending = r.pending[:0]
	return r.split.Add(row)
}

// flush adds the pending lines as rows of their own: lines that a line
// of another style (or the end of the input) follows are rows of one
// cell, as in a tab-separated export.
func (r *rowReader) flush() error {
	for _, p := range r.pending {
		if err := r.split.Add(p); err != nil {
			return err
		}
	}
	r.pending = r.pending[:0]
	return nil
}

// isPipeRow reports whether a line is a row between "|".
func isPipeRow(line string) bool {
	t := strings.TrimSpace(line)
	return len(t) > 1 && t[0] == '|' && strings.Count(t, "|") >= 2
}

// ParsePipe splits one "|"-separated line of a text export (| a | b |)
// into its non-empty cells, Col counting blank fields.
func ParsePipe(line string, lineNo int) table.Row {
	t := strings.TrimSpace(strings.TrimSuffix(line, "\r"))
	t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
	row := table.Row{Line: lineNo}
	for col, raw := range strings.Split(t, "|") {
		if c := CleanCell(raw); c != "" {
			row.Cells = append(row.Cells, table.Cell{Text: c, Col: col})
		}
	}
	return row
}

// ParseLine splits one line of a text export into its non-empty cells.
func ParseLine(line string, lineNo int) table.Row {
	line = strings.TrimSuffix(line, "\r")
	row := table.Row{Line: lineNo}
	for col, raw := range strings.Split(line, "\t") {
		if t := CleanCell(raw); t != "" {
			row.Cells = append(row.Cells, table.Cell{Text: t, Col: col})
		}
	}
	return row
}

var tagRE = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)

// CleanCell strips HTML tags, decodes HTML entities and trims white space
// (including the full-width space U+3000 and no-break spaces). Inner spaces
// stay as printed.
func CleanCell(s string) string {
	if strings.ContainsAny(s, "<&") {
		s = html.UnescapeString(tagRE.ReplaceAllString(s, ""))
	}
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' })
}
