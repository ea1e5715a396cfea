package sniff

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrNotText is returned by DecodeText for input that is not text in any
// encoding it knows.
var ErrNotText = errors.New("not text in UTF-8, UTF-16 or GB18030")

// DecodeText returns a reader of r's text as UTF-8, without a byte-order
// mark, and the name of the encoding it detected from head (the first bytes
// of r, which r must still deliver). Invalid sequences further on become
// U+FFFD; they do not stop the reading.
func DecodeText(head []byte, r io.Reader) (io.Reader, string, error) {
	name := textEncoding(head)
	var enc encoding.Encoding
	switch name {
	case "utf-8":
		enc = unicode.UTF8BOM // strips a BOM if present
	case "utf-16le":
		enc = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	case "utf-16be":
		enc = unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	case "gb18030":
		enc = simplifiedchinese.GB18030
	default:
		return nil, "", ErrNotText
	}
	return transform.NewReader(r, enc.NewDecoder()), name, nil
}

// validGB18030 reports whether b decodes as GB18030 without errors
// (forgiving a sequence cut at the end) and holds at least one non-ASCII
// character, so that plain ASCII stays UTF-8.
func validGB18030(b []byte) bool {
	out, err := decodeGB18030(b)
	if err != nil {
		return false
	}
	for _, r := range string(out) {
		if r == utf8.RuneError {
			return false
		}
	}
	return true
}

func decodeGB18030(b []byte) ([]byte, error) {
	// A GB18030 sequence is at most 4 bytes; try the head minus up to 3
	// trailing bytes in case the head limit cut one.
	var lastErr error
	for cut := 0; cut <= 3 && cut < len(b); cut++ {
		out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b[:len(b)-cut])
		if err == nil {
			return out, nil
		}
		lastErr = err
	}
	return nil, fmt.Errorf("gb18030: %w", lastErr)
}
