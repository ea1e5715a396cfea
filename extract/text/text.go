// Package text reads the text exports of other OCR tools: one table row per
// line, cells separated by tabs, many forms per file, each form starting at
// its title line (财政项目支出绩效目标申报表, possibly inside HTML such as
// <h2 …>). Blank lines, HTML fragments (<p>…</p>) and stray spaces are common
// and harmless.
//
// The input must already be UTF-8 (see package sniff). Reading streams: one
// form's rows are held at a time.
package text

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"unicode"

	"jixiao/extract/table"
)

// Title is the title line every form starts with.
const Title = table.Title

// MaxLineBytes is the longest line Forms accepts; a longer one is an error
// (such a file is not a table export).
const MaxLineBytes = 1 << 20

// Forms reads a text export from r and calls fn with the table of each form,
// in order (see table.Splitter for where forms start). It returns fn's first
// error, or a read error naming the line.
func Forms(r io.Reader, fn func(table.Table) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineBytes)
	split := table.NewSplitter(fn)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		if err := split.Add(ParseLine(sc.Text(), lineNo)); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", lineNo+1, err)
	}
	return split.Close()
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
