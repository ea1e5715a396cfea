package ocr

import (
	"jixiao/extract/ocr/paddle"
)

// squareBrackets sets the width of each pair of square brackets in a
// PP-OCR reading (chars, of the line whose ink is ink), which the model
// prints as ［ or [ at will (［066]自然资源部 for [066]自然资源部): as
// bracketsByGap does for round brackets, from the white across the
// opening bracket, or, when it opens its line (the crop's border says
// nothing), across the closing one (from the ink before it to the ink
// after it: about an em for ］, half of one for ]). Both brackets of a
// pair take the width decided; a pair whose width cannot be told is left
// as read. It returns the characters, changed in a copy.
func squareBrackets(ink [][]bool, chars []paddle.Char) []paddle.Char {
	if len(ink) == 0 || len(ink[0]) == 0 {
		return chars
	}
	ly0, ly1 := lineRows(ink, 0, len(ink[0]))
	em := float64(ly1 - ly0)
	if ly0 < 0 || em < 6 {
		return chars
	}
	// span returns the white across the glyph near column x, in ems, and
	// false when it has no ink before or after it.
	span := func(x int) (float64, bool) {
		g, ok := glyphNear(ink, x)
		if !ok {
			return 0, false
		}
		prev, next := g.x0-1, g.x1
		for prev >= 0 && !colHasInk(ink, prev) {
			prev--
		}
		for next < len(ink[0]) && !colHasInk(ink, next) {
			next++
		}
		if prev < 0 || next >= len(ink[0]) {
			return 0, false
		}
		return float64(next-prev-1) / em, true
	}
	out := append([]paddle.Char(nil), chars...)
	for i, c := range chars {
		if c.Text != "[" && c.Text != "［" {
			continue
		}
		j := i + 1
		for j < len(chars) && chars[j].Text != "]" && chars[j].Text != "］" {
			j++
		}
		s, ok := span((c.X0 + c.X1) / 2)
		if !ok && j < len(chars) {
			s, ok = span((chars[j].X0 + chars[j].X1) / 2)
		}
		if !ok {
			continue
		}
		full := s >= fullSpan
		out[i].Text = map[bool]string{true: "［", false: "["}[full]
		if j < len(chars) {
			out[j].Text = map[bool]string{true: "］", false: "]"}[full]
		}
	}
	return out
}
