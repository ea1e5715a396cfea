package scan

import (
	"image"
	"testing"
)

// unevenPage is a gray page lit from one corner: paper from 150 (lower
// right) to 240 (upper left), black text bars at a third of the paper's
// level.
func unevenPage(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			paper := 240 - 90*float64(x+y)/float64(w+h)
			v := paper
			if x%50 < 6 && y%100 < 80 {
				v = paper / 3
			}
			g.Pix[y*g.Stride+x] = uint8(v)
		}
	}
	return g
}

func TestFlatten(t *testing.T) {
	f := flatten(unevenPage(600, 800))
	for _, c := range []struct {
		name   string
		x, y   int
		lo, hi uint8
	}{
		{"bright paper", 25, 20, 245, 255},
		{"dim paper", 570, 770, 245, 255},
		{"ink in the light", 2, 20, 70, 100},
		{"ink in the shade", 552, 720, 70, 100},
	} {
		if v := f.GrayAt(c.x, c.y).Y; v < c.lo || v > c.hi {
			t.Errorf("%s at (%d, %d) is %d, want %d…%d", c.name, c.x, c.y, v, c.lo, c.hi)
		}
	}
	small := image.NewGray(image.Rect(0, 0, 20, 20))
	if flatten(small) != small {
		t.Error("a page smaller than 3×3 blocks is not returned as it is")
	}
}

func BenchmarkFlatten(b *testing.B) {
	g := unevenPage(2480, 3508)
	for b.Loop() {
		flatten(g)
	}
}
