package paddle_test

import (
	"image"
	"image/color"
	"image/draw"
	"os"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"jixiao/extract/ocr/ocrtest"
)

// cjkFontPath is the CJK font `make deps` installs (fonts-droid-fallback).
// It has no Latin letters, digits or ≥: those are drawn with the Go font
// (bundled with golang.org/x/image).
const cjkFontPath = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

var loadFonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var fs [2]*opentype.Font
	data, err := os.ReadFile(cjkFontPath)
	if err != nil {
		return fs, err
	}
	if fs[0], err = opentype.Parse(data); err != nil {
		return fs, err
	}
	fs[1], err = opentype.Parse(goregular.TTF)
	return fs, err
})

// pen draws text dark on white at one size, each rune in the CJK font if
// it has it, else in the Go font.
type pen struct {
	cjk, latin font.Face
	size       int
}

func newPen(t testing.TB, size float64) *pen {
	t.Helper()
	fs, err := loadFonts()
	if err != nil {
		ocrtest.Unavailable(t, "font %s: %v (make deps installs fonts-droid-fallback)", cjkFontPath, err)
	}
	var fc [2]font.Face
	for i, f := range fs {
		if fc[i], err = opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone}); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { fc[0].Close(); fc[1].Close() })
	return &pen{cjk: fc[0], latin: fc[1], size: int(size)}
}

func (p *pen) face(r rune) font.Face {
	if _, ok := p.cjk.GlyphAdvance(r); ok {
		return p.cjk
	}
	return p.latin
}

// advance is the width of text.
func (p *pen) advance(text string) int {
	var a fixed.Int26_6
	for _, r := range text {
		ra, _ := p.face(r).GlyphAdvance(r)
		a += ra
	}
	return a.Ceil()
}

// glyphBox is where a rune was drawn: its advance, x0..x1.
type glyphBox struct {
	r      rune
	x0, x1 int
}

// draw writes text on dst from x with its top (the CJK ascent) at top,
// and returns where each rune went.
func (p *pen) draw(dst *image.Gray, text string, x, top int) []glyphBox {
	d := &font.Drawer{Dst: dst, Src: image.NewUniform(color.Gray{Y: 20}),
		Dot: fixed.P(x, top+p.cjk.Metrics().Ascent.Ceil())}
	var boxes []glyphBox
	for _, r := range text {
		d.Face = p.face(r)
		a, _ := d.Face.GlyphAdvance(r)
		boxes = append(boxes, glyphBox{r: r, x0: d.Dot.X.Floor(), x1: (d.Dot.X + a).Ceil()})
		d.DrawString(string(r))
	}
	return boxes
}

// whitePage returns a white w×h image.
func whitePage(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(g, g.Rect, image.White, image.Point{}, draw.Src)
	return g
}

// renderLine draws text at size pixels per em and cuts it as the OCR
// reader cuts a cell: to its ink, with a white border of border pixels.
// It returns the crop (origin 0,0) and where each rune's advance lies in
// it.
func renderLine(t testing.TB, text string, size float64, border int) (*image.Gray, []glyphBox) {
	t.Helper()
	p := newPen(t, size)
	canvas := whitePage(p.advance(text)+4*p.size, 4*p.size)
	boxes := p.draw(canvas, text, 2*p.size, p.size)
	ink := inkBounds(canvas)
	if ink.Empty() {
		t.Fatalf("rendering %q drew nothing", text)
	}
	cut := ink.Inset(-border).Intersect(canvas.Rect)
	crop := whitePage(cut.Dx(), cut.Dy())
	draw.Draw(crop, crop.Rect, canvas, cut.Min, draw.Src)
	for i := range boxes {
		boxes[i].x0 -= cut.Min.X
		boxes[i].x1 -= cut.Min.X
	}
	return crop, boxes
}

// inkBounds is the bounding box of g's pixels darker than mid-grey.
func inkBounds(g *image.Gray) image.Rectangle {
	var r image.Rectangle
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		for x := g.Rect.Min.X; x < g.Rect.Max.X; x++ {
			if g.GrayAt(x, y).Y < 128 {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}
