package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	lpdf "github.com/ledongthuc/pdf"

	"jixiao"
)

// Document is a PDF opened by Open.
type Document struct {
	Reader *lpdf.Reader
	// Pages are the pages in document order, found in one walk of the
	// page tree. Use them rather than the reader's Page and NumPage,
	// which walk the tree unguarded (and from the root for each page).
	Pages []lpdf.Page
	// Data is what Reader reads: the data given to Open, or its repaired
	// copy. The offsets of the reader's objects and streams index it.
	Data []byte
}

// Open opens a PDF with github.com/ledongthuc/pdf behind the guards of this
// package.
//
// Before the library sees the bytes, precheck refuses cross-reference
// sections and object streams whose claims the file cannot back (sizes
// that would make the library allocate gigabytes, /Prev and /Extends
// loops); checkPageTree then refuses page trees it would walk forever. A
// document the library cannot open or find pages in, or that makes it
// panic while doing so, is tried once more with its cross-reference table
// rebuilt from the objects in the file (repairXref); a panic of that second
// try is not recovered.
//
// Every error is a *jixiao.Error: of kind jixiao.ErrEncrypted (wrapping
// ErrEncrypted) for a document that needs a password, jixiao.ErrLimitExceeded
// for one past MaxPages or the page-tree caps, jixiao.ErrMalformed otherwise
// (wrapping ErrPageTree for a refused page tree). Open does not modify data
// and is safe for concurrent use; the reader and pages it returns are not.
func Open(data []byte) (*Document, error) {
	r, pages, crash, err := firstTry(data)
	if crash == nil && !errors.As(err, new(structureError)) {
		if err != nil {
			return nil, asFormError(err)
		}
		return &Document{Reader: r, Pages: pages, Data: data}, nil
	}
	fixed, ok := repairXref(data)
	if !ok {
		if crash != nil {
			panic(crash)
		}
		return nil, asFormError(err)
	}
	r, pages, err = open(fixed)
	if err != nil {
		return nil, asFormError(err)
	}
	return &Document{Reader: r, Pages: pages, Data: fixed}, nil
}

// structureError is a document whose object structure could not be read:
// the cross-reference table, the trailer or the page tree.
type structureError struct{ err error }

func (e structureError) Error() string { return e.err.Error() }
func (e structureError) Unwrap() error { return e.err }

// firstTry opens the document, catching a panic of the library (a broken
// cross-reference table makes it panic there), so that a repaired copy can
// be tried.
func firstTry(data []byte) (r *lpdf.Reader, pages []lpdf.Page, crash any, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, pages, crash = nil, nil, x
		}
	}()
	r, pages, err = open(data)
	return r, pages, nil, err
}

// open opens a document and finds its pages.
func open(data []byte) (*lpdf.Reader, []lpdf.Page, error) {
	if err := precheck(data); err != nil {
		return nil, nil, err
	}
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) || strings.Contains(err.Error(), "encrypt") {
			return nil, nil, fmt.Errorf("%w: %v", ErrEncrypted, err)
		}
		return nil, nil, structureError{err}
	}
	pages, err := checkPageTree(r) // guard.go: before the library walks the tree
	if err != nil {
		return nil, nil, err
	}
	if len(pages) == 0 {
		// Not a scan: the page tree could not be read (a /Size smaller
		// than the objects in use, as some merging tools write, or a
		// broken cross-reference table).
		return nil, nil, structureError{errors.New("no page found: the page tree or cross-reference table is unreadable")}
	}
	return r, pages, nil
}

// asFormError returns err as a *jixiao.Error (see Open for the kinds).
func asFormError(err error) error {
	if err == nil {
		return nil
	}
	var fe *jixiao.Error
	if errors.As(err, &fe) {
		return err
	}
	kind := jixiao.ErrMalformed
	if errors.Is(err, ErrEncrypted) {
		kind = jixiao.ErrEncrypted
	}
	return &jixiao.Error{Op: "extract", Kind: kind, Err: err}
}
