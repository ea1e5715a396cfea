package ocr

import (
	"image"
	"testing"
)

// TestApartMark: two runs of text with a character's width of white
// between them are two cells' texts; with a comma in that white, sitting
// on the line between the cells, they are one text running on; a stub of a
// rule there (as tall as the text), or a speck, does not join them. A
// sliver of a glyph past the line is not a text of its own.
func TestApartMark(t *testing.T) {
	const w, h = 300, 80
	left, right := image.Rect(20, 20, 120, 60), image.Rect(170, 20, 280, 60)
	page := func(ink ...image.Rectangle) *pageImg {
		p := &pageImg{w: w, h: h, dpi: 200, bin: make([]uint8, w*h), mask: make([]uint8, w*h)}
		for _, r := range ink {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					p.bin[y*w+x] = 1
				}
			}
		}
		return p
	}
	// the cells' insides, split at x=145 and inset from it
	a, b := image.Rect(10, 10, 140, 70), image.Rect(150, 10, 290, 70)
	for _, c := range []struct {
		name string
		p    *pageImg
		want bool
	}{
		{"white between", page(left, right), true},
		{"a comma on the line", page(left, right, image.Rect(142, 48, 148, 60)), false},
		{"a stub of a rule on the line", page(left, right, image.Rect(144, 10, 146, 70)), true},
		{"a short stub, the rule going on above", page(left, right, image.Rect(144, 50, 146, 58), image.Rect(144, 20, 146, 40)), true},
		{"a speck on the line", page(left, right, image.Rect(144, 52, 146, 54)), true},
		{"a sliver past the line, nothing else", page(left, image.Rect(151, 35, 153, 48)), false},
		{"a digit 1 past the line", page(left, image.Rect(170, 30, 173, 54)), true},
	} {
		if got := c.p.apart(a, b, false); got != c.want {
			t.Errorf("%s: apart = %v, want %v", c.name, got, c.want)
		}
	}
}
