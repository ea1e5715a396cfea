package pdf

import (
	"math"
	"sort"
	"strings"

	"jixiao"
	"jixiao/extract/table"
)

// Stream mode: a table without ruling lines, rebuilt from text alignment.
//
//   - Glyphs on one baseline make a text line, cut into chunks where two
//     glyphs are further apart than a cell's padding allows inside a text
//     (cellGap).
//   - Chunks of consecutive lines that overlap horizontally and are a line
//     pitch apart are the lines of one multi-line cell (a block).
//   - Blocks that overlap vertically make a row. A block that overlaps two
//     rows of another column (a label merged over rows and printed across
//     their boundary), or sits alone in the gap between two rows, does not
//     join either: it becomes a row of its own.
//   - Level labels (一级/二级指标) are printed vertically centred over the
//     rows they cover, with no line to show where their cell starts. Each is
//     put on the first row it covers, chosen so that the label sits in the
//     middle of its rows (see assignLabels).
//   - A cell's column is the left edge of its cell, inferred from the
//     x-alignment of left-aligned text starts (see columnModel.columns).

// Limits that keep a pathological page (a hundred thousand glyphs) from
// taking cubic or quadratic time: a page with more blocks than a form has
// is read without straddling labels, level-label placement and centred
// columns; a chunk looks for the line it continues among at most
// maxLookBack chunks before it; the column model keeps at most maxEdges
// edges; a straddling label is looked for among at most maxPairs pairs;
// level labels whose placement would take more than maxLabelWork steps
// stay in the row they are printed in.
const (
	maxStreamBlocks = 2000
	maxLookBack     = 400
	maxEdges        = 64
	maxPairs        = 4096 // pairs of blocks tried per straddling candidate
	maxLabelWork    = 1 << 22
)

// Thresholds, in units of the font size.
const (
	cellGap     = 0.5  // a wider gap between two glyphs separates two cells
	linePitch   = 1.45 // the most two lines of one cell are apart
	glyphTop    = 0.8  // top of a glyph box above the baseline
	glyphBottom = 0.15 // bottom of a glyph box below the baseline
)

// chunk is a run of glyphs on one baseline, inside one cell.
type chunk struct {
	gs     []glyph
	x0, x1 float64
	y      float64 // baseline
	size   float64
	text   string
}

// block is the text of one cell: one or more chunks, top to bottom.
type block struct {
	chunks      []*chunk
	x0, x1      float64
	top, bottom float64 // page space: top > bottom
	text        string
	level       int  // 1 or 2 for a level label (jixiao.Level), else 0
	straddles   bool // overlaps two rows of another column
	col         int  // left edge of its cell (see columns)
}

func (b *block) center() float64 { return (b.top + b.bottom) / 2 }

func (b *block) overlapsX(o *block) bool { return b.x0 < o.x1 && o.x0 < b.x1 }

func (b *block) overlapsY(o *block) bool { return b.bottom < o.top && o.bottom < b.top }

// streamRow is one row of a table without rulings.
type streamRow struct {
	blocks      []*block
	top, bottom float64
}

// streamRows rebuilds the rows of the glyphs outside any ruled table.
func streamRows(gs []glyph, page int, fr frame, cols *columnModel) []placedRow {
	blocks := makeBlocks(chunks(gs))
	if len(blocks) == 0 {
		return nil
	}
	dense := len(blocks) > maxStreamBlocks
	if !dense {
		markStraddlers(blocks)
	}
	var inRows, loose, labels []*block
	for _, b := range blocks {
		switch {
		case b.level > 0 && !dense:
			labels = append(labels, b)
		case b.straddles:
			loose = append(loose, b)
		default:
			inRows = append(inRows, b)
		}
	}
	rows, floaters := splitFloaters(groupRows(inRows))
	loose = append(loose, floaters...)
	loose = append(loose, assignLabels(rows, labels)...)
	for _, b := range loose {
		rows = append(rows, &streamRow{blocks: []*block{b}, top: b.top, bottom: b.bottom})
	}
	cols.columns(blocks)
	out := make([]placedRow, 0, len(rows))
	for _, r := range rows {
		sort.SliceStable(r.blocks, func(i, j int) bool { return r.blocks[i].x0 < r.blocks[j].x0 })
		row := table.Row{Page: page}
		for _, b := range r.blocks {
			if b.text != "" {
				row.Cells = append(row.Cells, table.Cell{Text: b.text, Col: b.col, Box: fr.box(b.x0, b.top, b.x1, b.bottom)})
			}
		}
		if len(row.Cells) > 0 {
			out = append(out, placedRow{top: r.top, row: row})
		}
	}
	return out
}

// chunks cuts the glyphs into chunks: text lines by baseline, each cut at
// the gaps between cells.
func chunks(gs []glyph) []*chunk {
	if len(gs) == 0 {
		return nil
	}
	sorted := append([]glyph(nil), gs...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].y > sorted[b].y })
	var out []*chunk
	flush := func(line []glyph) {
		sort.SliceStable(line, func(a, b int) bool { return line[a].x < line[b].x })
		start := 0
		for i := 1; i <= len(line); i++ {
			if i < len(line) {
				prev, g := line[i-1], line[i]
				// A space inside a cell is a glyph: a gap, even after
				// a space (a wrapped line ends in one), is a cell's edge.
				if g.x-(prev.x+prev.w) <= cellGap*math.Max(prev.size, g.size) {
					continue
				}
			}
			if c := newChunk(line[start:i]); c != nil {
				out = append(out, c)
			}
			start = i
		}
	}
	lineStart := 0
	for i := 1; i <= len(sorted); i++ {
		if i < len(sorted) {
			ref := sorted[lineStart]
			if ref.y-sorted[i].y <= 0.2*math.Max(ref.size, sorted[i].size) {
				continue
			}
		}
		flush(sorted[lineStart:i])
		lineStart = i
	}
	return out
}

// newChunk makes a chunk of glyphs sorted by x; nil when they are blank.
func newChunk(gs []glyph) *chunk {
	for len(gs) > 0 && strings.TrimSpace(gs[0].r) == "" {
		gs = gs[1:]
	}
	for len(gs) > 0 && strings.TrimSpace(gs[len(gs)-1].r) == "" {
		gs = gs[:len(gs)-1]
	}
	if len(gs) == 0 {
		return nil
	}
	c := &chunk{gs: gs, x0: gs[0].x, x1: gs[0].x + gs[0].w, y: gs[0].y, size: gs[0].size}
	for _, g := range gs {
		c.x1 = math.Max(c.x1, g.x+g.w)
		c.size = math.Max(c.size, g.size)
	}
	c.text = strings.TrimSpace(joinLine(gs))
	return c
}

// makeBlocks joins the chunks of multi-line cells: a chunk continues the
// block of the nearest chunk above it that overlaps it horizontally, when
// that chunk is the block's last, has the same size and is at most a line
// pitch above.
func makeBlocks(cs []*chunk) []*block {
	sort.SliceStable(cs, func(a, b int) bool {
		if cs[a].y != cs[b].y {
			return cs[a].y > cs[b].y
		}
		return cs[a].x0 < cs[b].x0
	})
	owner := make([]*block, len(cs))
	var blocks []*block
	for i, c := range cs {
		var above *block
		best := math.Inf(1)
		for j := i - 1; j >= 0 && j >= i-maxLookBack; j-- {
			p := cs[j]
			d := p.y - c.y
			if d > linePitch*math.Max(p.size, c.size)+1 {
				break // sorted by y: every chunk further up is further away
			}
			if d <= 0.3*c.size || p.x1 <= c.x0 || c.x1 <= p.x0 || d >= best {
				continue
			}
			best = d
			above = nil
			if b := owner[j]; b.chunks[len(b.chunks)-1] == p && math.Abs(p.size-c.size) <= 0.05*c.size {
				above = b
			}
		}
		if above == nil {
			above = &block{}
			blocks = append(blocks, above)
		}
		above.chunks = append(above.chunks, c)
		owner[i] = above
	}
	for _, b := range blocks {
		first, last := b.chunks[0], b.chunks[len(b.chunks)-1]
		b.top, b.bottom = first.y+glyphTop*first.size, last.y-glyphBottom*last.size
		b.x0, b.x1 = first.x0, first.x1
		texts := make([]string, len(b.chunks))
		for k, c := range b.chunks {
			b.x0, b.x1 = math.Min(b.x0, c.x0), math.Max(b.x1, c.x1)
			texts[k] = c.text
		}
		b.text = strings.TrimSpace(table.JoinWrapped(texts))
		b.level, _ = jixiao.Level(b.text)
	}
	return blocks
}

// markStraddlers marks the blocks that cross the boundary between two rows
// of another column: a block overlapping two blocks of one column that do
// not overlap each other, reaching into both without holding either.
// Level labels are left out: they are placed by assignLabels.
func markStraddlers(blocks []*block) {
	for _, b := range blocks {
		if b.level > 0 {
			continue
		}
		// Blocks of other columns reaching above b and below it.
		var above, below []*block
		for _, o := range blocks {
			if o == b || o.level > 0 || !o.overlapsY(b) || b.overlapsX(o) {
				continue
			}
			if o.top > b.top {
				above = append(above, o)
			}
			if o.bottom < b.bottom {
				below = append(below, o)
			}
		}
		work := 0
	pairs:
		for _, a1 := range above {
			for _, a2 := range below {
				if work++; work > maxPairs {
					break pairs
				}
				if a1 != a2 && a1.overlapsX(a2) && !a1.overlapsY(a2) {
					b.straddles = true
					break pairs
				}
			}
		}
	}
}

// groupRows makes rows of blocks that overlap vertically, top to bottom.
func groupRows(blocks []*block) []*streamRow {
	sorted := append([]*block(nil), blocks...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].top > sorted[b].top })
	var rows []*streamRow
	for _, b := range sorted {
		if n := len(rows); n > 0 && b.top > rows[n-1].bottom {
			r := rows[n-1]
			r.blocks = append(r.blocks, b)
			r.bottom = math.Min(r.bottom, b.bottom)
			continue
		}
		rows = append(rows, &streamRow{blocks: []*block{b}, top: b.top, bottom: b.bottom})
	}
	return rows
}

// splitFloaters takes out the rows that are a lone block between two
// neighbouring rows that have nothing in its column: a label merged over
// many rows and printed in the gap between two of them (绩效指标 beside the
// indicator rows). It is a row of the page, but not one that level labels
// cover.
func splitFloaters(rows []*streamRow) (kept []*streamRow, floaters []*block) {
	_, _, joined := rowBounds(rows)
	for i, r := range rows {
		if len(r.blocks) == 1 && i > 0 && i+1 < len(rows) && joined[i-1] && joined[i] &&
			!overlapsAnyX(r.blocks[0], rows[i-1]) && !overlapsAnyX(r.blocks[0], rows[i+1]) {
			floaters = append(floaters, r.blocks[0])
			continue
		}
		kept = append(kept, r)
	}
	return kept, floaters
}

func overlapsAnyX(b *block, r *streamRow) bool {
	for _, o := range r.blocks {
		if b.overlapsX(o) {
			return true
		}
	}
	return false
}

// assignLabels puts each level label on the first row it covers and
// returns the labels it could not place. Labels of one level form a
// column; rows holding other text in that column (the grid's header row,
// the rows of another form) are anchors that no label crosses, and so is a
// gap wider than between a table's rows. Within a run of rows between
// them, the labels of a column cover consecutive ranges of rows, the last
// one to the run's end, each label in the middle of its range; rows above
// the first label keep the level in force (a label printed on an earlier
// page). The ranges are chosen by dynamic programming to put every label
// as near its range's middle as possible. A merged cell cut by a page
// break is taken to print its label in the middle of its first part, as
// genpdf does; a producer that prints it in the part holding the whole
// cell's middle is not handled (ruled tables of LibreOffice are, by the
// lattice).
func assignLabels(rows []*streamRow, labels []*block) (loose []*block) {
	if len(rows) == 0 {
		return labels
	}
	up, low, joined := rowBounds(rows)
	rowOf := func(c float64) int {
		for i := range rows {
			if c <= up[i] && c > low[i] {
				return i
			}
		}
		return -1
	}
	for level := 1; level <= 2; level++ {
		var col []*block
		x0, x1 := math.Inf(1), math.Inf(-1)
		for _, b := range labels {
			if b.level == level {
				col = append(col, b)
				x0, x1 = math.Min(x0, b.x0), math.Max(x1, b.x1)
			}
		}
		if len(col) == 0 {
			continue
		}
		sort.SliceStable(col, func(i, j int) bool { return col[i].center() > col[j].center() })
		anchor := make([]bool, len(rows))
		for i, r := range rows {
			for _, b := range r.blocks {
				if b.level == 0 && b.x0 < x1 && x0 < b.x1 {
					anchor[i] = true
				}
			}
		}
		// Runs of neighbouring rows between anchors: row i's run is
		// runStart[i]..runEnd[i].
		runStart, runEnd := make([]int, len(rows)), make([]int, len(rows))
		for i := range rows {
			runStart[i] = i
			if i > 0 && joined[i-1] && !anchor[i-1] && !anchor[i] {
				runStart[i] = runStart[i-1]
			}
		}
		for i := len(rows) - 1; i >= 0; i-- {
			runEnd[i] = i
			if i+1 < len(rows) && joined[i] && !anchor[i+1] && !anchor[i] {
				runEnd[i] = runEnd[i+1]
			}
		}
		byRun := map[int][]*block{}
		var runs []int
		for _, lb := range col {
			r := rowOf(lb.center())
			switch {
			case r < 0:
				loose = append(loose, lb)
			case anchor[r]:
				rows[r].blocks = append(rows[r].blocks, lb)
			default:
				if byRun[runStart[r]] == nil {
					runs = append(runs, runStart[r])
				}
				byRun[runStart[r]] = append(byRun[runStart[r]], lb)
			}
		}
		for _, a := range runs {
			run := byRun[a]
			at := make([]int, len(run))
			for k, lb := range run {
				at[k] = rowOf(lb.center())
			}
			b := runEnd[a]
			starts := labelStarts(run, at, a, b, up, low)
			for k, lb := range run {
				if starts == nil {
					rows[at[k]].blocks = append(rows[at[k]].blocks, lb)
				} else {
					rows[starts[k]].blocks = append(rows[starts[k]].blocks, lb)
				}
			}
		}
	}
	return loose
}

// rowBounds returns each row's upper and lower boundary: half way between
// its text and the next row's when the two are a table's rows apart, else
// half a typical gap beyond the text (the first and last row, and rows with
// something else between them, such as a ruled table). joined[i] tells
// that rows i and i+1 are neighbours.
func rowBounds(rows []*streamRow) (up, low []float64, joined []bool) {
	n := len(rows)
	up, low, joined = make([]float64, n), make([]float64, n), make([]bool, n)
	gaps := make([]float64, 0, n)
	for i := 0; i+1 < n; i++ {
		gaps = append(gaps, rows[i].bottom-rows[i+1].top)
	}
	typical := 0.0
	if len(gaps) > 0 {
		sorted := append([]float64(nil), gaps...)
		sort.Float64s(sorted)
		typical = sorted[len(sorted)/2]
	}
	for i, r := range rows {
		half := math.Min(typical, 2*r.size()) / 2
		up[i], low[i] = r.top+half, r.bottom-half
	}
	for i := 0; i+1 < n; i++ {
		if gaps[i] <= math.Min(2*typical+1, 2*rows[i].size()) {
			mid := (rows[i].bottom + rows[i+1].top) / 2
			low[i], up[i+1] = mid, mid
			joined[i] = true
		}
	}
	return up, low, joined
}

// size is the largest font size in the row.
func (r *streamRow) size() float64 {
	s := 0.0
	for _, b := range r.blocks {
		for _, c := range b.chunks {
			s = math.Max(s, c.size)
		}
	}
	return s
}

// labelStarts chooses the first row of each label of one run of rows
// a..b, given the row each label is printed in (at[k], increasing). It
// returns nil when the labels cannot be placed in order.
func labelStarts(labels []*block, at []int, a, b int, up, low []float64) []int {
	m := len(labels)
	for k := 1; k < m; k++ {
		if at[k] <= at[k-1] {
			return nil
		}
	}
	if n := b - a + 2; m*n*n > maxLabelWork {
		return nil
	}
	cost := func(k, s, e int) float64 { return sq(labels[k].center() - (up[s]+low[e])/2) }
	n := b - a + 2
	inf := math.Inf(1)
	// f[k][s-a]: least cost of labels k.. when label k starts at row s;
	// next[k][s-a] the first row of label k+1 in that solution.
	f := make([][]float64, m)
	next := make([][]int, m)
	for k := m - 1; k >= 0; k-- {
		f[k], next[k] = make([]float64, n), make([]int, n)
		for s := a; s <= b+1; s++ {
			f[k][s-a] = inf
			if s > at[k] {
				continue
			}
			// The last label runs to the end of the run: the rows after
			// it keep its level.
			lo, last := max(s, at[k]), b
			if k < m-1 {
				last = at[k+1] - 1
			} else {
				lo = b
			}
			for e := lo; e <= last; e++ {
				v := cost(k, s, e)
				if k < m-1 {
					v += f[k+1][e+1-a]
				}
				if v < f[k][s-a] {
					f[k][s-a], next[k][s-a] = v, e+1
				}
			}
		}
	}
	// The first label starts anywhere down to its own row: rows above it
	// continue a label printed earlier (on the previous page, where the
	// grid's header row is repeated here). On a tie, the label starts
	// nearer the top.
	const tieBias = 0.01
	first, best := -1, inf
	for s := a; s <= at[0]; s++ {
		if v := f[0][s-a] + tieBias*float64(s-a); v < best {
			first, best = s, v
		}
	}
	if first < 0 {
		return nil
	}
	starts := make([]int, m)
	s := first
	for k := 0; k < m; k++ {
		starts[k] = s
		s = next[k][s-a]
	}
	return starts
}

func sq(x float64) float64 { return x * x }

// columnModel is what is known of a document's columns: the left edges
// of cells seen so far on pages of one width, and how far text reaches
// left and right. A page continuing a table learns from the pages before
// it (a page holding only goal labels has no left-aligned text of its own).
type columnModel struct {
	edges      []float64 // sorted
	minX, maxX float64
}

func newColumnModel() *columnModel {
	return &columnModel{minX: math.Inf(1), maxX: math.Inf(-1)}
}

// An edge: at least alignedMin blocks start within alignTol of each other,
// and not all of them end together (centred copies of one text would).
const alignTol, alignedMin = 0.3, 3

// columns sets each block's column: the left edge of its cell. Left edges
// are where left-aligned texts start: an x at which blocks of different
// widths start. A block starting there is in that column; any other block
// (centred text) is in the column whose edges it is centred between; a
// block that fits no column keeps its own start.
func (m *columnModel) columns(blocks []*block) {
	if len(blocks) == 0 {
		return
	}
	xs := make([]*block, 0, len(blocks))
	for _, b := range blocks {
		m.minX, m.maxX = math.Min(m.minX, b.x0), math.Max(m.maxX, b.x1)
		if b.level == 0 && !b.straddles {
			xs = append(xs, b)
		}
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].x0 < xs[j].x0 })
	for i := 0; i < len(xs); {
		j, lo, hi := i+1, xs[i].x1, xs[i].x1
		for j < len(xs) && xs[j].x0-xs[i].x0 <= alignTol {
			lo, hi = math.Min(lo, xs[j].x1), math.Max(hi, xs[j].x1)
			j++
		}
		if j-i >= alignedMin && hi-lo > 1 {
			m.addEdge(xs[i].x0)
		}
		i = j
	}
	rights := append(append([]float64(nil), m.edges...), m.maxX)
	lefts := append([]float64{m.minX}, m.edges...)
	for _, b := range blocks {
		b.col = int(math.Round(b.x0))
		if m.isEdge(b.x0) || len(blocks) > maxStreamBlocks {
			continue
		}
		size := b.chunks[0].size
		c := (b.x0 + b.x1) / 2
		bestErr := 0.75 * size
		for _, l := range lefts {
			if l > b.x0+1 {
				break
			}
			for _, r := range rights {
				if r < b.x1-1 || r <= l {
					continue
				}
				if err := math.Abs((l+r)/2 - c); err < bestErr {
					bestErr, b.col = err, int(math.Round(l))
				}
			}
		}
	}
}

func (m *columnModel) isEdge(x float64) bool {
	i := sort.SearchFloat64s(m.edges, x-alignTol)
	return i < len(m.edges) && m.edges[i] <= x+alignTol
}

func (m *columnModel) addEdge(x float64) {
	if m.isEdge(x) || len(m.edges) >= maxEdges {
		return
	}
	i := sort.SearchFloat64s(m.edges, x)
	m.edges = append(m.edges, 0)
	copy(m.edges[i+1:], m.edges[i:])
	m.edges[i] = x
}
