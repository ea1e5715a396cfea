package paddle

import (
	"image"
	"math"
	"slices"
)

// dbParams are the DB (differentiable binarisation) post-processing
// parameters, PaddleOCR's defaults for its PP-OCR detectors.
type dbParams struct {
	thresh      float32 // a map pixel is text when its probability is above
	boxThresh   float64 // a region is kept when its mean probability is at least
	unclip      float64 // how far a region's box is grown: area·unclip/perimeter
	minSide     float64 // a region is dropped when thinner (between pixel centres, map pixels)
	maxRegions  int     // at most this many regions are considered, in scan order
	sameLineGap int     // boxes whose tops are closer than this (image pixels) are ordered left to right
}

var dbDefaults = dbParams{thresh: 0.3, boxThresh: 0.6, unclip: 1.5, minSide: 3, maxRegions: 1000, sameLineGap: 10}

// dbBoxes turns a probability map (w×h, row-major) into axis-aligned text
// boxes in the coordinates of an image of size dst at origin, which the map
// was computed from (resized): the 8-connected regions of pixels above the
// threshold, each scored by its mean probability, boxed, grown (unclipped)
// and scaled. The boxes are ordered top to bottom, and left to right
// within a line.
//
// PaddleOCR boxes a region with its rotated minimum-area rectangle. Here a
// region (a text line, nearly horizontal or vertical) is taken for a bar
// as long as its box's longer side and as thick as its area allows: that
// thickness, not the box's, decides whether it is too thin and how far it
// grows, so that a slanted line is not grown by its slant. Its score is
// the mean over its own pixels (PaddleOCR's "slow" score mode), which a
// slanted line's box would dilute.
func dbBoxes(prob []float32, w, h int, dst image.Rectangle, p dbParams) []image.Rectangle {
	if w <= 0 || h <= 0 || len(prob) < w*h || dst.Empty() {
		return nil
	}
	seen := make([]bool, w*h)
	var stack []int
	var boxes []image.Rectangle
	regions := 0
	for start := range w * h {
		if seen[start] || prob[start] <= p.thresh {
			continue
		}
		if regions++; regions > p.maxRegions {
			break
		}
		// Flood the region, tracking its bounds (pixel indices, inclusive),
		// size and probability sum.
		r := region{x0: w, y0: h, x1: -1, y1: -1}
		seen[start] = true
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			r.add(x, y, prob[i])
			for ny := max(y-1, 0); ny <= min(y+1, h-1); ny++ {
				for nx := max(x-1, 0); nx <= min(x+1, w-1); nx++ {
					if j := ny*w + nx; !seen[j] && prob[j] > p.thresh {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
		}
		if b, ok := r.box(w, h, dst, p); ok {
			boxes = append(boxes, b)
		}
	}
	sortLines(boxes, p.sameLineGap)
	return boxes
}

// region is one connected region of a probability map.
type region struct {
	x0, y0, x1, y1 int // bounds, pixel indices, inclusive
	pixels         int
	sum            float64 // of the pixels' probabilities
}

func (r *region) add(x, y int, p float32) {
	r.x0, r.y0, r.x1, r.y1 = min(r.x0, x), min(r.y0, y), max(r.x1, x), max(r.y1, y)
	r.pixels++
	r.sum += float64(p)
}

// box scores, unclips and scales the region's box, from map (w×h) to dst.
func (r *region) box(w, h int, dst image.Rectangle, p dbParams) (image.Rectangle, bool) {
	length := float64(max(r.x1-r.x0, r.y1-r.y0) + 1)
	thick := float64(r.pixels) / length
	// The bar's sides between pixel centres, as those of a contour's
	// rectangle.
	long, short := length-1, thick-1
	if short < p.minSide {
		return image.Rectangle{}, false
	}
	if r.sum/float64(r.pixels) < p.boxThresh {
		return image.Rectangle{}, false
	}
	d := long * short * p.unclip / (2 * (long + short))
	if short+2*d < p.minSide+2 {
		return image.Rectangle{}, false
	}
	sx := float64(dst.Dx()) / float64(w)
	sy := float64(dst.Dy()) / float64(h)
	scale := func(v, s float64, size int) int {
		return int(min(max(math.Round(v*s), 0), float64(size)))
	}
	b := image.Rect(
		scale(float64(r.x0)-d, sx, dst.Dx()), scale(float64(r.y0)-d, sy, dst.Dy()),
		scale(float64(r.x1)+d, sx, dst.Dx()), scale(float64(r.y1)+d, sy, dst.Dy()),
	).Add(dst.Min)
	return b, !b.Empty()
}

// sortLines orders boxes by top, then, among boxes whose tops are within
// gap of each other (one line), by left.
func sortLines(boxes []image.Rectangle, gap int) {
	slices.SortStableFunc(boxes, func(a, b image.Rectangle) int {
		if a.Min.Y != b.Min.Y {
			return a.Min.Y - b.Min.Y
		}
		return a.Min.X - b.Min.X
	})
	// Insertion pass, as PaddleOCR's: a box whose top is within gap of the
	// one before and left of it moves before it.
	for i := 1; i < len(boxes); i++ {
		for j := i; j > 0; j-- {
			a, b := boxes[j-1], boxes[j]
			if abs(b.Min.Y-a.Min.Y) < gap && b.Min.X < a.Min.X {
				boxes[j-1], boxes[j] = b, a
				continue
			}
			break
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
