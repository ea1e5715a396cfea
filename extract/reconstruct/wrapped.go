package reconstruct

import (
	"unicode/utf8"

	"jixiao"
	"jixiao/extract/table"
)

// joinWrappedLabels puts back together a level name that wrapped inside
// its merged cell and was read as two lines, each in a row of its own
// (服务对象满意度指 above, 标 on the row below): a row whose one cell,
// appended to the cell of the same column in one of the two rows above,
// makes a level name the upper cell alone is not, is joined to that cell
// and dropped. Level names are a closed vocabulary and a name cell never
// ends where one begins, so nothing else is joined. It returns the rows
// left.
func joinWrappedLabels(rows []table.Row) []table.Row {
	return dropJoined(rows, func(kept []table.Row, r table.Row) bool {
		return len(r.Cells) == 1 && joinUp(kept, r.Cells[0])
	})
}

// dropJoined returns rows without those that join (which may change the
// rows kept before it) reports it joined to the rows kept before them.
// It reuses rows' array.
func dropJoined(rows []table.Row, join func(kept []table.Row, r table.Row) bool) []table.Row {
	out := rows[:0]
	for _, r := range rows {
		if !join(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// maxWrapTail is the most characters the wrapped tail of a level name has.
const maxWrapTail = 4

// joinUp joins tail to the cell of its column (or whose box it lies
// within, across) in the last two of rows when
// the two make a level name; it reports whether it did.
func joinUp(rows []table.Row, tail table.Cell) bool {
	if n := utf8.RuneCountInString(tail.Text); n == 0 || n > maxWrapTail {
		return false
	}
	for back := 1; back <= 2 && back <= len(rows); back++ {
		r := &rows[len(rows)-back]
		for ci := range r.Cells {
			c := &r.Cells[ci]
			if abs(c.Col-tail.Col) > colTol && !within(tail.Box, c.Box) {
				continue
			}
			if isLevelName(c.Text) || !isLevelName(c.Text+tail.Text) {
				return false
			}
			continuePiece(c, tail)
			return true
		}
	}
	return false
}

// isLevelName reports whether text is exactly a level name (spaces and
// bracket widths aside).
func isLevelName(text string) bool {
	k := key(text)
	for _, l := range labels {
		if l.kind == kindLevel && key(l.text) == k {
			return true
		}
	}
	return false
}

// within reports whether box a lies across inside the columns of box b
// (a wrapped tail, centred in its merged cell, starts right of the cell's
// column); false when either is empty.
func within(a, b jixiao.Box) bool {
	return !a.Empty() && !b.Empty() && a[0] >= b[0] && a[2] <= b[2]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
