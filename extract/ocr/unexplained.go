package ocr

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao/extract/ocr/paddle"
)

// PP-OCR now and then drops a glyph at either end of a line with full
// confidence: the ≥ of ≥90% (in Song faces above all), the closing bracket
// of 及时(24小时以内), the 1 of 1套. Its ink is then left unexplained: no
// character the model emitted lies near it. settleEnds puts back what the
// glyph's shape says it is, and otherwise marks the reading as in doubt (a
// closing bracket is not put back: the right part of a character, the 己
// of 配, looks the same to it).
// Its thresholds were set on the tuning faces (droid, sungti, notoserif)
// over every damage class of the scan corpus.

// settleEnds returns the reading text (confidence conf) of line l, whose
// characters chars the recogniser emitted, with the glyphs it dropped put
// back where their shape tells what they are: a comparator before a
// leading number (from its shape, comparatorOf). A > or < read before a
// number, leading or inside the line, for a glyph shaped as ≥ or ≤ is
// corrected, a leading ≥ or ≤ with a second bar
// under it is ≧ or ≦, and a leading - or _ read for a
// bar as wide as a character is 一. Any other ink wider than
// minUnexplained ems that no character explains leaves the reading below
// LowConfidence.
func settleEnds(l Line, chars []paddle.Char, text string, conf float64) (string, float64) {
	if text == "" || len(chars) == 0 || without["ends"] {
		return text, conf
	}
	ink := inkOf(l.Img, l.Ink)
	if len(ink) == 0 || len(ink[0]) == 0 {
		return text, conf
	}
	ly0, ly1 := lineRows(ink, 0, len(ink[0]))
	em := float64(ly1 - ly0)
	if ly0 < 0 || em < 6 {
		return text, conf
	}
	var dark [][]bool // made on first need
	darkInk := func() [][]bool {
		if dark == nil {
			dark = inkOf(l.Img, l.Ink-l.Ink/6)
		}
		return dark
	}
	rs := []rune(text)
	innerComparators(ink, darkInk, chars, rs, ly0, ly1)
	if len(rs) > 1 && (rs[0] == '>' || rs[0] == '<') && isDigit(rs[1]) {
		if g, ok := glyphAt(ink, 0); ok {
			if c := leadComparator(ink, darkInk(), g, ly0, ly1); c == pick(boolDir(rs[0] == '>'), '≥', '≤') {
				rs[0] = c
			}
		}
	}
	if len(rs) > 1 && (rs[0] == '≥' || rs[0] == '≤') && isDigit(rs[1]) {
		// ≧ and ≦, which the model reads as ≥ and ≤: a second bar
		if g, ok := glyphAt(ink, 0); ok && underBar(ink, g, rowGroups(ink, g)) {
			rs[0] = pick(boolDir(rs[0] == '≥'), '≧', '≦')
		}
	}
	if len(rs) > 1 && strings.ContainsRune("-－—_", rs[0]) && unicode.Is(unicode.Han, rs[1]) {
		if g, ok := glyphAt(ink, 0); ok && isBar(g, em, ly0, ly1) {
			rs[0] = '一' // a bar as wide as a character, before one
		}
	}
	first, last := chars[0].X0, chars[len(chars)-1].X1
	doubt := false
	// columns [leadTo, tailFrom) are left to check for unexplained ink
	leadTo, tailFrom := 0, len(ink[0])
	// A glyph wholly left of the first character the model emitted, apart
	// from the glyph after it, was dropped: a bar as wide as a character
	// is 一 (一次性); anything else is in doubt.
	if g, ok := glyphAt(ink, 0); ok && g.x1 < first {
		if n, ok := glyphAt(ink, g.x1); ok && float64(n.x0-g.x1) >= em/5 && !isDigit(rs[0]) {
			if isBar(g, em, ly0, ly1) && rs[0] != '一' {
				rs = append([]rune{'一'}, rs...)
				leadTo = g.x1
			} else if comparatorOf(ink, darkInk(), g, ly0, ly1) == 0 {
				doubt = true
			}
		}
	}
	// A glyph wholly right of the last character the model emitted may
	// be one it dropped (a closing bracket), or the right part of that
	// character (the 己 of 配, in a name printed truncated): in doubt.
	if g, ok := lastGlyph(ink); ok && g.x0 > last {
		doubt = true
		tailFrom = g.x0
	}
	for _, run := range unexplainedRuns(ink, chars, em) {
		if run[1] <= leadTo || run[0] >= tailFrom {
			continue
		}
		switch {
		case run[1] <= first && isDigit(rs[0]):
			if g, ok := glyphAt(ink, run[0]); ok && g.x1 <= first {
				if c := leadComparator(ink, darkInk(), g, ly0, ly1); c != 0 {
					rs = append([]rune{c}, rs...)
					continue
				}
			}
		}
		if float64(run[1]-run[0]) >= minUnexplained*em {
			doubt = true
		}
	}
	if !without["skipped"] && droppedBetween(ink, chars, em) {
		doubt = true
	}
	if doubt {
		conf = min(conf, doubtConf)
	}
	return string(rs), conf
}

// droppedBetween reports whether the model skipped a glyph between two
// Chinese characters it emitted: they stand a character's width or more
// further apart than neighbours do, and ink lies between them (the
// full-width comma of 提升工作效率，减少运营成本, read without it).
func droppedBetween(ink [][]bool, chars []paddle.Char, em float64) bool {
	han := func(c paddle.Char) bool {
		r, _ := utf8.DecodeRuneInString(c.Text)
		return unicode.Is(unicode.Han, r)
	}
	w := len(ink[0])
	for i := 0; i+1 < len(chars); i++ {
		a, b := chars[i], chars[i+1]
		if !han(a) || !han(b) {
			continue
		}
		ca, cb := float64(a.X0+a.X1)/2, float64(b.X0+b.X1)/2
		if cb-ca < 1.6*em {
			continue
		}
		n := 0
		for x := max(0, int(ca+0.65*em)); x < min(w, int(cb-0.65*em)); x++ {
			if colInk(ink, x) >= 2 {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// colInk is the number of ink pixels in column x.
func colInk(ink [][]bool, x int) int {
	n := 0
	for _, row := range ink {
		if row[x] {
			n++
		}
	}
	return n
}

// innerComparators corrects, in rs (the reading of chars), each > or <
// after the first character and before a digit (年均流动<80人次) that its
// glyph's shape (leadComparator) says is ≥ or ≤ of the same sense, as
// settleEnds does a leading one. The readings' > and < are matched to
// rs's in order; rs is left as it is when they do not match up.
func innerComparators(ink [][]bool, dark func() [][]bool, chars []paddle.Char, rs []rune, ly0, ly1 int) {
	var at []int // rs's > and <, after the first rune
	for i := 1; i < len(rs); i++ {
		if rs[i] == '>' || rs[i] == '<' {
			at = append(at, i)
		}
	}
	if len(at) == 0 {
		return
	}
	var cs []int // the chars that are > or <, after the first
	for k := 1; k < len(chars); k++ {
		if chars[k].Text == ">" || chars[k].Text == "<" {
			cs = append(cs, k)
		}
	}
	if len(cs) != len(at) {
		return
	}
	for n, i := range at {
		c := chars[cs[n]]
		if i+1 >= len(rs) || !isDigit(rs[i+1]) || string(rs[i]) != c.Text {
			continue
		}
		g, ok := glyphNear(ink, (c.X0+c.X1)/2)
		if !ok {
			continue
		}
		if got := leadComparator(ink, dark(), g, ly0, ly1); got == pick(boolDir(rs[i] == '>'), '≥', '≤') {
			rs[i] = got
		}
	}
}

// leadComparator classifies the first glyph g of a line as a comparator
// by comparatorOf, or else by its outline (slantComparator); 0 if neither
// takes it for one.
func leadComparator(ink, dark [][]bool, g glyphBox, ly0, ly1 int) rune {
	if c := comparatorOf(ink, dark, g, ly0, ly1); c != 0 {
		return c
	}
	return slantComparator(ink, g)
}

// minUnexplained is the width, in ems, from which ink no character
// explains puts a reading in doubt: a dropped digit or comparator is
// wider, the tail of a stroke or a speck left by a broken rule narrower.
const minUnexplained = 0.25

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// unexplainedRuns returns the runs of ink columns [a, b) of a line crop
// whose letters are em pixels high that no character of a reading accounts
// for: farther from every character's time steps than half an em (a third
// of one for a narrow character). Empty columns inside a run belong to it.
func unexplainedRuns(ink [][]bool, chars []paddle.Char, em float64) [][2]int {
	w := len(ink[0])
	explained := make([]bool, w)
	for _, c := range chars {
		reach := 0.5 * em
		if r, _ := utf8.DecodeRuneInString(c.Text); r < 0x2E80 {
			reach = em / 3
		}
		for x := max(0, c.X0-int(reach)); x < min(w, c.X1+int(reach)+1); x++ {
			explained[x] = true
		}
	}
	var runs [][2]int
	start, end := -1, -1 // the run being built: its first and last inked column
	for x := range w {
		if explained[x] {
			if start >= 0 {
				runs = append(runs, [2]int{start, end + 1})
			}
			start = -1
			continue
		}
		if colInk(ink, x) >= 2 {
			if start < 0 {
				start = x
			}
			end = x
		}
	}
	if start >= 0 {
		runs = append(runs, [2]int{start, end + 1})
	}
	return runs
}

// isBar reports whether glyph g is a horizontal bar as wide as a character
// (0.7 em or more) in the middle of the line's rows [ly0, ly1).
func isBar(g glyphBox, em float64, ly0, ly1 int) bool {
	gw, gh := g.x1-g.x0, g.y1-g.y0
	rh := ly1 - ly0
	return float64(gw) >= 0.7*em && gh <= max(3, gw/4) && g.y0 > ly0+rh/4 && g.y1 < ly1-rh/4
}

// lastGlyph returns the last glyph of a line crop: the columns of ink
// after the last empty column before its last inked one.
func lastGlyph(ink [][]bool) (glyphBox, bool) {
	x := len(ink[0]) - 1
	for x >= 0 && !colHasInk(ink, x) {
		x--
	}
	if x < 0 {
		return glyphBox{}, false
	}
	for x > 0 && colHasInk(ink, x-1) {
		x--
	}
	return glyphAt(ink, x)
}
