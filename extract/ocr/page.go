package ocr

import (
	"fmt"
	"image"
	"math"
	"sort"

	"jixiao/extract/grid"
)

// pageImg is a page made ready for cutting: grayscale and deskewed, its
// binary image (1 for ink), the ruling lines found (mask: tableRule on
// the pixels of its tables' rules, strayRule on those of dark rules
// outside them) and the tables' lattices.
type pageImg struct {
	g         *image.Gray
	bin, mask []uint8
	w, h      int
	dpi       float64
	t         uint8   // ink threshold: darker pixels are ink
	tRule     uint8   // rule threshold: darker pixels may be a faint rule's
	angle     float64 // the deskew applied, in degrees
	lats      []*grid.Lattice
	claimed   []image.Rectangle // read with a table's cells, though outside it
}

// preparePage deskews g, a page as scan.Gray gives it (within ±maxSkew
// degrees, from its long horizontal strokes), and finds its tables. dpi 0 estimates
// the resolution from the page size, taking the page to be A4.
func preparePage(g *image.Gray, dpi float64) (*pageImg, error) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < 32 || h < 32 {
		return nil, fmt.Errorf("image of %dx%d pixels is too small", w, h)
	}
	if dpi <= 0 {
		dpi = math.Max(72, float64(max(w, h))/11.69)
	}
	lv := pageLevels(g)
	t := lv.text
	bin := binarise(g, t)
	p := &pageImg{w: w, h: h, dpi: dpi, t: t, tRule: lv.rule}
	if a := skew(bin, w, h, int(dpi*0.1), maxSkew); math.Abs(a) >= 0.05 {
		g = rotate(g, a)
		bin = binarise(g, t)
		p.angle = a
	}
	p.g, p.bin = g, bin
	// Rules dark enough to be ink are found on the binary page, and their
	// pixels blanked in the crops; fainter ones, found at the rule level
	// and not running through text, only add to the tables' lines.
	rs := findRules(bin, w, h, dpi, 0)
	dark := len(rs)
	// A broken rule's pieces are bridged as far as a rule may stop short
	// of the one it meets; the strokes along the top or foot of a line of
	// text, bridged so, are no rule, nor is an upright along the strokes
	// of characters above one another (the 资 of a wrapped 项目资金总额
	// over its 额, their halos joined).
	for _, r := range findRules(binarise(g, lv.rule), w, h, dpi, int(dpi*ruleReach)) {
		if !p.throughText(r) && !((r.wide || r.transposed) && p.alongText(r)) {
			rs = append(rs, r)
		}
	}
	segs := make([]grid.Segment, len(rs))
	for i, r := range rs {
		segs[i] = r.segment()
	}
	tol := math.Max(2, dpi/40)
	opts := grid.Options{Tol: tol, YDown: true, Reach: dpi * ruleReach}
	p.lats = grid.Tables(segs, opts)
	// Blank the dark rules that belong to a table; long strokes of large
	// text elsewhere (the title) stay, marked as stray.
	p.mask = make([]uint8, w*h)
	for i, s := range segs[:dark] {
		v := uint8(strayRule)
		for _, l := range p.lats {
			if s.X1 >= l.Xs[0]-tol && s.X2 <= l.Xs[len(l.Xs)-1]+tol && s.Y1 >= l.Ys[0]-tol && s.Y2 <= l.Ys[len(l.Ys)-1]+tol {
				v = tableRule
				break
			}
		}
		markRule(p.mask, w, h, rs[i], v)
	}
	p.lats = p.splitByText(segs, opts)
	return p, nil
}

// The marks of pageImg.mask. A pixel of a table's rule is no ink of the
// text; one of a dark rule outside the tables (an underline, a scanner's
// edge shadow, a long stroke of a title) is ink, but no line of text by
// itself.
const (
	tableRule = 1
	strayRule = 2
)

// ruleReach is how far (inches) a broken or faint rule may stop short of
// the rule it meets.
const ruleReach = 0.15

// maxSkew is the largest rotation (degrees) deskew corrects.
const maxSkew = 4

// throughText reports whether a rule found at the faint rule level runs
// through a line of text rather than between rows: along most of its
// length there is ink of text darkness on both sides of it, a little away
// from it (beyond the rule's own blurred edge). The strokes of a line of
// characters, joined by their faint halos, can pass for a faint rule; a
// rule has the cells' white margins on either side.
func (p *pageImg) throughText(r rule) bool {
	near := max(2, int(p.dpi/60)) // about 0.4 mm
	first, last := r.runs[0].line, r.runs[0].line
	for _, ru := range r.runs {
		first, last = min(first, ru.line), max(last, ru.line)
	}
	inkAt := func(along, across int) bool {
		x, y := along, across
		if r.transposed {
			x, y = across, along
		}
		return x >= 0 && y >= 0 && x < p.w && y < p.h && p.bin[y*p.w+x] != 0
	}
	both, n := 0, 0
	for a := int(r.a); a <= int(r.b); a++ {
		n++
		before, after := false, false
		for d := near; d < 2*near; d++ {
			before = before || inkAt(a, first-d)
			after = after || inkAt(a, last+d)
		}
		if before && after {
			both++
		}
	}
	return n > 0 && both*10 > n*3
}

// alongText reports whether a rule found at the faint rule level runs along
// a line of text: along much of its length there is ink of text darkness
// on one side of it, a little away from it, where a rule has the cells'
// white margins (the tops of a line of characters, their gaps bridged,
// can pass for a broken rule).
func (p *pageImg) alongText(r rule) bool {
	near := max(2, int(p.dpi/60))
	first, last := r.runs[0].line, r.runs[0].line
	for _, ru := range r.runs {
		first, last = min(first, ru.line), max(last, ru.line)
	}
	inkAt := func(along, across int) bool {
		x, y := along, across
		if r.transposed {
			x, y = across, along
		}
		return x >= 0 && y >= 0 && x < p.w && y < p.h && p.bin[y*p.w+x] != 0
	}
	before, after, n := 0, 0, 0
	for a := int(r.a); a <= int(r.b); a++ {
		n++
		b, f := false, false
		for d := near; d < 2*near; d++ {
			b = b || inkAt(a, first-d)
			f = f || inkAt(a, last+d)
		}
		if b {
			before++
		}
		if f {
			after++
		}
	}
	return n > 0 && max(before, after)*10 > n*3
}

// ink reports whether (x, y) is ink that is not part of a ruling line.
func (p *pageImg) ink(x, y int) bool {
	i := y*p.w + x
	return p.bin[i] != 0 && p.mask[i] != tableRule
}

// textInk reports whether (x, y) is ink outside any rule found.
func (p *pageImg) textInk(x, y int) bool {
	i := y*p.w + x
	return p.bin[i] != 0 && p.mask[i] == 0
}

// pageCell is a cell of a page to read: a table cell, or a stretch of a
// line of text outside the tables. Its text is the readings of its lines,
// top to bottom.
type pageCell struct {
	row   int             // index of its row in the page's rows
	col   int             // x of the cell's left line (of the text, outside tables)
	box   image.Rectangle // the cell (its ink outside tables), deskewed page pixels
	lines []Line
}

// pageRow is a row of cells on the page: a table row (top = its top line)
// or a line of text outside the tables.
type pageRow struct {
	top   int
	loose bool // a line of text outside the tables
}

// cut cuts the page into rows of cells and each cell into line crops, top
// to bottom.
func (p *pageImg) cut() ([]pageRow, []pageCell) {
	var rows []pageRow
	var cells []pageCell
	first := make([]int, len(p.lats)) // the index in rows of each table's first row
	for li, lat := range p.lats {
		first[li] = len(rows)
		byRow := make([][]int, lat.Rows())
		for i, c := range lat.Cells {
			byRow[c.R0] = append(byRow[c.R0], i)
		}
		for ri, cs := range byRow {
			sort.Slice(cs, func(a, b int) bool { return lat.Cells[cs[a]].C0 < lat.Cells[cs[b]].C0 })
			row := len(rows)
			rows = append(rows, pageRow{top: int(lat.Ys[ri])})
			for _, i := range cs {
				x0, x1, y0, y1 := lat.Bounds(i)
				inset := p.cellInset()
				rect := image.Rect(int(x0)+inset, int(y0)+inset, int(x1)-inset+1, int(y1)-inset+1).Intersect(image.Rect(0, 0, p.w, p.h))
				if c := lat.Cells[i]; c.R1 == lat.Rows()-1 || c.R0 == 0 {
					rect = p.overflow(rect, c.R0 == 0, c.R1 == lat.Rows()-1)
				}
				if lines := p.cellLines(rect, true); len(lines) > 0 {
					cells = append(cells, pageCell{row: row, col: int(x0), box: image.Rect(int(x0), int(y0), int(x1), int(y1)), lines: lines})
				}
			}
		}
	}
	rows, cells = p.looseLines(rows, cells, first)
	return rows, cells
}

// cellInset is how far (pixels) the inside of a cell read stays from its
// lines.
func (p *pageImg) cellInset() int { return max(3, int(p.dpi/40)) }

// overflow grows the inside of a cell in the first or last row of its
// table (top, bottom) past a table edge that no rule draws, over the text
// that crosses it: a table cut off at the end of a page is closed where its
// lines end, which may run through the last row's text. The rows grown
// over are claimed: they are not read again as text outside the tables.
func (p *pageImg) overflow(r image.Rectangle, top, bottom bool) image.Rectangle {
	reach := int(p.dpi * 0.3)
	inked := func(y int) bool { return p.inkInRow(r, y) }
	// ruled reports whether a rule found runs along row y across most of r.
	ruled := func(y int) bool {
		tol := max(2, int(p.dpi/40))
		n := 0
		for x := r.Min.X; x < r.Max.X; x++ {
			for yy := max(0, y-tol); yy <= min(p.h-1, y+tol); yy++ {
				if p.mask[yy*p.w+x] == tableRule {
					n++
					break
				}
			}
		}
		return 2*n >= r.Dx()
	}
	inset := p.cellInset()
	if bottom && !ruled(r.Max.Y+inset-1) {
		y := r.Max.Y
		for y < min(p.h, r.Max.Y+reach) && inked(y) {
			y++
		}
		if y > r.Max.Y+inset && y < r.Max.Y+reach {
			p.claimed = append(p.claimed, image.Rect(r.Min.X, r.Max.Y, r.Max.X, y))
			r.Max.Y = y
		}
	}
	if top && !ruled(r.Min.Y-inset) {
		y := r.Min.Y - 1
		for y >= max(0, r.Min.Y-reach) && inked(y) {
			y--
		}
		if y < r.Min.Y-1-inset && y >= r.Min.Y-reach {
			p.claimed = append(p.claimed, image.Rect(r.Min.X, y+1, r.Max.X, r.Min.Y))
			r.Min.Y = y + 1
		}
	}
	return r
}

// cellLines returns the line crops of the ink in rect (outside ruling
// lines): none when there is too little ink; one per band of inked rows
// when split (in block mode Tesseract drops a short last line), else one.
func (p *pageImg) cellLines(rect image.Rectangle, split bool) []Line {
	if rect.Dx() < 4 || rect.Dy() < 4 {
		return nil
	}
	rowInk := make([]int, rect.Dy())
	bx0, by0, bx1, by1 := rect.Max.X, rect.Max.Y, rect.Min.X-1, rect.Min.Y-1
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if p.ink(x, y) {
				n++
				rowInk[y-rect.Min.Y]++
				bx0, bx1 = min(bx0, x), max(bx1, x)
				by0, by1 = min(by0, y), max(by1, y)
			}
		}
	}
	minInk := int(p.dpi * p.dpi / 2000) // 20 pixels at 200 dpi
	if n < minInk {
		return nil
	}
	pad := max(2, int(p.dpi/100))
	if split {
		bands := textBands(rowInk, int(p.dpi/25), int(p.dpi/100))
		if len(bands) > 1 {
			var lines []Line
			for _, bd := range bands {
				y0, y1 := rect.Min.Y+bd[0], rect.Min.Y+bd[1]
				lx0, lx1 := bx1, bx0
				for y := y0; y < y1; y++ {
					for x := bx0; x <= bx1; x++ {
						if p.ink(x, y) {
							lx0, lx1 = min(lx0, x), max(lx1, x)
						}
					}
				}
				lines = append(lines, p.line(image.Rect(lx0-pad, y0-pad, lx1+pad+1, y1+pad).Intersect(rect)))
			}
			return lines
		}
	}
	return []Line{p.line(image.Rect(bx0-pad, by0-pad, bx1+pad+1, by1+pad+1).Intersect(rect))}
}

// line cuts the pixels of rect (ruling lines blanked) with a white border
// around them.
func (p *pageImg) line(tight image.Rectangle) Line {
	border := int(p.dpi / 16)
	crop := image.NewGray(image.Rect(0, 0, tight.Dx()+2*border, tight.Dy()+2*border))
	for i := range crop.Pix {
		crop.Pix[i] = 255
	}
	for y := tight.Min.Y; y < tight.Max.Y; y++ {
		src := p.g.Pix[y*p.g.Stride:]
		dst := crop.Pix[(y-tight.Min.Y+border)*crop.Stride+border:]
		for x := tight.Min.X; x < tight.Max.X; x++ {
			if p.mask[y*p.w+x] != tableRule {
				dst[x-tight.Min.X] = src[x]
			}
		}
	}
	return Line{Img: crop, Box: tight, Ink: p.t, DPI: p.dpi, Border: border}
}

// textBands returns the bands of inked rows ([from, to) offsets) at
// least minH high, bands closer than gap merged; thinner bands (specks,
// a stroke cut off by a ruling line) are dropped.
func textBands(rowInk []int, minH, gap int) [][2]int {
	var raw [][2]int
	for i := 0; i < len(rowInk); {
		if rowInk[i] == 0 {
			i++
			continue
		}
		s := i
		for i < len(rowInk) && rowInk[i] > 0 {
			i++
		}
		if n := len(raw); n > 0 && s-raw[n-1][1] < gap {
			raw[n-1][1] = i
			continue
		}
		raw = append(raw, [2]int{s, i})
	}
	var out [][2]int
	for _, b := range raw {
		if b[1]-b[0] >= minH {
			out = append(out, b)
		}
	}
	return out
}

// looseLines adds the text outside the tables: each band of inked rows is
// a row, cut into cells at gaps wider than 0.2 in; the pixels of stray
// rules make no band or cell of their own. A band whose middle is
// beside a table (within the table's height) is text of the table row it
// is beside, whose column's rules were lost (a faded outer column): its
// cells join that row (first[i] is the index in rows of table i's first
// row).
func (p *pageImg) looseLines(rows []pageRow, cells []pageCell, first []int) ([]pageRow, []pageCell) {
	beside := func(y int) (int, bool) {
		for li, l := range p.lats {
			fy := float64(y)
			if fy < l.Ys[0] || fy >= l.Ys[len(l.Ys)-1] {
				continue
			}
			for ri := 0; ri+1 < len(l.Ys); ri++ {
				if fy < l.Ys[ri+1] {
					return first[li] + ri, true
				}
			}
		}
		return 0, false
	}
	inTable := func(x, y int) bool {
		for _, c := range p.claimed {
			if image.Pt(x, y).In(c) {
				return true
			}
		}
		for _, l := range p.lats {
			m := 4.0
			if float64(x) >= l.Xs[0]-m && float64(x) <= l.Xs[len(l.Xs)-1]+m && float64(y) >= l.Ys[0]-m && float64(y) <= l.Ys[len(l.Ys)-1]+m {
				return true
			}
		}
		return false
	}
	rowInk := make([]int, p.h)
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			if p.textInk(x, y) && !inTable(x, y) {
				rowInk[y]++
			}
		}
	}
	minH := int(p.dpi / 25)
	colInk := make([]int, p.w)
	for y := 0; y < p.h; {
		if rowInk[y] == 0 {
			y++
			continue
		}
		s := y
		for y < p.h && rowInk[y] > 0 {
			y++
		}
		if y-s < minH {
			continue
		}
		clear(colInk)
		for yy := s; yy < y; yy++ {
			for x := 0; x < p.w; x++ {
				if p.textInk(x, yy) && !inTable(x, yy) {
					colInk[x]++
				}
			}
		}
		row, inRow := beside((s + y) / 2)
		if !inRow {
			row = len(rows)
		}
		added := false
		gap := int(p.dpi * 0.2)
		for x := 0; x < p.w; {
			if colInk[x] == 0 {
				x++
				continue
			}
			a, e := x, x
			for x < p.w && x-e <= gap {
				if colInk[x] > 0 {
					e = x
				}
				x++
			}
			pad := max(2, int(p.dpi/100))
			rect := image.Rect(a-pad, s-pad, e+pad+1, y+pad).Intersect(image.Rect(0, 0, p.w, p.h))
			if lines := p.cellLines(rect, false); len(lines) > 0 {
				cells = append(cells, pageCell{row: row, col: a, box: rect, lines: lines})
				added = true
			}
		}
		if added && !inRow {
			rows = append(rows, pageRow{top: s, loose: true})
		}
	}
	return rows, cells
}

// original returns the box on the page as given (before deskew) that holds
// r of the deskewed page.
func (p *pageImg) original(r image.Rectangle) image.Rectangle {
	if p.angle == 0 {
		return r
	}
	// rotate maps a destination pixel (X, Y) to the source pixel
	// (cx + dx·cos − dy·sin, cy + dx·sin + dy·cos).
	s, c := math.Sincos(p.angle * math.Pi / 180)
	cx, cy := float64(p.w)/2, float64(p.h)/2
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pt := range []image.Point{r.Min, {r.Max.X, r.Min.Y}, {r.Min.X, r.Max.Y}, r.Max} {
		dx, dy := float64(pt.X)-cx, float64(pt.Y)-cy
		x, y := cx+dx*c-dy*s, cy+dx*s+dy*c
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	return image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1))).Intersect(image.Rect(0, 0, p.w, p.h))
}
