// Package extract reads one document, whatever its kind, and returns the
// forms in it as reconstructed records (not yet normalized).
//
// The kind is detected from the content (package sniff), never from the file
// name. Text exports are read by package text, web pages' tables by package
// html, spreadsheets (XLSX, ODS, flat ODS) by package sheet, PDFs with a
// text layer by package pdf; scanned images (PNG, JPEG, multi-page TIFF)
// and image-only PDFs are cut into page images by package scan and read by
// package ocr, the pages of one document in parallel. A "form" with no
// header field, funds, goal or indicator is dropped, and a document left
// with none fails as "no form". Legacy Office files (.xls, .doc) fail as
// unsupported, saying how to convert them. An Extractor is safe for
// concurrent use; its Read recovers from a panic in any reader and reports
// it as a "crashed" error for that document, so one bad file cannot stop a
// batch.
package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"jixiao"
	"jixiao/extract/pdf"
	"jixiao/extract/reconstruct"
	"jixiao/extract/sniff"
	"jixiao/extract/table"
	"jixiao/extract/text"
)

// Document is a read document: what it is and the forms found in it.
type Document struct {
	Path     string
	SHA256   string // hex digest of the bytes
	Size     int64
	Kind     jixiao.SourceKind // "" when the document could not be read
	Detected sniff.Kind        // what the bytes are
	Encoding string            // the text encoding, for text documents
	Pages    int               // pages of a scan (image or image-only PDF); 0 otherwise
	Forms    []jixiao.Form     // each with its Source filled in
	// Problems are the pages of a scan that could not be read, each an
	// *jixiao.Error naming the page, when other pages gave forms: those
	// forms are in Forms (the ones next to a lost page carry a page_unread
	// flag). Empty when Read returns an error.
	Problems []error
	// Files are the files of a document read as a page stream
	// (ReadStream), in page order; nil for a document of one file.
	Files []SourceFile
	// Blank is how many pages of a page stream were skipped as blank
	// (no title and nothing of a grid: blank backs, noise).
	Blank int
}

// Read reads a document with a package-wide Extractor whose OCR readers
// (up to GOMAXPROCS) live as long as the process. See Extractor.Read.
func Read(ctx context.Context, path string, data []byte) (Document, error) {
	return defaultExtractor().Read(ctx, path, data)
}

// Read detects what data holds and extracts its forms. path is only used to
// name the document in Source and in errors. It returns the Document (with
// Path, SHA256, Size and Detected set even on error) and an *jixiao.Error when
// the document yields no form. A scan whose pages partly fail keeps the
// forms of the other pages and lists the failures in Document.Problems.
// It returns ctx's error when cancelled (checked between pages, and between
// cells within a page). It is safe for concurrent use.
func (e *Extractor) Read(ctx context.Context, path string, data []byte) (doc Document, err error) {
	doc = Document{Path: path, SHA256: Hash(data), Size: int64(len(data))}
	defer func() {
		if r := recover(); r != nil {
			doc.Forms = nil
			err = &jixiao.Error{Op: "extract", Path: path, Kind: jixiao.ErrCrashed, Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	if err := ctx.Err(); err != nil {
		return doc, err
	}
	doc.Detected = sniff.DetectFile(data)
	fail := func(kind jixiao.ErrorKind, e error) (Document, error) {
		return doc, &jixiao.Error{Op: "extract", Path: path, Kind: kind, Err: e}
	}
	switch doc.Detected {
	case sniff.Empty:
		return fail(jixiao.ErrNoForm, errors.New("the file is empty"))
	case sniff.Text:
		forms, enc, err := readText(data)
		doc.Encoding = enc
		if err != nil {
			var fe *jixiao.Error
			if errors.As(err, &fe) {
				fe.Path = path
				return doc, fe
			}
			return fail(jixiao.ErrMalformed, err)
		}
		doc.Kind = jixiao.KindText
		doc.Forms = forms
	case sniff.PDF:
		forms, err := readPDF(data)
		switch {
		case errors.Is(err, pdf.ErrNoText):
			// A scan: read the image of each page.
			if err := e.readScan(ctx, &doc, data, jixiao.KindPDFOCR); err != nil {
				return doc, err
			}
		case errors.Is(err, pdf.ErrEncrypted):
			return fail(jixiao.ErrEncrypted, err)
		case err != nil:
			var fe *jixiao.Error
			if errors.As(err, &fe) { // of its own kind: malformed, limit exceeded
				fe.Op, fe.Path = "extract", path
				return doc, fe
			}
			return fail(jixiao.ErrMalformed, err)
		default:
			doc.Kind = jixiao.KindPDF
			doc.Forms = forms
		}
	case sniff.PNG, sniff.JPEG, sniff.TIFF:
		if err := e.readScan(ctx, &doc, data, jixiao.KindImage); err != nil {
			return doc, err
		}
	case sniff.HTML, sniff.XLSX, sniff.ODS, sniff.FODS:
		forms, enc, err := readSheet(doc.Detected, data)
		doc.Encoding = enc
		if err != nil {
			var fe *jixiao.Error
			if errors.As(err, &fe) {
				fe.Op, fe.Path = "extract", path
				return doc, fe
			}
			return fail(jixiao.ErrMalformed, err)
		}
		doc.Kind = jixiao.KindSpreadsheet
		if doc.Detected == sniff.HTML {
			doc.Kind = jixiao.KindHTML
		}
		doc.Forms = forms
	case sniff.OLE2:
		return fail(jixiao.ErrUnsupported, errors.New("a legacy Office compound file (.xls, .doc, or a password-protected workbook) is not read: save it as .xlsx, or convert with `libreoffice --headless --convert-to xlsx`"))
	case sniff.Zip:
		return fail(jixiao.ErrUnsupported, errors.New("a zip archive that is neither an XLSX nor an ODS spreadsheet"))
	default:
		return fail(jixiao.ErrUnsupported, errors.New("binary data that is neither text, PDF nor an image"))
	}
	doc.Forms = dropEmpty(doc.Forms)
	if len(doc.Forms) == 0 {
		note := pagesNote(doc)
		doc.Problems = nil
		return fail(jixiao.ErrNoForm, fmt.Errorf("no %s found%s", jixiao.Title, note))
	}
	for i := range doc.Forms {
		s := &doc.Forms[i].Source
		s.Path, s.SHA256, s.Kind, s.FormIndex = path, doc.SHA256, doc.Kind, i+1
	}
	return doc, nil
}

// Hash returns the hex SHA-256 of data: the identity of a document.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readPDF reads the forms of a PDF with a text layer. Forms on pages whose
// text does not decode get a text_garbled flag.
func readPDF(data []byte) ([]jixiao.Form, error) {
	res, err := pdf.Rows(data)
	if err != nil {
		return nil, err
	}
	garbled := map[int]bool{}
	for _, p := range res.Garbled {
		garbled[p] = true
	}
	var forms []jixiao.Form
	split := table.NewSplitter(func(t table.Table) error {
		f := reconstruct.Form(t)
		f.Pages = pagesOf(res.Sizes, f.Source.PageFrom, f.Source.PageTo)
		for p := f.Source.PageFrom; p <= f.Source.PageTo; p++ {
			if garbled[p] {
				f.Flags = append(f.Flags, jixiao.Flag{Code: jixiao.FlagTextGarbled, Field: "",
					Message: fmt.Sprintf("page %d: the text layer does not decode (a font without a Unicode map); read it from the image instead", p)})
				break
			}
		}
		forms = append(forms, f)
		return nil
	})
	for _, r := range res.Rows {
		_ = split.Add(r)
	}
	_ = split.Close()
	return forms, nil
}

// pagesOf returns the sizes among sizes of pages from to to, in order;
// sizes of page 0 (unknown) are skipped.
func pagesOf(sizes []jixiao.Page, from, to int) []jixiao.Page {
	var out []jixiao.Page
	for _, s := range sizes {
		if s.Page > 0 && s.Page >= from && s.Page <= to {
			out = append(out, s)
		}
	}
	return out
}

func readText(data []byte) ([]jixiao.Form, string, error) {
	head := data[:min(len(data), sniff.HeadSize)]
	r, enc, err := sniff.DecodeText(head, bytes.NewReader(data))
	if err != nil {
		return nil, "", &jixiao.Error{Op: "extract", Kind: jixiao.ErrUnsupported, Err: err}
	}
	var (
		forms   []jixiao.Form
		damages []text.Damage
	)
	err = text.Forms(r, func(t table.Table) error {
		forms = append(forms, reconstruct.Form(t))
		return nil
	}, func(d text.Damage) { damages = append(damages, d) })
	if err != nil {
		return nil, enc, &jixiao.Error{Op: "extract", Kind: jixiao.ErrMalformed, Err: err}
	}
	flagDamage(forms, damages)
	return forms, enc, nil
}

// flagDamage flags each damaged line on the form that holds it: the last
// form starting at or before it (the first form for a line before all).
func flagDamage(forms []jixiao.Form, damages []text.Damage) {
	if len(forms) == 0 {
		return
	}
	for _, d := range damages {
		i := 0
		for j := range forms {
			if forms[j].Source.LineFrom <= d.Line {
				i = j
			}
		}
		fl := jixiao.Flag{Code: jixiao.FlagBytesReplaced, Message: fmt.Sprintf("line %d holds bytes that are not text in the file's encoding, read as �", d.Line)}
		if d.Skipped {
			fl = jixiao.Flag{Code: jixiao.FlagLineSkipped, Message: fmt.Sprintf("line %d is longer than %d bytes and was skipped", d.Line, text.MaxLineBytes)}
		}
		forms[i].Flags = append(forms[i].Flags, fl)
	}
}
