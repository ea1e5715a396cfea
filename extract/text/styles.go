package text

import (
	"strings"

	"jixiao/extract/table"
)

// Text exports write a row's cells in one of three ways, all read here:
//
//   - tab-separated fields, one line a row (the cells keep their columns);
//   - a row's cells between "|" on one line ("| 项目名称 | A |"), read by
//     ParseLine whatever the style of the other lines;
//   - one cell a line, rows separated by blank lines.
//
// A file is read one cell a line when, before any line that holds a tab
// or is a "|" row, it has blank-line separated groups of lines
// (cellGroups of them, at least multiCellGroups holding two lines or
// more); lines are held back (at most maxPending, or maxPendingBytes)
// until that is decided.
// Otherwise every line is a row. In the two styles that write only the
// non-empty cells, a cell's Col is its position among them: which column
// an empty cell was in is not known.
const (
	cellGroups      = 3
	multiCellGroups = 2
	maxPending      = 256
	maxPendingBytes = 1 << 20
)

// pipeCells splits a "|" row into its fields; false when line is not one
// (it must start and end with "|" and hold no tab).
func pipeCells(line string) ([]string, bool) {
	t := strings.TrimSpace(line)
	if len(t) < 2 || t[0] != '|' || t[len(t)-1] != '|' || strings.Contains(t, "\t") {
		return nil, false
	}
	return strings.Split(t[1:len(t)-1], "|"), true
}

// rowStyle is how the lines of a file make rows.
type rowStyle int

const (
	styleUndecided rowStyle = iota
	styleLineRows           // each line a row (tabs or "|")
	styleCellLines          // each line a cell, a blank line ends a row
)

// line is one line of the input, cleaned.
type line struct {
	text string
	no   int
}

// rower turns lines into rows in the file's style and adds them to split.
type rower struct {
	split   *table.Splitter
	style   rowStyle
	pending []line // lines held back while the style is undecided
	held    int    // bytes of pending
	groups  [2]int // groups ended by a blank line; those of 2+ lines
	run     int    // non-blank lines in the current group
	cells   []line // the current row (styleCellLines)
}

// add takes the next line.
func (r *rower) add(text string, no int) error {
	switch r.style {
	case styleLineRows:
		return r.split.Add(ParseLine(text, no))
	case styleCellLines:
		return r.cellLine(line{text, no})
	}
	r.pending = append(r.pending, line{text, no})
	r.held += len(text)
	blank := CleanCell(text) == ""
	switch {
	case strings.Contains(text, "\t"):
		return r.decide(styleLineRows)
	case !blank:
		if _, ok := pipeCells(text); ok {
			return r.decide(styleLineRows)
		}
		r.run++
	case r.run > 0:
		if r.endGroup() {
			return r.decide(styleCellLines)
		}
	}
	if len(r.pending) >= maxPending || r.held > maxPendingBytes {
		return r.decide(styleLineRows)
	}
	return nil
}

// endGroup counts the group of lines that a blank line (or the end of
// the input) ends, and reports whether the file is now known to be one
// cell a line.
func (r *rower) endGroup() bool {
	if r.run > 0 {
		r.groups[0]++
		if r.run > 1 {
			r.groups[1]++
		}
	}
	r.run = 0
	return r.groups[0] >= cellGroups && r.groups[1] >= multiCellGroups
}

// decide sets the style and adds the lines held back.
func (r *rower) decide(s rowStyle) error {
	r.style = s
	p := r.pending
	r.pending = nil
	for _, l := range p {
		if err := r.add(l.text, l.no); err != nil {
			return err
		}
	}
	return nil
}

// cellLine takes a line of a one-cell-a-line file.
func (r *rower) cellLine(l line) error {
	if CleanCell(l.text) != "" {
		r.cells = append(r.cells, l)
		return nil
	}
	return r.endRow()
}

// endRow adds the row of the cells read since the last blank line.
func (r *rower) endRow() error {
	if len(r.cells) == 0 {
		return nil
	}
	row := table.Row{Line: r.cells[0].no}
	for i, c := range r.cells {
		row.Cells = append(row.Cells, table.Cell{Text: CleanCell(c.text), Col: i})
	}
	r.cells = r.cells[:0]
	return r.split.Add(row)
}

// close adds what is held back and ends the last form.
func (r *rower) close() error {
	if r.style == styleUndecided {
		s := styleLineRows
		if r.endGroup() {
			s = styleCellLines
		}
		if err := r.decide(s); err != nil {
			return err
		}
	}
	if err := r.endRow(); err != nil {
		return err
	}
	return r.split.Close()
}
