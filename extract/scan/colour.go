package scan

import (
	"image"
	"image/color"
)

// Colour pages are turned to gray in red dropout, as scanners do for forms
// printed over red: a pixel counts by its luminance, except that the redder
// it is (its red channel above both others), the more it counts by its red
// channel alone. A red seal or stamp then fades to light gray, while black
// ink, on the paper or under the seal, stays dark, and pixels of other
// colours keep their luminance.

// dropRed returns the gray level of the 8-bit colour (r, g, b) in red
// dropout.
func dropRed(r, g, b int) uint8 {
	lum := (19595*r + 38470*g + 7471*b + 1<<15) >> 16
	red := r - max(g, b) // how much redder than the other channels
	switch {
	case red <= redFrom:
		return uint8(lum)
	case red >= redFrom+redSpan:
		return uint8(r)
	}
	w := red - redFrom
	return uint8((lum*(redSpan-w) + r*w + redSpan/2) / redSpan)
}

// A pixel whose red exceeds its green and blue by redFrom or less is not
// red; from redFrom+redSpan on it counts by its red channel alone.
const (
	redFrom = 24
	redSpan = 48
)

// grayOf converts any image to gray in red dropout.
func grayOf(img image.Image) *image.Gray {
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
	case *image.RGBA:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			in := m.Pix[m.PixOffset(b.Min.X, y):]
			out := g.Pix[(y-b.Min.Y)*g.Stride:]
			for x := range b.Dx() {
				out[x] = dropRed(int(in[4*x]), int(in[4*x+1]), int(in[4*x+2]))
			}
		}
	default:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			out := g.Pix[(y-b.Min.Y)*g.Stride:]
			for x := b.Min.X; x < b.Max.X; x++ {
				r, gg, bb, a := img.At(x, y).RGBA()
				if a == 0 {
					out[x-b.Min.X] = 255 // transparent: paper
					continue
				}
				// composite over white paper
				r, gg, bb = r+0xffff-a, gg+0xffff-a, bb+0xffff-a
				out[x-b.Min.X] = dropRed(int(r>>8), int(gg>>8), int(bb>>8))
			}
		}
	}
	return g
}
