package scan

import (
	"fmt"
	"image"
	"image/color"
)

// Rotate turns img clockwise by deg degrees, which must be 0, 90, 180 or
// 270: an exact permutation of the pixels, without resampling. The result
// has origin (0, 0); for 90 and 270 its width and height are img's height
// and width. A gray image stays *image.Gray; any other is returned as an
// *image.RGBA of its 8-bit colours (deg 0 returns img itself).
func Rotate(img image.Image, deg int) (image.Image, error) {
	switch deg {
	case 0:
		return img, nil
	case 90, 180, 270:
	default:
		return nil, fmt.Errorf("rotate by %d°: not a multiple of 90 in [0, 270]", deg)
	}
	if g, ok := img.(*image.Gray); ok {
		return rotate(g, deg), nil
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := turnedSize(w, h, deg)
	out := image.NewRGBA(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			X, Y := turnedPoint(x, y, w, h, deg)
			c := color.RGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.RGBA)
			i := Y*out.Stride + 4*X
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = c.R, c.G, c.B, c.A
		}
	}
	return out, nil
}

// rotate turns g clockwise by deg (0, 90, 180 or 270).
func rotate(g *image.Gray, deg int) *image.Gray {
	if deg == 0 {
		return g
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ow, oh := turnedSize(w, h, deg)
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x, v := range row {
			X, Y := turnedPoint(x, y, w, h, deg)
			out.Pix[Y*out.Stride+X] = v
		}
	}
	return out
}

// turnedSize is the size of a w×h image turned clockwise by deg.
func turnedSize(w, h, deg int) (int, int) {
	if deg == 90 || deg == 270 {
		return h, w
	}
	return w, h
}

// turnedPoint is where pixel (x, y) of a w×h image goes when the image is
// turned clockwise by deg.
func turnedPoint(x, y, w, h, deg int) (int, int) {
	switch deg {
	case 90:
		return h - 1 - y, x
	case 180:
		return w - 1 - x, h - 1 - y
	case 270:
		return y, w - 1 - x
	}
	return x, y
}
