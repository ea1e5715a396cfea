package reconstruct

import (
	"strings"

	"jixiao/extract/table"
)

// closingMarks are the marks that end a bracketed text and never stand
// alone in a cell.
const closingMarks = ")）]］】"

// joinClosingTails puts a cell that holds only closing brackets back at the
// end of the text it closes: the cell of its column (or whose box it lies
// within, across) in one of the two rows above. OCR leaves one alone where
// a label merged over rows wrapped across a row line of its table and was
// cut there (项目资金（万 above, ） on the next row, beside that row's
// own cells). The tail's cell is dropped from its row; a tail with no cell
// above it is left as it is. It changes rows in place.
func joinClosingTails(rows []table.Row) {
	for ri := range rows {
		kept := rows[ri].Cells[:0]
		for _, c := range rows[ri].Cells {
			if t := strings.TrimSpace(c.Text); t == "" || strings.Trim(t, closingMarks) != "" || !joinTail(rows[max(0, ri-2):ri], c) {
				kept = append(kept, c)
			}
		}
		rows[ri].Cells = kept
	}
}

// joinTail appends tail to the nearest cell above it in its column among
// rows (the last first) that holds text, and reports whether there was
// one.
func joinTail(rows []table.Row, tail table.Cell) bool {
	for back := len(rows) - 1; back >= 0; back-- {
		for ci := range rows[back].Cells {
			c := &rows[back].Cells[ci]
			if strings.TrimSpace(c.Text) == "" || abs(c.Col-tail.Col) > colTol && !within(tail.Box, c.Box) {
				continue // a blank cell closes nothing
			}
			tail.Text = strings.TrimSpace(tail.Text)
			continuePiece(c, tail)
			return true
		}
	}
	return false
}
