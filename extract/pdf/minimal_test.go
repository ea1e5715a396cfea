package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// minimalPDF builds a one-page PDF whose page shows content with the
// standard Helvetica font as /F1.
func minimalPDF(content string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

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
