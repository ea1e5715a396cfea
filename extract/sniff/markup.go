package sniff

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
)

// MaxZipEntries is the most entries DetectFile looks at in a zip archive's
// directory; an archive with more is not a spreadsheet it recognises.
const MaxZipEntries = 10000

// odsMime is the mimetype of an OpenDocument spreadsheet.
const odsMime = "application/vnd.oasis.opendocument.spreadsheet"

// DetectFile returns the kind of a whole file: Detect's answer, except that
// a zip archive (Zip from its head) is told apart by its directory as XLSX
// (it holds [Content_Types].xml and xl/workbook.xml) or ODS (its mimetype
// entry names an OpenDocument spreadsheet). A damaged or foreign archive
// stays Zip. It reads no entry but a mimetype of up to 256 bytes. Safe for
// concurrent use.
func DetectFile(data []byte) Kind {
	k := Detect(data)
	if k != Zip {
		return k
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil || len(zr.File) > MaxZipEntries {
		return Zip
	}
	var types, workbook bool
	for _, f := range zr.File {
		switch f.Name {
		case "[Content_Types].xml":
			types = true
		case "xl/workbook.xml":
			workbook = true
		case "mimetype":
			if f.UncompressedSize64 <= 256 {
				if rc, err := f.Open(); err == nil {
					b, _ := io.ReadAll(io.LimitReader(rc, 256))
					rc.Close()
					if strings.TrimSpace(string(b)) == odsMime {
						return ODS
					}
				}
			}
		}
	}
	if types && workbook {
		return XLSX
	}
	return Zip
}

// zipKind tells a zip archive from its head: ODS when its first entry is
// the mimetype of a spreadsheet (ODF requires it first and stored), XLSX
// when the head holds both of its required entries' headers, else Zip.
func zipKind(head []byte) Kind {
	const local = 30 // fixed size of a local file header
	if len(head) >= local {
		nameLen := int(head[26]) | int(head[27])<<8
		extraLen := int(head[28]) | int(head[29])<<8
		data := local + nameLen + extraLen
		if nameLen == 8 && string(head[local:local+8]) == "mimetype" && len(head) >= data &&
			bytes.HasPrefix(head[data:], []byte(odsMime)) {
			return ODS
		}
	}
	if bytes.Contains(head, []byte("[Content_Types].xml")) && bytes.Contains(head, []byte("xl/workbook.xml")) {
		return XLSX
	}
	return Zip
}

// markup tells HTML and flat OpenDocument spreadsheets (FODS) from plain
// text; head is text in an ASCII-compatible encoding or UTF-16 (of which
// only ASCII is looked at), and "" is returned for plain text.
//
// The rule for HTML: after a BOM and white space the file starts with
// <!DOCTYPE html, <html or <table (any case); or it holds a <table tag and
// no line of the head is a tab-separated row (two cells or more that are
// not empty once tags are stripped). Text exports carry HTML fragments
// (<p>, <h2>) in tab-separated rows, and they stay text.
func markup(head []byte) Kind {
	s := asciiView(head)
	t := strings.TrimLeft(s, " \t\r\n\f")
	lower := strings.ToLower(t[:min(len(t), 1024)])
	switch {
	case strings.HasPrefix(lower, "<?xml"), strings.HasPrefix(lower, "<office:document"):
		if strings.Contains(t, "<office:document") && strings.Contains(t, odsMime) {
			return FODS
		}
		if strings.Contains(lower, "<html") {
			return HTML
		}
		return ""
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"), strings.HasPrefix(lower, "<table"):
		return HTML
	}
	if strings.Contains(strings.ToLower(s), "<table") && !tabRows(s) {
		return HTML
	}
	return ""
}

// tabRows reports whether a line of s has two or more cells, separated by
// tabs, that are not empty once tags and spaces are stripped.
func tabRows(s string) bool {
	for line := range strings.SplitSeq(s, "\n") {
		if !strings.Contains(line, "\t") {
			continue
		}
		n := 0
		for cell := range strings.SplitSeq(line, "\t") {
			if strings.TrimSpace(stripTags(cell)) != "" {
				n++
			}
		}
		if n >= 2 {
			return true
		}
	}
	return false
}

// stripTags removes what looks like tags (<…>) from s.
func stripTags(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '<':
			depth++
		case r == '>' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// asciiView returns head without a UTF-8 BOM, or for UTF-16 the low bytes
// of its ASCII characters (others become '?'), so that ASCII markup can be
// looked for whatever the encoding.
func asciiView(head []byte) string {
	enc := textEncoding(head)
	switch enc {
	case "utf-16le", "utf-16be":
		b := head
		if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
			b = b[2:]
		}
		out := make([]byte, 0, len(b)/2)
		for i := 0; i+1 < len(b); i += 2 {
			lo, hi := b[i], b[i+1]
			if enc == "utf-16be" {
				lo, hi = hi, lo
			}
			if hi == 0 && lo < 0x80 {
				out = append(out, lo)
			} else {
				out = append(out, '?')
			}
		}
		return string(out)
	}
	return string(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}))
}
