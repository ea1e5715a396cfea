// Package ocr reads scanned form pages (images) into the rows of cells the
// PDF reader produces: each cell with its text, its box on the page image
// and a confidence from 0 to 1. Text is read by Tesseract (gosseract) or by
// PP-OCR through ONNX Runtime (package paddle); see Engine and Resolve. The
// reader knows pixels, not forms: matching labels and repairing amounts and
// values is the reconstruction's work. A Reader is not safe for concurrent
// use: run one per worker. How a page is read is described in docs/ocr.md.
//
// Limitations: without a DPI, pages are taken to be about A4; tables
// without ruling lines are read as loose lines; a page turned by a quarter
// turn must be turned upright first (Reader.Upright, UprightPage), and
// any other skew beyond ±4° is not corrected. Tesseract uses OpenMP: set
// OMP_THREAD_LIMIT=1 in the process's environment (libgomp reads it when
// it is loaded), or its idle threads spin and double the CPU time.
package ocr

import (
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"jixiao"
	"jixiao/extract/ocr/paddle"
	"jixiao/extract/scan"
	"jixiao/extract/table"
)

// Cell is one non-empty cell read by OCR.
type Cell struct {
	Text string
	Col  int // x in pixels of the cell's left line (of the text, outside tables)
	// Confidence is how sure the reading is, from 0 to 1: that of the
	// cell's least sure line.
	Confidence float64
	// Box is where the cell is on the page image as given to Page, in
	// pixels (the table cell, or the text's ink outside tables).
	Box image.Rectangle
}

// Row is one row of a page read by OCR: its non-empty cells, left to right.
// A merged cell is on the first row it covers.
type Row struct {
	Page  int
	Top   int // y in pixels of the row's top line (deskewed page)
	Cells []Cell
}

// TableRows converts rows to the grid the reconstruction reads, keeping
// each cell's confidence (at least table.MinConfidence) and box (in pixels,
// jixiao.UnitPixel).
func TableRows(rows []Row) []table.Row {
	out := make([]table.Row, len(rows))
	for i, r := range rows {
		out[i] = table.Row{Page: r.Page, Cells: make([]table.Cell, len(r.Cells))}
		for j, c := range r.Cells {
			out[i].Cells[j] = table.Cell{Text: c.Text, Col: c.Col, Confidence: max(c.Confidence, table.MinConfidence),
				Box: jixiao.Box{float64(c.Box.Min.X), float64(c.Box.Min.Y), float64(c.Box.Max.X), float64(c.Box.Max.Y)}}
		}
	}
	return out
}

// LowConfidence is the confidence under which a reading should be
// reviewed: callers flag a field read from such a cell low_confidence.
const LowConfidence = jixiao.LowConfidence

// Models are the Tesseract models a Reader with the default Options reads
// with.
var Models = TesseractModels

// Options tune a Reader. The zero value is usable.
type Options struct {
	// Engine is the recogniser (default EngineAuto: PP-OCR where it is
	// installed, see Resolve). With PP-OCR, Tesseract reads again the
	// lines PP-OCR is unsure of (see checked).
	Engine Engine
	// Models is the directory of PP-OCR's models and runtime ("" for
	// paddle.Locate's default).
	Models string
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
	// Vocabulary reports whether a reading is (a near-miss of) a label the
	// form prints, and which: the Tesseract engine does not read labels
	// twice, and learns their print to know them next time without
	// reading. nil: no reading is taken for a label.
	Vocabulary func(text string) (label string, ok bool)
}

// Reader reads page images. It is not safe for concurrent use: run one
// Reader per worker. Close it when done.
type Reader struct {
	rec   Recognizer
	cls   *paddle.Classifier // PP-OCR's text-direction model; nil without PP-OCR
	opts  Options
	stats Stats
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
	Paddle                     int // lines read by PP-OCR
	Checked                    int // PP-OCR lines read again by Tesseract
	Disagreed                  int // checked lines the two engines read differently
}

// Add returns the sum of two Stats (of several Readers).
func (s Stats) Add(o Stats) Stats {
	return Stats{
		Pages: s.Pages + o.Pages, Cells: s.Cells + o.Cells, Empty: s.Empty + o.Empty, Lines: s.Lines + o.Lines,
		Reread: s.Reread + o.Reread, Raw: s.Raw + o.Raw, Scaled: s.Scaled + o.Scaled, Second: s.Second + o.Second,
		Known: s.Known + o.Known, NumFirst: s.NumFirst + o.NumFirst, Symbols: s.Symbols + o.Symbols, Split: s.Split + o.Split,
		Paddle: s.Paddle + o.Paddle, Checked: s.Checked + o.Checked, Disagreed: s.Disagreed + o.Disagreed,
	}
}

// NewReader returns a Reader with a ready recogniser (Resolve decides
// EngineAuto). It fails when the engine's models are missing.
func NewReader(o Options) (*Reader, error) {
	e, m, why := Resolve(o)
	switch {
	case e == "":
		return nil, why
	case e == EngineTesseract:
		t, err := newTesseract(o)
		if err != nil {
			return nil, err
		}
		return &Reader{rec: t, cls: optionalClassifier(o), opts: o}, nil
	}
	pp, err := newPaddle(m)
	if err != nil {
		return nil, err
	}
	cls, err := paddle.NewClassifier(m)
	if err != nil {
		pp.Close()
		return nil, fmt.Errorf("PP-OCR text-direction model: %w", err)
	}
	return &Reader{rec: &checked{pp: pp, open: func() (*tesseract, error) { return newTesseract(o) }}, cls: cls, opts: o}, nil
}

// Engine returns the engine the Reader reads with.
func (r *Reader) Engine() Engine {
	if _, ok := r.rec.(*tesseract); ok {
		return EngineTesseract
	}
	return EnginePaddle
}

// Close frees the recognisers.
func (r *Reader) Close() error {
	if r.cls != nil {
		r.cls.Close()
	}
	return r.rec.Close()
}

// Stats returns what the Reader has done so far.
func (r *Reader) Stats() Stats {
	s := r.stats
	switch rec := r.rec.(type) {
	case *tesseract:
		s = s.Add(rec.stats)
	case *checked:
		s = s.Add(rec.stats)
		if rec.tess != nil {
			s = s.Add(rec.tess.stats)
		}
	}
	return s
}

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
// cancelled, and the recogniser's errors.
func (r *Reader) Page(ctx context.Context, img image.Image, page int) ([]Row, error) {
	return r.pageGray(ctx, scan.Gray(img), page)
}

// UprightPage turns img upright as Upright does and reads it as Page does,
// converting it to gray (scan.Gray) once for both when it needs no turn.
// It returns the rows, how the page was turned, and the size of the
// upright page, in pixels, that the rows' boxes are on.
func (r *Reader) UprightPage(ctx context.Context, img image.Image, page int) ([]Row, Orientation, image.Point, error) {
	g := scan.Gray(img)
	turn, o, err := r.orientation(ctx, g)
	if err != nil {
		return nil, o, g.Rect.Size(), err
	}
	if turn != 0 {
		up, err := scan.Rotate(img, turn)
		if err != nil {
			return nil, Orientation{}, g.Rect.Size(), fmt.Errorf("orientation: %w", err)
		}
		g = scan.Gray(up)
	}
	rows, err := r.pageGray(ctx, g, page)
	return rows, o, g.Rect.Size(), err
}

// pageGray reads g, the page as scan.Gray gives it, as Page does.
func (r *Reader) pageGray(ctx context.Context, g *image.Gray, page int) ([]Row, error) {
	p, err := preparePage(g, r.opts.DPI)
	if err != nil {
		return nil, err
	}
	r.stats.Pages++
	prows, pcells := p.cut()
	var lines []Line
	for _, c := range pcells {
		lines = append(lines, c.lines...)
	}
	readings, err := r.rec.Read(ctx, lines)
	if err != nil {
		return nil, err
	}
	if dumpDir != "" {
		dump(page, lines, readings)
	}
	rows := make([]Row, len(prows))
	for i, pr := range prows {
		rows[i] = Row{Page: page, Top: pr.top}
	}
	k := 0
	for _, c := range pcells {
		var texts []string
		conf := 1.0
		for range c.lines {
			if rd := readings[k]; rd.Text != "" {
				texts = append(texts, rd.Text)
				conf = math.Min(conf, rd.Confidence)
			}
			k++
		}
		if len(texts) == 0 {
			continue
		}
		rows[c.row].Cells = append(rows[c.row].Cells, Cell{Text: table.JoinWrapped(texts), Col: c.col, Confidence: conf, Box: p.original(c.box)})
	}
	out := rows[:0]
	for i, row := range rows {
		// Text beside a table joins its row after the table's cells.
		sort.SliceStable(row.Cells, func(a, b int) bool { return row.Cells[a].Col < row.Cells[b].Col })
		if len(row.Cells) > 0 {
			if prows[i].loose {
				r.stats.Lines++
			}
			out = append(out, row)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Top < out[b].Top })
	return out, nil
}

// dumpDir, when set (JIXIAO_OCR_DUMP), receives every line crop read and
// its reading (pNNN-LLLL.pgm, readings.txt), for debugging.
var dumpDir = os.Getenv("JIXIAO_OCR_DUMP")

var dumpMu sync.Mutex

func dump(page int, lines []Line, rs []Reading) {
	dumpMu.Lock()
	defer dumpMu.Unlock()
	f, err := os.OpenFile(filepath.Join(dumpDir, "readings.txt"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	for i, l := range lines {
		name := fmt.Sprintf("p%03d-%04d.pgm", page, i)
		_ = os.WriteFile(filepath.Join(dumpDir, name), pgm(l.Img), 0o644)
		fmt.Fprintf(f, "%s\t%.3f\t%s\n", name, rs[i].Confidence, rs[i].Text)
	}
}
