package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/otiai10/gosseract/v2"
	"golang.org/x/image/draw"
)

// TesseractModels are the Tesseract models the Tesseract engine reads with
// (Debian packages tesseract-ocr-script-hans, tesseract-ocr-chi-sim and
// tesseract-ocr-eng).
var TesseractModels = []string{"HanS", "chi_sim", "eng"}

// tesseract is the Tesseract engine: a Recognizer that reads each line with
// the HanS model, lines of digits with eng first, and unsure short lines
// again (twice the size, raw-line mode, then HanS and chi_sim together),
// restoring from the glyphs' shapes what Tesseract's models cannot print
// (glyph.go). It holds up to three Tesseract instances; not safe for
// concurrent use.
type tesseract struct {
	client *gosseract.Client
	num    *gosseract.Client // nil when NumberLanguages is "-"
	second *gosseract.Client // nil when SecondLanguages is "-"
	opts   Options
	dpi    string  // user_defined_dpi set on the clients
	inkT   uint8   // the ink threshold of the line being read
	dpiF   float64 // the resolution of the line being read
	// the symbols of the last crop read for them
	symCrop *image.Gray
	syms    []symbol
	labels  labelPrints
	stats   Stats
}

// newTesseract returns a Tesseract engine with ready instances. It fails
// when a model is missing.
func newTesseract(o Options) (*tesseract, error) {
	if len(o.Languages) == 0 {
		o.Languages = []string{"HanS"}
	}
	if len(o.NumberLanguages) == 0 {
		o.NumberLanguages = []string{"eng"}
	}
	if len(o.SecondLanguages) == 0 {
		o.SecondLanguages = []string{"HanS", "chi_sim"}
	}
	c, err := newClient(o.Languages)
	if err != nil {
		return nil, err
	}
	r := &tesseract{client: c, opts: o}
	if o.NumberLanguages[0] != "-" {
		if r.num, err = newClient(o.NumberLanguages); err != nil {
			r.Close()
			return nil, err
		}
	}
	if o.SecondLanguages[0] != "-" {
		if r.second, err = newClient(o.SecondLanguages); err != nil {
			r.Close()
			return nil, err
		}
	}
	return r, nil
}

// clientStart serialises the start-up of Tesseract clients: gosseract's
// initialisation points the process's standard error at /dev/null for a
// while and back, and two at once can leave it pointing there, so that
// every later message (the reasons of failures among them) is lost.
var clientStart sync.Mutex

// newClient returns an initialised Tesseract client (a blank image is read
// once), so that a missing model fails here and the page segmentation mode
// set per line is kept.
func newClient(langs []string) (*gosseract.Client, error) {
	clientStart.Lock()
	defer clientStart.Unlock()
	c := gosseract.NewClient()
	if err := c.SetLanguage(langs...); err != nil {
		c.Close()
		return nil, err
	}
	// Lines are dark text on white: do not also try each line inverted
	// (Tesseract does so for lines it is unsure of, at twice the cost).
	if err := c.SetVariable("tessedit_do_invert", "0"); err != nil {
		c.Close()
		return nil, err
	}
	blank := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range blank.Pix {
		blank.Pix[i] = 255
	}
	if err := c.SetImageFromBytes(pgm(blank)); err != nil {
		c.Close()
		return nil, err
	}
	if _, err := c.GetBoundingBoxesVerbose(); err != nil {
		c.Close()
		return nil, fmt.Errorf("tesseract %s: %w", strings.Join(langs, "+"), err)
	}
	return c, nil
}

// Close frees the Tesseract instances.
func (r *tesseract) Close() error {
	err := r.client.Close()
	for _, c := range []*gosseract.Client{r.num, r.second} {
		if c != nil {
			err = errors.Join(err, c.Close())
		}
	}
	return err
}

// Read reads lines one by one.
func (r *tesseract) Read(ctx context.Context, lines []Line) ([]Reading, error) {
	out := make([]Reading, len(lines))
	for i, l := range lines {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		text, conf, err := r.readLine(l)
		if err != nil {
			return nil, err
		}
		out[i] = Reading{Text: text, Confidence: conf}
	}
	return out, nil
}

// setDPI tells the instances the resolution of what they read.
func (r *tesseract) setDPI(dpi float64) error {
	s := strconv.Itoa(int(dpi + 0.5))
	if s == r.dpi {
		return nil
	}
	for _, c := range []*gosseract.Client{r.client, r.num, r.second} {
		if c != nil {
			if err := c.SetVariable("user_defined_dpi", s); err != nil {
				return err
			}
		}
	}
	r.dpi = s
	return nil
}

// isLabel reports whether text is (a near-miss of) a label of the form,
// by Options.Vocabulary; false without one.
func (r *tesseract) isLabel(text string) bool {
	if r.opts.Vocabulary == nil {
		return false
	}
	_, ok := r.opts.Vocabulary(text)
	return ok
}

// readLine reads one line crop: a label read before is known by its print
// (labelprint.go); otherwise readBest, then the glyph repairs.
func (r *tesseract) readLine(l Line) (string, float64, error) {
	if err := r.setDPI(l.DPI); err != nil {
		return "", 0, err
	}
	r.inkT, r.dpiF = l.Ink, l.DPI
	crop := l.Img
	r.stats.Cells++
	var fw int
	var fp []uint8
	printed := false
	if crop.Rect.Dx() <= maxRereadWidth*int(r.dpiF) {
		fw, fp, printed = fingerprint(crop, r.inkT)
	}
	if printed && !without["labels"] {
		if text, conf, ok := r.labels.lookup(fw, fp); ok {
			r.stats.Known++
			return text, conf, nil
		}
	}
	psm := gosseract.PSM_SINGLE_LINE
	text, conf, err := r.readBest(crop, psm, l.Border)
	if err != nil {
		return text, conf, err
	}
	if !without["comparators"] {
		if text, conf, err = r.restoreComparators(crop, r.inkT, text, conf); err != nil {
			return "", 0, err
		}
	}
	if !without["brackets"] {
		if text, err = r.bracketWidths(crop, text); err != nil {
			return "", 0, err
		}
	}
	if t, dropped := r.dropPhantomHe(crop, text); dropped && !without["he"] {
		text, conf = t, min(conf, doubtConf)
	}
	if printed && conf >= learnAbove && r.opts.Vocabulary != nil {
		if canon, ok := r.opts.Vocabulary(text); ok && canon == text {
			r.labels.learn(fw, fp, text, conf)
		}
	}
	return text, conf, nil
}

// doubtConf caps a reading a repair made without certainty.
const doubtConf = LowConfidence - 0.1

// readBest reads a crop (readVote) and, when the reading is still unsure
// and the crop is a short line that is not a label, asks the second model;
// its reading wins when it is surer. The main model (HanS) is right where
// it is sure; the second (HanS and chi_sim, Tesseract choosing word by word)
// reads more characters right, at about twice the cost, so it reads only
// the few crops that need it.
func (r *tesseract) readBest(crop *image.Gray, psm gosseract.PageSegMode, border int) (string, float64, error) {
	text, conf, err := r.readVote(crop, psm, border)
	if err != nil || conf >= rereadBelow || r.second == nil || psm != gosseract.PSM_SINGLE_LINE || crop.Rect.Dx() > maxRereadWidth*int(r.dpiF) {
		return text, conf, err
	}
	if r.isLabel(text) || numberLike(text) {
		return text, conf, nil // a label (reconstruction puts it right) or a number (read by eng)
	}
	r.stats.Second++
	t, c, err := r.readCropWith(r.second, crop, psm)
	switch {
	case err != nil:
		return "", 0, err
	case t == text:
		return text, max(conf, c), nil
	case t != "" && c > conf:
		return t, c, nil
	}
	return text, conf, nil
}

// readVote reads a crop, again at twice the size when unsure, and again in
// raw-line mode when the two readings differ; the surest reading wins.
func (r *tesseract) readVote(crop *image.Gray, psm gosseract.PageSegMode, border int) (string, float64, error) {
	text, conf, err := r.readCrop(crop, psm)
	if err != nil || (conf >= rereadBelow && (without["he"] || !strings.ContainsRune(text, '和'))) {
		return text, conf, err
	}
	if r.isLabel(text) {
		return text, conf, nil // a label: reconstruction puts it right
	}
	if crop.Rect.Dx() > maxRereadWidth*int(r.dpiF) {
		return text, conf, nil // a line of a goal: too dear to read twice
	}
	// An unsure reading is tried again at twice the size with a wider
	// border; the surer reading wins. A reading with 和 is checked too:
	// the Chinese models insert it at wide gaps between characters
	// (人民和警察 for 人民警察), often with a fair confidence.
	r.stats.Scaled++
	big := image.NewGray(image.Rect(0, 0, 2*crop.Rect.Dx()+2*border, 2*crop.Rect.Dy()+2*border))
	for i := range big.Pix {
		big.Pix[i] = 255
	}
	draw.CatmullRom.Scale(big, image.Rect(border, border, border+2*crop.Rect.Dx(), border+2*crop.Rect.Dy()), crop, crop.Rect, draw.Src, nil)
	t2, c2, err := r.readCrop(big, psm)
	if err != nil {
		return "", 0, err
	}
	if t2 == text || psm != gosseract.PSM_SINGLE_LINE {
		if c2 > conf {
			text, conf = t2, c2
		}
		return text, conf, nil
	}
	// The two readings differ: a third, in raw-line mode, decides; when
	// all three differ the surest wins.
	t3, c3, err := r.readCrop(crop, gosseract.PSM_RAW_LINE)
	if err != nil {
		return "", 0, err
	}
	switch {
	case t3 == t2 && t2 != "":
		return t2, max(c2, c3), nil
	case t3 == text && text != "":
		return text, max(conf, c3), nil
	}
	for _, c := range []struct {
		t string
		c float64
	}{{t2, c2}, {t3, c3}} {
		if c.t != "" && c.c > conf {
			text, conf = c.t, c.c
		}
	}
	return text, conf, nil
}

// maxRereadWidth is the widest crop (in inches) read again when unsure:
// the long lines of the goal texts are not, as reading them again would
// cost much of a page's time.
const maxRereadWidth = 2

// rereadBelow is the confidence under which a crop is read again at twice
// the size.
const rereadBelow = 0.8

// readCrop reads a prepared crop with the main model (readCropWith).
func (r *tesseract) readCrop(crop *image.Gray, psm gosseract.PageSegMode) (string, float64, error) {
	return r.readCropWith(r.client, crop, psm)
}

// readCropWith reads a prepared crop with the model of client c: again in
// raw-line mode when line finding found nothing, and again with the number
// model when the text looks like a number.
func (r *tesseract) readCropWith(c *gosseract.Client, crop *image.Gray, psm gosseract.PageSegMode) (string, float64, error) {
	img := pgm(crop)
	// A line of digits is read by the number model first; the main model
	// reads it only when the number model is unsure.
	numRead := false
	var nText string
	var nConf float64
	var nX int
	if c == r.client && r.num != nil && psm == gosseract.PSM_SINGLE_LINE {
		if sh := shapeOf(crop, r.inkT); sh.digits() && !without["digits"] {
			r.stats.NumFirst++
			var err error
			if nText, nConf, nX, err = read(r.num, img, psm); err != nil {
				return "", 0, err
			}
			numRead = true
			if nConf >= numFirstAbove && sh.readsAsDigits(nText) {
				return r.finishLine(crop, psm, nText, nConf, nX)
			}
		}
	}
	text, conf, firstX, err := read(c, img, psm)
	if err == nil && text == "" && psm == gosseract.PSM_SINGLE_LINE {
		// Line finding sometimes discards a clean line of ink; raw-line
		// mode reads it.
		r.stats.Raw++
		text, conf, firstX, err = read(c, img, gosseract.PSM_RAW_LINE)
	}
	if err != nil {
		return "", 0, err
	}
	if r.num != nil && (numberLike(text) || (!without["digits"] && r.digitShaped(crop, text))) {
		if !numRead {
			r.stats.Reread++
			if nText, nConf, nX, err = read(r.num, img, psm); err != nil {
				return "", 0, err
			}
		}
		if nText != "" && (nConf > conf || !numberLike(text)) && numberLike(nText) {
			text, conf, firstX = nText, nConf, nX
		}
	}
	return r.finishLine(crop, psm, text, conf, firstX)
}

// finishLine puts back a leading 一 or 1 Tesseract skipped (missedLead).
func (r *tesseract) finishLine(crop *image.Gray, psm gosseract.PageSegMode, text string, conf float64, firstX int) (string, float64, error) {
	if psm != gosseract.PSM_SINGLE_LINE {
		return text, conf, nil
	}
	if without["lead"] {
		return text, conf, nil
	}
	text, c, err := r.missedLead(crop, text, firstX)
	if c > 0 {
		conf = c
	}
	return text, conf, err
}

// read runs one recognition of img.
// It returns the text, its confidence and the left edge of the first
// word's box (-1 when no word was read).
func read(c *gosseract.Client, img []byte, psm gosseract.PageSegMode) (text string, conf float64, first int, err error) {
	if err := c.SetImageFromBytes(img); err != nil {
		return "", 0, -1, err
	}
	if err := c.SetPageSegMode(psm); err != nil {
		return "", 0, -1, err
	}
	boxes, err := c.GetBoundingBoxesVerbose()
	if err != nil {
		return "", 0, -1, err
	}
	text, conf = joinWords(boxes)
	first = -1
	for _, b := range boxes {
		if strings.TrimSpace(b.Word) != "" && (first < 0 || b.Box.Min.X < first) {
			first = b.Box.Min.X
		}
	}
	return text, conf, first, nil
}

// numberLike reports whether s has a digit and no CJK character, its first
// character aside (a comparator misread: 三90% for ≥90%).
func numberLike(s string) bool {
	digit := false
	if _, size := utf8.DecodeRuneInString(s); size > 0 {
		s = s[size:]
	}
	for _, r := range s {
		if isCJK(r) {
			return false
		}
		digit = digit || (r >= '0' && r <= '9')
	}
	return digit
}

// joinWords builds a line's text from Tesseract's words: words joined with
// a space only between two non-CJK characters or after ASCII punctuation
// (", " as printed between Chinese words), spaces inside words between CJK
// characters removed. The confidence is that of the least sure word, from
// 0 to 1.
func joinWords(boxes []gosseract.BoundingBox) (string, float64) {
	var b strings.Builder
	conf := 1.0
	words := 0
	var last rune
	for _, bx := range boxes {
		w := stripCJKSpaces(strings.TrimSpace(bx.Word))
		if w == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(w)
		if b.Len() > 0 && ((!isCJK(last) && !isCJK(first) && !unicode.IsPunct(last)) ||
			(strings.ContainsRune(",;:", last) && !unicode.IsDigit(first))) {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		last, _ = utf8.DecodeLastRuneInString(w)
		words++
		if c := bx.Confidence / 100; c < conf {
			conf = math.Max(0, c)
		}
	}
	if words == 0 {
		return "", 0
	}
	return b.String(), conf
}

// stripCJKSpaces removes spaces that have a CJK character on either side.
func stripCJKSpaces(s string) string {
	if !strings.Contains(s, " ") {
		return s
	}
	rs := []rune(s)
	var out []rune
	for i, c := range rs {
		if c == ' ' {
			j := len(out) - 1
			k := i + 1
			for k < len(rs) && rs[k] == ' ' {
				k++
			}
			if (j >= 0 && isCJK(out[j])) || (k < len(rs) && isCJK(rs[k])) || (j >= 0 && out[j] == ' ') {
				continue
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// pgm encodes a grayscale image as binary PGM, which Leptonica reads
// without compression work.
func pgm(g *image.Gray) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	hdr := fmt.Sprintf("P5\n%d %d\n255\n", w, h)
	out := make([]byte, 0, len(hdr)+w*h)
	out = append(out, hdr...)
	for y := 0; y < h; y++ {
		out = append(out, g.Pix[y*g.Stride:y*g.Stride+w]...)
	}
	return out
}

// without holds the shortcuts of the engines turned off by
// JIXIAO_OCR_WITHOUT (comma-separated), to measure what each is worth:
// labels (known by their print), digits (lines of digits read by eng
// first, cells shaped like digits read again), he (a 和 at a wide gap),
// comparators (≥ ≤ > < = from their shape), brackets (width from the gap),
// lead (a skipped leading 一 or 1 put back) for Tesseract; ends (glyphs
// dropped at a line's ends, settleEnds), skipped (a glyph skipped between
// two characters), lone (a comparator alone in its cell read as a letter,
// loneComparator) and brackets for PP-OCR.
var without = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Split(os.Getenv("JIXIAO_OCR_WITHOUT"), ",") {
		m[strings.TrimSpace(s)] = true
	}
	return m
}()
