// Package text reads the text exports of other OCR tools: one table row per
// line, cells separated by tabs or between "|" (or one cell per line, rows
// separated by blank lines: see styles.go), many forms per file, each form starting at
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
// MaxLineBytes, the lines held back while the style of the file is
// decided (styles.go: at most 1 MiB) and one form's rows, whatever the
// input.
func Forms(r io.Reader, fn func(table.Table) error, damaged func(Damage)) error {
	br := bufio.NewReaderSize(r, 64*1024)
	rows := &rower{split: table.NewSplitter(fn)}
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
			if err := rows.add(text, lineNo); err != nil {
				return err
			}
		}
		if err == io.EOF {
			return rows.close()
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

// ParseLine splits one line of a text export into its non-empty cells: its
// tab-separated fields, or the fields between "|" of a line that starts
// and ends with one (see styles.go).
func ParseLine(line string, lineNo int) table.Row {
	line = strings.TrimSuffix(line, "\r")
	row := table.Row{Line: lineNo}
	fields, ok := pipeCells(line)
	if !ok {
		fields = strings.Split(line, "\t")
	}
	for col, raw := range fields {
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
