package reconstruct

import (
	"slices"

	"jixiao/extract/table"
)

// joinCutCells puts back into its row a cell whose top was cut off by a
// rule the reader found where there is none (a wrapped cell's first line
// taken for a worn rule, problem (a) of docs/ocr.md): the cell is read
// whole, but it starts a row of its own below its row's top. A row all of
// whose cells lie inside the previous row's band (their tops below its
// top, their bottoms at its cells' usual bottom, within a tenth of its
// height) and across in columns where the previous row has no cell, is
// that row's: its cells join it, in column order, and it is dropped. A
// real row ends at a rule of its own, below the row above's. Measured
// with PP-OCR on the tuning faces of TestFamilyScans in cmd/genscan
// (notoserif and kaitim, clean300 and scan200: a 绩效标准 cell wrapped in
// two lines in the last column). It returns the rows left.
func joinCutCells(rows []table.Row) []table.Row {
	out := rows[:0]
	for _, r := range rows {
		if len(out) > 0 && insideBand(out[len(out)-1], r) {
			p := &out[len(out)-1]
			p.Cells = append(p.Cells, r.Cells...)
			slices.SortStableFunc(p.Cells, func(a, b table.Cell) int { return a.Col - b.Col })
			continue
		}
		out = append(out, r)
	}
	return out
}

// insideBand reports whether every cell of r lies inside the band of row
// p, in a column p leaves empty (see joinCutCells).
func insideBand(p, r table.Row) bool {
	if len(p.Cells) < 2 || len(r.Cells) == 0 {
		return false
	}
	var tops, bottoms []float64
	for _, c := range p.Cells {
		if c.Box.Empty() {
			return false
		}
		tops = append(tops, c.Box[1])
		bottoms = append(bottoms, c.Box[3])
	}
	slices.Sort(tops)
	slices.Sort(bottoms)
	top, bottom := tops[0], bottoms[len(bottoms)/2]
	tol := max(3, (bottom-top)/10)
	for _, c := range r.Cells {
		b := c.Box
		if b.Empty() || b[1] <= top+tol || b[1] >= bottom-tol || b[3] < bottom-tol || b[3] > bottom+tol {
			return false
		}
		for _, o := range p.Cells {
			if min(b[2], o.Box[2])-max(b[0], o.Box[0]) > (b[2]-b[0])/2 {
				return false // p has a cell in this column
			}
		}
	}
	return true
}
