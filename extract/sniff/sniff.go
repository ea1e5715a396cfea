// Package sniff tells what a file holds by looking at its bytes, never at its
// name, and turns text in any of the encodings Chinese tools write into UTF-8.
//
// Detection reads only the first bytes (see Detect); decoding reads the whole
// input. Both are pure functions, safe for concurrent use.
package sniff

import (
	"bytes"
	"unicode/utf8"
)

// Kind is what a file holds.
type Kind string

// The kinds Detect tells apart.
const (
	Empty  Kind = "empty"  // zero bytes, or only white space
	Text   Kind = "text"   // text in UTF-8, UTF-16 or GB18030
	PDF    Kind = "pdf"    // a PDF document
	PNG    Kind = "png"    // a PNG image
	JPEG   Kind = "jpeg"   // a JPEG image
	TIFF   Kind = "tiff"   // a TIFF image (maybe multi-page)
	Binary Kind = "binary" // anything else

	// Kinds added later; the list only grows.
	HTML Kind = "html" // an HTML page (text that is markup with tables)
	XLSX Kind = "xlsx" // an Office Open XML workbook (.xlsx)
	ODS  Kind = "ods"  // an OpenDocument spreadsheet, zipped (.ods)
	FODS Kind = "fods" // an OpenDocument spreadsheet, flat XML (.fods)
	OLE2 Kind = "ole2" // a legacy Office compound file (.xls, .doc): not read
	Zip  Kind = "zip"  // another zip archive (Detect: maybe XLSX, see DetectFile)
)

// HeadSize is how many leading bytes Detect needs to decide.
const HeadSize = 8192

// Detect returns the kind of a file from its first bytes (up to HeadSize;
// fewer is fine). It never fails: what it does not recognise is Binary.
// Text that is markup is HTML or FODS (see markup for the rule). A zip
// archive is ODS or XLSX when its head shows it, Zip otherwise (DetectFile
// looks at the whole archive's directory).
func Detect(head []byte) Kind {
	if len(head) > HeadSize {
		head = head[:HeadSize]
	}
	switch {
	case len(bytes.TrimSpace(head)) == 0:
		return Empty
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")):
		return TIFF
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return OLE2
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return zipKind(head)
	case pdfHeader(head):
		return PDF
	case textEncoding(head) != "":
		if k := markup(head); k != "" {
			return k
		}
		return Text
	}
	return Binary
}

// pdfHeader reports whether %PDF- appears within the first 1024 bytes, where
// readers accept it (some producers put junk before it).
func pdfHeader(head []byte) bool {
	n := min(len(head), 1024)
	return bytes.Contains(head[:n], []byte("%PDF-"))
}

// textEncoding names the encoding of head if it looks like text, or "".
// A cut-off multi-byte sequence at the very end of head is tolerated.
func textEncoding(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		return "utf-8"
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return "utf-16le"
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "utf-16be"
	}
	if enc := utf16WithoutBOM(head); enc != "" {
		return enc
	}
	// A stray NUL or a few bad bytes do not make a text export binary:
	// they are read as U+FFFD and flagged (package text). Binary data has
	// NULs and control bytes throughout.
	if bytes.Count(head, []byte{0})*200 > len(head)+200 || controlShare(head) > 0.05 {
		return ""
	}
	if mostlyUTF8(head) {
		return "utf-8"
	}
	if validGB18030(head) {
		return "gb18030"
	}
	return ""
}

// mostlyUTF8 reports whether b is UTF-8 but for a few bad bytes (at most
// one in 200, and at most 8), forgiving a sequence cut by the head limit.
// Text in another encoding (GB18030) has far more.
func mostlyUTF8(b []byte) bool {
	if validUTF8Prefix(b) {
		return true
	}
	bad, multi := 0, 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1 && len(b)-i >= utf8.UTFMax:
			bad++
		case n > 1:
			multi++
		}
		i += n
	}
	return bad <= 8 && bad*200 <= len(b) && multi > bad*10
}

// validUTF8Prefix is utf8.Valid, forgiving a sequence cut by the head limit.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < 3 && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// utf16WithoutBOM recognises UTF-16 text without a byte-order mark by its
// zero bytes: in ASCII-heavy UTF-16 every other byte is zero.
func utf16WithoutBOM(b []byte) string {
	if len(b) < 4 {
		return ""
	}
	var even, odd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := len(b) / 2
	switch {
	case odd*3 > pairs && even*20 < pairs:
		return "utf-16le"
	case even*3 > pairs && odd*20 < pairs:
		return "utf-16be"
	}
	return ""
}

// controlShare is the share of bytes that are C0 controls other than tab,
// newline, carriage return and form feed.
func controlShare(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F {
			n++
		}
	}
	return float64(n) / float64(len(b))
}
