package ocr

import (
	"context"
	"errors"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// checked reads lines with PP-OCR and has Tesseract read again those
// PP-OCR is unsure of. Two independent engines that agree are the surest
// reading there is: an unsure line both read alike is sure; one they read
// differently keeps PP-OCR's reading (the better engine on these forms)
// with a confidence below LowConfidence, so that it is reviewed. Tesseract
// is started on first need. Not safe for concurrent use.
type checked struct {
	pp    *paddleEngine
	open  func() (*tesseract, error)
	tess  *tesseract
	stats Stats
}

// Thresholds of checked.
const (
	// checkBelow is the PP-OCR confidence under which Tesseract reads a
	// line again.
	checkBelow = 0.90
	// agreedConf is the confidence of a line both engines read alike.
	agreedConf = 0.95
)

func (c *checked) Close() error {
	err := c.pp.Close()
	if c.tess != nil {
		err = errors.Join(err, c.tess.Close())
	}
	return err
}

func (c *checked) Read(ctx context.Context, lines []Line) ([]Reading, error) {
	rs, err := c.pp.Read(ctx, lines)
	if err != nil {
		return nil, err
	}
	c.stats.Paddle, c.pp.stats.Paddle = c.stats.Paddle+c.pp.stats.Paddle, 0
	var unsure []int
	for i, r := range rs {
		if r.Text != "" && r.Confidence < checkBelow {
			unsure = append(unsure, i)
		}
	}
	if len(unsure) == 0 {
		return rs, nil
	}
	if c.tess == nil {
		if c.tess, err = c.open(); err != nil {
			return nil, err
		}
	}
	again := make([]Line, len(unsure))
	for k, i := range unsure {
		again[k] = lines[i]
	}
	ts, err := c.tess.Read(ctx, again)
	if err != nil {
		return nil, err
	}
	c.stats.Checked += len(unsure)
	for k, i := range unsure {
		if sameReading(rs[i].Text, ts[k].Text) {
			rs[i].Confidence = max(rs[i].Confidence, agreedConf)
			continue
		}
		c.stats.Disagreed++
		rs[i].Confidence = min(rs[i].Confidence, doubtConf)
	}
	return rs, nil
}

// sameReading reports whether two readings of a line say the same: white
// space and the width of punctuation aside.
func sameReading(a, b string) bool {
	fold := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, width.Fold.String(s))
	}
	return fold(a) == fold(b)
}
