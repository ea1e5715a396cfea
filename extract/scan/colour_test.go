package scan

import (
	"image"
	"image/color"
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
