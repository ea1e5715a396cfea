package pdf

import (
	"math"
	"sort"
	"strings"

	"jixiao/extract/table"
)

// tol is how far apart (in points) two coordinates may be and still be the
// same line.
const tol = 1.5

// lattice is one ruled table on a page: the x of its vertical lines, the y
// of its horizontal lines (top first), and its cells.
type lattice struct {
	xs, ys []float64
	cells  []*cell
	owner  [][]*cell // owner[row][col]: the cell a grid square belongs to
}

// cell is a merged cell: grid rows r0..r1 and columns c0..c1, inclusive.
type cell struct {
	r0, r1, c0, c1 int
	glyphs         []glyph
}

// cluster returns the distinct values of vs, merging values closer than tol.
func cluster(vs []float64) []float64 {
	sort.Float64s(vs)
	var out []float64
	for _, v := range vs {
		if len(out) > 0 && v-out[len(out)-1] <= tol {
			continue
		}
		out = append(out, v)
	}
	return out
}

// tables finds the ruled tables among a page's segments: groups of
// horizontal and vertical lines that touch each other.
func tables(segs []segment) []*lattice {
	n := len(segs)
	if n == 0 || n > 20000 {
		return nil
	}
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	touch := func(a, b segment) bool {
		return a.x1 <= b.x2+tol && b.x1 <= a.x2+tol && a.y1 <= b.y2+tol && b.y1 <= a.y2+tol
	}
	// Sort by x1 so that the sweep only compares segments that can touch.
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return segs[idx[a]].x1 < segs[idx[b]].x1 })
	for a := 0; a < n; a++ {
		sa := segs[idx[a]]
		for b := a + 1; b < n && segs[idx[b]].x1 <= sa.x2+tol; b++ {
			if touch(sa, segs[idx[b]]) {
				parent[find(idx[a])] = find(idx[b])
			}
		}
	}
	groups := map[int][]segment{}
	for i, s := range segs {
		groups[find(i)] = append(groups[find(i)], s)
	}
	var out []*lattice
	for _, g := range groups {
		if l := newLattice(g); l != nil {
			out = append(out, l)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].ys[0] > out[b].ys[0] })
	return out
}

// newLattice builds the grid of one group of lines; nil when the group is
// not a table (fewer than two lines each way).
func newLattice(segs []segment) *lattice {
	var hs, vs []segment
	var xs, ys []float64
	for _, s := range segs {
		if s.horizontal() {
			hs = append(hs, s)
			ys = append(ys, s.y1)
		} else {
			vs = append(vs, s)
			xs = append(xs, s.x1)
		}
	}
	xs, ys = cluster(xs), cluster(ys)
	if len(xs) < 2 || len(ys) < 2 {
		return nil
	}
	for i, j := 0, len(ys)-1; i < j; i, j = i+1, j-1 { // top first
		ys[i], ys[j] = ys[j], ys[i]
	}
	rows, cols := len(ys)-1, len(xs)-1
	// covered reports whether lines cover the span [a, b] at position p.
	coveredV := func(x, yTop, yBot float64) bool {
		return coverage(vs, func(s segment) (float64, float64, bool) {
			return s.y1, s.y2, math.Abs(s.x1-x) <= tol
		}, yBot, yTop)
	}
	coveredH := func(y, xL, xR float64) bool {
		return coverage(hs, func(s segment) (float64, float64, bool) {
			return s.x1, s.x2, math.Abs(s.y1-y) <= tol
		}, xL, xR)
	}
	// Union grid squares not separated by a line.
	id := func(r, c int) int { return r*cols + c }
	parent := make([]int, rows*cols)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if c+1 < cols && !coveredV(xs[c+1], ys[r], ys[r+1]) {
				parent[find(id(r, c))] = find(id(r, c+1))
			}
			if r+1 < rows && !coveredH(ys[r+1], xs[c], xs[c+1]) {
				parent[find(id(r, c))] = find(id(r+1, c))
			}
		}
	}
	l := &lattice{xs: xs, ys: ys, owner: make([][]*cell, rows)}
	byRoot := map[int]*cell{}
	for r := 0; r < rows; r++ {
		l.owner[r] = make([]*cell, cols)
		for c := 0; c < cols; c++ {
			root := find(id(r, c))
			ce := byRoot[root]
			if ce == nil {
				ce = &cell{r0: r, r1: r, c0: c, c1: c}
				byRoot[root] = ce
				l.cells = append(l.cells, ce)
			}
			ce.r0, ce.r1 = min(ce.r0, r), max(ce.r1, r)
			ce.c0, ce.c1 = min(ce.c0, c), max(ce.c1, c)
			l.owner[r][c] = ce
		}
	}
	return l
}

// coverage reports whether the segments selected by pick cover at least
// 60% of [lo, hi].
func coverage(segs []segment, pick func(segment) (float64, float64, bool), lo, hi float64) bool {
	if hi <= lo {
		return true
	}
	var spans [][2]float64
	for _, s := range segs {
		a, b, ok := pick(s)
		if !ok {
			continue
		}
		a, b = math.Max(a, lo), math.Min(b, hi)
		if b > a {
			spans = append(spans, [2]float64{a, b})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	var total, end float64 = 0, lo
	for _, sp := range spans {
		if sp[1] <= end {
			continue
		}
		total += sp[1] - math.Max(sp[0], end)
		end = sp[1]
	}
	return total >= 0.6*(hi-lo)
}

// locate returns the cell holding the point, or nil when it is outside the
// table.
func (l *lattice) locate(x, y float64) *cell {
	if x < l.xs[0] || x > l.xs[len(l.xs)-1] || y > l.ys[0] || y < l.ys[len(l.ys)-1] {
		return nil
	}
	c := sort.SearchFloat64s(l.xs, x) - 1
	r := sort.Search(len(l.ys), func(i int) bool { return l.ys[i] < y }) - 1
	c = max(0, min(c, len(l.xs)-2))
	r = max(0, min(r, len(l.ys)-2))
	return l.owner[r][c]
}

// center is the point a glyph is placed by: the middle of its box.
func (g glyph) center() (float64, float64) { return g.x + g.w/2, g.y + 0.3*g.size }

// pageRows turns a page's content into table rows, top to bottom: the rows
// of each ruled table (a merged cell on the first row it covers) and the
// lines of text outside any table.
func pageRows(c content, page int) []table.Row {
	lats := tables(c.segs)
	var loose []glyph
	for _, g := range c.glyphs {
		x, y := g.center()
		placed := false
		for _, l := range lats {
			if ce := l.locate(x, y); ce != nil {
				ce.glyphs = append(ce.glyphs, g)
				placed = true
				break
			}
		}
		if !placed {
			loose = append(loose, g)
		}
	}
	type placedRow struct {
		top float64
		row table.Row
	}
	var rows []placedRow
	for _, l := range lats {
		byRow := make([][]*cell, len(l.ys)-1)
		for _, ce := range l.cells {
			byRow[ce.r0] = append(byRow[ce.r0], ce)
		}
		for r, cells := range byRow {
			sort.Slice(cells, func(a, b int) bool { return cells[a].c0 < cells[b].c0 })
			row := table.Row{Page: page}
			for _, ce := range cells {
				if t := cellText(ce.glyphs); t != "" {
					row.Cells = append(row.Cells, table.Cell{Text: t, Col: int(math.Round(l.xs[ce.c0]))})
				}
			}
			if len(row.Cells) > 0 {
				rows = append(rows, placedRow{top: l.ys[r], row: row})
			}
		}
	}
	for _, line := range lines(loose) {
		row := table.Row{Page: page}
		for _, part := range splitGaps(line) {
			if t := joinLine(part); strings.TrimSpace(t) != "" {
				row.Cells = append(row.Cells, table.Cell{Text: strings.TrimSpace(t), Col: int(math.Round(part[0].x))})
			}
		}
		if len(row.Cells) > 0 {
			rows = append(rows, placedRow{top: line[0].y + line[0].size, row: row})
		}
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].top > rows[b].top+tol })
	out := make([]table.Row, len(rows))
	for i, r := range rows {
		out[i] = r.row
	}
	return out
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

// cellText is a cell's text in reading order: its lines joined without a
// separator, as a wrapped Chinese text is (a Latin phrase wrapped at a space
// loses that space).
func cellText(gs []glyph) string {
	var b strings.Builder
	for _, line := range lines(gs) {
		b.WriteString(strings.TrimSpace(joinLine(line)))
	}
	return strings.TrimSpace(b.String())
}
