// Package ocr reads scanned form pages (images) into table rows, the same
// rows the PDF reader produces, by reading each table cell on its own with
// Tesseract (github.com/otiai10/gosseract/v2).
//
// A page is decoded (PNG, JPEG, first page of a TIFF; the size is checked
// with image.DecodeConfig first and anything above MaxPixels refused),
// turned to grayscale and deskewed (the angle, within ±3°, that makes the
// row projection of long horizontal strokes sharpest). On an Otsu-binarised
// copy, horizontal and vertical ruling lines are found as long runs of ink
// grouped across neighbouring rows (columns); package grid turns them into a
// lattice of cells, merged where an inner line is absent. Each non-empty cell
// is cut from the grayscale page (never binarised), its ruling-line pixels
// blanked, cropped to its ink with a white border, and read with page
// segmentation mode 7, line by line when it holds several lines (in block
// mode Tesseract drops a short last line), with the HanS model (Tesseract's
// script model for simplified Chinese: on the fixture scans it reads more
// characters right than chi_sim, at the same speed). A line whose glyphs
// are as narrow as digits (latin.go) is read by the eng model first, which
// is faster and reads numbers better (the Chinese models read "100%" as
// "1009%"); its reading stands when sure and one character per glyph. A
// cell the main model reads as a number (digits, no CJK) is read again
// with the eng model, whose reading wins when it is surer; so is a
// one-character reading whose ink is much narrower than tall (国 for 3).
// A label read before is known by its look, without Tesseract
// (labelprint.go): a form prints the same labels on every page.
// A short cell read with less than 0.8 confidence is read again at twice
// the size (and, when the two differ, in raw-line mode to decide); when
// still unsure, by HanS and chi_sim together (Tesseract keeps the better
// model's reading word by word), which wins when surer. Labels and the long
// lines of the goals are not read again. Text outside the tables (title,
// year) is read as lines, cut into cells at wide gaps. Spaces between CJK
// characters are removed.
//
// Tesseract's models lack what the forms print in places, so some glyphs
// are read from their shape (glyph.go): ≥ ≤ > < = (Tesseract reads 三, 二,
// =, 2 or nothing) are told apart by chevron, bars and a top below the
// digit after them; a skipped leading 一 or 1 (一套, 1个) is put back; a
// bracket is full-width (（）) when the gap before it is a third of a
// character or more.
//
// Each cell keeps a confidence: Tesseract's confidence in its least sure
// word, from 0 to 1. Page then calls Correct (correct.go), which snaps
// labels to the form's closed vocabulary, repairs amounts and checks them
// with the funds identities, repairs values the value grammar makes
// certain, and sets the confidence of a repair it is not sure of, and of
// amounts that break an identity, below LowConfidence: callers flag such
// fields low_confidence.
//
// Limitations: pages are assumed to be about A4 when no DPI is given;
// tables without ruling lines are read as loose lines; a ≥ or ≤ inside a
// value is restored only before a digit; rotation beyond ±3° and
// upside-down pages are not corrected; multi-page TIFF gives its first
// page only. Tesseract runs with OpenMP: set OMP_THREAD_LIMIT=1 in the
// environment of the process (libgomp reads it when it is loaded), or its
// idle threads spin and double the CPU time.
package ocr

import (
	"context"
	"errors"
	"fmt"
	"image"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/otiai10/gosseract/v2"
	"golang.org/x/image/draw"

	"jixiao/extract/grid"
	"jixiao/extract/scan"
	"jixiao/extract/table"
)

// Cell is one non-empty cell read by OCR.
type Cell struct {
	Text string
	Col  int // x in pixels of the cell's left line (of the text, outside tables)
	// Confidence is Tesseract's confidence in the cell's least sure word,
	// from 0 to 1.
	Confidence float64
}

// Row is one row of a page read by OCR: its non-empty cells, left to right.
// A merged cell is on the first row it covers.
type Row struct {
	Page  int
	Top   int // y in pixels of the row's top line (deskewed page)
	Cells []Cell
}

// TableRows converts rows to the grid the reconstruction reads, keeping
// each cell's confidence (at least table.MinConfidence).
func TableRows(rows []Row) []table.Row {
	out := make([]table.Row, len(rows))
	for i, r := range rows {
		out[i] = table.Row{Page: r.Page, Cells: make([]table.Cell, len(r.Cells))}
		for j, c := range r.Cells {
			out[i].Cells[j] = table.Cell{Text: c.Text, Col: c.Col, Confidence: max(c.Confidence, table.MinConfidence)}
		}
	}
	return out
}

// Models are the Tesseract models a Reader with the default Options reads
// with (Debian packages tesseract-ocr-script-hans, tesseract-ocr-chi-sim
// and tesseract-ocr-eng).
var Models = []string{"HanS", "chi_sim", "eng"}

// Options tune a Reader. The zero value is usable.
type Options struct {
	// Languages are the Tesseract models (default HanS: the script model
	// for simplified Chinese, which reads these forms better than chi_sim
	// at the same speed).
	Languages []string
	// NumberLanguages read first a line whose glyphs are as narrow as
	// digits, and again a cell the main model reads with a digit and no
	// CJK character (amounts, dates, percentages); the better-scored
	// reading wins. Default eng (the Chinese models read "100%" as
	// "1009%"); "-" disables.
	NumberLanguages []string
	// SecondLanguages read again a short crop the main model is still
	// unsure of (below 0.8 after its own re-reads); the surer reading
	// wins. Default HanS and chi_sim (Tesseract picks word by word);
	// "-" disables.
	SecondLanguages []string
	// DPI is the scan resolution; 0 estimates it from the page size,
	// taking the page to be A4.
	DPI float64
	// NoCorrection returns the cells as Tesseract read them, without
	// Correct (for measuring the correction).
	NoCorrection bool
}

// Reader reads page images with one Tesseract instance. It is not safe for
// concurrent use: run one Reader per worker. Close it when done.
type Reader struct {
	client *gosseract.Client
	num    *gosseract.Client // nil when NumberLanguages is "-"
	second *gosseract.Client // nil when SecondLanguages is "-"
	opts   Options
	dpi    string // user_defined_dpi set on the client
	inkT   uint8  // the page's ink threshold (pixels darker are ink)
	dpiF   float64
	// the symbols of the last crop read for them
	symCrop *image.Gray
	syms    []symbol
	labels  labelPrints
	stats   Stats
}

// Stats counts what a Reader did, for benchmarks.
type Stats struct {
	Pages, Cells, Empty, Lines int
	Reread                     int // cells read again by the number model
	Raw                        int // lines read again in raw-line mode
	Scaled                     int // unsure crops read again at twice the size
	Second                     int // unsure crops read again by the second model
	Known                      int // crops known by their print as a label read before
	NumFirst                   int // lines of digits read by the number model first
	Symbols                    int // crops read again for the boxes of their characters
	Split                      int // short unsure lines read again glyph by glyph
}

// Add returns the sum of two Stats (of several Readers).
func (s Stats) Add(o Stats) Stats {
	return Stats{
		Pages: s.Pages + o.Pages, Cells: s.Cells + o.Cells, Empty: s.Empty + o.Empty, Lines: s.Lines + o.Lines,
		Reread: s.Reread + o.Reread, Raw: s.Raw + o.Raw, Scaled: s.Scaled + o.Scaled, Second: s.Second + o.Second,
		Known: s.Known + o.Known, NumFirst: s.NumFirst + o.NumFirst, Symbols: s.Symbols + o.Symbols, Split: s.Split + o.Split,
	}
}

// NewReader returns a Reader with a ready Tesseract instance. It fails when
// the language data is missing.
func NewReader(o Options) (*Reader, error) {
	if len(o.Languages) == 0 {
		o.Languages = []string{"HanS"}
	}
	if len(o.NumberLanguages) == 0 {
		o.NumberLanguages = []string{"eng"}
	}
	c, err := newClient(o.Languages)
	if err != nil {
		return nil, err
	}
	if len(o.SecondLanguages) == 0 {
		o.SecondLanguages = []string{"HanS", "chi_sim"}
	}
	r := &Reader{client: c, opts: o}
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

// newClient returns an initialised Tesseract client (a blank image is read
// once), so that a missing model fails here and the page segmentation mode
// set per cell is kept.
func newClient(langs []string) (*gosseract.Client, error) {
	c := gosseract.NewClient()
	if err := c.SetLanguage(langs...); err != nil {
		c.Close()
		return nil, err
	}
	// Cells are dark text on white: do not also try each line inverted
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
func (r *Reader) Close() error {
	err := r.client.Close()
	for _, c := range []*gosseract.Client{r.num, r.second} {
		if c != nil {
			err = errors.Join(err, c.Close())
		}
	}
	return err
}

// Stats returns what the Reader has done so far.
func (r *Reader) Stats() Stats { return r.stats }

// ReadImage decodes an image (Decode) and reads it as page page.
func (r *Reader) ReadImage(ctx context.Context, data []byte, page int) ([]Row, error) {
	g, err := Decode(data)
	if err != nil {
		return nil, err
	}
	return r.Page(ctx, g, page)
}

// Page reads one page image into rows, top to bottom: the rows of each
// ruled table (cells found from the ruling lines, each read on its own) and
// the lines of text outside any table. It returns ctx's error when
// cancelled, and Tesseract's errors.
func (r *Reader) Page(ctx context.Context, img image.Image, page int) ([]Row, error) {
	rows, err := r.readPage(ctx, scan.Gray(img), page)
	if err != nil || r.opts.NoCorrection {
		return rows, err
	}
	return Correct(rows), nil
}

// readPage reads one page into rows as Tesseract read them.
func (r *Reader) readPage(ctx context.Context, g *image.Gray, page int) ([]Row, error) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	if w < 32 || h < 32 {
		return nil, fmt.Errorf("image of %dx%d pixels is too small", w, h)
	}
	dpi := r.opts.DPI
	if dpi <= 0 {
		dpi = math.Max(72, float64(max(w, h))/11.69)
	}
	if s := strconv.Itoa(int(dpi + 0.5)); s != r.dpi {
		for _, c := range []*gosseract.Client{r.client, r.num, r.second} {
			if c != nil {
				if err := c.SetVariable("user_defined_dpi", s); err != nil {
					return nil, err
				}
			}
		}
		r.dpi = s
	}
	r.stats.Pages++
	t := otsu(g)
	bin := binarise(g, t)
	if a := skew(bin, w, h, int(dpi*0.1), 3); math.Abs(a) >= 0.05 {
		g = rotate(g, a)
		bin = binarise(g, t)
	}
	rs := findRules(bin, w, h, dpi)
	segs := make([]grid.Segment, len(rs))
	for i, r := range rs {
		segs[i] = r.segment()
	}
	tol := math.Max(2, dpi/40)
	lats := grid.Tables(segs, grid.Options{Tol: tol, YDown: true})
	// Blank the rules that belong to a table; long strokes of large text
	// elsewhere (the title) stay.
	mask := make([]uint8, w*h)
	for i, s := range segs {
		for _, l := range lats {
			if s.X1 >= l.Xs[0]-tol && s.X2 <= l.Xs[len(l.Xs)-1]+tol && s.Y1 >= l.Ys[0]-tol && s.Y2 <= l.Ys[len(l.Ys)-1]+tol {
				markRule(mask, w, h, rs[i])
				break
			}
		}
	}
	p := &pageImg{g: g, bin: bin, mask: mask, w: w, h: h, dpi: dpi, t: t}
	r.inkT, r.dpiF = t, dpi

	var rows []Row
	for _, lat := range lats {
		byRow := make([][]int, lat.Rows())
		for i, c := range lat.Cells {
			byRow[c.R0] = append(byRow[c.R0], i)
		}
		for ri, cells := range byRow {
			sort.Slice(cells, func(a, b int) bool { return lat.Cells[cells[a]].C0 < lat.Cells[cells[b]].C0 })
			row := Row{Page: page, Top: int(lat.Ys[ri])}
			for _, i := range cells {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				x0, x1, y0, y1 := lat.Bounds(i)
				text, conf, err := r.cell(p, x0, y0, x1, y1)
				if err != nil {
					return nil, err
				}
				if text != "" {
					row.Cells = append(row.Cells, Cell{Text: text, Col: int(x0), Confidence: conf})
				}
			}
			if len(row.Cells) > 0 {
				rows = append(rows, row)
			}
		}
	}
	loose, err := r.looseLines(ctx, p, lats, page)
	if err != nil {
		return nil, err
	}
	rows = append(rows, loose...)
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].Top < rows[b].Top })
	return rows, nil
}

// pageImg is a deskewed page: grayscale, binary and the ruling-line mask.
type pageImg struct {
	g         *image.Gray
	bin, mask []uint8
	w, h      int
	dpi       float64
	t         uint8
}

// ink reports whether (x, y) is ink that is not part of a ruling line.
func (p *pageImg) ink(x, y int) bool {
	i := y*p.w + x
	return p.bin[i] != 0 && p.mask[i] == 0
}

// cell reads the cell inside the lines x0, x1, y0, y1: "" for an empty
// cell.
func (r *Reader) cell(p *pageImg, x0, y0, x1, y1 float64) (string, float64, error) {
	inset := max(3, int(p.dpi/40))
	rect := image.Rect(int(x0)+inset, int(y0)+inset, int(x1)-inset+1, int(y1)-inset+1).Intersect(image.Rect(0, 0, p.w, p.h))
	return r.region(p, rect, 0)
}

// region reads the text in rect (ink outside ruling lines), with psm 0
// meaning: 7 for one line, 6 for several.
func (r *Reader) region(p *pageImg, rect image.Rectangle, psm gosseract.PageSegMode) (string, float64, error) {
	if rect.Dx() < 4 || rect.Dy() < 4 {
		return "", 0, nil
	}
	// ink bounding box and row profile
	rowInk := make([]int, rect.Dy())
	bx0, by0, bx1, by1 := rect.Max.X, rect.Max.Y, rect.Min.X-1, rect.Min.Y-1
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if p.ink(x, y) {
				n++
				rowInk[y-rect.Min.Y]++
				bx0, bx1 = min(bx0, x), max(bx1, x)
				by0, by1 = min(by0, y), max(by1, y)
			}
		}
	}
	minInk := int(p.dpi * p.dpi / 2000) // 20 pixels at 200 dpi
	if n < minInk {
		r.stats.Empty++
		return "", 0, nil
	}
	pad := max(2, int(p.dpi/100))
	if psm == 0 {
		// Several lines are read one by one: in block mode Tesseract
		// drops a short last line ("系。").
		bands := textBands(rowInk, int(p.dpi/25), int(p.dpi/100))
		if len(bands) > 1 {
			var texts []string
			conf := 1.0
			for _, bd := range bands {
				y0, y1 := rect.Min.Y+bd[0], rect.Min.Y+bd[1]
				lx0, lx1 := bx1, bx0
				for y := y0; y < y1; y++ {
					for x := bx0; x <= bx1; x++ {
						if p.ink(x, y) {
							lx0, lx1 = min(lx0, x), max(lx1, x)
						}
					}
				}
				lr := image.Rect(lx0-pad, y0-pad, lx1+pad+1, y1+pad).Intersect(rect)
				t, c, err := r.readRect(p, lr, gosseract.PSM_SINGLE_LINE)
				if err != nil {
					return "", 0, err
				}
				if t != "" {
					texts = append(texts, t)
					conf = math.Min(conf, c)
				}
			}
			if len(texts) == 0 {
				return "", 0, nil
			}
			return table.JoinWrapped(texts), conf, nil
		}
		psm = gosseract.PSM_SINGLE_LINE
	}
	return r.readRect(p, image.Rect(bx0-pad, by0-pad, bx1+pad+1, by1+pad+1).Intersect(rect), psm)
}

// readRect reads the pixels of rect (ruling lines blanked) with a white
// border around them.
func (r *Reader) readRect(p *pageImg, tight image.Rectangle, psm gosseract.PageSegMode) (string, float64, error) {
	r.stats.Cells++
	border := int(p.dpi / 16)
	crop := image.NewGray(image.Rect(0, 0, tight.Dx()+2*border, tight.Dy()+2*border))
	for i := range crop.Pix {
		crop.Pix[i] = 255
	}
	for y := tight.Min.Y; y < tight.Max.Y; y++ {
		src := p.g.Pix[y*p.g.Stride:]
		dst := crop.Pix[(y-tight.Min.Y+border)*crop.Stride+border:]
		for x := tight.Min.X; x < tight.Max.X; x++ {
			if p.mask[y*p.w+x] == 0 {
				dst[x-tight.Min.X] = src[x]
			}
		}
	}
	if dumpDir != "" {
		_ = os.WriteFile(fmt.Sprintf("%s/c%04d-psm%d.pgm", dumpDir, dumpN.Add(1), psm), pgm(crop), 0o644)
	}
	// A label read before is known by its print (labelprint.go).
	var fw int
	var fp []uint8
	printed := false
	if psm == gosseract.PSM_SINGLE_LINE && crop.Rect.Dx() <= maxRereadWidth*int(r.dpiF) {
		fw, fp, printed = fingerprint(crop, r.inkT)
	}
	if printed {
		if text, conf, ok := r.labels.lookup(fw, fp); ok {
			r.stats.Known++
			return text, conf, nil
		}
	}
	text, conf, err := r.readBest(crop, psm, border)
	if err != nil || psm != gosseract.PSM_SINGLE_LINE {
		return text, conf, err
	}
	if text, conf, err = r.restoreComparators(crop, p.t, text, conf); err != nil {
		return "", 0, err
	}
	if text, err = r.bracketWidths(crop, text); err != nil {
		return "", 0, err
	}
	if t, dropped := r.dropPhantomHe(crop, text); dropped {
		text, conf = t, min(conf, doubtConf)
	}
	if printed && conf >= learnAbove {
		if l, exact := snapLabel(text, nil); l != nil && exact && text == l.text {
			r.labels.learn(fw, fp, text, conf)
		}
	}
	return text, conf, nil
}

// readBest reads a crop (readVote) and, when the reading is still unsure
// and the crop is a short line that is not a label, asks the second model;
// its reading wins when it is surer. The main model (HanS) is right where
// it is sure; the second (HanS and chi_sim, Tesseract choosing word by word)
// reads more characters right, at about twice the cost, so it reads only
// the few crops that need it.
func (r *Reader) readBest(crop *image.Gray, psm gosseract.PageSegMode, border int) (string, float64, error) {
	text, conf, err := r.readVote(crop, psm, border)
	if err != nil || conf >= rereadBelow || r.second == nil || psm != gosseract.PSM_SINGLE_LINE || crop.Rect.Dx() > maxRereadWidth*int(r.dpiF) {
		return text, conf, err
	}
	if l, _ := snapLabel(text, nil); l != nil || numberLike(text) {
		return text, conf, nil // a label (Correct puts it right) or a number (read by eng)
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
func (r *Reader) readVote(crop *image.Gray, psm gosseract.PageSegMode, border int) (string, float64, error) {
	text, conf, err := r.readCrop(crop, psm)
	if err != nil || (conf >= rereadBelow && !strings.ContainsRune(text, '和')) {
		return text, conf, err
	}
	if l, _ := snapLabel(text, nil); l != nil {
		return text, conf, nil // a label: Correct puts it right
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
// the lines of the goal texts are not, a third of a page's reading time.
const maxRereadWidth = 2

// rereadBelow is the confidence under which a crop is read again at twice
// the size.
const rereadBelow = 0.8

// readCrop reads a prepared crop: with the main model, again in raw-line
// mode when line finding found nothing, and again with the number model
// when the text looks like a number.
func (r *Reader) readCrop(crop *image.Gray, psm gosseract.PageSegMode) (string, float64, error) {
	return r.readCropWith(r.client, crop, psm)
}

// readCropWith is readCrop with the model of client c.
func (r *Reader) readCropWith(c *gosseract.Client, crop *image.Gray, psm gosseract.PageSegMode) (string, float64, error) {
	img := pgm(crop)
	// A line of digits is read by the number model first; the main model
	// reads it only when the number model is unsure.
	numRead := false
	var nText string
	var nConf float64
	var nX int
	if c == r.client && r.num != nil && psm == gosseract.PSM_SINGLE_LINE {
		if sh := shapeOf(crop, r.inkT); sh.digits() {
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
	if r.num != nil && (numberLike(text) || r.digitShaped(crop, text)) {
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
func (r *Reader) finishLine(crop *image.Gray, psm gosseract.PageSegMode, text string, conf float64, firstX int) (string, float64, error) {
	if psm != gosseract.PSM_SINGLE_LINE {
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

// textBands returns the bands of inked rows ([from, to) offsets) at
// least minH high, bands closer than gap merged; thinner bands (specks,
// a stroke cut off by a ruling line) are dropped.
func textBands(rowInk []int, minH, gap int) [][2]int {
	var raw [][2]int
	for i := 0; i < len(rowInk); {
		if rowInk[i] == 0 {
			i++
			continue
		}
		s := i
		for i < len(rowInk) && rowInk[i] > 0 {
			i++
		}
		if n := len(raw); n > 0 && s-raw[n-1][1] < gap {
			raw[n-1][1] = i
			continue
		}
		raw = append(raw, [2]int{s, i})
	}
	var out [][2]int
	for _, b := range raw {
		if b[1]-b[0] >= minH {
			out = append(out, b)
		}
	}
	return out
}

// joinWords builds a cell's text from Tesseract's words: words of a line
// joined with a space only between two non-CJK characters or after ASCII
// punctuation (", " as printed between Chinese words), spaces inside
// words between CJK characters removed, lines joined without a separator.
// The confidence is that of the least sure word, from 0 to 1.
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

// looseLines reads the text outside the tables as lines, each cut into
// cells at wide gaps.
func (r *Reader) looseLines(ctx context.Context, p *pageImg, lats []*grid.Lattice, page int) ([]Row, error) {
	inTable := func(x, y int) bool {
		for _, l := range lats {
			m := 4.0
			if float64(x) >= l.Xs[0]-m && float64(x) <= l.Xs[len(l.Xs)-1]+m && float64(y) >= l.Ys[0]-m && float64(y) <= l.Ys[len(l.Ys)-1]+m {
				return true
			}
		}
		return false
	}
	rowInk := make([]int, p.h)
	for y := 0; y < p.h; y++ {
		for x := 0; x < p.w; x++ {
			if p.ink(x, y) && !inTable(x, y) {
				rowInk[y]++
			}
		}
	}
	minH := int(p.dpi / 25)
	var rows []Row
	for y := 0; y < p.h; {
		if rowInk[y] == 0 {
			y++
			continue
		}
		s := y
		for y < p.h && rowInk[y] > 0 {
			y++
		}
		if y-s < minH {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		// columns with ink in this band, cut at gaps wider than 0.2 in
		colInk := make([]int, p.w)
		for yy := s; yy < y; yy++ {
			for x := 0; x < p.w; x++ {
				if p.ink(x, yy) && !inTable(x, yy) {
					colInk[x]++
				}
			}
		}
		row := Row{Page: page, Top: s}
		gap := int(p.dpi * 0.2)
		for x := 0; x < p.w; {
			if colInk[x] == 0 {
				x++
				continue
			}
			a, e := x, x
			for x < p.w && x-e <= gap {
				if colInk[x] > 0 {
					e = x
				}
				x++
			}
			pad := max(2, int(p.dpi/100))
			rect := image.Rect(a-pad, s-pad, e+pad+1, y+pad).Intersect(image.Rect(0, 0, p.w, p.h))
			text, conf, err := r.region(p, rect, gosseract.PSM_SINGLE_LINE)
			if err != nil {
				return nil, err
			}
			if text != "" {
				row.Cells = append(row.Cells, Cell{Text: text, Col: a, Confidence: conf})
			}
		}
		if len(row.Cells) > 0 {
			r.stats.Lines++
			rows = append(rows, row)
		}
	}
	return rows, nil
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

// dumpDir, when set (JIXIAO_OCR_DUMP), receives every crop sent to
// Tesseract, for debugging.
var dumpDir = os.Getenv("JIXIAO_OCR_DUMP")
var dumpN atomic.Int64
