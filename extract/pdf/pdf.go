package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

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
}

// Rows reads every page of a PDF into table rows. It returns an error for a
// document it cannot open, an encrypted one, and one without any text
// layer (ErrNoText). The underlying library may panic on malformed input;
// Rows does not recover, its caller does (package extract).
func Rows(data []byte) (Result, error) {
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return Result{}, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return Result{}, err
	}
	if err := checkPageTree(r); err != nil { // rel: guard.go, before the library walks the tree
		return Result{}, err
	}
	n := r.NumPage()
	if n == 0 {
		// Not a scan: the page tree could not be read (a /Size smaller
		// than the objects in use, as some merging tools write, or a
		// broken cross-reference table).
		return Result{}, errors.New("no page found: the page tree or cross-reference table is unreadable")
	}
	if n > MaxPages {
		return Result{}, fmt.Errorf("%d pages, more than the %d read", n, MaxPages)
	}
	res := Result{Pages: n}
	fonts := newFontCache()
	textPages := 0
	var prev *layout
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
		l := placeGlyphs(c, i)
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
