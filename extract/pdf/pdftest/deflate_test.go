package pdftest

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"
	"testing"
)

// TestBombStream checks that the hand-written deflate stream inflates,
// checksum included, to exactly what it claims.
func TestBombStream(t *testing.T) {
	for _, tc := range []struct {
		prefix, period string
		n              int64
	}{
		{"", "q ", 100000},
		{"BT /F1 12 Tf 72 720 Td ", "(a) Tj\n", 300000},
		{"", "0 0 1 1 re\n", 1 << 20},
		{"(", "a", 5000},
	} {
		z, err := zlib.NewReader(bytes.NewReader(bombStream(tc.prefix, tc.period, tc.n)))
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(z)
		if err != nil {
			t.Fatalf("%q: %v", tc.period, err)
		}
		want := tc.prefix + strings.Repeat(tc.period, int(tc.n)/len(tc.period)+1)
		if len(got) < int(tc.n)-258 || string(got) != want[:len(got)] {
			t.Errorf("%q: inflated to %d bytes, not the pattern of %d", tc.period, len(got), tc.n)
		}
	}
}
