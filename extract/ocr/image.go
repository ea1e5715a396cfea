package ocr

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for Decode
	_ "image/png"
	"jixiao/extract/scan"
	"math"

	_ "golang.org/x/image/tiff" // first page of a TIFF
)

// MaxPixels is the largest image Decode accepts (width × height): a
// decompression bomb is refused before it is decoded.
const MaxPixels = 100_000_000

// ErrTooLarge is returned for an image of more than MaxPixels.
var ErrTooLarge = errors.New("image too large")

// Decode decodes a PNG, JPEG or TIFF (first page) into grayscale, checking
// its dimensions first. It returns ErrTooLarge (wrapped) for more than
// MaxPixels, and the decoder's error for malformed data. Safe for
// concurrent use.
func Decode(data []byte) (*image.Gray, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode image: %w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("decode %s: empty image %dx%d", format, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf("%w: %s of %dx%d pixels, more than %d", ErrTooLarge, format, cfg.Width, cfg.Height, MaxPixels)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", format, err)
	}
	return scan.Gray(img), nil
}

// levels are a page's gray levels: what is paper, what is ink, and the
// thresholds derived from them.
type levels struct {
	paper uint8 // the median level: most of a page is paper
	ink   uint8 // the mean level of the pixels darker than Otsu's threshold
	// text is the level under which a pixel is ink: Otsu's threshold, but
	// never closer to the paper than a quarter of its brightness, so that
	// on a page without print the threshold does not cut the paper's own
	// noise, or the faint image of the other side showing through, into
	// ink.
	text uint8
	// rule is the level under which a pixel may belong to a ruling line:
	// a fifth of the way from paper to ink. Rules are told from text and
	// noise by their length, so faint ones are found too.
	rule uint8
}

// pageLevels measures the levels of g.
func pageLevels(g *image.Gray) levels {
	var hist [256]int
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := 0; y < h; y++ {
		for _, p := range g.Pix[y*g.Stride : y*g.Stride+w] {
			hist[p]++
		}
	}
	half, n, median := w*h/2, 0, 255
	for v, c := range hist {
		if n += c; n > half {
			median = v
			break
		}
	}
	t := otsu(hist, w*h)
	var sum, cnt int
	for v := 0; v < int(t); v++ {
		sum += v * hist[v]
		cnt += hist[v]
	}
	ink := 0
	if cnt > 0 {
		ink = sum / cnt
	}
	l := levels{paper: uint8(median), ink: uint8(ink), text: min(t, uint8(median*3/4))}
	l.rule = max(l.text, uint8(median-(median-ink)/5))
	return l
}

// otsu returns the threshold separating ink from paper in a histogram of
// total pixels: pixels < t are ink.
func otsu(hist [256]int, total int) uint8 {
	var sum float64
	for i, h := range hist {
		sum += float64(i * h)
	}
	var sumB, best float64
	var wB int
	t := 128
	for i := 0; i < 256; i++ {
		wB += hist[i]
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i * hist[i])
		mB, mF := sumB/float64(wB), (sum-sumB)/float64(wF)
		if v := float64(wB) * float64(wF) * (mB - mF) * (mB - mF); v > best {
			best, t = v, i+1
		}
	}
	return uint8(min(t, 255))
}

// binarise returns 1 for ink and 0 for paper, one byte per pixel.
func binarise(g *image.Gray, t uint8) []uint8 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := make([]uint8, w*h)
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		o := out[y*w : y*w+w]
		for x, p := range row {
			if p < t {
				o[x] = 1
			}
		}
	}
	return out
}

// skew estimates the page's rotation in degrees (within ±maxDeg) from its
// long horizontal strokes: the angle whose row projection of those ink
// pixels is sharpest. Positive: lines descend to the right.
func skew(bin []uint8, w, h int, minRun int, maxDeg float64) float64 {
	type pt struct{ x, y int32 }
	var pts []pt
	for y := 0; y < h; y++ {
		row := bin[y*w : y*w+w]
		for x := 0; x < w; {
			if row[x] == 0 {
				x++
				continue
			}
			s := x
			for x < w && row[x] != 0 {
				x++
			}
			if x-s >= minRun {
				for i := s; i < x; i += 2 {
					pts = append(pts, pt{int32(i), int32(y)})
				}
			}
		}
	}
	if len(pts) < 100 {
		return 0
	}
	bins := make([]float64, h+2*w+8)
	off := float64(w) + 4
	score := func(deg float64) float64 {
		t := math.Tan(deg * math.Pi / 180)
		clear(bins)
		for _, p := range pts {
			bins[int(float64(p.y)-float64(p.x)*t+off)]++
		}
		var s float64
		for _, b := range bins {
			s += b * b
		}
		return s
	}
	best, bestS := 0.0, score(0)
	for d := -maxDeg; d <= maxDeg+1e-9; d += 0.1 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	c := best
	for d := c - 0.1; d <= c+0.1+1e-9; d += 0.02 {
		if s := score(d); s > bestS {
			best, bestS = d, s
		}
	}
	return best
}

// rotate returns g turned by deg degrees about its centre (bilinear, white
// outside) so that lines descending to the right by deg become horizontal.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	s, c := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for Y := 0; Y < h; Y++ {
		dy := float64(Y) - cy
		o := out.Pix[Y*out.Stride : Y*out.Stride+w]
		for X := 0; X < w; X++ {
			dx := float64(X) - cx
			x := cx + dx*c - dy*s
			y := cy + dx*s + dy*c
			x0, y0 := int(math.Floor(x)), int(math.Floor(y))
			if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
				o[X] = 255
				continue
			}
			fx, fy := x-float64(x0), y-float64(y0)
			i := y0*g.Stride + x0
			a := float64(g.Pix[i])*(1-fx) + float64(g.Pix[i+1])*fx
			b := float64(g.Pix[i+g.Stride])*(1-fx) + float64(g.Pix[i+g.Stride+1])*fx
			o[X] = uint8(a*(1-fy) + b*fy + 0.5)
		}
	}
	return out
}
