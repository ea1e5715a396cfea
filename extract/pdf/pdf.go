package pdf

import (
	"errors"
	"math"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"jixiao"
	"jixiao/extract/table"
)

// ErrNoText is returned for a PDF none of whose pages has a text layer: a
// scanned document that needs OCR.
var ErrNoText = errors.New("no text layer on any page (a scan: needs OCR)")

// ErrEncrypted is returned for a PDF that needs a password.
var ErrEncrypted = errors.New("encrypted PDF")

// MaxPages is the most pages Rows reads.
const MaxPages = 10000

// Result is what Rows found in a document.
type Result struct {
	Pages int
	Rows  []table.Row // all pages, in reading order, each row with its page
	// Garbled lists the pages whose text is mostly undecodable (a font
	// without a usable Unicode map).
	Garbled []int
	// Blank lists the pages without any text.
	Blank []int
	// Sizes are the sizes of the pages with text, in page order, in
	// points (jixiao.UnitPoint); the boxes of the rows' cells are on them.
	Sizes []jixiao.Page
}

// Rows reads every page of a PDF into table rows. It returns an error for a
// document it cannot open (see Open), an encrypted one, one with a page past
// the content limits (a *jixiao.Error of kind jixiao.ErrLimitExceeded naming
// the page), and one without any text layer (ErrNoText). The underlying
// library may panic on malformed input; Rows recovers only while opening
// the document the first time (see Open), its caller does otherwise
// (package extract).
func Rows(data []byte) (Result, error) {
	doc, err := Open(data)
	if err != nil {
		return Result{}, err
	}
	return readPages(doc.Pages)
}

// readPages reads the pages of an open document.
func readPages(pages []lpdf.Page) (Result, error) {
	n := len(pages)
	res := Result{Pages: n}
	fonts := newFontCache()
	textPages := 0
	var prev *layout
	cols := map[int]*columnModel{} // by page width
	for i := 1; i <= n; i++ {
		p := pages[i-1]
		c, err := readContent(p, fonts)
		if err != nil {
			return Result{}, &jixiao.Error{Op: "extract", Page: i, Kind: jixiao.ErrLimitExceeded, Err: err}
		}
		visible, bad := 0, 0
		for _, g := range c.glyphs {
			if strings.TrimSpace(g.r) == "" {
				continue
			}
			visible++
			if garbled(g.r) {
				bad++
			}
		}
		switch {
		case visible == 0:
			res.Blank = append(res.Blank, i)
			continue
		case bad*2 > visible:
			res.Garbled = append(res.Garbled, i)
		}
		textPages++
		fr, _ := mediaBox(p)
		res.Sizes = append(res.Sizes, fr.size(i))
		width := int(math.Round(fr.x1 - fr.x0))
		if cols[width] == nil {
			cols[width] = newColumnModel()
		}
		l := placeGlyphs(c, i, fr, cols[width])
		if prev != nil {
			joinSplitLabels(prev, l)
			res.Rows = append(res.Rows, prev.rows()...)
		}
		prev = l
	}
	if prev != nil {
		res.Rows = append(res.Rows, prev.rows()...)
	}
	if textPages == 0 {
		return res, ErrNoText
	}
	return res, nil
}

// mediaBox returns a page's media box, which may be inherited from the
// page tree (the walk up is capped, as the tree may loop), and false when
// it has none: then the frame is A4 portrait, the most common size of these
// forms.
func mediaBox(p lpdf.Page) (frame, bool) {
	v := p.V
	for depth := 0; depth < 32 && !v.IsNull(); depth++ {
		if box := v.Key("MediaBox"); box.Len() == 4 {
			x0, y0, x1, y1 := box.Index(0).Float64(), box.Index(1).Float64(), box.Index(2).Float64(), box.Index(3).Float64()
			fr := frame{x0: math.Min(x0, x1), y0: math.Min(y0, y1), x1: math.Max(x0, x1), y1: math.Max(y0, y1)}
			if fr.x1 > fr.x0 && fr.y1 > fr.y0 && !math.IsInf(fr.x1-fr.x0, 0) && !math.IsInf(fr.y1-fr.y0, 0) {
				return fr, true
			}
			break
		}
		v = v.Key("Parent")
	}
	return a4, false
}
