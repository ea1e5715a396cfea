package ocr

import (
	"image"
	"testing"

	"jixiao/extract/grid"
)

// fakePage is a white page of w×h pixels at 200 dpi with the boxes of ink
// given, in grey (g) and binary (bin); lines lists its rules as one-pixel
// lines of ink, drawn in grey only with gaps every dash pixels when dash > 0
// (a broken rule too faint to be found).
func fakePage(w, h int, ink []image.Rectangle, faint []image.Rectangle, dash int) *pageImg {
	p := &pageImg{w: w, h: h, dpi: 200, t: 128, tRule: 230, bin: make([]uint8, w*h), mask: make([]uint8, w*h), g: image.NewGray(image.Rect(0, 0, w, h))}
	for i := range p.g.Pix {
		p.g.Pix[i] = 255
	}
	for _, r := range ink {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				p.bin[y*w+x], p.g.Pix[y*w+x] = 1, 0
			}
		}
	}
	for _, r := range faint {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if dash == 0 || (x+y)/dash%2 == 0 {
					p.g.Pix[y*w+x] = 200
				}
			}
		}
	}
	return p
}

// glyphRow returns the boxes of a line of characters from x0 to x1, rows y0
// to y1: squares as tall as the line, three pixels apart.
func glyphRow(x0, x1, y0, y1 int) []image.Rectangle {
	var out []image.Rectangle
	for x := x0; x+y1-y0 <= x1; x += y1 - y0 + 3 {
		out = append(out, image.Rect(x, y0, x+y1-y0, y1))
	}
	return out
}

// TestApartNarrowGap: text parted by less white than a character is wide
// is two cells' only where something else tells a cell ends there: the
// remains of a faint rule down the line, or lines of text at other heights
// on either side (a label centred beside two names). Text at the same
// heights with nothing on the line is one text.
func TestApartNarrowGap(t *testing.T) {
	const w, h = 300, 120
	a, b := image.Rect(10, 10, 140, 110), image.Rect(150, 10, 290, 110)
	labelMid := image.Rect(40, 48, 136, 72)
	namesTop, namesBottom := image.Rect(156, 20, 260, 44), image.Rect(156, 76, 240, 100)
	leftTop, leftBottom := image.Rect(40, 20, 136, 44), image.Rect(40, 76, 136, 100)
	rule := []image.Rectangle{image.Rect(144, 10, 146, 110)}
	for _, c := range []struct {
		name  string
		ink   []image.Rectangle
		faint []image.Rectangle
		want  bool
	}{
		{"a label centred beside two names", []image.Rectangle{labelMid, namesTop, namesBottom}, nil, true},
		{"lines at the same heights, nothing between", []image.Rectangle{leftTop, leftBottom, namesTop, namesBottom}, nil, false},
		{"lines at the same heights, a faint broken rule between", []image.Rectangle{leftTop, leftBottom, namesTop, namesBottom}, rule, true},
		{"one line of characters across, a faint rule", glyphRow(40, 260, 20, 44), rule, false},
	} {
		if got := fakePage(w, h, c.ink, c.faint, 6).apart(a, b, false); got != c.want {
			t.Errorf("%s: apart = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestLostRows: in a table whose rule between two rows was lost all
// across, a name cell and the value cell beside it, each holding two
// lines a row apart, give back the rule between them; a label beside them
// with one line centred is not cut, and a wrapped name (lines close
// together) beside one value gives nothing.
func TestLostRows(t *testing.T) {
	const w, h = 400, 140
	segs := []grid.Segment{
		{X1: 10, Y1: 10, X2: 390, Y2: 10}, {X1: 10, Y1: 130, X2: 390, Y2: 130},
		{X1: 10, Y1: 10, X2: 10, Y2: 130}, {X1: 120, Y1: 10, X2: 120, Y2: 130},
		{X1: 280, Y1: 10, X2: 280, Y2: 130}, {X1: 390, Y1: 10, X2: 390, Y2: 130},
	}
	label := image.Rect(30, 58, 100, 82)
	for _, c := range []struct {
		name string
		ink  []image.Rectangle
		want int
	}{
		{"two names, two values", []image.Rectangle{label, image.Rect(130, 25, 250, 49), image.Rect(130, 91, 230, 115), image.Rect(300, 25, 360, 49), image.Rect(300, 91, 360, 115)}, 1},
		{"a wrapped name, one value", []image.Rectangle{label, image.Rect(130, 40, 270, 64), image.Rect(130, 70, 200, 94), image.Rect(300, 58, 360, 82)}, 0},
		{"two names, one value", []image.Rectangle{label, image.Rect(130, 25, 250, 49), image.Rect(130, 91, 230, 115), image.Rect(300, 58, 360, 82)}, 0},
	} {
		p := fakePage(w, h, c.ink, nil, 0)
		lats := grid.Tables(segs, grid.Options{Tol: 5, YDown: true})
		if len(lats) != 1 {
			t.Fatalf("%d tables", len(lats))
		}
		got := p.lostRows(lats[0])
		if len(got) != c.want {
			t.Errorf("%s: %d rules, want %d: %v", c.name, len(got), c.want, got)
			continue
		}
		for _, s := range got {
			if s.Y1 < 50 || s.Y1 > 90 || s.X1 != 120 || s.X2 != 390 {
				t.Errorf("%s: rule %v, want one across the name and value cells between their lines", c.name, s)
			}
		}
	}
}

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
		{"a thin comma of small print", page(left, right, image.Rect(143, 50, 146, 56)), false},
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
