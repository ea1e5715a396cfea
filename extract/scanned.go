package extract

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"

	"golang.org/x/sync/errgroup"

	"jixiao"
	"jixiao/extract/ocr"
	"jixiao/extract/reconstruct"
	"jixiao/extract/scan"
	"jixiao/extract/table"
)

// readScan reads a scanned document (an image, or a PDF without a text
// layer) by OCR: each page image is decoded and read by a reader from the
// pool, pages in parallel up to the pool's size; the rows of all pages, in
// page order, are cut into forms, so a form may continue onto the next
// page. A page that fails is recorded in doc.Problems and the other pages
// are kept; the error is for a document none of whose pages could be read,
// for a document that cannot be opened, and for a cancelled ctx.
func (e *Extractor) readScan(ctx context.Context, doc *Document, data []byte, kind jixiao.SourceKind) error {
	fail := func(page int, err error) *jixiao.Error {
		var fe *jixiao.Error
		if errors.As(err, &fe) {
			fe.Path = doc.Path
			return fe
		}
		return &jixiao.Error{Op: "extract", Path: doc.Path, Page: page, Kind: scanErrorKind(err), Err: err}
	}
	sd, err := scan.Open(data)
	switch {
	case err != nil && kind == jixiao.KindPDFOCR && errors.Is(err, scan.ErrNoPages):
		return &jixiao.Error{Op: "extract", Path: doc.Path, Kind: jixiao.ErrNoForm,
			Err: fmt.Errorf("no text layer and no page image to read by OCR: %w", err)}
	case err != nil:
		return fail(0, err)
	}
	n := sd.Pages()
	doc.Kind, doc.Pages = kind, n
	rows := make([][]table.Row, n)
	sizes := make([]jixiao.Page, n) // zero for a page that failed
	pageErrs := make([]error, n)
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(e.pool.size)
	for page := 1; page <= n && gctx.Err() == nil; page++ {
		g.Go(func() error {
			rs, size, perr, err := e.readPooled(gctx, doc.Path, sd, page)
			switch {
			case err != nil:
				return err
			case perr != nil:
				pageErrs[page-1] = fail(page, perr)
			default:
				rows[page-1], sizes[page-1] = rs, size
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	failed := map[int]bool{}
	for i, err := range pageErrs {
		if err != nil {
			failed[i+1] = true
			doc.Problems = append(doc.Problems, err)
		}
	}
	if len(failed) == n {
		doc.Problems = nil
		fe := pageErrs[0].(*jixiao.Error)
		if n > 1 {
			fe.Err = fmt.Errorf("%w (and the other %d pages failed too)", fe.Err, n-1)
		}
		return fe
	}
	split := table.NewSplitter(func(t table.Table) error {
		f := reconstruct.FormWith(t, reconstruct.Options{LowConfidence: ocr.LowConfidence})
		flagUnread(&f, failed, pageErrs)
		f.Pages = pagesOf(sizes, f.Source.PageFrom, f.Source.PageTo)
		doc.Forms = append(doc.Forms, f)
		return nil
	})
	for _, rs := range rows {
		for _, r := range rs {
			_ = split.Add(r)
		}
	}
	_ = split.Close()
	return nil
}

// readPooled reads page of sd with a reader of the pool, as readPage does.
// pageErr is the page's own failure (its cause: the image could not be
// decoded, or OCR failed on it); err fails the whole document: ctx is done,
// or the OCR reader could not be started (a *jixiao.Error naming path).
func (e *Extractor) readPooled(ctx context.Context, path string, sd *scan.Document, page int) (rows []table.Row, size jixiao.Page, pageErr, err error) {
	l, err := e.pool.acquire(ctx)
	if err != nil {
		return nil, size, nil, err
	}
	rows, size, err = readPage(ctx, l, sd, page)
	if e.pageRead != nil {
		defer e.pageRead()
	}
	var start *startError
	broken := err != nil && !errors.Is(err, errDecode) && !errors.As(err, &start) && ctx.Err() == nil
	l.release(broken)
	switch {
	case ctx.Err() != nil:
		return nil, size, nil, ctx.Err()
	case errors.As(err, &start):
		kind := jixiao.ErrInternal
		if outOfMemory(start.err) {
			kind = jixiao.ErrLimitExceeded // the models do not fit the memory limit
		}
		return nil, size, nil, &jixiao.Error{Op: "extract", Path: path, Kind: kind,
			Err: fmt.Errorf("starting the OCR reader (make deps installs Tesseract with the models of tesseract-ocr-script-hans, -chi-sim and -eng, and PP-OCR): %w", start.err)}
	case err != nil:
		return nil, size, errors.Unwrap(err), nil
	}
	return rows, size, nil, nil
}

// errDecode marks a page whose image could not be decoded (as opposed to a
// failure of the OCR reader).
var errDecode = errors.New("decode")

// startError is a reader that could not be started: the whole document
// fails.
type startError struct{ err error }

func (e *startError) Error() string { return e.err.Error() }

// readPage decodes page and, when that works, reads it with the lease's
// reader, recovering a panic of either. The page is first turned upright
// (ocr.Reader.UprightPage: a page turned by 90°, 180° or 270° in its pixels).
// It returns the page's rows and the size of the upright image (the boxes
// of the rows' cells are on it). Page errors
// are wrapped once (errors.Unwrap gives the cause), decoding errors marked
// errDecode; a reader that cannot be started gives a *startError.
func readPage(ctx context.Context, l *lease, sd *scan.Document, page int) (rows []table.Row, size jixiao.Page, err error) {
	defer func() {
		if p := recover(); p != nil {
			rows, err = nil, &pageError{cause: &jixiao.Error{Op: "extract", Page: page, Kind: jixiao.ErrCrashed, Err: fmt.Errorf("panic: %v", p)}}
		}
	}()
	img, err := sd.Page(page)
	if err != nil {
		return nil, size, &pageError{cause: err, decode: true}
	}
	r, err := l.reader()
	if err != nil {
		return nil, size, &startError{err: err}
	}
	var (
		ors  []ocr.Row
		turn ocr.Orientation
		dims = img.Bounds().Size()
	)
	if u, ok := r.(uprightReader); ok {
		ors, turn, dims, err = u.UprightPage(ctx, img, page)
	} else {
		ors, err = r.Page(ctx, img, page)
	}
	size = jixiao.Page{Page: page, Width: float64(dims.X), Height: float64(dims.Y), Unit: jixiao.UnitPixel, Turn: turn.Turn}
	if err != nil {
		return nil, size, &pageError{cause: fmt.Errorf("OCR: %w", err)}
	}
	return reconstruct.RepairPage(ocr.TableRows(ors)), size, nil
}

// uprightReader is a pageReader that turns a page upright as it reads it
// (*ocr.Reader).
type uprightReader interface {
	UprightPage(ctx context.Context, img image.Image, page int) ([]ocr.Row, ocr.Orientation, image.Point, error)
}

// pageError is a failed page: its cause, and whether decoding failed.
type pageError struct {
	cause  error
	decode bool
}

func (e *pageError) Error() string { return e.cause.Error() }
func (e *pageError) Unwrap() error { return e.cause }
func (e *pageError) Is(target error) bool {
	return target == errDecode && e.decode
}

// flagUnread flags a form next to a page that could not be read: it may
// have lost rows there (it ends just before, spans, or starts just after
// the lost page).
func flagUnread(f *jixiao.Form, failed map[int]bool, errs []error) {
	for p := f.Source.PageFrom - 1; p <= f.Source.PageTo+1; p++ {
		if failed[p] {
			f.Flags = append(f.Flags, jixiao.Flag{Code: jixiao.FlagPageUnread, Field: "",
				Message: fmt.Sprintf("page %d could not be read (%v): this form may be incomplete", p, errors.Unwrap(errs[p-1]))})
		}
	}
}

// outOfMemory reports whether err says an allocation failed: C++
// (std::bad_alloc), ONNX Runtime ("Failed to allocate memory") or Go.
// Under a memory limit (ingest's workers) that is the limit, not the data.
func outOfMemory(err error) bool {
	msg := strings.ToLower(err.Error())
	for _, s := range []string{"bad_alloc", "bad allocation", "failed to allocate", "out of memory", "cannot allocate memory"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// scanErrorKind classifies an error of package scan or of an OCR reader.
func scanErrorKind(err error) jixiao.ErrorKind {
	switch {
	case errors.Is(err, scan.ErrTooLarge), outOfMemory(err):
		return jixiao.ErrLimitExceeded
	case errors.Is(err, scan.ErrUnsupported):
		return jixiao.ErrUnsupported
	case strings.Contains(err.Error(), "encrypted"):
		return jixiao.ErrEncrypted
	}
	return jixiao.ErrMalformed
}

// pagesNote says, for a scan with lost pages, which ones.
func pagesNote(doc Document) string {
	if len(doc.Problems) == 0 {
		return ""
	}
	var ps []string
	for _, p := range doc.Problems {
		var fe *jixiao.Error
		if errors.As(p, &fe) {
			ps = append(ps, fmt.Sprint(fe.Page))
		}
	}
	return fmt.Sprintf(" (page(s) %s could not be read: %v)", strings.Join(ps, ", "), doc.Problems[0])
}
