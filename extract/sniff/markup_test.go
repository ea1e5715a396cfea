package sniff

import (
	"archive/zip"
	"bytes"
	"os"
	"testing"
)

func zipOf(t *testing.T, entries ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(entries); i += 2 {
		h := &zip.FileHeader{Name: entries[i], Method: zip.Deflate}
		if entries[i] == "mimetype" {
			h.Method = zip.Store
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectMarkupAndArchives(t *testing.T) {
	big := make([]byte, 2*HeadSize) // incompressible: it fills the head
	for i, x := 0, uint32(1); i < len(big); i++ {
		x = x*1664525 + 1013904223
		big[i] = byte(x >> 24)
	}
	tests := []struct {
		name string
		in   []byte
		want Kind // of DetectFile
		head Kind // of Detect, when not want
	}{
		{"doctype", []byte("<!DOCTYPE html>\n<html><body><p>x</p></body></html>"), HTML, ""},
		{"doctype lower, bom, space", []byte("\xEF\xBB\xBF \n<!doctype HTML><title>t</title>"), HTML, ""},
		{"html tag", []byte("<HTML>\n<table><tr><td>a</td></tr></table>"), HTML, ""},
		{"bare table", []byte("  <table border=1><tr><td>项目名称</td><td>x</td></tr></table>"), HTML, ""},
		{"comment then table", []byte("<!-- saved -->\n<meta charset=utf-8>\n<table><tr><td>a</td></tr></table>"), HTML, ""},
		{"xhtml", []byte(`<?xml version="1.0"?>` + "\n" + `<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`), HTML, ""},
		{"text with html fragments", []byte("<h2 style=\"text-align: center;\">财政项目支出绩效目标申报表</h2>\t\t\n项目名称\t警用装备\t项目性质\t<p>经常性项目</p>\n"), Text, ""},
		{"text with a table tag in a tab row", []byte("说明\t<table>\t\n项目名称\tA\tB\n"), Text, ""},
		{"fragment without table", []byte("<p>会议纪要</p>\n<p>今天讨论了预算。</p>\n"), Text, ""},
		{"fods", []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">`), FODS, ""},
		{"odt flat", []byte(`<?xml version="1.0"?><office:document office:mimetype="application/vnd.oasis.opendocument.text">`), Text, ""},
		{"ole2", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00"), OLE2, ""},
		{"ods", zipOf(t, "mimetype", odsMime, "content.xml", "<x/>"), ODS, ""},
		{"xlsx", zipOf(t, "[Content_Types].xml", "<x/>", "xl/workbook.xml", "<x/>"), XLSX, ""},
		{"xlsx, workbook past the head", zipOf(t, "[Content_Types].xml", "<x/>", "docProps/big.bin", string(big), "xl/workbook.xml", "<x/>"), XLSX, Zip},
		{"ods, mimetype not first", zipOf(t, "content.xml", string(big), "mimetype", odsMime), ODS, Zip},
		{"other zip", zipOf(t, "a.txt", "hello"), Zip, ""},
		{"docx", zipOf(t, "[Content_Types].xml", "<x/>", "word/document.xml", "<x/>"), Zip, ""},
		{"truncated zip", zipOf(t, "a.txt", "hello")[:20], Zip, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head := tt.head
			if head == "" {
				head = tt.want
			}
			if got := Detect(tt.in); got != head {
				t.Errorf("Detect = %s, want %s", got, head)
			}
			if got := DetectFile(tt.in); got != tt.want {
				t.Errorf("DetectFile = %s, want %s", got, tt.want)
			}
		})
	}
}

// The fixtures are told apart by content: the text export (with its <p>
// and <h2> fragments) stays text.
func TestDetectFixtures(t *testing.T) {
	for path, want := range map[string]Kind{
		"../../fixtures/text/forms.txt":      Text,
		"../../fixtures/html/forms.html":     HTML,
		"../../fixtures/html/no-form.html":   HTML,
		"../../fixtures/sheet/forms.xlsx":    XLSX,
		"../../fixtures/sheet/forms.ods":     ODS,
		"../../fixtures/sheet/forms.fods":    FODS,
		"../../fixtures/bad/no-form.txt":     Text,
		"../../fixtures/bad/gb18030.txt":     Text,
		"../../fixtures/pdf/forms.html":      HTML,
		"../../fixtures/pdf/genpdf-a.pdf":    PDF,
		"../../fixtures/bad/utf16le.txt":     Text,
		"../../fixtures/bad/cut-grid.txt":    Text,
		"../../fixtures/bad/bad-byte.txt":    Text,
		"../../fixtures/pdf/forms.fods":      FODS,
		"../../fixtures/bad/truncated.jpg":   JPEG,
		"../../fixtures/bad/zero-pages.tif":  TIFF,
		"../../fixtures/bad/noise.bin":       Binary,
		"../../fixtures/pdf/chromium.pdf":    PDF,
		"../../fixtures/pdf/libreoffice.pdf": PDF,
	} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := DetectFile(data); got != want {
			t.Errorf("%s: %s, want %s", path, got, want)
		}
		// genpdf's ODS starts with its mimetype: the head tells.
		if want == ODS && Detect(data[:HeadSize]) != ODS {
			t.Errorf("%s: the head does not tell ODS", path)
		}
	}
}
