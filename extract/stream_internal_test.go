package extract

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync/atomic"
	"testing"

	"jixiao/extract/ocr"
	"jixiao/extract/scan/scantest"
)

// A fake page stream: each file is a tiny PNG whose width says what the
// fake reader reads on it, so that the joining is tested without OCR.
const (
	pageStart = 10 + iota // a form's first page: title, name, grid header, one indicator
	pageCont              // a continuation: one indicator row
	pageBlank             // nothing
	pageNoise             // one stray word
)

// streamReader reads a page by its image's width (above).
type streamReader struct{}

func (streamReader) Page(_ context.Context, img image.Image, page int) ([]ocr.Row, error) {
	row := func(cells ...ocr.Cell) ocr.Row { return ocr.Row{Page: page, Cells: cells} }
	c := func(text string, col int) ocr.Cell {
		return ocr.Cell{Text: text, Col: col, Confidence: 0.95, Box: image.Rect(col, 10, col+90, 40)}
	}
	switch img.Bounds().Dx() {
	case pageStart:
		return formRows(page, 0.95), nil
	case pageCont:
		return []ocr.Row{row(c("效益指标", 100), c("社会效益指标", 200), c("群众知晓率", 300), c("≥90%", 400))}, nil
	case pageNoise:
		return []ocr.Row{row(c("的", 300))}, nil
	}
	return nil, nil
}

func (streamReader) Close() error { return nil }

// fakeStream returns the files of a stream, one per letter of spec: s a
// form's first page, c a continuation, b a blank page, n noise, x a file
// that does not decode.
func fakeStream(spec string) []StreamFile {
	var files []StreamFile
	for i, k := range spec {
		var data []byte
		w := map[rune]int{'s': pageStart, 'c': pageCont, 'b': pageBlank, 'n': pageNoise}[k]
		if k == 'x' {
			data = append(scantest.PNGHeader(20, 20), "not a PNG stream"...)
		} else {
			var b bytes.Buffer
			if err := png.Encode(&b, scantest.Gray(w, 8, func(x, y int) uint8 { return 255 })); err != nil {
				panic(err)
			}
			data = b.Bytes()
		}
		files = append(files, StreamFile{Path: fmt.Sprintf("scans/p%d.png", i+1), SHA256: Hash(data), Size: int64(len(data)),
			Load: func() ([]byte, error) { return data, nil }})
	}
	return files
}

// summary says what ReadStream made of a stream: each document as
// doc(its files' numbers: forms, pages per form, blank pages, problems),
// each failure as fail(file: reason).
func summary(parts []StreamPart) string {
	var out []string
	for _, p := range parts {
		if p.Err != nil {
			out = append(out, fmt.Sprintf("fail(%s: %v)", p.File.Path, p.Err))
			continue
		}
		var fs, spans []string
		for _, f := range p.Doc.Files {
			fs = append(fs, strings.TrimSuffix(strings.TrimPrefix(f.Path, "scans/p"), ".png"))
		}
		for _, f := range p.Doc.Forms {
			spans = append(spans, fmt.Sprintf("%d-%d", f.Source.PageFrom, f.Source.PageTo))
		}
		out = append(out, fmt.Sprintf("doc(%s: forms %s, %d blank, %d problems)",
			strings.Join(fs, ","), strings.Join(spans, " "), p.Doc.Blank, len(p.Doc.Problems)))
	}
	return strings.Join(out, " ")
}

func TestReadStream(t *testing.T) {
	cases := []struct {
		name, spec, want string
	}{
		{"two forms of two pages, blank backs", "sbcbsbcb",
			"doc(1,2,3,4: forms 1-3, 2 blank, 0 problems) doc(5,6,7,8: forms 1-3, 2 blank, 0 problems)"},
		{"a three-page form, then a one-page form", "scbcs",
			"doc(1,2,3,4: forms 1-4, 1 blank, 0 problems) doc(5: forms 1-1, 0 blank, 0 problems)"},
		{"noise is skipped like a blank page", "sncs",
			"doc(1,2,3: forms 1-3, 1 blank, 0 problems) doc(4: forms 1-1, 0 blank, 0 problems)"},
		{"leading blanks join the first document", "bbsc",
			"doc(1,2,3,4: forms 3-4, 2 blank, 0 problems) "},
		{"a continuation after a failed page names it", "sxcs",
			"doc(1: forms 1-1, 0 blank, 0 problems) " +
				"fail(scans/p2.png: extract scans/p2.png page 1: malformed: decode png: unexpected EOF) " +
				"fail(scans/p3.png: extract scans/p3.png: no form: this page has no title and continues the form of scans/p2.png, which could not be read (decode png: unexpected EOF)) " +
				"doc(4: forms 1-1, 0 blank, 0 problems)"},
		{"a continuation first in the stream has nothing to continue", "ccs",
			"fail(scans/p1.png: extract scans/p1.png: no form: this page has no 财政项目支出绩效目标申报表 and continues a form, but no page before it in its directory starts one (its first page is missing, or the files' names do not sort in page order)) " +
				"fail(scans/p2.png: extract scans/p2.png: no form: this page has no title and continues the form of scans/p1.png, which has no form to continue either) " +
				"doc(3: forms 1-1, 0 blank, 0 problems)"},
		{"only blank pages: a document without forms", "bb", "doc(1,2: forms , 2 blank, 0 problems)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newWithReaders(2, func() (pageReader, error) { return streamReader{}, nil })
			defer e.Close()
			var read atomic.Int32
			parts, err := e.ReadStream(context.Background(), fakeStream(tc.spec), func(int) { read.Add(1) })
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(parts); strings.TrimSpace(got) != strings.TrimSpace(tc.want) {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if int(read.Load()) != len(tc.spec) {
				t.Errorf("onFile called %d times for %d files", read.Load(), len(tc.spec))
			}
		})
	}
}

// A document of a stream names each page's file, and its identity is its
// files' hashes: the same files give the same document, another file
// another one.
func TestReadStreamSources(t *testing.T) {
	e := newWithReaders(1, func() (pageReader, error) { return streamReader{}, nil })
	defer e.Close()
	files := fakeStream("sbc")
	parts, err := e.ReadStream(context.Background(), files, nil)
	if err != nil || len(parts) != 1 || len(parts[0].Doc.Forms) != 1 {
		t.Fatalf("%s, %v; want one document of one form", summary(parts), err)
	}
	doc := parts[0].Doc
	if want := StreamSHA256([]string{files[0].SHA256, files[1].SHA256, files[2].SHA256}); doc.SHA256 != want {
		t.Errorf("sha256 %s, want %s", doc.SHA256, want)
	}
	f := doc.Forms[0]
	if f.Source.Path != "scans/p1.png" || f.Source.SHA256 != doc.SHA256 || f.Source.PageFrom != 1 || f.Source.PageTo != 3 {
		t.Errorf("source %+v", f.Source)
	}
	var got []string
	for _, p := range f.Pages {
		got = append(got, fmt.Sprintf("%d=%s#%d", p.Page, p.File, p.FilePage))
	}
	if want := "1=scans/p1.png#1 3=scans/p3.png#1"; strings.Join(got, " ") != want {
		t.Errorf("pages %s, want %s", strings.Join(got, " "), want)
	}
	if pl, ok := f.Geometry["indicators[1].value"]; !ok || pl.Page != 3 {
		t.Errorf("the continuation's value is placed at %+v, want page 3", pl)
	}
	other := fakeStream("sbs")
	parts2, _ := e.ReadStream(context.Background(), other[:1], nil)
	if parts2[0].Doc.SHA256 == doc.SHA256 {
		t.Errorf("a stream of other files has the same identity")
	}
}
