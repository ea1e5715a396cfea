package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"jixiao/extract/form"
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
	// points (form.UnitPoint); the boxes of the rows' cells are on them.
	Sizes []form.Page
}

// Rows reads every page of a PDF into table rows. It returns an error for a
// document it cannot open, an encrypted one, and one without any text
// layer (ErrNoText). A document the library cannot open or find pages in,
// or that makes it panic before any page is read, is tried once more with
// its cross-reference table rebuilt from the objects in the file (see
// repairXref). The underlying library may panic on malformed input; Rows
// does not recover from the second try, its caller does (package extract).
func Rows(data []byte) (Result, error) {
	res, crash, err := firstTry(data)
	if crash == nil && !errors.As(err, new(structureError)) {
		return res, err
	}
	fixed, ok := repairXref(data)
	if !ok {
		if crash != nil {
			panic(crash)
		}
		return res, err
	}
	return rows(fixed)
}

// structureError is a document whose object structure could not be read:
// the cross-reference table, the trailer or the page tree.
type structureError struct{ err error }

func (e structureError) Error() string { return e.err.Error() }
func (e structureError) Unwrap() error { return e.err }

// firstTry reads the document, catching a panic of the library while it
// opens the document and finds its pages (a broken cross-reference table
// makes it panic there), so that a repaired copy can be tried.
func firstTry(data []byte) (res Result, crash any, err error) {
	opened := false
	defer func() {
		if !opened {
			if x := recover(); x != nil {
				crash = x
			}
		}
	}()
	r, n, err := open(data)
	opened = true
	if err != nil {
		return Result{}, nil, err
	}
	res, err = readPages(r, n)
	return res, nil, err
}

// rows reads a document without catching panics.
func rows(data []byte) (Result, error) {
	r, n, err := open(data)
	if err != nil {
		return Result{}, err
	}
	return readPages(r, n)
}

// open opens a document and counts its pages.
func open(data []byte) (*lpdf.Reader, int, error) {
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return nil, 0, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return nil, 0, structureError{err}
	}
	if err := checkPageTree(r); err != nil { // guard.go: before the library walks the tree
		return nil, 0, err
	}
	n := r.NumPage()
	if n == 0 {
		// Not a scan: the page tree could not be read (a /Size smaller
		// than the objects in use, as some merging tools write, or a
		// broken cross-reference table).
		return nil, 0, structureError{errors.New("no page found: the page tree or cross-reference table is unreadable")}
	}
	return r, n, nil
}

// readPages reads the n pages of an open document.
func readPages(r *lpdf.Reader, n int) (Result, error) {
	if n > MaxPages {
		return Result{}, fmt.Errorf("%d pages, more than the %d read", n, MaxPages)
	}
	res := Result{Pages: n}
	fonts := newFontCache()
	textPages := 0
	var prev *layout
	cols := map[int]*columnModel{} // by page width
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			res.Blank = append(res.Blank, i)
			continue
		}
		c := readContent(p, fonts)
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
