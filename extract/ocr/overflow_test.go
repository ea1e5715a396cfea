package ocr

import (
	"image"
	"testing"
)

// TestOverflow: a cell at the bottom of a table whose edge no rule draws
// grows over the text crossing that edge, and claims the rows it grew
// over; under a rule, or with white below the edge, it stays as it is.
func TestOverflow(t *testing.T) {
	const w, h = 200, 200
	cell := image.Rect(20, 20, 180, 100) // the inside of the cell, inset 5 from its lines
	text := image.Rect(60, 85, 140, 115) // crosses the edge at 105
	page := func(ruled bool, ink ...image.Rectangle) *pageImg {
		p := &pageImg{w: w, h: h, dpi: 200, bin: make([]uint8, w*h), mask: make([]uint8, w*h)}
		for _, r := range ink {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					p.bin[y*w+x] = 1
				}
			}
		}
		if ruled {
			for x := 15; x < 185; x++ {
				p.bin[105*w+x], p.mask[105*w+x] = 1, 1
			}
		}
		return p
	}
	for _, c := range []struct {
		name string
		p    *pageImg
		want image.Rectangle
	}{
		{"text across an unruled edge", page(false, text), image.Rect(20, 20, 180, 115)},
		{"text inside the cell", page(false, image.Rect(60, 60, 140, 90)), cell},
		{"a rule at the edge", page(true, text), cell},
	} {
		got := c.p.overflow(cell, false, true)
		if got != c.want {
			t.Errorf("%s: overflow = %v, want %v", c.name, got, c.want)
		}
		if claimed := len(c.p.claimed) > 0; claimed != (got != cell) {
			t.Errorf("%s: claimed %v, grown %v", c.name, c.p.claimed, got != cell)
		}
	}
}
