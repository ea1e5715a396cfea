package scan

import "image"

// flatten evens out the illumination of a gray page and brings its paper
// to white: each pixel is divided by an estimate of the paper's brightness
// around it (the 90th percentile of the levels of blocks about a 24th of
// the page across, the brightest of each 3×3 blocks, smoothed and
// interpolated), so uneven light, a dull or tinted paper and lowered
// contrast all come out as white paper with ink at its own share of it.
// It returns a new image (g itself when g is smaller than 3×3 blocks of 16
// pixels); g is not changed. Safe for concurrent use.
func flatten(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	bs := max(16, min(w, h)/24) // block size
	bw, bh := (w+bs-1)/bs, (h+bs-1)/bs
	if bw < 3 || bh < 3 {
		return g
	}
	bg := make([]float64, bw*bh)
	for by := range bh {
		for bx := range bw {
			var hist [256]int
			n := 0
			for y := by * bs; y < min(h, (by+1)*bs); y++ {
				for _, v := range g.Pix[y*g.Stride+bx*bs : y*g.Stride+min(w, (bx+1)*bs)] {
					hist[v]++
					n++
				}
			}
			// the 90th percentile: paper, even in a block with much ink
			k, p := 0, 255
			for v := range 256 {
				if k += hist[v]; 10*k >= 9*n {
					p = v
					break
				}
			}
			bg[by*bw+bx] = float64(max(p, 1))
		}
	}
	// A block mostly of ink (a dark cell) reads darker than its paper: take
	// the brightest of each 3×3, then their mean.
	bg = smooth(smooth(bg, bw, bh, true), bw, bh, false)
	out := image.NewGray(image.Rect(0, 0, w, h))
	row := make([]int32, w) // 255/background, 1<<12 to 1, along a row
	for y := range h {
		fy := (float64(y)+0.5)/float64(bs) - 0.5
		y0 := max(0, min(bh-1, int(fy)))
		y1 := min(bh-1, y0+1)
		ty := max(0, min(1, fy-float64(y0)))
		for x := range w {
			fx := (float64(x)+0.5)/float64(bs) - 0.5
			x0 := max(0, min(bw-1, int(fx)))
			x1 := min(bw-1, x0+1)
			tx := max(0, min(1, fx-float64(x0)))
			b := (bg[y0*bw+x0]*(1-tx)+bg[y0*bw+x1]*tx)*(1-ty) + (bg[y1*bw+x0]*(1-tx)+bg[y1*bw+x1]*tx)*ty
			row[x] = int32(255 / b * (1 << 12))
		}
		in, o := g.Pix[y*g.Stride:y*g.Stride+w], out.Pix[y*out.Stride:y*out.Stride+w]
		for x, v := range in {
			o[x] = uint8(min(255, (int32(v)*row[x]+1<<11)>>12))
		}
	}
	return out
}

// smooth returns the 3×3 maximum (or mean) of the grid v of bw×bh.
func smooth(v []float64, bw, bh int, maximum bool) []float64 {
	out := make([]float64, len(v))
	for y := range bh {
		for x := range bw {
			s, n, m := 0.0, 0, 0.0
			for yy := max(0, y-1); yy <= min(bh-1, y+1); yy++ {
				for xx := max(0, x-1); xx <= min(bw-1, x+1); xx++ {
					s, n, m = s+v[yy*bw+xx], n+1, max(m, v[yy*bw+xx])
				}
			}
			if maximum {
				out[y*bw+x] = m
			} else {
				out[y*bw+x] = s / float64(n)
			}
		}
	}
	return out
}
