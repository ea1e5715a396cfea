package render

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
	"unicode"

	"github.com/go-pdf/fpdf"
)

// Layout is one way of putting forms on paper.
type Layout struct {
	Orientation string         // "P" or "L" (A4)
	Font        string         // TrueType file, or a collection (its first font)
	Size        float64        // font size, pt
	TitleSize   float64        // title font size, pt
	Margin      float64        // page margin, mm
	PadY        float64        // space above and below the text in a cell, mm
	Widths      [NCols]float64 // column widths, mm
	NewPage     bool           // each form starts on a new page
	RepeatHead  bool           // repeat the indicator header row after a page break
	Borderless  bool           // draw no cell borders
	Alternate   bool           // forms alternate between portrait and landscape pages
}

// Layouts are the named layouts of cmd/genpdf.
var Layouts = map[string]Layout{
	"a": {
		Orientation: "P",
		Font:        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
		Size:        10.5, TitleSize: 16, Margin: 10, PadY: 2,
		Widths:     [NCols]float64{25, 27, 37, 25, 24, 20, 14, 18}, // 190
		NewPage:    true,
		RepeatHead: true,
	},
	"b": {
		Orientation: "L",
		Font:        "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
		Size:        9.5, TitleSize: 15, Margin: 12, PadY: 1.2,
		Widths: [NCols]float64{30, 30, 45, 40, 45, 35, 20, 28}, // 273
	},
	"m": {
		Orientation: "P",
		Font:        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
		Size:        10, TitleSize: 15, Margin: 12, PadY: 1.6,
		Widths:     [NCols]float64{24, 26, 36, 24, 24, 18, 14, 20}, // 186
		NewPage:    true,
		RepeatHead: true,
		Alternate:  true,
	},
}

// a4 is the size of an A4 page in mm, portrait.
var a4 = fpdf.SizeType{Wd: 210, Ht: 297}

// fixedDate is the creation date of every PDF, so that output is reproducible.
var fixedDate = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	ptToMM       = 25.4 / 72
	padX         = 1.2 // mm, inside a cell, left and right
	lineGap      = 1.3 // line height = font size × lineGap
	formGap      = 10  // mm between two forms flowing on one page (layout b)
	FallbackFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

// PDF writes forms in layout l as one PDF document.
func PDF(l Layout, forms []Form, compress bool) ([]byte, error) {
	b, _, err := PDFPages(l, forms, compress)
	return b, err
}

// Page tells what the renderer put on one page of a PDF: the forms with
// content on it (indices into the forms given) and how many indicator rows
// of the grid (the header row not counted).
type Page struct {
	Forms    []int
	GridRows int
}

// PDFPages is PDF, and also returns what each page of the document holds.
func PDFPages(l Layout, forms []Form, compress bool) ([]byte, []Page, error) {
	pdf := fpdf.New(l.Orientation, "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetCreationDate(fixedDate)
	pdf.SetModificationDate(fixedDate)
	pdf.SetCatalogSort(true)
	pdf.SetProducer("jixiao genpdf", false)
	pdf.SetCreator("jixiao genpdf", false)
	pdf.SetTitle("财政项目支出绩效目标申报表", true)
	pdf.SetMargins(l.Margin, l.Margin, l.Margin)
	pdf.SetAutoPageBreak(false, l.Margin)
	fonts, err := loadFonts(pdf, l.Font)
	if err != nil {
		return nil, nil, err
	}
	pdf.SetLineWidth(0.2)
	if err := pdf.Error(); err != nil {
		return nil, nil, err
	}
	r := &pdfRenderer{pdf: pdf, l: l, base: l.Widths, orientation: l.Orientation, fonts: fonts, widths: map[runeSize]float64{}}
	_, r.pageH = pdf.GetPageSize()
	for k, f := range forms {
		r.form(k, f)
	}
	if err := pdf.Error(); err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), r.report, nil
}

type pdfRenderer struct {
	pdf    *fpdf.Fpdf
	fonts  *fontSet
	widths map[runeSize]float64
	size   float64 // current font size
	l      Layout
	base   [NCols]float64 // the layout's column widths, on its own orientation
	cols   []float64      // the current form's column widths (spread)
	// orientation is the current form's: the layout's, or with alternate
	// every second form turned (its columns widened or narrowed to fit).
	orientation string
	forms       int // forms drawn
	pageH       float64
	y           float64 // cursor, mm from the page top
	pages       int
	report      []Page // what each page holds
}

// holds records that the current page has content of the current form
// (r.forms-1 … counted from 0) and rows more indicator rows.
func (r *pdfRenderer) holds(form, rows int) {
	p := &r.report[r.pages-1]
	if len(p.Forms) == 0 || p.Forms[len(p.Forms)-1] != form {
		p.Forms = append(p.Forms, form)
	}
	p.GridRows += rows
}

func (r *pdfRenderer) bottom() float64 { return r.pageH - r.l.Margin }

func (r *pdfRenderer) newPage() {
	if r.l.Alternate {
		r.pdf.AddPageFormat(r.orientation, a4)
	} else {
		r.pdf.AddPage()
	}
	_, r.pageH = r.pdf.GetPageSize()
	r.pages++
	r.report = append(r.report, Page{})
	r.y = r.l.Margin
}

func (r *pdfRenderer) lineH(size float64) float64 { return size * ptToMM * lineGap }

// colX returns the left edge and the width of a cell.
func (r *pdfRenderer) colX(c cell) (x, w float64) {
	x = r.l.Margin
	for i := 0; i < c.col; i++ {
		x += r.cols[i]
	}
	for i := c.col; i < c.col+c.colSpan; i++ {
		w += r.cols[i]
	}
	return x, w
}

// wrap splits s into lines that fit width w (mm) in the current font:
// breaks fall between CJK characters or after a space, never before closing
// punctuation; a run of Latin text too long for a line is cut anywhere.
func (r *pdfRenderer) wrap(s string, w float64) []string {
	if s == "" {
		return nil
	}
	max := w - 2*padX
	rs := []rune(s)
	var lines []string
	for len(rs) > 0 {
		n, brk := 0, 0
		for n < len(rs) {
			if r.width(rs[:n+1]) > max {
				break
			}
			n++
			if n < len(rs) && canBreak(rs[n-1], rs[n]) {
				brk = n
			}
		}
		if n == len(rs) {
			lines = append(lines, string(rs))
			break
		}
		if brk == 0 {
			brk = max1(n)
		}
		lines = append(lines, string(rs[:brk]))
		rs = rs[brk:]
	}
	return lines
}

func max1(n int) int {
	if n < 1 {
		return 1
	}
	return n
}

func isCJK(c rune) bool {
	return unicode.Is(unicode.Han, c) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)
}

// canBreak reports whether a line may end between a and b.
func canBreak(a, b rune) bool {
	switch b {
	case '，', '。', '、', '；', '：', '）', '》', '」', '』', '】', '！', '？', ',', '.', ';', ':', ')', ']', '%', '％':
		return false
	}
	switch a {
	case '（', '《', '「', '『', '【', '(', '[':
		return false
	}
	return unicode.IsSpace(a) || isCJK(a) || isCJK(b)
}

func (r *pdfRenderer) cellHeight(c cell) float64 {
	_, w := r.colX(c)
	n := len(r.wrap(c.text, w))
	if n == 0 {
		n = 1
	}
	return float64(n)*r.lineH(r.l.Size) + 2*r.l.PadY
}

// heights computes every row's height: single-row cells set their row's
// height; a merged cell taller than its rows grows its last row.
func (r *pdfRenderer) heights(f Form) []float64 {
	h := make([]float64, len(f.rows))
	for i, row := range f.rows {
		h[i] = r.lineH(r.l.Size) + 2*r.l.PadY
		for _, c := range row.cells {
			if c.rowSpan == 1 {
				h[i] = max(h[i], r.cellHeight(c))
			}
		}
	}
	for i, row := range f.rows {
		for _, c := range row.cells {
			if c.rowSpan > 1 {
				sum := 0.0
				for j := i; j < i+c.rowSpan; j++ {
					sum += h[j]
				}
				if need := r.cellHeight(c); need > sum {
					h[i+c.rowSpan-1] += need - sum
				}
			}
		}
	}
	return h
}

// box draws a cell's border as a rectangle and, if label, its text
// centered vertically in it.
func (r *pdfRenderer) box(c cell, top, h float64, label bool) {
	x, w := r.colX(c)
	if !r.l.Borderless {
		r.pdf.Rect(x, top, w, h, "D")
	}
	if !label || c.text == "" {
		return
	}
	lines := r.wrap(c.text, w)
	lh := r.lineH(r.l.Size)
	y := top + (h-float64(len(lines))*lh)/2
	asc := r.l.Size * ptToMM * 0.88
	for i, s := range lines {
		tx := x + padX
		if c.center {
			tx = x + (w-r.width([]rune(s)))/2
		}
		r.text(tx, y+float64(i)*lh+(lh-r.l.Size*ptToMM)/2+asc, s)
	}
}

// turn sets the orientation of the next form: the layout's for even forms,
// the other for odd ones, with the column widths scaled to the page.
func (r *pdfRenderer) turn() {
	other := map[string]string{"P": "L", "L": "P"}[r.l.Orientation]
	r.orientation = r.l.Orientation
	if r.forms%2 == 1 {
		r.orientation = other
	}
	r.forms++
	inner := func(o string) float64 {
		if o == "L" {
			return a4.Ht - 2*r.l.Margin
		}
		return a4.Wd - 2*r.l.Margin
	}
	scale := inner(r.orientation) / inner(r.l.Orientation)
	for i, w := range r.base {
		r.l.Widths[i] = w * scale
	}
}

// open is a merged cell being drawn, possibly in parts over several pages.
type open struct {
	c     cell
	start int     // row index
	end   int     // last row index
	top   float64 // top of the current part
	first bool    // the current part is the first (it carries the label)
}

// form draws form number k (0-based) of the document.
func (r *pdfRenderer) form(k int, f Form) {
	if r.l.Alternate {
		r.turn()
	}
	l := r.l
	r.cols = spread(l.Widths, f.ncols())
	r.size = l.Size
	h := r.heights(f)
	titleH := r.lineH(l.TitleSize) + r.lineH(l.Size) + 3
	if r.pages == 0 || l.NewPage {
		r.newPage()
	} else {
		r.y += formGap
		if r.y+titleH+h[0] > r.bottom() {
			r.newPage()
		}
	}
	r.holds(k, 0)
	pw, _ := r.pdf.GetPageSize()
	r.size = l.TitleSize
	r.text((pw-r.width([]rune(f.title)))/2, r.y+r.lineH(l.TitleSize)*0.8, f.title)
	r.size = l.Size
	r.y += r.lineH(l.TitleSize)
	r.text((pw-r.width([]rune(f.year)))/2, r.y+r.lineH(l.Size)*0.8, f.year)
	r.y += r.lineH(l.Size) + 3

	head := -1 // index of the indicator header row
	tail := f.tailStart()
	var spans []*open
	for i, row := range f.rows {
		if row.kind == rowIndHeader {
			head = i
		}
		need := h[i]
		if row.kind == rowIndHeader && i+1 < len(f.rows) {
			need += h[i+1] // keep the header with the first indicator
		}
		if (r.y+need > r.bottom() || i == tail) && r.y > l.Margin {
			for _, s := range spans {
				r.box(s.c, s.top, r.y-s.top, s.first)
				s.first = false
			}
			r.newPage()
			pageTop := r.y
			if l.RepeatHead && row.kind == rowIndicator && head >= 0 {
				for _, c := range f.rows[head].cells {
					if c.rowSpan == 1 {
						r.box(c, r.y, h[head], true)
					}
				}
				r.y += h[head]
			}
			r.holds(k, 0)
			for _, s := range spans {
				s.top = r.y
				if s.start <= head {
					s.top = pageTop
				}
			}
		}
		for _, c := range row.cells {
			if c.rowSpan == 1 {
				r.box(c, r.y, h[i], true)
				continue
			}
			spans = append(spans, &open{c: c, start: i, end: i + c.rowSpan - 1, top: r.y, first: true})
		}
		if row.kind == rowIndicator {
			r.holds(k, 1)
		}
		r.y += h[i]
		kept := spans[:0]
		for _, s := range spans {
			if s.end == i {
				r.box(s.c, s.top, r.y-s.top, s.first)
				continue
			}
			kept = append(kept, s)
		}
		spans = kept
	}
	if len(spans) > 0 {
		panic(fmt.Sprintf("genpdf: %d merged cells left open", len(spans)))
	}
}

// fontSet is a layout's font and the fallback for characters it lacks
// (Droid Sans Fallback has no Latin letters or digits).
type fontSet struct {
	main map[uint16]uint16 // cmap of the main font
}

const (
	mainFont = "main"
	latFont  = "fallback"
)

func loadFonts(pdf *fpdf.Fpdf, path string) (*fontSet, error) {
	main, err := loadFontFile(path)
	if err != nil {
		return nil, err
	}
	lat, err := loadFontFile(FallbackFont)
	if err != nil {
		return nil, err
	}
	// fpdf writes into the bytes it is given (utf8FontFile.getMetrics
	// patches them as it subsets): each render gets its own copy.
	pdf.AddUTF8FontFromBytes(mainFont, "", bytes.Clone(main.data))
	pdf.AddUTF8FontFromBytes(latFont, "", bytes.Clone(lat.data))
	return &fontSet{main: main.chars}, nil
}

// fontFile is a TrueType font read for fpdf: its bytes and its cmap.
type fontFile struct {
	data  []byte
	chars map[uint16]uint16
}

// fontFiles caches the fonts read, by path: a corpus renders the same
// font many times, and a collection's font is copied out once.
var fontFiles sync.Map // path → func() (*fontFile, error)

// loadFontFile reads a TrueType font, or the first font of a TrueType
// collection (.ttc, extracted by ExtractTTC: fpdf reads neither
// collections nor CFF outlines). Safe for concurrent use.
func loadFontFile(path string) (*fontFile, error) {
	f, _ := fontFiles.LoadOrStore(path, sync.OnceValues(func() (*fontFile, error) {
		hint := "(install fonts-droid-fallback, fonts-arphic-gbsn00lp, fonts-dejavu-core)"
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("font: %w %s", err, hint)
		}
		parse := path
		if ttf, err := ExtractTTC(b, 0); err == nil {
			b = ttf
			tmp, err := os.CreateTemp("", "render-*.ttf")
			if err != nil {
				return nil, err
			}
			defer os.Remove(tmp.Name())
			_, err = tmp.Write(b)
			if cerr := tmp.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return nil, err
			}
			parse = tmp.Name()
		} else if !errors.Is(err, ErrNotCollection) {
			return nil, fmt.Errorf("font %s: %w", path, err)
		}
		ttf, err := fpdf.TtfParse(parse)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w %s", path, err, hint)
		}
		return &fontFile{data: b, chars: ttf.Chars}, nil
	}))
	return f.(func() (*fontFile, error))()
}

func (fs *fontSet) fontFor(c rune) string {
	if c > 0xffff {
		return mainFont
	}
	if _, ok := fs.main[uint16(c)]; ok || c == ' ' {
		return mainFont
	}
	return latFont
}

type runeSize struct {
	r    rune
	size float64
}

// width returns the printed width of rs at the current size, in mm.
func (r *pdfRenderer) width(rs []rune) float64 {
	w := 0.0
	for _, c := range rs {
		k := runeSize{c, r.size}
		cw, ok := r.widths[k]
		if !ok {
			r.pdf.SetFont(r.fonts.fontFor(c), "", r.size)
			cw = r.pdf.GetStringWidth(string(c))
			r.widths[k] = cw
		}
		w += cw
	}
	return w
}

// text prints s with its baseline at y, one Tj per run of one font.
func (r *pdfRenderer) text(x, y float64, s string) {
	rs := []rune(s)
	for i := 0; i < len(rs); {
		f := r.fonts.fontFor(rs[i])
		j := i + 1
		for j < len(rs) && r.fonts.fontFor(rs[j]) == f {
			j++
		}
		r.pdf.SetFont(f, "", r.size)
		r.pdf.Text(x, y, string(rs[i:j]))
		x += r.width(rs[i:j])
		i = j
	}
}
