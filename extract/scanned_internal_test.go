package extract

import (
	"context"
	"errors"
	"fmt"
	"image"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"jixiao"
	"jixiao/extract/ocr"
	"jixiao/extract/scan/scantest"
)

// fakeReader stands in for Tesseract: page p reads as rows(p).
type fakeReader struct {
	rows   func(ctx context.Context, page int) ([]ocr.Row, error)
	closed *atomic.Int32
}

func (f *fakeReader) Page(ctx context.Context, _ image.Image, page int) ([]ocr.Row, error) {
	return f.rows(ctx, page)
}

func (f *fakeReader) Close() error { f.closed.Add(1); return nil }

// fakeExtractor returns an Extractor with workers fake readers and counts
// of readers opened and closed.
func fakeExtractor(workers int, rows func(ctx context.Context, page int) ([]ocr.Row, error)) (*Extractor, *atomic.Int32, *atomic.Int32) {
	var opened, closed atomic.Int32
	e := newWithReaders(workers, func() (pageReader, error) {
		opened.Add(1)
		return &fakeReader{rows: rows, closed: &closed}, nil
	})
	return e, &opened, &closed
}

// formRows are the rows of a small form on page: title, project name, grid
// header and one indicator whose value was read with confidence valueConf.
func formRows(page int, valueConf float64) []ocr.Row {
	row := func(cells ...ocr.Cell) ocr.Row { return ocr.Row{Page: page, Cells: cells} }
	c := func(text string, col int) ocr.Cell { return ocr.Cell{Text: text, Col: col, Confidence: 0.95} }
	return []ocr.Row{
		row(c("财政项目支出绩效目标申报表", 0)),
		row(c("项目名称", 0), c(fmt.Sprintf("项目%d", page), 100)),
		row(c("绩效指标", 0), c("一级指标", 100), c("二级指标", 200), c("三级指标", 300), c("年度指标值", 400)),
		row(c("产出指标", 100), c("数量指标", 200), c("培训人数", 300), ocr.Cell{Text: "≥100人", Col: 400, Confidence: valueConf}),
	}
}

// pages returns an image-only PDF of n small JPEG pages, page bad (if any)
// encoded with JBIG2, which is not decoded.
func pages(n, bad int) []byte {
	var imgs []scantest.Image
	for p := 1; p <= n; p++ {
		if p == bad {
			imgs = append(imgs, scantest.Image{W: 40, H: 40, Dict: "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode", Data: []byte{0}})
			continue
		}
		imgs = append(imgs, scantest.JPEG(scantest.Gray(40, 40, func(x, y int) uint8 { return 255 })))
	}
	return scantest.PDF("", imgs...)
}

// A page that cannot be read is named with its file and page; the forms of
// the other pages are kept, those next to the lost page flagged.
func TestScanPageFailureKeepsOtherPages(t *testing.T) {
	e, _, _ := fakeExtractor(2, func(_ context.Context, page int) ([]ocr.Row, error) { return formRows(page, 0.95), nil })
	defer e.Close()
	doc, err := e.Read(context.Background(), "scans/three.pdf", pages(3, 2))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Kind != jixiao.KindPDFOCR || doc.Pages != 3 || len(doc.Forms) != 2 {
		t.Fatalf("kind %q, %d pages, %d forms; want pdf-ocr, 3, 2", doc.Kind, doc.Pages, len(doc.Forms))
	}
	if len(doc.Problems) != 1 {
		t.Fatalf("problems %v, want one", doc.Problems)
	}
	var fe *jixiao.Error
	if !errors.As(doc.Problems[0], &fe) || fe.Page != 2 || fe.Path != "scans/three.pdf" || fe.Kind != jixiao.ErrUnsupported ||
		!strings.Contains(fe.Error(), "extract scans/three.pdf page 2: unsupported") || !strings.Contains(fe.Error(), "JBIG2") {
		t.Errorf("problem = %v, want page 2 of the file, unsupported JBIG2", doc.Problems[0])
	}
	for i, f := range doc.Forms {
		if want := []int{1, 3}[i]; f.Source.PageFrom != want {
			t.Errorf("form %d on page %d, want %d", i+1, f.Source.PageFrom, want)
		}
		if !hasFlag(f, jixiao.FlagPageUnread, "") {
			t.Errorf("form %d: no page_unread flag: %v", i+1, f.Flags)
		}
	}
}

// A document none of whose pages can be read fails as a whole.
func TestScanAllPagesFail(t *testing.T) {
	e, _, _ := fakeExtractor(1, func(_ context.Context, page int) ([]ocr.Row, error) { return formRows(page, 1), nil })
	defer e.Close()
	_, err := e.Read(context.Background(), "one.pdf", pages(1, 1))
	var fe *jixiao.Error
	if !errors.As(err, &fe) || fe.Kind != jixiao.ErrUnsupported || fe.Page != 1 || fe.Path != "one.pdf" {
		t.Errorf("err = %v, want unsupported on page 1 of one.pdf", err)
	}
}

// A form continued on the next page is one form; OCR confidences reach the
// indicator, and a value read below the threshold is flagged.
func TestScanFormAcrossPages(t *testing.T) {
	e, _, _ := fakeExtractor(2, func(_ context.Context, page int) ([]ocr.Row, error) {
		if page == 1 {
			return formRows(1, 0.5), nil
		}
		return []ocr.Row{{Page: 2, Cells: []ocr.Cell{{Text: "培训合格率", Col: 300, Confidence: 0.9}, {Text: "100%", Col: 400, Confidence: 0.85}}}}, nil
	})
	defer e.Close()
	doc, err := e.Read(context.Background(), "two.pdf", pages(2, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Forms) != 1 {
		t.Fatalf("%d forms, want 1", len(doc.Forms))
	}
	f := doc.Forms[0]
	if f.Source.PageFrom != 1 || f.Source.PageTo != 2 || len(f.Indicators) != 2 {
		t.Fatalf("pages %d-%d, %d indicators; want 1-2, 2", f.Source.PageFrom, f.Source.PageTo, len(f.Indicators))
	}
	if c := f.Indicators[0].Confidence; c != 0.5 {
		t.Errorf("indicator 1 confidence %v, want 0.5 (its value's)", c)
	}
	if c := f.Indicators[1].Confidence; c != 0.85 {
		t.Errorf("indicator 2 confidence %v, want 0.85 (the least of level-2 0.95, name 0.9, value 0.85)", c)
	}
	if !hasFlag(f, jixiao.FlagLowConfidence, "indicators[0].value") || hasFlag(f, jixiao.FlagLowConfidence, "indicators[1].value") {
		t.Errorf("flags %v: want low_confidence on indicators[0].value only", f.Flags)
	}
}

func hasFlag(f jixiao.Form, code, field string) bool {
	for _, fl := range f.Flags {
		if fl.Code == code && (field == "" || fl.Field == field) {
			return true
		}
	}
	return false
}

// Cancelling stops between pages: no page is started after it.
func TestScanCancelBetweenPages(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var read atomic.Int32
	e, _, _ := fakeExtractor(1, func(_ context.Context, page int) ([]ocr.Row, error) {
		read.Add(1)
		cancel()
		return formRows(page, 1), nil
	})
	defer e.Close()
	_, err := e.Read(ctx, "six.pdf", pages(6, 0))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if n := read.Load(); n != 1 {
		t.Errorf("%d pages read after cancelling on the first, want 1", n)
	}
}

// Readers are reused across pages and documents: never more than the
// pool's size, whatever the number of documents read concurrently; a
// reader that fails is replaced; Close closes them all.
func TestScanReadersReused(t *testing.T) {
	var inUse, most atomic.Int32
	e, opened, closed := fakeExtractor(2, func(_ context.Context, page int) ([]ocr.Row, error) {
		n := inUse.Add(1)
		defer inUse.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		if page == 3 {
			return nil, errors.New("tesseract failed")
		}
		return formRows(page, 1), nil
	})
	var wg sync.WaitGroup
	for d := range 4 {
		wg.Go(func() {
			doc, err := e.Read(context.Background(), fmt.Sprintf("d%d.pdf", d), pages(4, 0))
			if err != nil || len(doc.Forms) != 3 || len(doc.Problems) != 1 || !strings.Contains(doc.Problems[0].Error(), "page 3: malformed: OCR: tesseract failed") {
				t.Errorf("doc %d: %d forms, problems %v, err %v", d, len(doc.Forms), doc.Problems, err)
			}
		})
	}
	wg.Wait()
	if m := most.Load(); m > 2 {
		t.Errorf("%d pages read at once, want at most 2", m)
	}
	// Each document replaced the reader that failed on its page 3.
	if o := opened.Load(); o > 2+4 {
		t.Errorf("%d readers opened for 16 pages with 2 workers and 4 failures, want at most 6", o)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if o, c := opened.Load(), closed.Load(); o != c {
		t.Errorf("%d readers opened, %d closed", o, c)
	}
}
