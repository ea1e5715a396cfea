package scan

import (
	"image"
	"image/color"
	"math/rand/v2"
	"testing"
)

func TestDropRed(t *testing.T) {
	for _, c := range []struct {
		name    string
		r, g, b int
		lo, hi  uint8 // the gray level wanted, inclusive
	}{
		{"black ink", 20, 20, 20, 0, 30},
		{"black ink under a red seal", 60, 15, 15, 0, 80},
		{"paper", 240, 240, 240, 235, 245},
		{"warm paper tint", 250, 238, 215, 230, 250},
		{"red seal", 215, 45, 50, 200, 230},
		{"faint red seal", 235, 150, 150, 225, 240},
		{"blue ink keeps its luminance", 30, 40, 160, 30, 60},
		{"grey", 128, 128, 128, 127, 129},
	} {
		if got := dropRed(c.r, c.g, c.b); got < c.lo || got > c.hi {
			t.Errorf("%s: dropRed(%d, %d, %d) = %d, want %d…%d", c.name, c.r, c.g, c.b, got, c.lo, c.hi)
		}
	}
}

// Gray reads every colour image type the decoders return the same way.
func TestGrayColourTypes(t *testing.T) {
	seal := color.RGBA{215, 45, 50, 255}
	rgba := image.NewRGBA(image.Rect(0, 0, 4, 4))
	nrgba := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	ycc := image.NewYCbCr(image.Rect(0, 0, 4, 4), image.YCbCrSubsampleRatio444)
	y, cb, cr := color.RGBToYCbCr(seal.R, seal.G, seal.B)
	for i := range ycc.Y {
		ycc.Y[i], ycc.Cb[i], ycc.Cr[i] = y, cb, cr
	}
	for x := range 4 {
		for y := range 4 {
			rgba.Set(x, y, seal)
			nrgba.Set(x, y, seal)
		}
	}
	for name, img := range map[string]image.Image{"RGBA": rgba, "NRGBA": nrgba, "YCbCr": ycc} {
		g := Gray(img)
		if v := g.GrayAt(1, 1).Y; v < 200 {
			t.Errorf("%s: red seal pixel is %d, want it faded (≥ 200)", name, v)
		}
	}
}

// A synthetic colour page: tinted paper; black text (bars) in the left
// half; a red seal (a thick ring) multiplied over paper and text in the
// right half, at full strength in its upper half and at a third in its
// lower half. Regions name the probe points.
type sealPage struct {
	w, h  int
	paper [3]float64
	ink   [3]float64
	red   [3]float64
}

// Probe points of a sealPage of 400×400.
var sealProbes = []struct {
	name   string
	x, y   int
	lo, hi uint8
}{
	{"tinted paper", 20, 20, 245, 255},
	{"black ink", 62, 100, 0, 50},
	{"pure red", 300, 90, 240, 255},
	{"faint red", 300, 310, 240, 255},
	{"red over black", 222, 150, 0, 60},
	{"faint red over black", 222, 260, 0, 50},
	{"paper inside the ring", 300, 200, 245, 255},
}

func (p sealPage) at(x, y int) (r, g, b uint8) {
	c := p.paper
	if x < 250 && x%40 >= 20 && x%40 < 26 && y > 40 && y < 360 { // vertical strokes
		c = p.ink
	}
	dx, dy := float64(x-300), float64(y-200)
	if d2 := dx*dx + dy*dy; d2 >= 90*90 && d2 <= 130*130 {
		alpha := 1.0
		if y > 200 {
			alpha = 1.0 / 3
		}
		for i := range 3 {
			c[i] *= 1 - alpha + alpha*p.red[i]/255
		}
	}
	return uint8(c[0] + 0.5), uint8(c[1] + 0.5), uint8(c[2] + 0.5)
}

func (p sealPage) rgba() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, p.w, p.h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := range p.h {
		for x := range p.w {
			r, g, b := p.at(x, y)
			n := func(v uint8) uint8 { return uint8(max(0, min(255, int(v)+rng.IntN(5)-2))) }
			img.SetRGBA(x, y, color.RGBA{n(r), n(g), n(b), 255})
		}
	}
	return img
}

// ycbcr420 stores p as a JPEG decoder returns it: chroma averaged over
// each 2×2 block.
func (p sealPage) ycbcr420() *image.YCbCr {
	img := image.NewYCbCr(image.Rect(0, 0, p.w, p.h), image.YCbCrSubsampleRatio420)
	for y := range p.h {
		for x := range p.w {
			r, g, b := p.at(x, y)
			yy, _, _ := color.RGBToYCbCr(r, g, b)
			img.Y[img.YOffset(x, y)] = yy
		}
	}
	for cy := 0; cy < p.h; cy += 2 {
		for cx := 0; cx < p.w; cx += 2 {
			var sb, sr int
			for _, d := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				r, g, b := p.at(cx+d[0], cy+d[1])
				_, cb, cr := color.RGBToYCbCr(r, g, b)
				sb, sr = sb+int(cb), sr+int(cr)
			}
			i := img.COffset(cx, cy)
			img.Cb[i], img.Cr[i] = uint8((sb+2)/4), uint8((sr+2)/4)
		}
	}
	return img
}

var testSeal = sealPage{w: 400, h: 400,
	paper: [3]float64{238, 228, 205},
	ink:   [3]float64{35, 35, 38},
	red:   [3]float64{215, 45, 50},
}

func TestUnmixSeal(t *testing.T) {
	for name, img := range map[string]image.Image{
		"RGBA":        testSeal.rgba(),
		"YCbCr 4:2:0": testSeal.ycbcr420(),
	} {
		g := grayOf(img)
		for _, pr := range sealProbes {
			if v := g.GrayAt(pr.x, pr.y).Y; v < pr.lo || v > pr.hi {
				t.Errorf("%s: %s at (%d, %d) is %d, want %d…%d", name, pr.name, pr.x, pr.y, v, pr.lo, pr.hi)
			}
		}
		for _, r := range sealRegions {
			lo, hi := uint8(255), uint8(0)
			for y := r.r.Min.Y; y < r.r.Max.Y; y++ {
				for x := r.r.Min.X; x < r.r.Max.X; x++ {
					if r.in(x, y) {
						v := g.GrayAt(x, y).Y
						lo, hi = min(lo, v), max(hi, v)
					}
				}
			}
			if lo < r.lo || hi > r.hi {
				t.Errorf("%s: %s spans %d…%d, want within %d…%d", name, r.name, lo, hi, r.lo, r.hi)
			}
		}
	}
}

// Regions of a sealPage, every pixel of which must lie in lo…hi: the ring
// clear of the text, edges included (no ghost of its outline where the
// chroma is subsampled), and the black strokes, under the ring or beside
// it.
var sealRegions = []struct {
	name   string
	r      image.Rectangle
	in     func(x, y int) bool
	lo, hi uint8
}{
	{"ring right of the text", image.Rect(260, 60, 400, 340), func(x, y int) bool { return true }, 215, 255},
	{"black strokes", image.Rect(0, 41, 250, 360), func(x, y int) bool { return x%40 >= 20 && x%40 < 26 }, 0, 70},
}

// oldGrayOf is the conversion before the unmixing: red dropout, pixel by
// pixel.
func oldGrayOf(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	switch m := img.(type) {
	case *image.YCbCr:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			out := g.Pix[(y-b.Min.Y)*g.Stride:]
			for x := b.Min.X; x < b.Max.X; x++ {
				yi, ci := m.YOffset(x, y), m.COffset(x, y)
				r, gg, bb := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				out[x-b.Min.X] = dropRed(int(r), int(gg), int(bb))
			}
		}
	default:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			out := g.Pix[(y-b.Min.Y)*g.Stride:]
			for x := b.Min.X; x < b.Max.X; x++ {
				r, gg, bb, a := img.At(x, y).RGBA()
				r, gg, bb = r+0xffff-a, gg+0xffff-a, bb+0xffff-a
				out[x-b.Min.X] = dropRed(int(r>>8), int(gg>>8), int(bb>>8))
			}
		}
	}
	return g
}

// A page without red, gray or only tinted, comes out exactly as before.
func TestGrayPageUnchanged(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const w, h = 300, 200
	gray := image.NewRGBA(image.Rect(0, 0, w, h))
	ycc := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = 128, 128
	}
	for y := range h {
		for x := range w {
			v := uint8(230 + rng.IntN(20))
			if x%30 < 4 || rng.IntN(10) == 0 {
				v = uint8(rng.IntN(256))
			}
			gray.SetRGBA(x, y, color.RGBA{v, v, v, 255})
			ycc.Y[ycc.YOffset(x, y)] = v
		}
	}
	for name, img := range map[string]image.Image{"RGB gray": gray, "YCbCr gray": ycc} {
		got, want := grayOf(img), oldGrayOf(img)
		for i := range want.Pix {
			if got.Pix[i] != want.Pix[i] {
				t.Errorf("%s: pixel %d is %d, was %d", name, i, got.Pix[i], want.Pix[i])
				break
			}
		}
	}
}

// benchPage is a page of the size of an A4 scan at 300 dpi with a seal.
func benchPage() *image.YCbCr {
	p := testSeal
	p.w, p.h = 2480, 3508
	return p.ycbcr420()
}

func BenchmarkGrayOf(b *testing.B) {
	img := benchPage()
	b.Run("old", func(b *testing.B) {
		for b.Loop() {
			oldGrayOf(img)
		}
	})
	b.Run("new", func(b *testing.B) {
		for b.Loop() {
			grayOf(img)
		}
	})
}
