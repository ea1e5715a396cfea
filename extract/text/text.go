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
const Title = "财政项目支出绩效目标申报表"

// MaxLineBytes is the longest line Forms accepts; a longer one is an error
// (such a file is not a table export).
const MaxLineBytes = 1 << 20

// Forms reads a text export from r and calls fn with the table of each form,
// in order. Lines before the first form that do not start one are skipped. A
// form whose title line is missing starts where a second 项目名称 row appears.
// It returns fn's first error, or a read error naming the line.
func Forms(r io.Reader, fn func(table.Table) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), MaxLineBytes)
	var (
		cur      table.Table
		started  bool // cur is a form (title seen, or a 项目名称 row)
		hasName  bool // cur has a 项目名称 row
		lineNo   int
		flushErr error
	)
	flush := func() {
		if started && len(cur.Rows) > 0 && flushErr == nil {
			flushErr = fn(cur)
		}
		cur, started, hasName = table.Table{}, false, false
	}
	for sc.Scan() {
		lineNo++
		row := ParseLine(sc.Text(), lineNo)
		if len(row.Cells) == 0 {
			continue
		}
		isTitle, isName := classifyRow(row)
		switch {
		case isTitle:
			flush()
			started = true
		case isName && hasName:
			flush()
			started = true
		case isName:
			started = true
		}
		if flushErr != nil {
			return flushErr
		}
		if !started {
			continue // preamble
		}
		hasName = hasName || isName
		cur.Rows = append(cur.Rows, row)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("line %d: %w", lineNo+1, err)
	}
	flush()
	return flushErr
}

func classifyRow(row table.Row) (isTitle, isName bool) {
	for _, c := range row.Cells {
		if strings.Contains(c.Text, Title) {
			isTitle = true
		}
		if len(c.Text) < 40 && strings.Join(strings.Fields(c.Text), "") == "项目名称" {
			isName = true
		}
	}
	return isTitle, isName
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
