package pdf

import (
	"math"
	"sort"
	"strings"

	"jixiao"
	"jixiao/extract/grid"
	"jixiao/extract/table"
)

// tol is how far apart (in points) two coordinates may be and still be the
// same line.
const tol = 1.5

// lattice is one ruled table on a page (package grid) with the glyphs and
// text of each of its cells: cells[i] is grid cell Cells[i].
type lattice struct {
	*grid.Lattice
	cells []*cell
}

// cell is a merged cell of a lattice with its glyphs and text.
type cell struct {
	grid.Cell
	glyphs []glyph
	text   string
}

// tables finds the ruled tables among a page's segments (package grid),
// top first. A ruled region of a single row or column is no table.
func tables(segs []segment) []*lattice {
	gs := make([]grid.Segment, len(segs))
	for i, s := range segs {
		gs[i] = grid.Segment{X1: s.x1, Y1: s.y1, X2: s.x2, Y2: s.y2}
	}
	var out []*lattice
	for _, gl := range grid.Tables(gs, grid.Options{Tol: tol}) {
		if gl.Rows() < 2 || gl.Cols() < 2 {
			// A frame, or lines in one direction only: too few rulings
			// to be a table's grid. Its text is read as a table without
			// rulings (stream).
			continue
		}
		l := &lattice{Lattice: gl, cells: make([]*cell, len(gl.Cells))}
		for i, c := range gl.Cells {
			l.cells[i] = &cell{Cell: c}
		}
		out = append(out, l)
	}
	return out
}

// locate returns the cell holding the point, or nil when it is outside the
// table.
func (l *lattice) locate(x, y float64) *cell {
	if i := l.Locate(x, y); i >= 0 {
		return l.cells[i]
	}
	return nil
}

// center is the point a glyph is placed by: the middle of its box.
func (g glyph) center() (float64, float64) { return g.x + g.w/2, g.y + 0.3*g.size }

// layout is a page with its glyphs placed: the ruled tables (each cell
// with its text) and the glyphs outside any table.
type layout struct {
	page  int
	frame frame // the page's media box, for the cells' boxes
	lats  []*lattice
	loose []glyph
	cols  *columnModel // the columns of text outside ruled tables
}

// placeGlyphs puts each glyph of a page into the table cell holding it, and
// works out each cell's text. fr is the page's media box.
func placeGlyphs(c content, page int, fr frame, cols *columnModel) *layout {
	l := &layout{page: page, frame: fr, lats: tables(c.segs), cols: cols}
	for _, g := range c.glyphs {
		x, y := g.center()
		placed := false
		for _, lat := range l.lats {
			if ce := lat.locate(x, y); ce != nil {
				ce.glyphs = append(ce.glyphs, g)
				placed = true
				break
			}
		}
		if !placed {
			l.loose = append(l.loose, g)
		}
	}
	for _, lat := range l.lats {
		for _, ce := range lat.cells {
			ce.text = cellText(ce.glyphs)
		}
	}
	return l
}

// joinSplitLabels mends a merged level cell (一级/二级指标) that a page break
// cut in two, of which the producer printed the label in one part only (as
// LibreOffice does, in the part holding the cell's middle): the empty part
// gets the label. Parts face each other across the break: the bottom row of
// the last table on one page, the top row of the first table on the next,
// with the same left and right edges.
func joinSplitLabels(prev, next *layout) {
	if len(prev.lats) == 0 || len(next.lats) == 0 {
		return
	}
	bottom, top := prev.lats[len(prev.lats)-1], next.lats[0]
	for _, a := range bottom.cells {
		if a.R1 != len(bottom.Ys)-2 {
			continue
		}
		for _, b := range top.cells {
			if b.R0 != 0 || math.Abs(bottom.Xs[a.C0]-top.Xs[b.C0]) > tol || math.Abs(bottom.Xs[a.C1+1]-top.Xs[b.C1+1]) > tol {
				continue
			}
			switch {
			case a.text == "" && isLevelLabel(b.text):
				a.text = b.text
			case b.text == "" && isLevelLabel(a.text):
				b.text = a.text
			}
		}
	}
}

func isLevelLabel(s string) bool {
	level, _ := jixiao.Level(s)
	return level > 0
}

// rows turns a laid-out page into table rows, top to bottom: the rows of
// each ruled table (a merged cell on the first row it covers) and the lines
// of text outside any table.
func (l *layout) rows() []table.Row {
	var rows []placedRow
	for _, lat := range l.lats {
		byRow := make([][]*cell, lat.Rows())
		for _, ce := range lat.cells {
			byRow[ce.R0] = append(byRow[ce.R0], ce)
		}
		for r, cells := range byRow {
			sort.Slice(cells, func(a, b int) bool { return cells[a].C0 < cells[b].C0 })
			row := table.Row{Page: l.page}
			for _, ce := range cells {
				if ce.text != "" {
					row.Cells = append(row.Cells, table.Cell{Text: ce.text, Col: int(math.Round(lat.Xs[ce.C0])),
						Box: l.frame.box(lat.Xs[ce.C0], lat.Ys[ce.R0], lat.Xs[ce.C1+1], lat.Ys[ce.R1+1])})
				}
			}
			if len(row.Cells) > 0 {
				rows = append(rows, placedRow{top: lat.Ys[r], row: row})
			}
		}
	}
	rows = append(rows, streamRows(l.loose, l.page, l.frame, l.cols)...)
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].top > rows[b].top+tol })
	out := make([]table.Row, len(rows))
	for i, r := range rows {
		out[i] = r.row
	}
	return out
}

// placedRow is a row with the height of its top on the page.
type placedRow struct {
	top float64
	row table.Row
}

// pageRows lays out one page on its own and returns its rows.
func pageRows(c content, page int) []table.Row {
	return placeGlyphs(c, page, frame{}, newColumnModel()).rows()
}

// lines groups glyphs into text lines, top to bottom, each left to right.
func lines(gs []glyph) [][]glyph {
	if len(gs) == 0 {
		return nil
	}
	sorted := append([]glyph(nil), gs...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].y > sorted[b].y })
	var out [][]glyph
	for _, g := range sorted {
		if n := len(out); n > 0 {
			last := out[n-1]
			ref := last[0]
			if math.Abs(g.y-ref.y) <= 0.4*math.Max(ref.size, g.size) {
				out[n-1] = append(last, g)
				continue
			}
		}
		out = append(out, []glyph{g})
	}
	for _, l := range out {
		sort.SliceStable(l, func(a, b int) bool { return l[a].x < l[b].x })
	}
	return out
}

// splitGaps cuts a line where glyphs are far apart (separate cells of a
// table without rulings).
func splitGaps(line []glyph) [][]glyph {
	var out [][]glyph
	start := 0
	for i := 1; i < len(line); i++ {
		prev := line[i-1]
		if line[i].x-(prev.x+prev.w) > 2*prev.size {
			out = append(out, line[start:i])
			start = i
		}
	}
	return append(out, line[start:])
}

// joinLine joins the glyphs of one line, putting a space where a gap is
// wider than a third of the font size and no space glyph stands.
func joinLine(line []glyph) string {
	var b strings.Builder
	for i, g := range line {
		if i > 0 {
			prev := line[i-1]
			gap := g.x - (prev.x + prev.w)
			if gap > 0.33*prev.size && prev.r != " " && g.r != " " {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.r)
	}
	return b.String()
}

// cellText is a cell's text in reading order: its lines joined as a
// wrapped text is (see table.JoinWrapped).
func cellText(gs []glyph) string {
	ls := lines(gs)
	texts := make([]string, len(ls))
	for i, line := range ls {
		texts[i] = strings.TrimSpace(joinLine(line))
	}
	return strings.TrimSpace(table.JoinWrapped(texts))
}
