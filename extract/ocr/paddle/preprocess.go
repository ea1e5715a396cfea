package paddle

import (
	"fmt"
	"image"
	"math"

	"golang.org/x/image/draw"
)

// normalized maps a grey value v to the models' input, (v/255 − 0.5)/0.5:
// black −1, white 1. Padding is 0 (mid-grey), as in PaddleOCR.
var normalized = func() (t [256]float32) {
	for v := range t {
		t[v] = (float32(v)/255 - 0.5) / 0.5
	}
	return t
}()

// scaledWidth returns the width of a w×h crop resized to height, keeping its
// aspect ratio: ⌈height·w/h⌉, at least 1 and at most maxWidth (wider crops
// are squeezed). It is 0 for an empty crop.
func scaledWidth(w, h, height, maxWidth int) int {
	if w <= 0 || h <= 0 {
		return 0
	}
	sw := math.Ceil(float64(height) * float64(w) / float64(h))
	return int(min(max(sw, 1), float64(maxWidth)))
}

// checkGray returns an error if g's pixels do not cover its bounds (which
// would make reading it panic). A nil or empty g is fine.
func checkGray(g *image.Gray) error {
	if g == nil || g.Rect.Empty() {
		return nil
	}
	if g.Stride < g.Rect.Dx() || len(g.Pix) < (g.Rect.Dy()-1)*g.Stride+g.Rect.Dx() {
		return fmt.Errorf("malformed image: %d bytes, stride %d, for %v", len(g.Pix), g.Stride, g.Rect)
	}
	return nil
}

// scaler resizes crops into one reused image.
type scaler struct {
	dst *image.Gray
}

// resize returns crop scaled to w×h, bilinearly (which averages when
// scaling down); the result is valid until the next call.
func (s *scaler) resize(crop *image.Gray, w, h int) *image.Gray {
	if s.dst == nil || cap(s.dst.Pix) < w*h {
		s.dst = image.NewGray(image.Rect(0, 0, w, h))
	}
	s.dst.Pix, s.dst.Stride, s.dst.Rect = s.dst.Pix[:w*h], w, image.Rect(0, 0, w, h)
	draw.BiLinear.Scale(s.dst, s.dst.Rect, crop, crop.Rect, draw.Src, nil)
	return s.dst
}

// fillSample writes img (already at the model's height) into dst, one
// sample of a [N,3,H,width] batch: the grey value normalized in each of the
// three channels, columns from img's width to width padded with 0. dst must
// hold 3·H·width values.
func fillSample(dst []float32, img *image.Gray, width int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	plane := dst[:h*width]
	for y := range h {
		row := plane[y*width : (y+1)*width]
		pix := img.Pix[y*img.Stride : y*img.Stride+w]
		for x, v := range pix {
			row[x] = normalized[v]
		}
		clear(row[w:])
	}
	copy(dst[h*width:2*h*width], plane)
	copy(dst[2*h*width:3*h*width], plane)
}
