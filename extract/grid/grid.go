// Package grid turns ruling lines into tables: groups of horizontal and
// vertical segments that touch each other become a lattice of grid squares,
// and squares not separated by a line are merged into one cell. A label cell
// spanning several rows (the inner horizontal line is absent) is thus one
// cell covering exactly those rows.
//
// It is shared by the PDF reader (segments from the content stream, y grows
// upward) and the OCR reader (segments found in an image, y grows downward):
// Options.YDown says which. The package is pure and safe for concurrent use.
//
// Limitations: segments must be axis-parallel (deskew images first); a table
// needs at least two lines each way; more than 20,000 segments on a page are
// not read (no table is returned).
package grid

import (
	"math"
	"sort"
)

// MaxSegments is the most segments Tables considers on one page.
const MaxSegments = 20000

// Segment is a horizontal (Y1 == Y2) or vertical (X1 == X2) ruling line,
// with X1 <= X2 and Y1 <= Y2.
type Segment struct{ X1, Y1, X2, Y2 float64 }

// Horizontal reports whether the segment is wider than it is tall.
func (s Segment) Horizontal() bool { return s.Y2-s.Y1 <= s.X2-s.X1 }

// Options tune Tables.
type Options struct {
	// Tol is how far apart two coordinates may be and still be the same
	// line, in the segments' unit (1.5 for PDF points).
	Tol float64
	// YDown is true when y grows downward (images), false when it grows
	// upward (PDF page space).
	YDown bool
	// Reach is how far short of a line another may stop and still meet
	// it, along its own direction (at least Tol): on a scan, rules are
	// broken and stop short of each other at their junctions.
	Reach float64
}

// Cell is a merged cell: grid rows R0..R1 and columns C0..C1, inclusive.
type Cell struct{ R0, R1, C0, C1 int }

// Lattice is one ruled table: the x of its vertical lines (left first), the
// y of its horizontal lines (top first) and its cells, in row-major order of
// their top-left grid square.
type Lattice struct {
	Xs, Ys []float64
	Cells  []Cell
	owner  [][]int // owner[row][col]: index in Cells of a grid square's cell
	yDown  bool
}

// Rows returns the number of grid rows.
func (l *Lattice) Rows() int { return len(l.Ys) - 1 }

// Cols returns the number of grid columns.
func (l *Lattice) Cols() int { return len(l.Xs) - 1 }

// Owner returns the index in Cells of the cell holding grid square (r, c).
func (l *Lattice) Owner(r, c int) int { return l.owner[r][c] }

// Cluster returns the distinct values of vs in increasing order, merging
// values closer than tol. It sorts vs in place.
func Cluster(vs []float64, tol float64) []float64 {
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

// Tables finds the ruled tables among a page's segments: groups of
// horizontal and vertical lines that touch each other, each with at least
// two lines each way. Tables are returned top first. It returns nil for no
// segments or more than MaxSegments.
func Tables(segs []Segment, o Options) []*Lattice {
	n := len(segs)
	if n == 0 || n > MaxSegments {
		return nil
	}
	tol, reach := o.Tol, max(o.Tol, o.Reach)
	// Each segment reaches reach beyond its ends, tol across: two segments
	// touch when their reaches overlap.
	ext := make([]Segment, n)
	for i, s := range segs {
		if s.Horizontal() {
			ext[i] = Segment{s.X1 - reach, s.Y1 - tol, s.X2 + reach, s.Y2 + tol}
		} else {
			ext[i] = Segment{s.X1 - tol, s.Y1 - reach, s.X2 + tol, s.Y2 + reach}
		}
	}
	sets := NewDisjointSets(n)
	touch := func(a, b Segment) bool {
		return a.X1 <= b.X2 && b.X1 <= a.X2 && a.Y1 <= b.Y2 && b.Y1 <= a.Y2
	}
	// Sort by X1 so that the sweep only compares segments that can touch.
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return ext[idx[a]].X1 < ext[idx[b]].X1 })
	for a := 0; a < n; a++ {
		sa := ext[idx[a]]
		for b := a + 1; b < n && ext[idx[b]].X1 <= sa.X2; b++ {
			if touch(sa, ext[idx[b]]) {
				sets.Union(idx[a], idx[b])
			}
		}
	}
	groups := map[int][]Segment{}
	var roots []int
	for i, s := range segs {
		r := sets.Find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], s)
	}
	var out []*Lattice
	for _, r := range roots {
		if l := newLattice(groups[r], o); l != nil {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if o.YDown {
			return out[a].Ys[0] < out[b].Ys[0]
		}
		return out[a].Ys[0] > out[b].Ys[0]
	})
	return out
}

// newLattice builds the grid of one group of lines; nil when the group is
// not a table (fewer than two lines each way).
func newLattice(segs []Segment, o Options) *Lattice {
	tol := o.Tol
	var hs, vs []Segment
	var xs, ys []float64
	for _, s := range segs {
		if s.Horizontal() {
			hs = append(hs, s)
			ys = append(ys, s.Y1)
		} else {
			vs = append(vs, s)
			xs = append(xs, s.X1)
		}
	}
	xs, ys = Cluster(xs, tol), Cluster(ys, tol)
	if len(xs) < 2 || len(ys) < 2 {
		return nil
	}
	xs = closeEnds(xs, hs, tol, func(s Segment) float64 { return s.Y1 }, func(s Segment) (float64, float64) { return s.X1, s.X2 })
	ys = closeEnds(ys, vs, tol, func(s Segment) float64 { return s.X1 }, func(s Segment) (float64, float64) { return s.Y1, s.Y2 })
	if !o.YDown { // top first
		for i, j := 0, len(ys)-1; i < j; i, j = i+1, j-1 {
			ys[i], ys[j] = ys[j], ys[i]
		}
	}
	rows, cols := len(ys)-1, len(xs)-1
	coveredV := func(x, y1, y2 float64) bool {
		return Coverage(vs, func(s Segment) (float64, float64, bool) {
			return s.Y1, s.Y2, math.Abs(s.X1-x) <= tol
		}, math.Min(y1, y2), math.Max(y1, y2))
	}
	coveredH := func(y, xL, xR float64) bool {
		return Coverage(hs, func(s Segment) (float64, float64, bool) {
			return s.X1, s.X2, math.Abs(s.Y1-y) <= tol
		}, xL, xR)
	}
	// Union grid squares not separated by a line.
	id := func(r, c int) int { return r*cols + c }
	sets := NewDisjointSets(rows * cols)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if c+1 < cols && !coveredV(xs[c+1], ys[r], ys[r+1]) {
				sets.Union(id(r, c), id(r, c+1))
			}
			if r+1 < rows && !coveredH(ys[r+1], xs[c], xs[c+1]) {
				sets.Union(id(r, c), id(r+1, c))
			}
		}
	}
	l := &Lattice{Xs: xs, Ys: ys, owner: make([][]int, rows), yDown: o.YDown}
	byRoot := map[int]int{}
	for r := 0; r < rows; r++ {
		l.owner[r] = make([]int, cols)
		for c := 0; c < cols; c++ {
			root := sets.Find(id(r, c))
			i, ok := byRoot[root]
			if !ok {
				i = len(l.Cells)
				byRoot[root] = i
				l.Cells = append(l.Cells, Cell{R0: r, R1: r, C0: c, C1: c})
			}
			ce := &l.Cells[i]
			ce.R0, ce.R1 = min(ce.R0, r), max(ce.R1, r)
			ce.C0, ce.C1 = min(ce.C0, c), max(ce.C1, c)
			l.owner[r][c] = i
		}
	}
	return l
}

// closeEnds adds the outer line a table lacks on either end: where at
// least two of the lines across run on, to the same place, beyond the last
// line along, the outer rule was cut off (a table wider than the page it
// was printed or scanned on) or is too faint to be found, and the cells
// end where those lines end. A line across is all its pieces at one
// position (at gives a segment's position, extent its span along the axis
// of pos): the gaps of a broken rule are not its ends.
func closeEnds(pos []float64, across []Segment, tol float64, at func(Segment) float64, extent func(Segment) (float64, float64)) []float64 {
	type line struct{ at, a, b float64 }
	var lines []line
	sorted := append([]Segment(nil), across...)
	sort.Slice(sorted, func(i, j int) bool { return at(sorted[i]) < at(sorted[j]) })
	for _, s := range sorted {
		a, b := extent(s)
		if n := len(lines); n > 0 && at(s)-lines[n-1].at <= tol {
			lines[n-1].a, lines[n-1].b = math.Min(lines[n-1].a, a), math.Max(lines[n-1].b, b)
			continue
		}
		lines = append(lines, line{at(s), a, b})
	}
	var lo, hi []float64
	first, last := pos[0], pos[len(pos)-1]
	for _, l := range lines {
		if l.a < first-4*tol {
			lo = append(lo, l.a)
		}
		if l.b > last+4*tol {
			hi = append(hi, l.b)
		}
	}
	common := func(vs []float64, pick func(a, b float64) bool) (float64, bool) {
		if len(vs) < 2 {
			return 0, false
		}
		sort.Float64s(vs)
		best, n := 0.0, 0
		for i := range vs {
			k := 0
			for j := range vs {
				if math.Abs(vs[j]-vs[i]) <= tol {
					k++
				}
			}
			if k > n || (k == n && pick(vs[i], best)) {
				best, n = vs[i], k
			}
		}
		return best, n >= 2
	}
	if v, ok := common(lo, func(a, b float64) bool { return a > b }); ok {
		pos = append([]float64{v}, pos...)
	}
	if v, ok := common(hi, func(a, b float64) bool { return a < b }); ok {
		pos = append(pos, v)
	}
	return pos
}

// Coverage reports whether the segments selected by pick (which returns a
// segment's extent along the line and whether it lies on the line) cover
// at least 60% of [lo, hi]. An empty span counts as covered.
func Coverage(segs []Segment, pick func(Segment) (float64, float64, bool), lo, hi float64) bool {
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

// Locate returns the index in Cells of the cell holding the point, or -1
// when the point is outside the table.
func (l *Lattice) Locate(x, y float64) int {
	top, bot := l.Ys[0], l.Ys[len(l.Ys)-1]
	if x < l.Xs[0] || x > l.Xs[len(l.Xs)-1] {
		return -1
	}
	var r int
	if l.yDown {
		if y < top || y > bot {
			return -1
		}
		r = sort.Search(len(l.Ys), func(i int) bool { return l.Ys[i] > y }) - 1
	} else {
		if y > top || y < bot {
			return -1
		}
		r = sort.Search(len(l.Ys), func(i int) bool { return l.Ys[i] < y }) - 1
	}
	c := sort.SearchFloat64s(l.Xs, x) - 1
	c = max(0, min(c, len(l.Xs)-2))
	r = max(0, min(r, len(l.Ys)-2))
	return l.owner[r][c]
}

// Bounds returns the lines around cell i: left, right, top and bottom.
func (l *Lattice) Bounds(i int) (x0, x1, y0, y1 float64) {
	c := l.Cells[i]
	return l.Xs[c.C0], l.Xs[c.C1+1], l.Ys[c.R0], l.Ys[c.R1+1]
}
