package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/pdf/pdftest"
	"jixiao/extract/scan/scantest"
)

func readFixture(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The same forms in another encoding give the same records.
func TestEncodingsGiveSameRecords(t *testing.T) {
	utf8 := readFixture(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(utf8)
	if err != nil {
		t.Fatal(err)
	}
	want := records(t, utf8)
	if len(want) != 44 {
		t.Fatalf("utf-8 fixture gives %d forms, want 44", len(want))
	}
	for name, data := range map[string][]byte{
		"gb18030":   gb,
		"utf-8 bom": append([]byte{0xEF, 0xBB, 0xBF}, utf8...),
		"utf-16le":  u16,
	} {
		t.Run(name, func(t *testing.T) {
			got := records(t, data)
			if len(got) != len(want) {
				t.Fatalf("%d forms, want %d", len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("form %d differs:\n got %s\nwant %s", i+1, got[i], want[i])
				}
			}
		})
	}
}

// records returns each form's JSON without its source hash.
func records(t *testing.T, data []byte) []string {
	t.Helper()
	doc, err := extract.Read(context.Background(), "forms.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range doc.Forms {
		f.Source.SHA256 = ""
		b, _ := json.Marshal(f)
		out = append(out, string(b))
	}
	return out
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		kind jixiao.ErrorKind
	}{
		{"empty", nil, jixiao.ErrNoForm},
		{"white space", []byte("\n\n  \n"), jixiao.ErrNoForm},
		{"binary", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3, 0, 0xff, 0xfe, 0, 9}, jixiao.ErrUnsupported},
		{"text without a form", []byte("会议纪要\n今天讨论了预算。\n"), jixiao.ErrNoForm},
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n"), jixiao.ErrMalformed},
		{"png", []byte("\x89PNG\r\n\x1a\n0000"), jixiao.ErrMalformed},
		{"png claiming 100000x100000", scantest.PNGHeader(100000, 100000), jixiao.ErrLimitExceeded},
		{"truncated jpeg", truncatedJPEG(t), jixiao.ErrMalformed},
		{"tiff with zero pages", scantest.TIFF(), jixiao.ErrMalformed},
		{"legacy xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x3E\x00\x03\x00"), jixiao.ErrUnsupported},
		{"zip, not a spreadsheet", []byte("PK\x03\x04\x14\x00\x00\x00\x00\x00"), jixiao.ErrUnsupported},
		{"html without a table", []byte("<!DOCTYPE html><html><body><h1>财政项目支出绩效目标申报表</h1></body></html>"), jixiao.ErrNoForm},
		{"fods, broken", []byte(`<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body>`), jixiao.ErrMalformed},
		{"jbig2 pdf", scantest.PDF("", scantest.Image{W: 8, H: 8, Dict: "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode", Data: []byte{0}}), jixiao.ErrUnsupported},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := extract.Read(context.Background(), "in/"+tt.name, tt.data)
			var fe *jixiao.Error
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *jixiao.Error", err)
			}
			if fe.Kind != tt.kind || fe.Path != "in/"+tt.name {
				t.Errorf("err = %v (kind %q, path %q), want kind %q naming the file", err, fe.Kind, fe.Path, tt.kind)
			}
			if len(doc.Forms) != 0 || doc.SHA256 == "" {
				t.Errorf("doc = %+v", doc)
			}
		})
	}
}

// A legacy Office file fails saying how to convert it.
func TestReadOLE2SaysHowToConvert(t *testing.T) {
	_, err := extract.Read(context.Background(), "old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"))
	if jixiao.KindOf(err) != jixiao.ErrUnsupported || !strings.Contains(err.Error(), "libreoffice --headless --convert-to xlsx") {
		t.Errorf("err = %v", err)
	}
}

func truncatedJPEG(t *testing.T) []byte {
	data, err := os.ReadFile("../fixtures/scan/small/genpdf-a-017.jpg")
	if err != nil {
		t.Fatal(err)
	}
	return data[:len(data)/2]
}

func TestReadSetsSource(t *testing.T) {
	doc, err := extract.Read(context.Background(), "a/forms.txt", readFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Kind != jixiao.KindText || doc.Encoding != "utf-8" {
		t.Errorf("kind %q encoding %q", doc.Kind, doc.Encoding)
	}
	for i, f := range doc.Forms {
		s := f.Source
		if s.Path != "a/forms.txt" || s.SHA256 != doc.SHA256 || s.Kind != jixiao.KindText || s.FormIndex != i+1 || s.LineFrom == 0 {
			t.Errorf("form %d source %+v", i+1, s)
		}
	}
}

// FuzzRead feeds anything to the document entry point: no panic may escape
// (a panic inside a reader is reported as a "crashed" error), and every
// error is a *jixiao.Error naming the file.
func FuzzRead(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"))
	f.Add([]byte("财政项目支出绩效目标申报表\n项目名称\tA\n绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\n\t产出指标\t数量指标\tx\t1\n"))
	seeds, _ := filepath.Glob("testdata/pdf/*.pdf")
	fixtures, _ := filepath.Glob("../fixtures/pdf/*.pdf")
	bad, _ := filepath.Glob("../fixtures/bad/*") // rel: the bad-input corpus
	html, _ := filepath.Glob("../fixtures/html/*")
	sheets, _ := filepath.Glob("../fixtures/sheet/*")
	bad = append(append(bad, html...), sheets...)
	for _, path := range append(append(seeds, fixtures...), bad...) {
		if data, err := os.ReadFile(path); err == nil {
			f.Add(data)
		}
	}
	// A hang is caught by a deadline; the race detector makes the seed
	// fixtures (up to 49 pages) several times slower.
	deadline := 5 * time.Second
	if raceEnabled {
		deadline = 60 * time.Second
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		defer close(done)
		// A hang, not a slow read: the fixture seeds are 44-form PDFs of
		// up to 65 pages, which take several seconds under -race on a
		// loaded 2-core machine.
		go func() {
			select {
			case <-done:
			case <-time.After(deadline):
				panic(fmt.Sprintf("extract.Read did not return within %v", deadline))
			}
		}()
		doc, err := extract.Read(context.Background(), "fuzz.bin", data)
		if err != nil {
			var fe *jixiao.Error
			if !errors.As(err, &fe) || fe.Path != "fuzz.bin" {
				t.Fatalf("error %v is not a *jixiao.Error naming the file", err)
			}
			return
		}
		if len(doc.Forms) == 0 {
			t.Fatal("no error and no form")
		}
	})
}

// Bad PDFs give a clear error of the right kind, naming the file.
func TestReadBadPDFs(t *testing.T) {
	good, err := os.ReadFile("../fixtures/pdf/genpdf-a.pdf")
	if err != nil {
		t.Fatal(err)
	}
	ruled := "0.5 w 50 700 m 250 700 l S 50 660 m 250 660 l S 50 660 m 50 700 l S 250 660 m 250 700 l S"
	brokenXref := bytes.Replace(pdftest.Page("BT /F1 10 Tf 60 675 Td (x) Tj ET", pdftest.Helvetica, ""), []byte("xref\n"), []byte("xrfe\n"), 1)
	tests := []struct {
		name string
		data []byte
		kind jixiao.ErrorKind
		msg  string
	}{
		{"truncated", good[:len(good)/2], jixiao.ErrMalformed, ""},
		// The cross-reference table is rebuilt from the objects (package
		// pdf): the page is read, and it holds no form.
		{"broken xref", brokenXref, jixiao.ErrNoForm, ""},
		{"broken xref, no object", bytes.ReplaceAll(brokenXref, []byte(" obj"), []byte(" jbo")), jixiao.ErrMalformed, ""},
		{"encrypted", pdftest.Page(ruled, pdftest.Helvetica,
			"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /O <0000000000000000000000000000000000000000000000000000000000000000> /U <0000000000000000000000000000000000000000000000000000000000000000> /P -4 >> /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] "),
			jixiao.ErrEncrypted, "encrypted"},
		{"no text layer, no image", pdftest.Page(ruled, pdftest.Helvetica, ""), jixiao.ErrNoForm, "no text layer and no page image"},
		{"header only", []byte("%PDF-1.7\n"), jixiao.ErrMalformed, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := extract.Read(context.Background(), "bad.pdf", tt.data)
			var fe *jixiao.Error
			if !errors.As(err, &fe) || fe.Kind != tt.kind || fe.Path != "bad.pdf" || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want kind %q mentioning %q", err, tt.kind, tt.msg)
			}
		})
	}
}

// A composite font without a Unicode map gives garbage; the form is kept
// with a text_garbled flag, not silently.
func TestReadGarbledPDF(t *testing.T) {
	font := "<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>] >>"
	title := "BT /F1 12 Tf 100 750 Td <4E2D6587> Tj ET\nBT /F1 12 Tf 100 730 Td <59275B57> Tj ET"
	_, err := extract.Read(context.Background(), "garbled.pdf", pdftest.Page(title, font, ""))
	// The page's text is all U+FFFD: no form title can be found in it.
	if jixiao.KindOf(err) != jixiao.ErrNoForm {
		t.Errorf("err = %v, want no form", err)
	}
}
