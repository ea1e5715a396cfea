package reconstruct

import (
	"math"
	"slices"

	"jixiao"
	"jixiao/extract/table"
)

// joinCutCells puts back together a row that the reader cut into several
// where there is no rule: the lines of a cell wrapped in a narrow column
// taken for worn rules (problem (a) of docs/ocr.md), so that each piece
// of the cell, or a cell whose top was cut off, starts a row of its own.
// A row is such a fragment of the row above (with the fragments already
// joined to it) when none of its cells is a label or continues one, and
// each has beside it, in another column, a cell of the row above that is
// no label and spans it from above to its bottom (within a tenth of the
// piece's height), or is the wrapped tail of a level label merged across
// rows and cut as well (labelAbove). A real row starts below the cells
// of the row above, but for the labels merged across rows (level names,
// block labels, a label with its unit), and in the header nearly every
// real row holds a label. A fragment's cell continues the cell above it
// in its column, or joins the row in column order where the row has
// none; the fragment is dropped. Measured with PP-OCR on the tuning faces
// of TestFamilyScans in cmd/genscan (notoserif, kaitim and sungti,
// clean300 and scan200: 绩效标准, 指标解释 and 执行率 cells wrapped in two
// to six lines in narrow columns, a level label's weight on its second
// line). It returns the rows left.
func joinCutCells(rows []table.Row) []table.Row {
	return dropJoined(rows, func(kept []table.Row, r table.Row) bool {
		if len(kept) == 0 {
			return false
		}
		into, ok := fragmentOf(kept[max(0, len(kept)-2):], r)
		if !ok {
			return false
		}
		p := &kept[len(kept)-1]
		for i, c := range r.Cells {
			if into[i] != nil {
				continuePiece(into[i], c)
			} else {
				joinPiece(p, c)
			}
		}
		return true
	})
}

// fragmentOf reports whether r is a fragment of the last of rows (see
// joinCutCells): each of its cells is spanned, in another column, by a
// cell of that row that is no label, or is the wrapped tail of a level
// label above it in its column (产出指标 above, (50分) below: the label
// merged across rows cut as well). For each cell of r it returns the
// level label it continues, or nil.
func fragmentOf(rows []table.Row, r table.Row) ([]*table.Cell, bool) {
	if len(r.Cells) == 0 {
		return nil, false
	}
	p := rows[len(rows)-1]
	into := make([]*table.Cell, len(r.Cells))
	for i, c := range r.Cells {
		b := c.Box
		if b.Empty() || isLabel(c.Text) {
			return nil, false
		}
		tol := max(3, (b[3]-b[1])/10)
		if k := above(p, c); k >= 0 && isLabel(p.Cells[k].Text) {
			return nil, false // no piece continues a label (项目期 + 单位．万元)
		}
		spanned := false
		for _, o := range p.Cells {
			ob := o.Box
			if ob.Empty() || overlapX(b, ob) || isLabel(o.Text) {
				continue
			}
			if ob[1] <= b[1]-tol && ob[3] >= b[3]-tol {
				spanned = true
				break
			}
		}
		if !spanned {
			if into[i] = labelAbove(rows, c, tol); into[i] == nil {
				return nil, false
			}
		}
	}
	return into, true
}

// labelAbove returns the cell of rows in c's column that ends where c
// starts and that c continues into a level label (产出指标 + (50分)), or
// nil.
func labelAbove(rows []table.Row, c table.Cell, tol float64) *table.Cell {
	for k := len(rows) - 1; k >= 0; k-- {
		for j := range rows[k].Cells {
			o := &rows[k].Cells[j]
			if o.Box.Empty() || !overlapX(c.Box, o.Box) || math.Abs(o.Box[3]-c.Box[1]) > 2*tol {
				continue
			}
			lv, canon := jixiao.Level(o.Text + c.Text)
			if lv == 0 {
				return nil
			}
			if _, w := jixiao.Weight(o.Text + c.Text); !w {
				if l, k := jixiao.Level(o.Text); l == lv && k == canon {
					return nil // the label was whole: c is no part of it
				}
			}
			return o
		}
	}
	return nil
}

// continuePiece appends the piece c of a cut or wrapped cell to the cell
// o it continues: its text, the lesser certainty, the union of the boxes.
func continuePiece(o *table.Cell, c table.Cell) {
	o.Text += c.Text
	o.Confidence = math.Min(o.Certainty(), c.Certainty())
	o.Box = o.Box.Union(c.Box)
}

// joinPiece adds the piece c of a cut cell to row p: after the text of
// the lowest cell of its column above it, or as a cell of its own.
func joinPiece(p *table.Row, c table.Cell) {
	k := above(*p, c)
	if k < 0 {
		p.Cells = append(p.Cells, c)
		slices.SortStableFunc(p.Cells, func(a, b table.Cell) int { return a.Col - b.Col })
		return
	}
	continuePiece(&p.Cells[k], c)
}

// above returns the index of the lowest cell of p in c's column that
// starts above c, or -1.
func above(p table.Row, c table.Cell) int {
	k := -1
	for i, o := range p.Cells {
		if overlapX(c.Box, o.Box) && o.Box[1] < c.Box[1] && (k < 0 || o.Box[1] > p.Cells[k].Box[1]) {
			k = i
		}
	}
	return k
}

// overlapX reports whether boxes a and b share more than half the width
// of the narrower.
func overlapX(a, b jixiao.Box) bool {
	return min(a[2], b[2])-max(a[0], b[0]) > min(a[2]-a[0], b[2]-b[0])/2
}

// isLabel reports whether text is, or is near, a label of the vocabulary,
// or a level name with its weight.
func isLabel(text string) bool {
	if lv, _ := jixiao.Level(text); lv > 0 {
		return true
	}
	if k := key(text); unitTail.MatchString(k) || unitLine.MatchString(k) {
		return true // a label with its unit (项目资金(单位：万元))
	}
	l, _ := snapLabel(text, nil)
	return l != nil
}
