package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jixiao/extract/table"
)

func format(rs []table.Row) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%d:", r.Line)
		for i, c := range r.Cells {
			if i > 0 {
				b.WriteByte('|')
			}
			fmt.Fprintf(&b, "%d=%s", c.Col, c.Text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func collect(read func(func(table.Row) error) error) (string, error) {
	var out []table.Row
	err := read(func(r table.Row) error {
		out = append(out, r)
		return nil
	})
	return format(out), err
}

const fodsHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet>`

const fodsTail = `</office:spreadsheet></office:body></office:document>`

func fods(tables string) string { return fodsHead + tables + fodsTail }

func TestFODS(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"spans and covered cells", `<table:table>
<table:table-row><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="2"><text:p>合并</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row>
<table:table-row><table:covered-table-cell table:number-columns-repeated="2"><text:p>藏</text:p></table:covered-table-cell><table:table-cell><text:p>d</text:p></table:table-cell></table:table-row>
</table:table>`, "1:0=合并|2=c\n2:2=d\n"},
		{"span without covered cells", `<table:table>
<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>a</text:p></table:table-cell><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>hidden</text:p></table:table-cell><table:table-cell><text:p>e</text:p></table:table-cell></table:table-row>
</table:table>`, "1:0=a|1=b\n2:1=e\n"},
		{"repeats", `<table:table>
<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/><table:table-cell><text:p>y</text:p></table:table-cell></table:table-row>
</table:table>`, "1000001:0=x|1=x|5=y\n1000002:0=x|1=x|5=y\n"},
		{"text markup", `<table:table><table:table-row><table:table-cell><text:p>一<text:s text:c="3"/>二<text:tab/>三</text:p><text:p>四<text:span>五</text:span></text:p><office:annotation><text:p>批注</text:p></office:annotation></table:table-cell></table:table-row></table:table>`,
			"1:0=一 二 三 四五\n"},
		{"sheets numbered on", `<table:table><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row><table:table-row/></table:table><table:table table:name="2"><table:table-header-rows><table:table-row><table:table-cell/><table:table-cell><text:p>b</text:p></table:table-cell></table:table-row></table:table-header-rows></table:table>`,
			"1:0=a\n3:1=b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := collect(func(fn func(table.Row) error) error { return FODS(strings.NewReader(fods(tt.in)), fn) })
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFODSErrors(t *testing.T) {
	repeatBomb := `<table:table><table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row></table:table>`
	tests := []struct {
		name, in string
		tooLarge bool
	}{
		{"truncated", fods(`<table:table><table:table-row><table:table-cell><text:p>a`)[:len(fodsHead)+50], false},
		{"not xml", "<<<>>>", false},
		{"deep", fods(strings.Repeat("<a>", MaxDepth+1)), false},
		{"repeat bomb", fods(repeatBomb), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := collect(func(fn func(table.Row) error) error { return FODS(strings.NewReader(tt.in), fn) })
			if err == nil || errors.Is(err, ErrTooLarge) != tt.tooLarge {
				t.Errorf("err = %v, want an error (too large: %v)", err, tt.tooLarge)
			}
		})
	}
}

func zipOf(t *testing.T, name string, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// A zip entry inflating past MaxEntryBytes is not read.
func TestZipBomb(t *testing.T) {
	big := make([]byte, MaxEntryBytes+1)
	for _, tt := range []struct {
		name string
		read func([]byte, func(table.Row) error) error
		part string
	}{{"ods", ODS, "content.xml"}, {"xlsx", XLSX, "xl/worksheets/sheet1.xml"}} {
		data := zipOf(t, tt.part, big)
		if err := tt.read(data, func(table.Row) error { return nil }); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, want too large", tt.name, err)
		}
	}
}

// XLSX honours merged cells: text that a producer left in covered cells is
// not read.
func TestXLSXMerged(t *testing.T) {
	x := excelize.NewFile()
	for cell, v := range map[string]string{"A1": "合并", "B1": "藏", "A2": "藏", "C1": "c", "C2": "d", "B3": "e"} {
		x.SetCellStr("Sheet1", cell, v)
	}
	x.MergeCell("Sheet1", "A1", "B2")
	x.NewSheet("二")
	x.SetCellStr("二", "A2", "f")
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := collect(func(fn func(table.Row) error) error { return XLSX(buf.Bytes(), fn) })
	if want := "1:0=合并|2=c\n2:2=d\n3:1=e\n5:0=f\n"; err != nil || got != want {
		t.Errorf("got %v\n%s\nwant\n%s", err, got, want)
	}
	if err := XLSX([]byte("PK\x03\x04 not really"), func(table.Row) error { return nil }); err == nil {
		t.Error("a broken zip read without error")
	}
}

// FuzzFODS: no panic, no hang; lines increase and columns are in order.
func FuzzFODS(f *testing.F) {
	f.Add(fods(`<table:table><table:table-row table:number-rows-repeated="3"><table:table-cell table:number-rows-spanned="2" table:number-columns-repeated="2"><text:p>a<text:s text:c="2"/>b</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>`))
	if b, err := os.ReadFile("../../fixtures/sheet/forms.fods"); err == nil {
		f.Add(string(b[:min(len(b), 20000)]))
	}
	f.Fuzz(func(t *testing.T, doc string) {
		line := 0
		_ = FODS(strings.NewReader(doc), func(r table.Row) error {
			if r.Line <= line || len(r.Cells) == 0 {
				t.Fatalf("row %+v after line %d", r, line)
			}
			line = r.Line
			col := -1
			for _, c := range r.Cells {
				if c.Col <= col || c.Col >= MaxColumns || c.Text == "" {
					t.Fatalf("row %+v: bad cell %+v", r, c)
				}
				col = c.Col
			}
			return nil
		})
	})
}

// FuzzODS feeds zipped documents to ODS: no panic.
func FuzzODS(f *testing.F) {
	if b, err := os.ReadFile("../../fixtures/sheet/forms.ods"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = ODS(data, func(table.Row) error { return nil })
	})
}
