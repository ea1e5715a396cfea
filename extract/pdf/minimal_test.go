package pdf

import (
	"strings"
	"testing"

	"jixiao/extract/pdf/pdftest"
)

func minimalPDF(content string) []byte { return pdftest.Page(content, pdftest.Helvetica, "") }

// rulesAndText draws a 2×2 ruled table with text in three cells, the
// bottom-left cell merged with the top-left one (no line between them).
const rulesAndText = `0.5 w
50 700 m 250 700 l S
150 680 m 250 680 l S
50 660 m 250 660 l S
50 660 m 50 700 l S
150 660 m 150 700 l S
250 660 m 250 700 l S
BT /F1 10 Tf 1 0 0 1 60 675 Tm (Merged) Tj ET
BT /F1 10 Tf 160 685 Td (Top) Tj ET
BT /F1 10 Tf 160 665 Td [(Bot) -500 (tom)] TJ ET
BT /F1 12 Tf 100 750 Td (Title line) Tj ET`

func TestRowsMinimal(t *testing.T) {
	res, err := Rows(minimalPDF(rulesAndText))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := "Title line\nMerged|Top\nBot tom"
	if strings.Join(got, "\n") != want {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if res.Pages != 1 || len(res.Garbled) != 0 || len(res.Blank) != 0 {
		t.Errorf("result %+v", res)
	}
}

func TestRowsNoText(t *testing.T) {
	_, err := Rows(minimalPDF("0.5 w 50 700 m 250 700 l S"))
	if err != ErrNoText {
		t.Errorf("err = %v, want ErrNoText", err)
	}
}

func TestRowsMalformed(t *testing.T) {
	for name, data := range map[string][]byte{
		"truncated": minimalPDF(rulesAndText)[:300],
		"garbage":   []byte("%PDF-1.4\nnot a pdf at all"),
	} {
		t.Run(name, func(t *testing.T) {
			func() {
				defer func() { recover() }() // the library may panic; package extract recovers
				if _, err := Rows(data); err == nil {
					t.Errorf("no error")
				}
			}()
		})
	}
}

// A composite font without a Unicode map is reported, not silently read.
func TestRowsGarbled(t *testing.T) {
	font := "<< /Type /Font /Subtype /Type0 /BaseFont /NoMap /Encoding /Identity-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /NoMap /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>] >>"
	res, err := Rows(pdftest.Page("BT /F1 12 Tf 100 750 Td <4E2D6587> Tj ET", font, ""))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Garbled) != 1 || res.Garbled[0] != 1 {
		t.Errorf("garbled pages %v, want [1]", res.Garbled)
	}
}

// A PDF whose page tree cannot be read is malformed, not a scan.
func TestRowsNoPages(t *testing.T) {
	data := pdftest.Page(rulesAndText, pdftest.Helvetica, "")
	data = []byte(strings.Replace(string(data), "/Count 1", "/Count 0", 1))
	data = []byte(strings.Replace(string(data), "/Kids [3 0 R]", "/Kids []", 1))
	if _, err := Rows(data); err == nil || err == ErrNoText {
		t.Errorf("err = %v, want a malformed-document error", err)
	}
}
