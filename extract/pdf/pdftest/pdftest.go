// Package pdftest builds small PDFs for tests: one page, a content stream
// and fonts given as dictionaries, with a correct cross-reference table
// (Page); and malformed PDFs for the bad-input corpus (malformed.go).
package pdftest

import "fmt"

// Helvetica is a standard font dictionary (no embedding, WinAnsi).
const Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// Page returns a one-page PDF that shows content, with font (a font
// dictionary) as /F1, and extraTrailer appended to the trailer dictionary
// (e.g. an /Encrypt entry).
func Page(content, font, extraTrailer string) []byte {
	d := &pdfDoc{trailer: extraTrailer}
	d.add("<< /Type /Catalog /Pages 2 0 R >>")
	d.add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	d.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
	d.add(font)
	d.add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	return d.bytes()
}
