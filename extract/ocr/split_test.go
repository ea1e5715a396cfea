package ocr

import (
	"image"
	"testing"
)

// TestMarkBetween: a comma low between two texts side by side is a
// punctuation mark (the two are one text); ink as tall as the line, none,
// or a piece of a rule with more pieces above or below the text, is not.
func TestMarkBetween(t *testing.T) {
	const w, h = 100, 40
	cell := image.Rect(5, 2, 95, 38)
	left, right := image.Rect(10, 10, 40, 30), image.Rect(60, 10, 90, 30)
	page := func(ink ...image.Rectangle) *pageImg {
		p := &pageImg{w: w, h: h, dpi: 200, bin: make([]uint8, w*h), mask: make([]uint8, w*h)}
		for _, r := range append(ink, left, right) {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					p.bin[y*w+x] = 1
				}
			}
		}
		return p
	}
	for _, c := range []struct {
		name string
		p    *pageImg
		want bool
	}{
		{"a comma", page(image.Rect(49, 22, 52, 28)), true},
		{"nothing between", page(), false},
		{"a stroke as tall as the line", page(image.Rect(49, 10, 52, 30)), false},
		{"a mark high in the line", page(image.Rect(49, 11, 52, 16)), false},
		{"a piece of a broken rule", page(image.Rect(49, 22, 52, 28), image.Rect(49, 2, 52, 6)), false},
	} {
		if got := c.p.markBetween(cell, left, right); got != c.want {
			t.Errorf("%s: markBetween = %v, want %v", c.name, got, c.want)
		}
	}
}
