package scan_test

import (
	"image"
	"strings"
	"testing"
	"time"

	"jixiao/extract/pdf/pdftest"
	"jixiao/extract/scan"
	"jixiao/extract/scan/scantest"
)

// openBounded runs scan.Open on data, failing the test if it has not
// returned within 10 s (a loop).
func openBounded(t *testing.T, data []byte) (*scan.Document, error) {
	t.Helper()
	type out struct {
		d   *scan.Document
		err error
	}
	done := make(chan out, 1)
	go func() {
		d, err := scan.Open(data)
		done <- out{d, err}
	}()
	select {
	case o := <-done:
		return o.d, o.err
	case <-time.After(10 * time.Second):
		t.Fatal("Open did not return within 10 s")
	}
	panic("unreachable")
}

// TestOpenPDFGuarded checks that OpenPDF opens PDFs as package pdf does:
// the structures that make the library loop or allocate without bound are
// refused, directly or behind a broken cross-reference table.
func TestOpenPDFGuarded(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"cyclic-kids", pdftest.CyclicKidsPDF(), "(a cycle)"},
		{"cyclic-kids-broken-xref", pdftest.CyclicKidsBrokenXrefPDF(), "(a cycle)"},
		{"cyclic-parent", pdftest.CyclicParentPDF(), "/Parent chain loops"},
		{"deep-tree", pdftest.DeepTreePDF(20000), "deeper than 256"},
		{"xref-stream-size", pdftest.HugeXrefSizePDF(), "/Size 10000000000"},
		{"xref-prev-loop", pdftest.PrevLoopPDF(), "/Prev leads back"},
		{"objstm-extends-loop", pdftest.ExtendsLoopPDF(), "/Extends chain loops"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := openBounded(t, tc.data)
			switch {
			case err == nil:
				t.Errorf("opened %d page(s), want an error", d.Pages())
			case !strings.Contains(err.Error(), tc.want):
				t.Errorf("error %q, want it to say %q", err, tc.want)
			}
		})
	}
}

// TestOpenPDFRepaired checks that a scan whose cross-reference table is
// unreadable (bytes before the header shift every offset) is read through
// the repaired copy, its image at the copy's offsets.
func TestOpenPDFRepaired(t *testing.T) {
	g := scantest.Gray(40, 30, func(x, y int) uint8 { return uint8(x * 6) })
	data := append([]byte("junk before the header\n"), scantest.PDF("", scantest.JPEG(g))...)
	d, err := openBounded(t, data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 40, 30) {
		t.Errorf("page 1 is %v, want 40×30", img.Bounds())
	}
}
