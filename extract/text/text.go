// Package text reads the text exports of other OCR tools: one table row per
// line, cells separated by tabs or between "|" (or, in an export written
// one cell per line, one row per run of lines up to a blank one: see
// CellPerLine), many forms per file, each form starting at
// its title line (财政项目支出绩效目标申报表, possibly inside HTML such as
// <h2 …>). Blank lines, HTML fragments (<p>…</p>) and stray spaces are common
// and harmless.
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
	split := table.NewSplitter(fn)
	head, _ := br.Peek(64 * 1024)
	rows := rowReader{perLine: CellPerLine(head), add: split.Add}
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
			if err := rows.line(text, lineNo); err != nil {
				return err
			}
		}
		if err == io.EOF {
			if err := rows.flush(); err != nil {
				return err
			}
			return split.Close()
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

// ParseLine splits one line of a text export into its non-empty cells:
// the fields between tabs, or, in a line without a tab that starts and
// ends with "|", the fields between the bars (a line of bars, dashes and
// colons only, a Markdown table's rule, has none). A cell's Col is its
// field's 0-based index.
func ParseLine(line string, lineNo int) table.Row {
	line = strings.TrimSuffix(line, "\r")
	row := table.Row{Line: lineNo}
	sep := "\t"
	if t := strings.TrimSpace(line); !strings.Contains(line, "\t") && len(t) >= 2 && t[0] == '|' && t[len(t)-1] == '|' {
		if strings.Trim(t, "|-: ") == "" {
			return row
		}
		line, sep = t[1:len(t)-1], "|"
	}
	for col, raw := range strings.Split(line, sep) {
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

// CellPerLine reports whether the head of a text export is written one
// cell per line, a blank line after each row: no line holds a tab or is
// framed by "|" (see ParseLine), and a blank line comes between lines
// that are not.
func CellPerLine(head []byte) bool {
	text, blank, rows := false, false, false
	for _, l := range bytes.Split(head, []byte("\n")) {
		t := bytes.TrimSpace(l)
		switch {
		case bytes.ContainsRune(l, '\t'), len(t) >= 2 && t[0] == '|' && t[len(t)-1] == '|':
			return false
		case len(t) == 0:
			blank = blank || text
		case blank:
			rows = true
		default:
			text = true
		}
	}
	return rows
}

// maxRowCells bounds a row of a cell-per-line export: a longer run of
// lines without a blank one is cut into rows of this many cells.
const maxRowCells = 64

// rowReader turns the lines of an export into rows: each line one row,
// or, one cell per line, each run of lines up to a blank one.
type rowReader struct {
	perLine bool
	add     func(table.Row) error
	row     table.Row // the row being read, one cell per line
}

func (rr *rowReader) line(text string, lineNo int) error {
	if !rr.perLine {
		return rr.add(ParseLine(text, lineNo))
	}
	t := CleanCell(text)
	if t == "" {
		return rr.flush()
	}
	if len(rr.row.Cells) == 0 {
		rr.row.Line = lineNo
	}
	rr.row.Cells = append(rr.row.Cells, table.Cell{Text: t, Col: len(rr.row.Cells)})
	if len(rr.row.Cells) >= maxRowCells {
		return rr.flush()
	}
	return nil
}

// flush adds the row being read, if any.
func (rr *rowReader) flush() error {
	if len(rr.row.Cells) == 0 {
		return nil
	}
	r := rr.row
	rr.row = table.Row{}
	return rr.add(r)
}
