package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"sort"

	"jixiao/extract/ocr/paddle"
	"jixiao/extract/scan"
)

// Orientation is how a page was turned to be read upright.
type Orientation struct {
	// Turn is the clockwise rotation (degrees: 0, 90, 180 or 270) applied
	// to the page image as given to make it upright.
	Turn int
	// Lines is how many text lines the decision rests on (0 for a page
	// without clear lines, which is left as it is).
	Lines int
	// By says what decided between upright and upside down: "classifier"
	// (PP-OCR's text-direction model), "title" (the title's place on the
	// page) or "" (nothing to decide, or nothing to decide it by).
	By string
}

// Upright returns img turned upright and how it was turned. Which way a
// page's text runs is found from its text lines (lineLayout: an upright or
// upside-down page has lines much wider than tall, a page turned by 90° or
// 270° lines much taller than wide); which end is up, by PP-OCR's
// text-direction classifier on the longest lines, or, without it, by the
// title's place. A page whose lines do not say clearly which way they run
// (a blank back, a page of a few words) is returned as it is, and so is
// one that does not show clearly that it is upside down. The rotation is
// exact (scan.Rotate); the image returned has origin (0, 0) when turned.
// It fails only when ctx is done or the classifier fails.
func (r *Reader) Upright(ctx context.Context, img image.Image) (image.Image, Orientation, error) {
	turn, o, err := r.orientation(ctx, scan.Gray(img))
	if err != nil || turn == 0 {
		return img, o, err
	}
	up, err := scan.Rotate(img, turn)
	if err != nil {
		return img, Orientation{}, fmt.Errorf("orientation: %w", err)
	}
	return up, o, nil
}

// orientation decides how to turn g (gray, paper white) upright.
func (r *Reader) orientation(ctx context.Context, g *image.Gray) (int, Orientation, error) {
	dpi := r.opts.DPI
	if dpi <= 0 {
		dpi = math.Max(72, float64(max(g.Rect.Dx(), g.Rect.Dy()))/11.69)
	}
	l := findLineLayout(g, dpi)
	sideways, sure := l.Sideways(dpi)
	if !sure {
		return 0, Orientation{}, nil
	}
	lines, base := l.Across, 0
	if sideways {
		// Turned 90° clockwise, a page turned by 270° is upright and one
		// turned by 90° upside down.
		lines, base = l.Along, 90
	}
	crops := lineCrops(g, lines, base)
	o := Orientation{Lines: len(crops)}
	down, decided, err := r.upsideDown(ctx, g, lines, base, crops)
	if err != nil {
		return 0, o, err
	}
	if decided {
		o.By = r.directionSource()
	}
	turn := base
	if down {
		turn += 180
	}
	o.Turn = turn
	return turn, o, nil
}

// maxDirectionLines is how many lines the classifier judges a page by.
const maxDirectionLines = 12

// lineCrops cuts the longest lines (at most maxDirectionLines, of about
// the usual thickness: not two lines joined) out of g, turned clockwise by
// base, each with a margin of white.
func lineCrops(g *image.Gray, lines []image.Rectangle, base int) []*image.Gray {
	thick := func(b image.Rectangle) int { return min(b.Dx(), b.Dy()) }
	long := func(b image.Rectangle) int { return max(b.Dx(), b.Dy()) }
	if len(lines) == 0 {
		return nil
	}
	ts := make([]int, len(lines))
	for i, b := range lines {
		ts[i] = thick(b)
	}
	sort.Ints(ts)
	median := ts[len(ts)/2]
	picked := make([]image.Rectangle, 0, len(lines))
	for _, b := range lines {
		if thick(b) <= median*3/2 {
			picked = append(picked, b)
		}
	}
	sort.SliceStable(picked, func(i, j int) bool { return long(picked[i]) > long(picked[j]) })
	picked = picked[:min(len(picked), maxDirectionLines)]
	crops := make([]*image.Gray, len(picked))
	for i, b := range picked {
		c := cropGray(g, b)
		crops[i] = scanRotateGray(c, base)
	}
	return crops
}

// cropGray copies box b of g into a new image with origin (0, 0).
func cropGray(g *image.Gray, b image.Rectangle) *image.Gray {
	b = b.Intersect(g.Rect)
	out := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		copy(out.Pix[y*out.Stride:y*out.Stride+b.Dx()], g.Pix[(b.Min.Y+y-g.Rect.Min.Y)*g.Stride+b.Min.X-g.Rect.Min.X:])
	}
	return out
}

// scanRotateGray turns a gray crop clockwise by deg.
func scanRotateGray(g *image.Gray, deg int) *image.Gray {
	img, err := scan.Rotate(g, deg)
	if err != nil {
		panic(err) // deg is 0 or 90 here
	}
	return img.(*image.Gray)
}

// upsideDown decides whether the page, turned clockwise by base, is upside
// down: by the classifier on crops when there is one, by the title's place
// otherwise. decided is false when neither can tell (the page is then
// taken to be the right way up).
func (r *Reader) upsideDown(ctx context.Context, g *image.Gray, lines []image.Rectangle, base int, crops []*image.Gray) (down, decided bool, err error) {
	if cls := r.classifier(); cls != nil {
		dirs, err := cls.Directions(ctx, crops)
		if err != nil {
			return false, false, fmt.Errorf("orientation: %w", err)
		}
		down, decided = directionVote(dirs, base != 0)
		return down, decided, nil
	}
	down, decided = titleUpsideDown(g, lines, base)
	return down, decided, nil
}

// directionVote sums the classifier's verdicts on a page's lines. A
// sideways page (must) is turned whichever way more of its lines say;
// an upright-looking page is turned over only when at least
// minDownShare of its lines, and at least minDownLines, are judged upside
// down with confidence.
func directionVote(dirs []Direction, must bool) (down, decided bool) {
	var up, dn, sure int
	for _, d := range dirs {
		if d.Confidence < minDirectionConfidence {
			continue
		}
		sure++
		if d.UpsideDown {
			dn++
		} else {
			up++
		}
	}
	if must {
		return dn > up, sure > 0
	}
	return dn >= minDownLines && float64(dn) >= minDownShare*float64(sure), sure > 0
}

// Direction is the classifier's verdict on one line (paddle.Direction).
type Direction = paddle.Direction

const (
	// minDirectionConfidence is the least confidence of a line's verdict
	// that counts.
	minDirectionConfidence = 0.75
	// minDownShare and minDownLines are how many of an upright-looking
	// page's lines must be upside down for it to be turned over.
	minDownShare = 0.75
	minDownLines = 3
)

// titleUpsideDown decides, without a classifier, from where the thickest
// line (the title, printed larger) is: in the upper third of an upright
// page, the lower third of one upside down. Turned clockwise by base,
// lines are boxes of g. decided is false when no line is clearly the
// thickest or it is in the middle third.
func titleUpsideDown(g *image.Gray, lines []image.Rectangle, base int) (down, decided bool) {
	if len(lines) < 2 {
		return false, false
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	thick := func(b image.Rectangle) int {
		if base == 0 {
			return b.Dy()
		}
		return b.Dx()
	}
	sorted := append([]image.Rectangle(nil), lines...)
	sort.SliceStable(sorted, func(i, j int) bool { return thick(sorted[i]) > thick(sorted[j]) })
	title, next := sorted[0], sorted[1]
	if float64(thick(title)) < titleThickness*float64(thick(next)) {
		return false, false
	}
	// Where the title's centre is, from the top of the page turned by
	// base, as a share of the page's height.
	var at float64
	if base == 0 {
		at = float64(title.Min.Y+title.Max.Y) / 2 / float64(h)
	} else {
		// Turned 90° clockwise, the page's left edge is its top.
		at = float64(title.Min.X+title.Max.X) / 2 / float64(w)
	}
	switch {
	case at < 1.0/3:
		return false, true
	case at > 2.0/3:
		return true, true
	}
	return false, false
}

// titleThickness is how much thicker than any other line the title must
// be.
const titleThickness = 1.3

// optionalClassifier loads PP-OCR's text-direction model for a Tesseract
// reader when PP-OCR is installed; nil when it is not (orientation then
// falls back on the title's place).
func optionalClassifier(o Options) *paddle.Classifier {
	m, err := paddle.Locate(o.Models)
	if err != nil || paddle.Init(m.Lib) != nil {
		return nil
	}
	cls, err := paddle.NewClassifier(m)
	if err != nil {
		return nil
	}
	return cls
}

// classifier returns the text-direction model, nil when there is none.
func (r *Reader) classifier() *paddle.Classifier { return r.cls }

// directionSource names what tells upright from upside down.
func (r *Reader) directionSource() string {
	if r.cls != nil {
		return "classifier"
	}
	return "title"
}
