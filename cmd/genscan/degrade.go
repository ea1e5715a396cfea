package main

import (
	"image"
	"math"
	"math/rand/v2"
)

// params are the degradations applied to one page. They are drawn from a
// generator seeded with the page number (drawParams), so a page always gets
// the same ones.
type params struct {
	// AngleMilli is the rotation in thousandths of a degree, in
	// −1500…+1500; positive turns the content clockwise as displayed.
	AngleMilli int `json:"angle_millideg"`
	// Blur is the side weight a of the 3-tap kernel [a, 256−2a, a]/256
	// applied across and down (a = 64 is the binomial [1 2 1]/4).
	Blur int `json:"blur"`
	// Black and White are the gray levels that ink (0) and paper (255) are
	// mapped to: the lowered contrast.
	Black int `json:"black"`
	White int `json:"white"`
	// Noise is the amplitude A of the additive noise: each pixel gets the
	// sum of four integers uniform in −A…A (σ ≈ 1.15·A).
	Noise int `json:"noise"`
	// Quality is the JPEG quality.
	Quality int `json:"jpeg_quality"`
}

// Ranges of the degradations.
const (
	maxAngleMilli = 1500
	minBlur       = 24
	maxBlur       = 64
	minBlack      = 20
	maxBlack      = 60
	minWhite      = 200
	maxWhite      = 235
	minNoise      = 1
	maxNoise      = 4
)

// newRand returns the generator for page number page (1-based, counted over
// all repetitions) and base seed seed.
func newRand(seed, page uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, page))
}

// drawParams draws a page's degradations from r; the JPEG quality is
// uniform in qmin…qmax.
func drawParams(r *rand.Rand, qmin, qmax int) params {
	return params{
		AngleMilli: r.IntN(2*maxAngleMilli+1) - maxAngleMilli,
		Blur:       minBlur + r.IntN(maxBlur-minBlur+1),
		Black:      minBlack + r.IntN(maxBlack-minBlack+1),
		White:      minWhite + r.IntN(maxWhite-minWhite+1),
		Noise:      minNoise + r.IntN(maxNoise-minNoise+1),
		Quality:    qmin + r.IntN(qmax-qmin+1),
	}
}

// degrade returns a degraded copy of src: rotated (bilinear, white fill),
// with lowered contrast and additive noise drawn from r, then blurred (the
// blur softens the noise too, as a scanner's optics would; it also keeps
// the JPEG files small). JPEG
// compression is left to the caller. All arithmetic after the one sine and
// cosine is on integers, so the result is the same on every platform (no
// fused multiply-add can change a pixel). src is not modified.
func degrade(src *image.Gray, p params, r *rand.Rand) *image.Gray {
	img := rotate(src, p.AngleMilli)
	contrastNoise(img, p.Black, p.White, p.Noise, r)
	blur(img, p.Blur)
	return img
}

// rotate turns src by milli thousandths of a degree about its centre
// (positive: clockwise as displayed), sampling bilinearly in 16.16 fixed
// point; pixels that come from outside src are white. The result has src's
// size and starts at (0, 0).
func rotate(src *image.Gray, milli int) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	theta := float64(milli) / 1000 * math.Pi / 180
	cos := int64(math.Round(math.Cos(theta) * 65536))
	sin := int64(math.Round(math.Sin(theta) * 65536))
	at := func(x, y int64) int64 {
		if x < 0 || y < 0 || x >= int64(w) || y >= int64(h) {
			return 255
		}
		return int64(src.Pix[(int(y))*src.Stride+int(x)])
	}
	cx, cy := int64(w-1)<<16, int64(h-1)<<16
	pix, stride := src.Pix, int64(src.Stride)
	for y := 0; y < h; y++ {
		dy2 := int64(2*y + 1 - h) // twice the offset from the centre
		row := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		// Source position in 16.16 pixel-index coordinates: the inverse
		// rotation of the offset, plus the centre; twice it, stepped
		// along the row (dx2 grows by 2 a pixel).
		dx2 := int64(1 - w)
		sx2 := cos*dx2 + sin*dy2 + cx
		sy2 := -sin*dx2 + cos*dy2 + cy
		for x := 0; x < w; x++ {
			sx, sy := sx2>>1, sy2>>1
			sx2 += 2 * cos
			sy2 -= 2 * sin
			ix, iy := sx>>16, sy>>16
			fx, fy := sx&0xffff, sy&0xffff
			var p00, p01, p10, p11 int64
			if ix >= 0 && iy >= 0 && ix+1 < int64(w) && iy+1 < int64(h) {
				o := iy*stride + ix
				p00, p01, p10, p11 = int64(pix[o]), int64(pix[o+1]), int64(pix[o+stride]), int64(pix[o+stride+1])
			} else {
				p00, p01, p10, p11 = at(ix, iy), at(ix+1, iy), at(ix, iy+1), at(ix+1, iy+1)
			}
			top := p00*(65536-fx) + p01*fx
			bot := p10*(65536-fx) + p11*fx
			row[x] = uint8((top*(65536-fy) + bot*fy + 1<<31) >> 32)
		}
	}
	return dst
}

// blur applies the kernel [a, 256−2a, a]/256 across and then down img, in
// place, repeating edge pixels.
func blur(img *image.Gray, a int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if w == 0 || h == 0 || a <= 0 {
		return
	}
	c := 256 - 2*a
	row := func(y int) []uint8 { return img.Pix[y*img.Stride : y*img.Stride+w] }
	line := make([]uint8, w)
	for y := 0; y < h; y++ {
		r := row(y)
		copy(line, r)
		for x := range r {
			l, rt := int(line[max(x-1, 0)]), int(line[min(x+1, w-1)])
			r[x] = uint8((a*l + c*int(line[x]) + a*rt + 128) >> 8)
		}
	}
	// Down, row by row: prev holds the row above as it was before.
	prev, cur := make([]uint8, w), make([]uint8, w)
	copy(prev, row(0))
	for y := 0; y < h; y++ {
		r := row(y)
		copy(cur, r)
		next := row(min(y+1, h-1))
		for x := range r {
			r[x] = uint8((a*int(prev[x]) + c*int(cur[x]) + a*int(next[x]) + 128) >> 8)
		}
		prev, cur = cur, prev
	}
}

// contrastNoise maps 0…255 linearly onto black…white and adds to each pixel
// the sum of four integers uniform in −amp…amp drawn from r, clamped to
// 0…255, in place. Pixels are visited in row order, one r.Uint64 each, its
// four 16-bit parts scaled to 0…2·amp.
func contrastNoise(img *image.Gray, black, white, amp int, r *rand.Rand) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	span := white - black
	n := uint64(2*amp + 1)
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		for x := range row {
			v := black + (int(row[x])*span+127)/255
			u := r.Uint64()
			for k := 0; k < 4; k++ {
				v += int((((u>>(16*k))&0xffff)*n)>>16) - amp
			}
			row[x] = uint8(min(max(v, 0), 255))
		}
	}
}
