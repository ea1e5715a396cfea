package ocr

import (
	"image"
	"strings"
)

// shape describes a one-line crop's ink for choosing a model: the line's
// ink height and its glyphs (columns of ink between empty columns).
type shape struct {
	h      int
	glyphs []glyphBox
}

// shapeOf returns the shape of crop's ink (pixels darker than t).
func shapeOf(crop *image.Gray, t uint8) shape {
	ink := inkOf(crop, t)
	var s shape
	if y0, y1 := lineRows(ink, 0, crop.Rect.Dx()); y0 >= 0 {
		s.h = y1 - y0
	}
	for x := 0; ; {
		g, ok := glyphAt(ink, x)
		if !ok {
			break
		}
		s.glyphs = append(s.glyphs, g)
		x = g.x1
	}
	return s
}

// numFirstAbove is the confidence from which the number model's reading of
// a line of digits stands without the main model's.
const numFirstAbove = 0.85

// digits reports whether the shape is a line of digits: glyphs as narrow
// as digits (0.4 to 0.75 of the line's height, where a CJK character is
// about as wide as high) and punctuation (. , -), save one wider glyph at
// either end (≥ before, % after), nothing wider than 1.3 heights, and at
// least three digits (two between a ≥ and a %). Pieces of a CJK character
// (门 is two narrow glyphs) come with full-width ones, or fewer.
func (s shape) digits() bool {
	if s.h < 8 {
		return false
	}
	narrow := 0
	for i, g := range s.glyphs {
		switch w := g.x1 - g.x0; {
		case w*10 <= s.h*4: // punctuation
		case w*100 <= s.h*75:
			narrow++
		case w*10 > s.h*13, i != 0 && i != len(s.glyphs)-1:
			return false
		}
	}
	return narrow >= 3 || (narrow == 2 && len(s.glyphs) >= 4)
}

// readsAsDigits reports whether text, the number model's reading of a line
// of this shape, can stand: a number, one character per glyph, and a wide
// glyph at an end read as what is that wide in a number (≥ = > < before,
// % after) — a CJK unit (103人, 212台) is as wide, and the number model
// reads it as a letter or a digit.
func (s shape) readsAsDigits(text string) bool {
	rs := []rune(strings.ReplaceAll(text, " ", ""))
	if !numberLike(text) || len(rs) != len(s.glyphs) {
		return false
	}
	wide := func(g glyphBox) bool { return (g.x1-g.x0)*100 > s.h*75 }
	if wide(s.glyphs[0]) && !strings.ContainsRune("≥≤=><", rs[0]) {
		return false
	}
	if last := len(s.glyphs) - 1; wide(s.glyphs[last]) && rs[last] != '%' {
		return false
	}
	return true
}
