package pdf

import (
	"math"

	"jixiao"
)

// frame is a page's media box in PDF page space (y up): where boxes in
// page space are turned into boxes from the page's top left corner, y
// down, the unit of the record's geometry (jixiao.UnitPoint).
type frame struct{ x0, y0, x1, y1 float64 }

// a4 is the frame of a page without a media box.
var a4 = frame{x1: 595, y1: 842}

// box returns the box from x0 to x1 and from top down to bottom (page
// space: top > bottom), from the frame's top left corner, rounded to
// hundredths of a point and clamped to the page; the zero Box (unknown)
// when a coordinate is not a number (a malformed content stream).
func (f frame) box(x0, top, x1, bottom float64) jixiao.Box {
	for _, v := range []float64{x0, top, x1, bottom} {
		if math.IsNaN(v) {
			return jixiao.Box{}
		}
	}
	w, h := f.x1-f.x0, f.y1-f.y0
	clamp := func(v, hi float64) float64 { return math.Round(min(max(v, 0), hi)*100) / 100 }
	return jixiao.Box{clamp(x0-f.x0, w), clamp(f.y1-top, h), clamp(x1-f.x0, w), clamp(f.y1-bottom, h)}
}

// size returns the frame as the size of page n.
func (f frame) size(n int) jixiao.Page {
	return jixiao.Page{Page: n, Width: round2(f.x1 - f.x0), Height: round2(f.y1 - f.y0), Unit: jixiao.UnitPoint}
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
