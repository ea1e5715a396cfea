package ocr

import (
	"image"

	"golang.org/x/image/draw"
)

// A form prints the same labels (项目名称, 数量指标, 一级指标 …) on every
// page, in the same font and size, and they make up many of the short
// cells of a page. labelPrints remembers how each label read with
// confidence looks on the pages a Reader has read, so that the next crop
// that looks the same, character by character, is known without Tesseract.
//
// A crop's print is its ink (pixels darker than the page's threshold),
// cropped to the ink's box and scaled to printH rows: a CJK character then
// covers about printH columns. Two prints match when they are as wide (±1
// column) and every printH-wide block differs by at most matchBelow (mean
// absolute difference of ink, 0 to 1): a label that differs in one
// character (数量指标, 质量指标) differs a lot in that block.
type labelPrints struct {
	prints []labelPrint
}

// labelPrint is the print of one label read with confidence.
type labelPrint struct {
	w    int
	pix  []uint8 // printH rows of w values, 255 for ink
	text string
	conf float64 // the lowest of the readings that confirmed it
	seen int     // readings that agreed
}

const (
	printH     = 20
	matchBelow = 0.08
	maxPrints  = 256 // labels are few; the bound keeps a long batch flat
)

// fingerprint returns the print of crop's ink, ok false when there is too
// little ink to tell.
func fingerprint(crop *image.Gray, inkT uint8) (w int, pix []uint8, ok bool) {
	b := crop.Rect
	x0, y0, x1, y1 := b.Max.X, b.Max.Y, b.Min.X-1, b.Min.Y-1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := crop.Pix[(y-b.Min.Y)*crop.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			if row[x-b.Min.X] < inkT {
				x0, x1 = min(x0, x), max(x1, x)
				y0, y1 = min(y0, y), max(y1, y)
			}
		}
	}
	if x1 < x0 || y1-y0+1 < printH/2 {
		return 0, nil, false
	}
	ink := image.NewGray(image.Rect(0, 0, x1-x0+1, y1-y0+1))
	for y := y0; y <= y1; y++ {
		src := crop.Pix[(y-b.Min.Y)*crop.Stride+(x0-b.Min.X):]
		dst := ink.Pix[(y-y0)*ink.Stride:]
		for x := range ink.Rect.Dx() {
			if src[x] < inkT {
				dst[x] = 255
			}
		}
	}
	w = max(1, (ink.Rect.Dx()*printH+ink.Rect.Dy()/2)/ink.Rect.Dy())
	p := image.NewGray(image.Rect(0, 0, w, printH))
	draw.ApproxBiLinear.Scale(p, p.Rect, ink, ink.Rect, draw.Src, nil)
	return w, p.Pix, true
}

// distance returns the largest mean absolute difference of ink, from 0 to
// 1, over the printH-wide blocks of two prints of width w.
func distance(a, b []uint8, w int) float64 {
	worst := 0.0
	for bx := 0; bx < w; bx += printH {
		ex := min(w, bx+printH)
		sum := 0
		for y := range printH {
			for x := bx; x < ex; x++ {
				d := int(a[y*w+x]) - int(b[y*w+x])
				sum += max(d, -d)
			}
		}
		worst = max(worst, float64(sum)/float64(255*printH*(ex-bx)))
	}
	return worst
}

// nearest returns the index of the print closest to pix (width w) among
// those as wide, and its distance; -1 when there is none within
// matchBelow.
func (lp *labelPrints) nearest(w int, pix []uint8) (int, float64) {
	best, dist := -1, 1.0
	for i, p := range lp.prints {
		if p.w < w-1 || p.w > w+1 {
			continue
		}
		n := min(w, p.w)
		if d := distance(cropPrint(p.pix, p.w, n), cropPrint(pix, w, n), n); d < dist {
			best, dist = i, d
		}
	}
	if dist > matchBelow {
		return -1, dist
	}
	return best, dist
}

// lookup returns the label a crop's print shows, if it matches a print
// confirmed by two readings.
func (lp *labelPrints) lookup(w int, pix []uint8) (text string, conf float64, ok bool) {
	i, _ := lp.nearest(w, pix)
	if i < 0 || lp.prints[i].seen < 2 {
		return "", 0, false
	}
	return lp.prints[i].text, lp.prints[i].conf, true
}

// learn records that Tesseract read a crop with this print as the label
// text, with confidence conf. A print that matches is confirmed when it
// holds the same label, and forgotten when it holds another: two readings
// must agree before a print stands for its label.
func (lp *labelPrints) learn(w int, pix []uint8, text string, conf float64) {
	switch i, _ := lp.nearest(w, pix); {
	case i >= 0 && lp.prints[i].text == text:
		lp.prints[i].seen++
		lp.prints[i].conf = min(lp.prints[i].conf, conf)
	case i >= 0:
		lp.prints = append(lp.prints[:i], lp.prints[i+1:]...)
	case len(lp.prints) < maxPrints:
		lp.prints = append(lp.prints, labelPrint{w: w, pix: pix, text: text, conf: conf, seen: 1})
	}
}

// cropPrint returns the first n columns of a print of width w.
func cropPrint(pix []uint8, w, n int) []uint8 {
	if n == w {
		return pix
	}
	out := make([]uint8, 0, n*printH)
	for y := range printH {
		out = append(out, pix[y*w:y*w+n]...)
	}
	return out
}

// learnAbove is the confidence from which a label's reading is learnt.
const learnAbove = 0.9
