package scan

import (
	"image"
	"image/color"
	"math"
	"slices"
)

// Colour pages are turned to gray with their red ink taken out, so that a
// red seal or stamp over printed text does not hide the text.
//
// The page's own colours are measured first (palette): its paper, its
// black ink and its red. Ink over paper multiplies, so in optical density
// (−ln of a channel relative to the paper's) a pixel is a sum of an ink
// share and a red share along the two measured directions. Each pixel is
// unmixed into those two shares, and its gray level is the paper (white)
// darkened by the ink share alone: a pure red pixel becomes paper, a pixel
// where red and black overlap keeps its black part, the paper's tint turns
// white, and colours off that plane (blue ink) count by how much of the
// ink direction they hold.
//
// A page on which no red is found (fewer than a few hundred red pixels),
// and so every gray page whatever its encoding, is converted by the fixed
// red dropout of dropRed alone.
//
// JPEG pages, whose chroma is usually subsampled, are unmixed with care
// at the edges of red strokes (grayYCbCr).

// dropRed returns the gray level of the 8-bit colour (r, g, b) in red
// dropout: a pixel counts by its luminance, except that the redder it is
// (its red channel above both others), the more it counts by its red
// channel alone. It is the conversion of a page without red, and of single
// PDF samples.
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

// grayOf converts any image to gray: with its red unmixed (unmixer) when
// the page has red, in red dropout (dropRed) otherwise. It reads every
// pixel twice at most and allocates only the output. Safe for concurrent
// use.
func grayOf(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	rgb := rgbReader(img)
	u, unmix := newUnmixer(samplePalette(rgb, b))
	if m, ok := img.(*image.YCbCr); ok && unmix && m.SubsampleRatio != image.YCbCrSubsampleRatio444 {
		u.grayYCbCr(g, m)
		return g
	}
	row := make([]uint8, 0, 3*b.Dx())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		out := g.Pix[(y-b.Min.Y)*g.Stride : (y-b.Min.Y)*g.Stride+b.Dx()]
		row = rgb(row[:0], y, b.Min.X, b.Max.X, 1)
		row := row[:3*len(out)]
		if unmix {
			for x := range out {
				out[x] = u.gray(row[3*x], row[3*x+1], row[3*x+2])
			}
			continue
		}
		for x := range out {
			out[x] = dropRed(int(row[3*x]), int(row[3*x+1]), int(row[3*x+2]))
		}
	}
	return g
}

// readRow appends the 8-bit RGB triples of row y, of every step-th column
// from x0 to x1, to dst.
type readRow func(dst []uint8, y, x0, x1, step int) []uint8

// rgbReader returns a row reader for img, fast for the types the decoders
// return; other types are composited over white paper.
func rgbReader(img image.Image) readRow {
	switch m := img.(type) {
	case *image.YCbCr:
		return func(dst []uint8, y, x0, x1, step int) []uint8 {
			for x := x0; x < x1; x += step {
				yi, ci := m.YOffset(x, y), m.COffset(x, y)
				r, g, b := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				dst = append(dst, r, g, b)
			}
			return dst
		}
	case *image.RGBA:
		return func(dst []uint8, y, x0, x1, step int) []uint8 {
			in := m.Pix[m.PixOffset(x0, y):]
			for x := 0; x < x1-x0; x += step {
				dst = append(dst, in[4*x], in[4*x+1], in[4*x+2])
			}
			return dst
		}
	}
	return func(dst []uint8, y, x0, x1, step int) []uint8 {
		for x := x0; x < x1; x += step {
			r, g, b, a := img.At(x, y).RGBA()
			// composite over white paper
			r, g, b = r+0xffff-a, g+0xffff-a, b+0xffff-a
			dst = append(dst, uint8(r>>8), uint8(g>>8), uint8(b>>8))
		}
		return dst
	}
}

// palette is a page's colours: its paper (8-bit RGB) and, as unit vectors
// of optical density relative to the paper, its ink and its red. ok is
// false when the page shows too little red to measure.
type palette struct {
	paper    [3]float64
	ink, red [3]float64
	// sealLum is the luminance density of the red at full strength (the
	// 90th percentile of the red samples').
	sealLum float64
	ok      bool
}

// Palette sampling: every sampleStep-th pixel of every sampleStep-th row.
// A pixel is coloured when its density summed over the channels is at
// least minDensity; then it is red when its redness (the mean density of
// green and blue above that of red, over the sum) is at least redQ, and
// ink when its redness is at most inkQ and its density at least inkDensity.
// A page needs minRed red samples, and one in maxRedShare of its samples,
// to be unmixed.
const (
	sampleStep = 4
	minDensity = 0.3
	redQ       = 0.3
	inkQ       = 0.1
	inkDensity = 1.5
	minRed     = 64
	minInk     = 32
)

// samplePalette measures the palette of the page in bounds b.
func samplePalette(rgb readRow, b image.Rectangle) palette {
	var hist [3][256]int
	var s []uint8
	for y := b.Min.Y; y < b.Max.Y; y += sampleStep {
		s = rgb(s, y, b.Min.X, b.Max.X, sampleStep)
	}
	n := len(s) / 3
	for i := 0; i+2 < len(s); i += 3 {
		hist[0][s[i]]++
		hist[1][s[i+1]]++
		hist[2][s[i+2]]++
	}
	var p palette
	// Most of a page is paper: its colour is the median of each channel.
	for c := range 3 {
		k := 0
		for v, cnt := range hist[c] {
			if k += cnt; 2*k > n {
				p.paper[c] = float64(v)
				break
			}
		}
	}
	if p.paper[0]+p.paper[1]+p.paper[2] < 3*96 {
		return p // a dark page: not paper with print on it
	}
	var dens [3][256]float64
	for c := range 3 {
		for v := range 256 {
			dens[c][v] = math.Log(p.paper[c] / math.Max(float64(v), 1))
		}
	}
	var red, ink [3]float64
	var redLum []float64
	nred, nink := 0, 0
	{
		for i := 0; i+2 < len(s); i += 3 {
			d := [3]float64{dens[0][s[i]], dens[1][s[i+1]], dens[2][s[i+2]]}
			t := d[0] + d[1] + d[2]
			if t < minDensity {
				continue
			}
			q := ((d[1]+d[2])/2 - d[0]) / t
			norm := math.Sqrt(d[0]*d[0] + d[1]*d[1] + d[2]*d[2])
			switch {
			case q >= redQ:
				for c := range 3 {
					red[c] += d[c] / norm
				}
				nred++
				redLum = append(redLum, dot(lumWeights, d))
			case q <= inkQ && q >= -inkQ && t >= inkDensity:
				for c := range 3 {
					ink[c] += d[c] / norm
				}
				nink++
			}
		}
	}
	if nred < minRed {
		return p
	}
	if nink < minInk {
		ink = [3]float64{1, 1, 1} // neutral black
	}
	slices.Sort(redLum)
	p.sealLum = redLum[len(redLum)*9/10]
	p.red, p.ink, p.ok = unit(red), unit(ink), true
	return p
}

func unit(v [3]float64) [3]float64 {
	n := math.Sqrt(v[0]*v[0] + v[1]*v[1] + v[2]*v[2])
	return [3]float64{v[0] / n, v[1] / n, v[2] / n}
}

// lumWeights weigh the channels' densities into a luminance density.
var lumWeights = [3]float64{0.299, 0.587, 0.114}

func dot(a, b [3]float64) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }

// unmixer converts a pixel of a page with red to the gray level of its
// ink share. Densities are fixed-point, densOne to 1.
type unmixer struct {
	dens [3][256]int32
	// Rows of the pseudo-inverse of [ink red], scaled so that inkL·d is
	// the ink share's luminance density and redS·d the sign of the red
	// share; projL·d the luminance density of d's projection on the ink
	// alone, used where the red share would be negative.
	inkL, redS, projL [3]int32
	out               [outLen]uint8 // gray level by luminance density
	// For subsampled chroma: the luminance density of a luma level, and
	// the most a pixel explained by the red alone can have.
	lumDens [256]int32
	sealLum int32
}

const (
	densOne = 1 << 8
	outLen  = 8 * densOne
)

// newUnmixer returns the unmixer of p; ok is false when p has no red or
// its red and ink are too alike to be told apart.
func newUnmixer(p palette) (u *unmixer, ok bool) {
	if !p.ok {
		return nil, false
	}
	c := dot(p.ink, p.red)
	det := 1 - c*c
	if det < 0.05 {
		return nil, false
	}
	u = new(unmixer)
	for ch := range 3 {
		for v := range 256 {
			d := math.Log(p.paper[ch] / math.Max(float64(v), 1))
			u.dens[ch][v] = int32(math.Round(d * densOne))
		}
	}
	// The ink share's density lies along p.ink; its luminance density is
	// the luminance-weighted sum of its channels.
	inkLum := dot(lumWeights, p.ink)
	for ch := range 3 {
		a := (p.ink[ch] - c*p.red[ch]) / det // ink share row
		b := (p.red[ch] - c*p.ink[ch]) / det // red share row
		u.inkL[ch] = int32(math.Round(a * inkLum * (1 << 12)))
		u.redS[ch] = int32(math.Round(b * (1 << 12)))
		u.projL[ch] = int32(math.Round(p.ink[ch] * inkLum * (1 << 12)))
	}
	for i := range u.out {
		u.out[i] = uint8(math.Round(255 * math.Exp(-float64(i)/densOne)))
	}
	paperY := dot(lumWeights, p.paper)
	for v := range 256 {
		u.lumDens[v] = int32(math.Round(math.Log(paperY/math.Max(float64(v), 1)) * densOne))
	}
	u.sealLum = int32(math.Round(p.sealLum * densOne))
	return u, true
}

// gray returns the gray level of the ink share of (r, g, b).
func (u *unmixer) gray(r, g, b uint8) uint8 { return u.level(u.ink(r, g, b)) }

// ink returns the luminance density of the ink share of (r, g, b),
// densOne to 1.
func (u *unmixer) ink(r, g, b uint8) int32 {
	d0, d1, d2 := u.dens[0][r], u.dens[1][g], u.dens[2][b]
	l := u.inkL[0]*d0 + u.inkL[1]*d1 + u.inkL[2]*d2
	if u.redS[0]*d0+u.redS[1]*d1+u.redS[2]*d2 < 0 {
		l = u.projL[0]*d0 + u.projL[1]*d1 + u.projL[2]*d2
	}
	return l >> 12
}

// level returns the gray level of luminance density l.
func (u *unmixer) level(l int32) uint8 {
	switch {
	case l <= 0:
		return 255
	case l >= outLen:
		return 0
	}
	return u.out[l]
}

// grayYCbCr converts m, whose chroma is subsampled, into g. A chroma
// sample is shared by a block of pixels, so at the edge of a red stroke it
// is paler than the red and its red pixels would keep a share of ink, a
// ghost of the seal's outline. Each pixel is therefore unmixed both with
// its own chroma and with the reddest of the (up to four) chroma samples
// nearest to it; a pixel no darker than the red at full strength, which
// the red alone can explain, keeps the smaller ink share of the two.
// Darker pixels, ink with or without red over it, keep their own chroma.
func (u *unmixer) grayYCbCr(g *image.Gray, m *image.YCbCr) {
	sx, sy := 0, 0 // chroma subsampling shifts
	switch m.SubsampleRatio {
	case image.YCbCrSubsampleRatio422:
		sx = 1
	case image.YCbCrSubsampleRatio420:
		sx, sy = 1, 1
	case image.YCbCrSubsampleRatio440:
		sy = 1
	case image.YCbCrSubsampleRatio411:
		sx = 2
	case image.YCbCrSubsampleRatio410:
		sx, sy = 2, 1
	}
	b := m.Rect
	cx0, cy0 := b.Min.X>>sx, b.Min.Y>>sy
	cw, ch := (b.Max.X-1)>>sx-cx0+1, (b.Max.Y-1)>>sy-cy0+1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		out := g.Pix[(y-b.Min.Y)*g.Stride : (y-b.Min.Y)*g.Stride+b.Dx()]
		yrow := m.Y[m.YOffset(b.Min.X, y):]
		cy := y>>sy - cy0
		ny := cy - 1 // the neighbouring chroma row nearer to y
		if sy > 0 && y&(1<<sy-1) >= 1<<(sy-1) {
			ny = cy + 1
		}
		ny = max(0, min(ch-1, ny))
		crow, nrow := cy*m.CStride, ny*m.CStride
		for x := range out {
			cx := (b.Min.X+x)>>sx - cx0
			nx := cx - 1
			if sx > 0 && (b.Min.X+x)&(1<<sx-1) >= 1<<(sx-1) {
				nx = cx + 1
			}
			nx = max(0, min(cw-1, nx))
			yy := yrow[x]
			ci := crow + cx
			l := u.ink(color.YCbCrToRGB(yy, m.Cb[ci], m.Cr[ci]))
			if u.lumDens[yy] <= u.sealLum {
				// The reddest of the nearest chroma samples.
				best := ci
				for _, c := range [3]int{crow + nx, nrow + cx, nrow + nx} {
					if m.Cr[c] > m.Cr[best] {
						best = c
					}
				}
				if best != ci {
					l = min(l, u.ink(color.YCbCrToRGB(yy, m.Cb[best], m.Cr[best])))
				}
			}
			out[x] = u.level(l)
		}
	}
}
