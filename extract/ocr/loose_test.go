package ocr

import (
	"image"
	"testing"
)

// TestLooseLinesStrayRules: outside the tables, a dark rule (a scanner's
// shadow along the page edge, an underline) is no line of text by itself;
// the text beside or above it still is.
func TestLooseLinesStrayRules(t *testing.T) {
	const w, h = 1600, 600
	// the shadow as a scanner casts it: 7 rows dark all across, ragged
	// below
	shadow := []image.Rectangle{image.Rect(0, 0, w, 7), image.Rect(200, 7, 800, 8), image.Rect(500, 8, 503, 9)}
	text := glyphRow(300, 900, 300, 340)
	underline := image.Rect(280, 346, 1400, 350)
	for _, c := range []struct {
		name  string
		ink   []image.Rectangle
		cells int
	}{
		{"the shadow along the top edge alone", shadow, 0},
		{"a line of text below the shadow", append(shadow, text...), 1},
		{"an underline alone", []image.Rectangle{underline}, 0},
		{"a line of text on its underline", append([]image.Rectangle{underline}, text...), 1},
	} {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for i := range g.Pix {
			g.Pix[i] = 255
		}
		for _, r := range c.ink {
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					g.Pix[y*g.Stride+x] = 40
				}
			}
		}
		p, err := preparePage(g, 200)
		if err != nil {
			t.Fatal(err)
		}
		_, cells := p.cut()
		if len(cells) != c.cells {
			t.Errorf("%s: %d cells, want %d", c.name, len(cells), c.cells)
		}
	}
}
