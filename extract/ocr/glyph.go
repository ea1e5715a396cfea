package ocr

import (
	"image"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/otiai10/gosseract/v2"
)

// Tesseract's Chinese and eng models have no ≥ or ≤: a printed ≥ comes out
// as 三, 二, =, >, 2 or nothing. The comparators are told apart here by
// their shape instead: a chevron (pointing right for > and ≥, left for < and
// ≤), a bar under it for ≥ and ≤, two bars for =; all of them shorter than
// the digits beside them.

// glyphBox is a glyph's columns [x0, x1) and rows [y0, y1) in a crop.
type glyphBox struct{ x0, x1, y0, y1 int }

// inkOf returns the crop's ink (pixels darker than t) as rows of booleans.
func inkOf(crop *image.Gray, t uint8) [][]bool {
	w, h := crop.Rect.Dx(), crop.Rect.Dy()
	ink := make([][]bool, h)
	for y := 0; y < h; y++ {
		ink[y] = make([]bool, w)
		row := crop.Pix[y*crop.Stride : y*crop.Stride+w]
		for x, p := range row {
			ink[y][x] = p < t
		}
	}
	return ink
}

// lineRows returns the rows [y0, y1) the ink of columns [x0, x1) spans.
func lineRows(ink [][]bool, x0, x1 int) (int, int) {
	y0, y1 := -1, -1
	for y, row := range ink {
		for x := x0; x < x1 && x < len(row); x++ {
			if row[x] {
				if y0 < 0 {
					y0 = y
				}
				y1 = y + 1
				break
			}
		}
	}
	return y0, y1
}

// glyphAt returns the glyph whose ink starts at the first inked column at
// or after x: the columns up to the next column without ink. ok is false
// when there is no ink right of x.
func glyphAt(ink [][]bool, x int) (g glyphBox, ok bool) {
	if len(ink) == 0 {
		return g, false
	}
	w := len(ink[0])
	colInk := func(x int) bool {
		for _, row := range ink {
			if row[x] {
				return true
			}
		}
		return false
	}
	for x < w && !colInk(x) {
		x++
	}
	if x >= w {
		return g, false
	}
	g.x0 = x
	for x < w && colInk(x) {
		x++
	}
	g.x1 = x
	g.y0, g.y1 = lineRows(ink, g.x0, g.x1)
	return g, true
}

// lowerThanNext reports whether glyph g starts clearly below the top of
// the glyph after it and is clearly shorter, as a comparator before a
// digit does; a digit (2 read for ≥) does not.
func lowerThanNext(ink [][]bool, g glyphBox) bool {
	n, ok := glyphAt(ink, g.x1)
	if !ok {
		return false
	}
	nh := n.y1 - n.y0
	return (g.y0-n.y0)*100 >= nh*15 && (g.y1-g.y0)*100 <= nh*85
}

// glyphsOver returns the glyphs whose columns overlap [a, b).
func glyphsOver(ink [][]bool, a, b int) []glyphBox {
	var out []glyphBox
	for from := 0; ; {
		g, ok := glyphAt(ink, from)
		if !ok || g.x0 >= b {
			return out
		}
		if g.x1 > a {
			out = append(out, g)
		}
		from = g.x1
	}
}

// comparator classifies the glyph g of a line whose letters span rows
// [ly0, ly1): '≥', '≤', '>', '<' or '=', or 0 when it is none of them
// (a digit, a letter, a character, or a shape too damaged to say).
func comparator(ink [][]bool, g glyphBox, ly0, ly1 int) rune {
	gw, gh := g.x1-g.x0, g.y1-g.y0
	lh := ly1 - ly0
	if gw < 3 || gh < 2 || lh < 6 || gh > lh*85/100 || gw > lh*13/10 {
		return 0 // as tall as a digit, or several glyphs run together
	}
	// coverage of each row: the share of the glyph's width between its
	// first and last ink pixel
	type rowInfo struct {
		ink      bool
		cover    float64
		mid      float64 // mean x of ink, 0..1 across the glyph
		from, to int
	}
	rows := make([]rowInfo, gh)
	for i := range rows {
		row := ink[g.y0+i]
		first, last, n, sum := -1, -1, 0, 0
		for x := g.x0; x < g.x1; x++ {
			if row[x] {
				if first < 0 {
					first = x
				}
				last = x
				n++
				sum += x - g.x0
			}
		}
		if n > 0 {
			rows[i] = rowInfo{ink: true, cover: float64(last-first+1) / float64(gw), mid: float64(sum) / float64(n) / float64(gw), from: first, to: last}
		}
	}
	// groups of consecutive inked rows
	type group struct{ a, b int }
	var groups []group
	for i := 0; i < gh; {
		if !rows[i].ink {
			i++
			continue
		}
		s := i
		for i < gh && rows[i].ink {
			i++
		}
		groups = append(groups, group{s, i})
	}
	isBar := func(gr group) bool {
		if gr.b-gr.a > max(3, gw/4) {
			return false
		}
		for i := gr.a; i < gr.b; i++ {
			if rows[i].cover >= 0.7 {
				return true
			}
		}
		return false
	}
	// chevron: +1 pointing right (>), -1 left (<), 0 neither.
	chevron := func(gr group) int {
		h := gr.b - gr.a
		if h < max(4, gw/3) {
			return 0
		}
		mean := func(a, b int) float64 {
			s, n := 0.0, 0
			for i := a; i < b; i++ {
				if rows[i].ink {
					s += rows[i].mid
					n++
				}
			}
			if n == 0 {
				return 0.5
			}
			return s / float64(n)
		}
		q := max(1, h/4)
		top, bot := mean(gr.a, gr.a+q), mean(gr.b-q, gr.b)
		mid := mean(gr.a+h/2-q/2, gr.a+h/2-q/2+max(1, q))
		switch d := mid - (top+bot)/2; {
		case d > 0.25:
			return 1
		case d < -0.25:
			return -1
		}
		return 0
	}
	switch len(groups) {
	case 1:
		gr := groups[0]
		if c := chevron(gr); c != 0 {
			// a bar run into the chevron by blur: wide rows at the bottom
			b := gr.b
			for b > gr.a && rows[b-1].cover >= 0.7 {
				b--
			}
			if b < gr.b && gr.b-b <= max(3, gw/4) && b-gr.a >= max(4, gw/3) {
				if c2 := chevron(group{gr.a, b}); c2 == c {
					return pick(c, '≥', '≤')
				}
			}
			return pick(c, '>', '<')
		}
	case 2:
		up, down := groups[0], groups[1]
		if !isBar(down) {
			return 0
		}
		if isBar(up) {
			return '='
		}
		if c := chevron(up); c != 0 {
			return pick(c, '≥', '≤')
		}
	}
	return 0
}

func pick(dir int, right, left rune) rune {
	if dir > 0 {
		return right
	}
	return left
}

// comparatorOf classifies glyph g of a line whose letters span rows
// [ly0, ly1) as a comparator, or 0: it must be shorter than and start
// below the glyph after it, and its shapes at the line's ink threshold
// (ink) and at a darker one (dark, which drops the specks blur leaves
// between a chevron and its bar) must not disagree.
func comparatorOf(ink, dark [][]bool, g glyphBox, ly0, ly1 int) rune {
	if !lowerThanNext(ink, g) {
		return 0 // as tall as the digit after it: 2 or 5, not ≥ or >
	}
	a := comparator(ink, g, ly0, ly1)
	var b rune
	if gs := glyphsOver(dark, g.x0, g.x1); len(gs) == 1 {
		if y0, y1 := lineRows(dark, 0, len(dark[0])); y0 >= 0 {
			b = comparator(dark, gs[0], y0, y1)
		}
	}
	switch {
	case a == 0 && b != 0, a != 0 && (b == 0 || a == b):
		return max(a, b)
	}
	return 0
}

// comparatorMisreads are what Tesseract reads for a ≥ or ≤ before a digit
// inside a value (年均流动≤80人次 → 年均流动=80人次).
const comparatorMisreads = "=><≥≤三二"

// restoreComparators puts back the ≥ and ≤ (and checks the = > <) that
// Tesseract misread in a one-line crop, from the shape of the glyph: at the
// start of the line (read as 三, 二, =, >, 2 or dropped), and before a digit
// inside it. The text is unchanged when no glyph is a comparator.
func (r *tesseract) restoreComparators(crop *image.Gray, t uint8, text string, conf float64) (string, float64, error) {
	rs := []rune(text)
	firstDigit := -1
	for i, c := range rs {
		if c >= '0' && c <= '9' {
			firstDigit = i
			break
		}
	}
	if firstDigit < 0 {
		return text, conf, nil
	}
	ink := inkOf(crop, t)
	ly0, ly1 := lineRows(ink, 0, crop.Rect.Dx())
	if ly0 < 0 {
		return text, conf, nil
	}
	symbolsOnce := func() ([]symbol, error) { return r.symbols(crop) }
	// A second, darker threshold drops the faint specks that blur leaves
	// between a chevron and its bar.
	dark := inkOf(crop, t-t/6)
	// classify returns the comparator among the glyphs over [from, to)
	// (Tesseract's boxes are loose), if one is.
	classify := func(from, to int) (glyphBox, rune) {
		for _, g := range glyphsOver(ink, from, to) {
			if c := comparatorOf(ink, dark, g, ly0, ly1); c != 0 {
				return g, c
			}
		}
		return glyphBox{}, 0
	}
	first, ok := glyphAt(ink, 0)
	if !ok {
		return text, conf, nil
	}
	if g, sym := classify(first.x0, first.x1); sym != 0 {
		{
			lead := 0 // runes before the first digit, spaces aside
			for _, c := range rs[:firstDigit] {
				if c != ' ' {
					lead++
				}
			}
			switch {
			case lead > 0 && lead <= 2:
				rs = append([]rune{sym}, rs[firstDigit:]...)
			case lead == 0:
				ss, err := symbolsOnce()
				if err != nil {
					return "", 0, err
				}
				switch {
				case len(ss) > 0 && (ss[0].box.Min.X+ss[0].box.Max.X)/2 < g.x1:
					// read as a digit (2 for ≥): a number must follow
					if len(rs) > 1 && rs[1] >= '0' && rs[1] <= '9' {
						rs = append([]rune{sym}, rs[1:]...)
					}
				default:
					rs = append([]rune{sym}, rs...) // dropped
				}
			}
		}
	}
	// inside the line
	for i := 1; i+1 < len(rs); i++ {
		if !strings.ContainsRune(comparatorMisreads, rs[i]) || rs[i+1] < '0' || rs[i+1] > '9' {
			continue
		}
		ss, err := symbolsOnce()
		if err != nil {
			return "", 0, err
		}
		// the i-th symbol, counted without spaces
		k := 0
		for _, c := range rs[:i] {
			if c != ' ' {
				k++
			}
		}
		if k >= len(ss) || ss[k].text != string(rs[i]) {
			continue
		}
		if _, sym := classify(ss[k].box.Min.X, ss[k].box.Max.X); sym != 0 {
			rs[i] = sym
		}
	}
	return string(rs), conf, nil
}

// symbol is one character Tesseract read, with its box.
type symbol struct {
	text string
	box  image.Rectangle
}

// symbols reads a crop again for its characters' boxes (main model, one
// line). The last crop's symbols are kept.
func (r *tesseract) symbols(crop *image.Gray) ([]symbol, error) {
	if crop == r.symCrop {
		return r.syms, nil
	}
	r.stats.Symbols++
	if err := r.client.SetImageFromBytes(pgm(crop)); err != nil {
		return nil, err
	}
	if err := r.client.SetPageSegMode(gosseract.PSM_SINGLE_LINE); err != nil {
		return nil, err
	}
	boxes, err := r.client.GetBoundingBoxes(gosseract.RIL_SYMBOL)
	if err != nil {
		return nil, err
	}
	out := make([]symbol, 0, len(boxes))
	for _, b := range boxes {
		if t := strings.TrimSpace(b.Word); t != "" {
			out = append(out, symbol{text: t, box: b.Box})
		}
	}
	r.symCrop, r.syms = crop, out
	return out, nil
}

// missedLead returns text with the first glyph of a one-line crop put
// back when Tesseract skipped it and its shape says which character it is:
// a short bar in the middle of the line is 一 (一套), a straight upright
// stroke as tall as the line is 1 (1个). The glyph is skipped when its ink
// ends before the first word's box (firstX) or, read again for the boxes of
// the characters, before the first character's box. Anything else is left
// alone.
//
// When the glyph was read together with what follows, the rest is read
// again on its own and its confidence returned (0 otherwise).
func (r *tesseract) missedLead(crop *image.Gray, text string, firstX int) (string, float64, error) {
	if text == "" || firstX < 0 || utf8.RuneCountInString(text) > 3 {
		return text, 0, nil // values such as 一套, 1个 are short; 门 has a stroke like 1
	}
	ink := inkOf(crop, r.inkT)
	g, ok := glyphAt(ink, 0)
	if !ok {
		return text, 0, nil
	}
	ry0, ry1 := lineRows(ink, g.x1, crop.Rect.Dx())
	rh := ry1 - ry0
	if ry0 < 0 || rh < 6 || g.y0 < ry0-2 || g.y1 > ry1+2 {
		return text, 0, nil // not within the line: a remnant of a ruling line, a speck
	}
	gw, gh := g.x1-g.x0, g.y1-g.y0
	var lead string
	switch {
	case gh <= max(3, gw/4) && gw >= rh/3 && g.y0 > ry0+rh/4 && g.y1 < ry1-rh/4:
		lead = "一"
	case gh >= rh*8/10 && gw*10 <= rh*7 && thinUpright(ink, g):
		lead = "1"
	default:
		return text, 0, nil
	}
	if _, more := glyphAt(ink, g.x1); strings.HasPrefix(text, lead) && (text != lead || !more) {
		return text, 0, nil
	}
	if g.x1 <= firstX && text != lead {
		return lead + text, 0, nil
	}
	// Read as one with what follows (1个 as 1 or 个): the rest is read
	// on its own.
	rest := image.NewGray(crop.Rect)
	copy(rest.Pix, crop.Pix)
	paper := 255
	for x := g.x0 - 1; x >= 0 && x >= g.x0-4; x-- { // the paper just left of the glyph
		paper = min(paper, int(crop.Pix[(g.y0+g.y1)/2*crop.Stride+x]))
	}
	for y := g.y0; y < g.y1; y++ {
		for x := g.x0; x < g.x1; x++ {
			rest.Pix[y*rest.Stride+x] = uint8(paper)
		}
	}
	r.stats.Split++
	t, c, _, err := read(r.client, pgm(rest), gosseract.PSM_SINGLE_LINE)
	if err != nil || t == "" || strings.HasPrefix(t, lead) {
		return text, 0, err
	}
	return lead + t, c, nil
}

// thinUpright reports whether glyph g is a thin upright stroke: in its
// middle half, rows of ink no wider than a fifth of its height whose centre
// moves by at most two pixels; and its ends not both bent the same way, as
// a bracket's are.
func thinUpright(ink [][]bool, g glyphBox) bool {
	h := g.y1 - g.y0
	centre := func(y int) (float64, int) {
		s, n := 0, 0
		for x := g.x0; x < g.x1; x++ {
			if ink[y][x] {
				s += x
				n++
			}
		}
		if n == 0 {
			return -1, 0
		}
		return float64(s) / float64(n), n
	}
	lo, hi, sum, rows := 1e9, -1e9, 0.0, 0
	for y := g.y0 + h/4; y < g.y1-h/4; y++ {
		c, n := centre(y)
		if n == 0 || n > max(4, h/5) {
			return false
		}
		lo, hi = min(lo, c), max(hi, c)
		sum += c
		rows++
	}
	if rows == 0 || hi-lo > 2 {
		return false
	}
	mid := sum / float64(rows)
	top, _ := centre(g.y0 + 1)
	bot, _ := centre(g.y1 - 2)
	bent := func(c float64) int {
		switch {
		case c < 0:
			return 0
		case c > mid+2:
			return 1
		case c < mid-2:
			return -1
		}
		return 0
	}
	return bent(top) == 0 || bent(top) != bent(bot)
}

// digitShaped reports whether a reading of one CJK character is more
// likely a digit: its ink is much narrower than tall (国 read for 3).
func (r *tesseract) digitShaped(crop *image.Gray, text string) bool {
	rs := []rune(text)
	if len(rs) != 1 || !isCJK(rs[0]) {
		return false
	}
	ink := inkOf(crop, r.inkT)
	g, ok := glyphAt(ink, 0)
	if !ok {
		return false
	}
	if _, more := glyphAt(ink, g.x1); more {
		return false
	}
	return (g.x1-g.x0)*10 < (g.y1-g.y0)*7
}

// brackets are the bracket characters whose width (full or half) is told
// from the gap before the opening one; 〈 is how Tesseract reads some （.
const brackets = "()（）〈"

// bracketWidths decides for each pair of brackets in a one-line crop
// whether it is printed full-width (（）) or half-width (()), which the
// models do not tell apart (bracketsByGap), from Tesseract's boxes of the
// characters.
func (r *tesseract) bracketWidths(crop *image.Gray, text string) (string, error) {
	if !strings.ContainsAny(text, brackets) {
		return text, nil
	}
	ss, err := r.symbols(crop)
	if err != nil {
		return "", err
	}
	var near []int
	for _, s := range ss {
		if s.text == "(" || s.text == "（" || s.text == "〈" {
			near = append(near, s.box.Min.X)
		}
	}
	return bracketsByGap(inkOf(crop, r.inkT), text, near), nil
}

// bracketsByGap sets the width of each pair of brackets in text, the reading
// of a one-line crop whose ink is ink. A full-width bracket fills an em box
// and a half-width one a third of it, so the white across an opening
// bracket, from the ink before it to the ink after it, is about an em for （
// and half of one for (, whatever the face. An opening bracket last on its
// line is told by the gap before it alone, and one first on its line is left
// as read (the border of the crop says nothing). near holds, for each
// opening bracket of the reading in order, a column at or near its ink; text
// is left as it is when the brackets cannot be found.
func bracketsByGap(ink [][]bool, text string, near []int) string {
	if len(ink) == 0 || len(ink[0]) == 0 {
		return text
	}
	ly0, ly1 := lineRows(ink, 0, len(ink[0]))
	em := float64(ly1 - ly0)
	if ly0 < 0 || em < 6 || len(near) == 0 {
		return text
	}
	// the width decided for each opening bracket, in order: +1 full, -1
	// half, 0 as read
	var width []int
	for _, x := range near {
		g, ok := glyphNear(ink, x)
		if !ok {
			return text
		}
		prev := g.x0 - 1
		for prev >= 0 && !colHasInk(ink, prev) {
			prev--
		}
		next := g.x1
		for next < len(ink[0]) && !colHasInk(ink, next) {
			next++
		}
		switch {
		case prev < 0:
			width = append(width, 0)
		case next < len(ink[0]):
			width = append(width, boolDir(float64(next-prev-1) >= fullSpan*em))
		default:
			width = append(width, boolDir(float64(g.x0-prev-1) >= fullGap*em))
		}
	}
	rs := []rune(text)
	k, open := -1, false
	for i, c := range rs {
		switch c {
		case '(', '（', '〈':
			k++
			open = true
			if k < len(width) && width[k] != 0 {
				rs[i] = pick(width[k], '（', '(')
			}
		case ')', '）':
			if open && k >= 0 && k < len(width) && width[k] != 0 {
				rs[i] = pick(width[k], '）', ')')
			}
			open = false
		}
	}
	return string(rs)
}

// The white across an opening bracket (fullSpan) or before one that ends
// its line (fullGap), in ems, from which it is full-width.
const (
	fullSpan = 0.9
	fullGap  = 0.43
)

// glyphNear returns the glyph (columns of ink between empty columns)
// nearest column x: the one holding x, or the closest on either side.
func glyphNear(ink [][]bool, x int) (glyphBox, bool) {
	w := len(ink[0])
	x = min(max(x, 0), w-1)
	if colHasInk(ink, x) {
		for x > 0 && colHasInk(ink, x-1) {
			x--
		}
		return glyphAt(ink, x)
	}
	l, r := x, x
	for l >= 0 && !colHasInk(ink, l) {
		l--
	}
	for r < w && !colHasInk(ink, r) {
		r++
	}
	switch {
	case l < 0 && r >= w:
		return glyphBox{}, false
	case l < 0 || (r < w && r-x <= x-l):
		return glyphAt(ink, r)
	}
	for l > 0 && colHasInk(ink, l-1) {
		l--
	}
	return glyphAt(ink, l)
}

func boolDir(b bool) int {
	if b {
		return 1
	}
	return -1
}

func colHasInk(ink [][]bool, x int) bool {
	for _, row := range ink {
		if row[x] {
			return true
		}
	}
	return false
}

// dropPhantomHe removes the one 和 of a line of Chinese characters that
// holds one character more than it has glyphs (columns of ink between
// empty columns): the Chinese models read a wide gap between two characters
// as 和 (人民和群众 for 人民群众). It reports whether it did: the reading is
// then in doubt (two characters may touch).
func (r *tesseract) dropPhantomHe(crop *image.Gray, text string) (string, bool) {
	if strings.Count(text, "和") != 1 {
		return text, false
	}
	n := 0
	for _, c := range text {
		switch {
		case unicode.Is(unicode.Han, c) || unicode.Is(unicode.P, c) && isCJK(c) || c >= '0' && c <= '9':
			n++ // a character, a full-width punctuation mark or a digit: one glyph each (1和套 for 1套)
		default:
			return text, false
		}
	}
	ink := inkOf(crop, r.inkT)
	groups := 0
	for x := 0; ; groups++ {
		g, ok := glyphAt(ink, x)
		if !ok {
			break
		}
		x = g.x1
	}
	if groups+1 != n {
		return text, false
	}
	return strings.Replace(text, "和", "", 1), true
}

// slantComparator classifies glyph g as '≥', '≤', '>' or '<' from the
// whole glyph's outline, for faces whose ≥ has its bar slanted and run
// into the chevron's lower arm (⩾), as tall as the digits or taller, which
// comparator does not take for one. The glyph must be a chevron: the mean
// column of its ink moves one way from its top to its apex and back by its
// bottom. Below a chevron's apex there is as much ink as above it; a bar
// adds to it: from barShare times as much the glyph is ≥ or ≤, up to
// bareShare times it is > or <. It returns 0 when the glyph is no chevron
// or the share is between the two.
func slantComparator(ink [][]bool, g glyphBox) rune {
	gw, gh := g.x1-g.x0, g.y1-g.y0
	if gw < 4 || gh < 8 || gw > gh*3/2 {
		return 0
	}
	mid := make([]float64, gh) // mean column of each row's ink, 0..1 across the glyph; -1 for none
	count := make([]int, gh)
	for i := range gh {
		s, n := 0, 0
		for x := g.x0; x < g.x1; x++ {
			if ink[g.y0+i][x] {
				s += x - g.x0
				n++
			}
		}
		mid[i], count[i] = -1, n
		if n > 0 {
			mid[i] = float64(s) / float64(n) / float64(gw-1)
		}
	}
	mean := func(a, b int) float64 {
		s, n := 0.0, 0
		for i := a; i < b; i++ {
			if mid[i] >= 0 {
				s += mid[i]
				n++
			}
		}
		if n == 0 {
			return 0.5
		}
		return s / float64(n)
	}
	q := max(1, gh/5)
	top, bot := mean(0, q), mean(gh-q, gh)
	// the apex: the row whose ink lies farthest the way the chevron points
	dir := 0
	switch m := mean(gh/2-q, gh/2+q); {
	case m-max(top, bot) > 0.2:
		dir = 1
	case min(top, bot)-m > 0.2:
		dir = -1
	default:
		return 0
	}
	apex, best := -1, -2.0
	for i := q; i < gh-q; i++ {
		if mid[i] < 0 {
			continue
		}
		if v := float64(dir) * mid[i]; v > best {
			apex, best = i, v
		}
	}
	if apex < 0 {
		return 0
	}
	above, below := 0, 0
	for i, n := range count {
		switch {
		case i < apex:
			above += n
		case i > apex:
			below += n
		}
	}
	switch r := float64(below) / float64(max(1, above)); {
	case r >= barShare:
		return pick(dir, '≥', '≤')
	case r <= bareShare:
		return pick(dir, '>', '<')
	}
	return 0
}

// The ink below a chevron's apex, as a share of the ink above it, from
// which the glyph has a bar (≥, ≤), and up to which it has none (>, <).
const (
	barShare  = 1.45
	bareShare = 1.2
)
