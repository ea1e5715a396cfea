package ocr

import (
	"strings"
	"unicode"
)

// lonePrinted are the readings of one glyph that are not in doubt as
// comparators: the comparators themselves, a percent sign.
const lonePrinted = "≥≤><=≧≦═%％"

// A comparator printed alone in its cell (the 指标性质 column of a target
// split into operator, number and unit) is read by PP-OCR as a letter: ≥
// as N or M, ≧ as W, ≤ as И. Its crop, cut to the ink's rows, fills the
// model's height as a capital does, and nothing beside it says it is
// small. The glyph's shape says what it is.
// Measured on clean 300 dpi renders of the family goldens in the droid
// face (TestFamilyScans in cmd/genscan).

// loneComparator returns the comparator shown by line l, read as text, or
// 0: the reading is one character (not a digit, not a comparator), the
// line holds one glyph (one run of inked columns), and its shape at the line's
// ink threshold and at a darker one is the same comparator (comparator;
// ≧ and ≦ where a second bar lies under ≥ or ≤). A letter, a digit or a
// unit (m, t, 个) is not a comparator in shape and is left as read.
func loneComparator(l Line, text string) rune {
	rs := []rune(text)
	if len(rs) != 1 || unicode.IsDigit(rs[0]) || strings.ContainsRune(lonePrinted, rs[0]) || without["lone"] {
		return 0
	}
	shape := func(t uint8) rune {
		ink := inkOf(l.Img, t)
		g, ok := glyphAt(ink, 0)
		if !ok {
			return 0
		}
		if _, more := glyphAt(ink, g.x1); more {
			return 0
		}
		return loneShape(ink, g)
	}
	a := shape(l.Ink)
	if a == 0 || a != shape(l.Ink-l.Ink/6) {
		return 0
	}
	return a
}

// loneShape classifies a glyph with no line around it: two bars are =
// (twoBars); otherwise as
// comparator does, on a line as tall as a comparator is in its line
// (seven tenths of it); a third group of rows that is a bar under ≥ or ≤
// makes ≧ or ≦.
func loneShape(ink [][]bool, g glyphBox) rune {
	gh := g.y1 - g.y0
	if gh < 4 {
		return 0
	}
	line := func(b glyphBox) (int, int) {
		h := b.y1 - b.y0
		return b.y0, b.y0 + h*10/7 + 1
	}
	groups := rowGroups(ink, g)
	if len(groups) == 2 {
		if c := twoBars(ink, g, groups); c != 0 {
			return c
		}
	}
	ly0, ly1 := line(g)
	if c := comparator(ink, g, ly0, ly1); c != 0 {
		return c
	}
	// the last group of inked rows, if it is a bar: ≧ is ≥ over it
	if !underBar(ink, g, groups) {
		return 0
	}
	top := glyphBox{x0: g.x0, x1: g.x1, y0: g.y0, y1: groups[1][1]}
	ly0, ly1 = line(top)
	switch comparator(ink, top, ly0, ly1) {
	case '≥':
		return '≧'
	case '≤':
		return '≦'
	}
	return 0
}

// underBar reports whether glyph g, whose groups of inked rows are
// groups, is a chevron over two bars (≧, ≦): three groups, the last two
// thin and wide.
func underBar(ink [][]bool, g glyphBox, groups [][2]int) bool {
	if len(groups) != 3 {
		return false
	}
	for _, gr := range groups[1:] {
		if gr[1]-gr[0] > max(3, (g.x1-g.x0)/4) || !wideRow(ink, g, gr) {
			return false
		}
	}
	return true
}

// rowGroups returns the runs [a, b) of consecutive rows of glyph g that
// hold ink, in page rows.
func rowGroups(ink [][]bool, g glyphBox) [][2]int {
	var out [][2]int
	inked := func(y int) bool {
		for x := g.x0; x < g.x1; x++ {
			if ink[y][x] {
				return true
			}
		}
		return false
	}
	for y := g.y0; y < g.y1; {
		if !inked(y) {
			y++
			continue
		}
		s := y
		for y < g.y1 && inked(y) {
			y++
		}
		out = append(out, [2]int{s, y})
	}
	return out
}

// wideRow reports whether a row of the run r of glyph g has ink across
// seven tenths of the glyph's width or more.
func wideRow(ink [][]bool, g glyphBox, r [2]int) bool {
	for y := r[0]; y < r[1]; y++ {
		first, last := -1, -1
		for x := g.x0; x < g.x1; x++ {
			if ink[y][x] {
				if first < 0 {
					first = x
				}
				last = x
			}
		}
		if first >= 0 && (last-first+1)*10 >= (g.x1-g.x0)*7 {
			return true
		}
	}
	return false
}

// twoBars classifies a glyph of two groups of rows: two bars of about the
// same extent are =; 0 for anything else (二, whose upper bar is shorter;
// a chevron and a bar is left to comparator). The ═ some forms print for
// = is not told from it: in the droid face both are two bars about 0.6 em
// wide.
func twoBars(ink [][]bool, g glyphBox, groups [][2]int) rune {
	var ext [2][2]int // each bar's first and last inked column
	for i, gr := range groups {
		if gr[1]-gr[0] > max(3, (g.x1-g.x0)/4) || !wideRow(ink, g, gr) {
			return 0
		}
		ext[i] = [2]int{g.x1, g.x0 - 1}
		for y := gr[0]; y < gr[1]; y++ {
			for x := g.x0; x < g.x1; x++ {
				if ink[y][x] {
					ext[i][0], ext[i][1] = min(ext[i][0], x), max(ext[i][1], x)
				}
			}
		}
	}
	w0, w1 := ext[0][1]-ext[0][0]+1, ext[1][1]-ext[1][0]+1
	if min(w0, w1)*100 < max(w0, w1)*85 {
		return 0 // bars of unequal length: 二
	}
	return '='
}
