package ocr

import (
	"image"
	"math"
)

// lineLayout is what a page's print says about which way its text runs,
// found without knowing its orientation: the boxes of its text lines, each
// a run of characters joined at a coarse resolution, with ruling lines
// taken out.
type lineLayout struct {
	// Across are the boxes (page pixels) of lines much wider than tall,
	// Along those of lines much taller than wide: the lines of an upright
	// or upside-down page are across it, those of a page turned by 90° or
	// 270° along it.
	Across, Along []image.Rectangle
	// AcrossLen and AlongLen are the lines' total lengths (pixels).
	AcrossLen, AlongLen int
}

// Sideways says whether the page's text runs along it (turned by 90° or
// 270°) and whether that is clear: the lines one way must be at least
// sidewaysRatio times as long in total as those the other way, and at
// least minLineLen inches of them. A blank page, or one without clear
// lines, is not sure.
func (l lineLayout) Sideways(dpi float64) (sideways, sure bool) {
	minLen := minLineLen * dpi
	a, b := float64(l.AcrossLen), float64(l.AlongLen)
	switch {
	case b >= minLen && b >= sidewaysRatio*a:
		return true, true
	case a >= minLen && a >= sidewaysRatio*b:
		return false, true
	}
	return false, false
}

const (
	// sidewaysRatio is how much longer the lines one way must be.
	sidewaysRatio = 3
	// minLineLen is how much line (inches, in total) a verdict needs.
	minLineLen = 1.5
	// layoutDPI is the resolution the lines are joined at: a pixel of
	// about 0.5 mm closes the gaps between the characters of a line and
	// keeps the lines of a cell apart.
	layoutDPI = 50
	// minLineLong is the shortest line (inches): about two characters.
	minLineLong = 0.15
	// minLineThick is the thinnest line (inches, about 2 mm): the
	// remnants of ruling lines are thinner.
	minLineThick = 0.08
	// lineAspect is how many times longer than thick a box must be to
	// count as a line.
	lineAspect = 3
)

// findLineLayout finds the text lines of a gray page (paper white, as
// scan.Gray makes it) at dpi.
func findLineLayout(g *image.Gray, dpi float64) lineLayout {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	f := max(1, int(math.Round(dpi/layoutDPI)))
	lv := pageLevels(g)
	if lv.paper < lv.ink+48 { // no print, or nothing but noise
		return lineLayout{}
	}
	pw, ph := (w+f-1)/f, (h+f-1)/f
	cnt := make([]int32, pw*ph)
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		c := cnt[(y/f)*pw:]
		for x, p := range row {
			if p < lv.text {
				c[x/f]++
			}
		}
	}
	need := int32(max(1, f*f/6))
	ink := make([]bool, pw*ph)
	for i, c := range cnt {
		ink[i] = c >= need
	}
	dropRules(ink, pw, ph, int(dpi/float64(f)*0.8))
	ink = dilate(ink, pw, ph)
	var l lineLayout
	minLong := int(math.Ceil(minLineLong * dpi / float64(f)))
	minThick := int(math.Ceil(minLineThick * dpi / float64(f)))
	inner := image.Rect(1, 1, pw-1, ph-1)
	for _, b := range components(ink, pw, ph) {
		bw, bh := b.Dx(), b.Dy()
		if bw > pw/2 || bh > ph/2 || !b.In(inner) {
			continue // a frame, a seal, a scanner's edge shadow
		}
		box := image.Rect(b.Min.X*f, b.Min.Y*f, min(w, b.Max.X*f), min(h, b.Max.Y*f))
		switch {
		case bw >= minLong && bw >= lineAspect*bh && bh >= minThick:
			l.Across = append(l.Across, box)
			l.AcrossLen += box.Dx()
		case bh >= minLong && bh >= lineAspect*bw && bw >= minThick:
			l.Along = append(l.Along, box)
			l.AlongLen += box.Dy()
		}
	}
	return l
}

// dropRules clears the runs of ink at least n cells long, across and
// along, found on the mask as given.
func dropRules(ink []bool, w, h, n int) {
	clear := make([]bool, len(ink))
	for y := 0; y < h; y++ {
		for x := 0; x < w; {
			if !ink[y*w+x] {
				x++
				continue
			}
			e := x
			for e < w && ink[y*w+e] {
				e++
			}
			if e-x >= n {
				for i := x; i < e; i++ {
					clear[y*w+i] = true
				}
			}
			x = e
		}
	}
	for x := 0; x < w; x++ {
		for y := 0; y < h; {
			if !ink[y*w+x] {
				y++
				continue
			}
			e := y
			for e < h && ink[e*w+x] {
				e++
			}
			if e-y >= n {
				for i := y; i < e; i++ {
					clear[i*w+x] = true
				}
			}
			y = e
		}
	}
	for i, c := range clear {
		if c {
			ink[i] = false
		}
	}
}

// components returns the bounding boxes of the 8-connected components of
// ink (w×h cells).
func components(ink []bool, w, h int) []image.Rectangle {
	seen := make([]bool, len(ink))
	var boxes []image.Rectangle
	var stack []int
	for start, on := range ink {
		if !on || seen[start] {
			continue
		}
		seen[start] = true
		stack = append(stack[:0], start)
		b := image.Rect(start%w, start/w, start%w+1, start/w+1)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			b = b.Union(image.Rect(x, y, x+1, y+1))
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					X, Y := x+dx, y+dy
					if X < 0 || Y < 0 || X >= w || Y >= h {
						continue
					}
					if j := Y*w + X; ink[j] && !seen[j] {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
		}
		boxes = append(boxes, b)
	}
	return boxes
}

// dilate returns ink grown by one cell in each of the eight directions.
func dilate(ink []bool, w, h int) []bool {
	out := make([]bool, len(ink))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if !ink[y*w+x] {
				continue
			}
			for Y := max(0, y-1); Y <= min(h-1, y+1); Y++ {
				for X := max(0, x-1); X <= min(w-1, x+1); X++ {
					out[Y*w+X] = true
				}
			}
		}
	}
	return out
}
