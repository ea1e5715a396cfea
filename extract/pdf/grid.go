package pdf

import (
	"math"
	"sort"
	"strings"

	"jixiao/extract/form"
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
	text           string
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

// layout is a page with its glyphs placed: the ruled tables (each cell
// with its text) and the glyphs outside any table.
type layout struct {
	page  int
	lats  []*lattice
	loose []glyph
}

// placeGlyphs puts each glyph of a page into the table cell holding it, and
// works out each cell's text.
func placeGlyphs(c content, page int) *layout {
	l := &layout{page: page, lats: tables(c.segs)}
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
		if a.r1 != len(bottom.ys)-2 {
			continue
		}
		for _, b := range top.cells {
			if b.r0 != 0 || math.Abs(bottom.xs[a.c0]-top.xs[b.c0]) > tol || math.Abs(bottom.xs[a.c1+1]-top.xs[b.c1+1]) > tol {
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
	level, _ := form.Level(s)
	return level > 0
}

// rows turns a laid-out page into table rows, top to bottom: the rows of
// each ruled table (a merged cell on the first row it covers) and the lines
// of text outside any table.
func (l *layout) rows() []table.Row {
	type placedRow struct {
		top float64
		row table.Row
	}
	var rows []placedRow
	for _, lat := range l.lats {
		byRow := make([][]*cell, len(lat.ys)-1)
		for _, ce := range lat.cells {
			byRow[ce.r0] = append(byRow[ce.r0], ce)
		}
		for r, cells := range byRow {
			sort.Slice(cells, func(a, b int) bool { return cells[a].c0 < cells[b].c0 })
			row := table.Row{Page: l.page}
			for _, ce := range cells {
				if ce.text != "" {
					row.Cells = append(row.Cells, table.Cell{Text: ce.text, Col: int(math.Round(lat.xs[ce.c0]))})
				}
			}
			if len(row.Cells) > 0 {
				rows = append(rows, placedRow{top: lat.ys[r], row: row})
			}
		}
	}
	for _, line := range lines(l.loose) {
		row := table.Row{Page: l.page}
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

// pageRows lays out one page on its own and returns its rows.
func pageRows(c content, page int) []table.Row { return placeGlyphs(c, page).rows() }

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
// separator, as a wrapped Chinese text is. A line that ends with ASCII
// punctuation gets a space after it when the cell writes that punctuation
// with a following space elsewhere (", " in "维护, 完善"): the space at a
// line break is not drawn.
func cellText(gs []glyph) string {
	ls := lines(gs)
	texts := make([]string, 0, len(ls))
	spaced := map[byte]int{} // punctuation → (followed by space) − (not)
	for _, line := range ls {
		t := strings.TrimSpace(joinLine(line))
		texts = append(texts, t)
		for i := 0; i+1 < len(t); i++ {
			if c := t[i]; c == ',' || c == ';' || c == ':' || c == '.' {
				if t[i+1] == ' ' {
					spaced[c]++
				} else {
					spaced[c]--
				}
			}
		}
	}
	var b strings.Builder
	for i, t := range texts {
		if t == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			if last := b.String()[b.Len()-1]; spaced[last] > 0 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return strings.TrimSpace(b.String())
}
