package ocr

import (
	"image"

	"jixiao/extract/grid"
)

// On a scan a rule may be too faint or too broken to be found, and the two
// cells it separated become one: two names in one cell, a label and its
// name. The text tells where such a rule was: two blocks of text that do
// not cross the line the table has elsewhere, with more white space
// between them than between the lines of one wrapped text, were two
// cells. A label merged over several rows has one block, or lines a line
// apart, and stays whole. Side by side, less white than a character is
// wide still parts two cells where the remains of the rule run down the
// line or the lines of text on either side stand at other heights; a rule
// lost all across the table is put back where two cells side by side each
// hold two texts a row apart at the same height (lostRows).
// The thresholds were set on the tuning faces (droid, sungti, notoserif,
// kaitim) over every damage class of the scan corpus, bleedrules above all.

// splitByText returns the page's tables with the lost rules that the text
// shows put back: each merged cell is cut at an inner line of its table
// where the text on either side is apart, and the cells cut are looked at
// again, until nothing changes. Cells are cut into columns first: a cut
// into rows runs across the whole cell, and would cut a label merged over
// rows beside it.
func (p *pageImg) splitByText(segs []grid.Segment, o grid.Options) []*grid.Lattice {
	lats := p.lats
	for range 12 {
		var added []grid.Segment
		for _, l := range lats {
			for _, c := range l.Cells {
				// of the lines the text allows, the one that separates
				// cells in the most rows of the table
				best, most := -1, -1
				for k := c.C0 + 1; k <= c.C1; k++ {
					left := p.inside(l, c.R0, c.R1, c.C0, k-1)
					right := p.inside(l, c.R0, c.R1, k, c.C1)
					if n := separating(l, k); n > most && p.apart(left, right, false) {
						best, most = k, n
					}
				}
				if best > 0 {
					added = append(added, grid.Segment{X1: l.Xs[best], Y1: l.Ys[c.R0], X2: l.Xs[best], Y2: l.Ys[c.R1+1]})
				}
			}
		}
		for _, l := range lats {
			if len(added) > 0 {
				break // columns first
			}
			for _, c := range l.Cells {
				for k := c.R0 + 1; k <= c.R1; k++ {
					top := p.inside(l, c.R0, k-1, c.C0, c.C1)
					bottom := p.inside(l, k, c.R1, c.C0, c.C1)
					if p.apart(top, bottom, true) {
						added = append(added, grid.Segment{X1: l.Xs[c.C0], Y1: l.Ys[k], X2: l.Xs[c.C1+1], Y2: l.Ys[k]})
						break
					}
				}
			}
		}
		for _, l := range lats {
			if len(added) > 0 {
				break // lines of the table first
			}
			added = append(added, p.lostRows(l)...)
		}
		if len(added) == 0 {
			break
		}
		segs = append(segs, added...)
		lats = grid.Tables(segs, o)
	}
	return lats
}

// lostRows returns the rules the text shows between rows where no line of
// table l runs: a cell holding two blocks of text a line or more apart,
// beside a cell holding two such blocks at the same height, is two rows
// (a name and its value each, two rows of the grid) whose rule was lost
// all across the table. A label merged over those rows beside them holds
// one block and stays whole; a wrapped text's lines are closer than a
// line. The rule returned runs across both cells, midway in their gaps.
func (p *pageImg) lostRows(l *grid.Lattice) []grid.Segment {
	gaps := make([][][2]int, len(l.Cells)) // per cell: the gaps' middle and least line height
	for i, c := range l.Cells {
		gaps[i] = p.textGaps(p.inside(l, c.R0, c.R1, c.C0, c.C1))
	}
	var out []grid.Segment
	for i, c := range l.Cells {
		for j, d := range l.Cells {
			if d.C0 != c.C1+1 || d.R1 < c.R0 || d.R0 > c.R1 {
				continue
			}
			for _, ga := range gaps[i] {
				for _, gb := range gaps[j] {
					if y := (ga[0] + gb[0]) / 2; 2*abs(ga[0]-gb[0]) <= min(ga[1], gb[1]) && float64(y) > l.Ys[max(c.R0, d.R0)] && float64(y) < l.Ys[min(c.R1, d.R1)+1] {
						out = append(out, grid.Segment{X1: l.Xs[c.C0], Y1: float64(y), X2: l.Xs[d.C1+1], Y2: float64(y)})
					}
				}
			}
		}
	}
	return out
}

// textGaps returns the white gaps between the text lines of r at least as
// tall as the lines on either side of them, each as its middle row and
// the lesser height of those lines.
func (p *pageImg) textGaps(r image.Rectangle) [][2]int {
	if _, ok := p.inkExtent(r); !ok {
		return nil
	}
	lines := p.textLines(r)
	var out [][2]int
	for k := 1; k < len(lines); k++ {
		h := min(lines[k-1][1]-lines[k-1][0], lines[k][1]-lines[k][0])
		if lines[k][0]-lines[k-1][1] >= h {
			out = append(out, [2]int{(lines[k-1][1] + lines[k][0]) / 2, h})
		}
	}
	return out
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// separating returns in how many rows of l column line k separates two
// cells.
func separating(l *grid.Lattice, k int) int {
	n := 0
	for r := 0; r < l.Rows(); r++ {
		if l.Owner(r, k-1) != l.Owner(r, k) {
			n++
		}
	}
	return n
}

// inside returns the inside of grid rows r0..r1 and columns c0..c1,
// inset from their lines.
func (p *pageImg) inside(l *grid.Lattice, r0, r1, c0, c1 int) image.Rectangle {
	in := max(2, int(p.dpi/50))
	return image.Rect(int(l.Xs[c0])+in, int(l.Ys[r0])+in, int(l.Xs[c1+1])-in, int(l.Ys[r1+1])-in).Intersect(image.Rect(0, 0, p.w, p.h))
}

// apart reports whether the text in squares a and b (b right of a, or
// below it when down) is two texts: both hold ink, no ink crosses the
// line between them, and the white space between the two is at least
// wider than a line of the text is tall.
func (p *pageImg) apart(a, b image.Rectangle, down bool) bool {
	ea, ok := p.inkExtent(a)
	if !ok {
		return false
	}
	eb, ok := p.inkExtent(b)
	if !ok {
		return false
	}
	if down {
		// the lowest band of a and the highest of b
		lineH := min(p.lastBand(ea), p.firstBand(eb))
		return eb.Min.Y-ea.Max.Y >= lineH && !p.inkAcross(a, b, true)
	}
	lineH := min(ea.Dy(), eb.Dy(), int(p.dpi/6)) // a character is about as wide as tall
	gap := eb.Min.X - ea.Max.X
	if gap < lineH && (3*gap < lineH || !p.traced(a, b) && !p.misaligned(ea, eb)) {
		return false
	}
	return !p.inkAcross(a, b, false) && !p.markBetween(ea, eb, lineH)
}

// traced reports whether the remains of a broken or faint rule run down
// the line between squares a and b (b right of a): in the rows where
// neither holds ink (above, below and between their lines of text), at
// least a quarter have pixels at the rule level on the line, within the
// tolerance of the table's lines, and paper a little beyond on both sides
// (the ink of a seal or a blot over the line is no rule). Where they do,
// a gap narrower than a character still parts two cells: the text on
// either side fills its cell up to the rule. Rows of text are left out:
// the edges of the characters beside a line would pass for its trace.
func (p *pageImg) traced(a, b image.Rectangle) bool {
	x := (a.Max.X + b.Min.X) / 2
	tol, side := max(2, int(p.dpi/40)), max(2, int(p.dpi/100))
	blank, n := 0, 0
	for y := max(a.Min.Y, b.Min.Y); y < min(a.Max.Y, b.Max.Y); y++ {
		if p.inkInRow(a, y) || p.inkInRow(b, y) {
			continue
		}
		blank++
		row := p.g.Pix[y*p.g.Stride:]
		if l, r := x-tol-side, x+tol+side; l < 0 || r >= p.w || row[l] < p.tRule || row[r] < p.tRule {
			continue // no paper beside: a seal, a blot, not a rule
		}
		for xx := x - tol; xx <= x+tol; xx++ {
			if row[xx] < p.tRule {
				n++
				break
			}
		}
	}
	return blank >= int(p.dpi/25) && 4*n >= blank
}

// misaligned reports whether the lines of text in ink boxes a and b (side
// by side) stand at other heights: no line of a overlaps a line of b by
// half the lower one's height. The lines of one text run across its cell,
// so where a narrow gap parts text at different heights (a label centred
// over two rows beside two names), it parts two cells.
func (p *pageImg) misaligned(a, b image.Rectangle) bool {
	la, lb := p.textLines(a), p.textLines(b)
	if len(la) == 0 || len(lb) == 0 {
		return false
	}
	for _, x := range la {
		for _, y := range lb {
			if 2*(min(x[1], y[1])-max(x[0], y[0])) > min(x[1]-x[0], y[1]-y[0]) {
				return false
			}
		}
	}
	return true
}

// textLines returns the bands of inked rows of r at least a twenty-fifth
// of an inch tall (lower ones are specks or pieces of rules), as page
// rows [from, to).
func (p *pageImg) textLines(r image.Rectangle) [][2]int {
	var lines [][2]int
	for _, b := range p.bands(r) {
		if b[1]-b[0] >= int(p.dpi/25) {
			lines = append(lines, [2]int{r.Min.Y + b[0], r.Min.Y + b[1]})
		}
	}
	return lines
}

// inkInRow reports whether row y of r holds ink.
func (p *pageImg) inkInRow(r image.Rectangle, y int) bool {
	for x := r.Min.X; x < r.Max.X; x++ {
		if p.ink(x, y) {
			return true
		}
	}
	return false
}

// markBetween reports whether a punctuation mark lies between the ink
// boxes a and b (b right of a), on the line between their cells, where
// the inset of both leaves it out: ink there less than half a line tall
// and wide but more than a speck (a sixth of a line one way, two pixels
// the other: a comma of a small print is that thin), in the
// lower half of the line (a comma, a stop, 、), alone in its columns, is a
// mark of the text running on, not of a new cell. A stub of a broken rule
// is as narrow as the rule, has more of the rule above or below it, or
// stands higher; the remains of a rule across are wider.
func (p *pageImg) markBetween(a, b image.Rectangle, lineH int) bool {
	y0, y1 := max(a.Min.Y, b.Min.Y), min(a.Max.Y, b.Max.Y)
	ink := image.Rectangle{}
	for y := y0; y < y1; y++ {
		for x := a.Max.X; x < b.Min.X; x++ {
			if p.ink(x, y) {
				ink = ink.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	speck := max(2, lineH/6)
	if min(ink.Dx(), ink.Dy()) < 2 || max(ink.Dx(), ink.Dy()) < speck || 2*ink.Dy() >= lineH || 2*ink.Dx() >= lineH || 2*ink.Min.Y < y0+y1 {
		return false
	}
	for y := min(a.Min.Y, b.Min.Y); y < max(a.Max.Y, b.Max.Y); y++ {
		if y >= ink.Min.Y && y < ink.Max.Y {
			continue
		}
		for x := ink.Min.X; x < ink.Max.X; x++ {
			if p.ink(x, y) {
				return false
			}
		}
	}
	return true
}

// inkExtent returns the box of the ink in r, false when r holds too little
// to be text: less than a digit 1 of the smallest print (a sliver of a
// glyph cut by the inset, a stub of a rule, specks).
func (p *pageImg) inkExtent(r image.Rectangle) (image.Rectangle, bool) {
	x0, y0, x1, y1, n := r.Max.X, r.Max.Y, r.Min.X, r.Min.Y, 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if p.ink(x, y) {
				n++
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x+1), max(y1, y+1)
			}
		}
	}
	if n < int(p.dpi*p.dpi/1000) {
		return image.Rectangle{}, false
	}
	return image.Rect(x0, y0, x1, y1), true
}

// lastBand and firstBand return the height of the lowest and the highest
// band of inked rows in r.
func (p *pageImg) lastBand(r image.Rectangle) int {
	bs := p.bands(r)
	return bs[len(bs)-1][1] - bs[len(bs)-1][0]
}

func (p *pageImg) firstBand(r image.Rectangle) int {
	bs := p.bands(r)
	return bs[0][1] - bs[0][0]
}

// bands returns the bands of inked rows of r (at least one: r's ink box
// holds ink).
func (p *pageImg) bands(r image.Rectangle) [][2]int {
	rowInk := make([]int, r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if p.ink(x, y) {
				rowInk[y-r.Min.Y]++
			}
		}
	}
	bs := textBands(rowInk, 1, int(p.dpi/100))
	if len(bs) == 0 {
		return [][2]int{{0, r.Dy()}}
	}
	return bs
}

// inkAcross reports whether text crosses the line between squares a and b
// (b right of a, or below it when down): ink on both sides of the line,
// a few pixels from it, in the same row (column). A stub of a broken rule
// lying on the line is not text crossing it.
func (p *pageImg) inkAcross(a, b image.Rectangle, down bool) bool {
	d0, d1 := 3, max(4, int(p.dpi/50))
	rows := 0
	if down {
		y := (a.Max.Y + b.Min.Y) / 2
		for x := max(a.Min.X, b.Min.X); x < min(a.Max.X, b.Max.X); x++ {
			if p.inkNear(x, y, d0, d1, true) {
				rows++
			}
		}
	} else {
		x := (a.Max.X + b.Min.X) / 2
		for y := max(a.Min.Y, b.Min.Y); y < min(a.Max.Y, b.Max.Y); y++ {
			if p.inkNear(x, y, d0, d1, false) && !p.ruleAcross(x, y) {
				rows++
			}
		}
	}
	return rows >= 2
}

// ruleAcross reports whether the ink in row y near column x is a piece of
// a rule across the column, not text: an unbroken run of ink longer than
// a quarter of an inch, which no stroke of a character in a cell is.
func (p *pageImg) ruleAcross(x, y int) bool {
	d1 := max(4, int(p.dpi/50))
	long := int(p.dpi / 4)
	for start := max(0, x-d1); start <= min(p.w-1, x+d1); start++ {
		if !p.ink(start, y) {
			continue
		}
		x0, x1 := start, start
		for x0 > 0 && p.ink(x0-1, y) {
			x0--
		}
		for x1 < p.w-1 && p.ink(x1+1, y) {
			x1++
		}
		if x1-x0+1 > long {
			return true
		}
		start = x1
	}
	return false
}

// inkNear reports whether there is ink d0..d1 pixels from (x, y) on both
// sides: above and below it when down, else left and right.
func (p *pageImg) inkNear(x, y, d0, d1 int, down bool) bool {
	before, after := false, false
	for d := d0; d <= d1; d++ {
		if down {
			before = before || (y-d >= 0 && p.ink(x, y-d))
			after = after || (y+d < p.h && p.ink(x, y+d))
		} else {
			before = before || (x-d >= 0 && p.ink(x-d, y))
			after = after || (x+d < p.w && p.ink(x+d, y))
		}
	}
	return before && after
}
