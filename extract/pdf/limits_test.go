package pdf

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/extract/pdf/pdftest"
)

// maxTestAlloc is the most any bad input may make Rows allocate.
const maxTestAlloc = 64 << 20

// rowsBounded runs Rows on data and returns its error, the bytes it
// allocated and how long it took; it fails the test if Rows has not
// returned within 20 s (a loop).
func rowsBounded(t *testing.T, data []byte) (Result, error, uint64, time.Duration) {
	t.Helper()
	type out struct {
		res   Result
		err   error
		alloc uint64
		took  time.Duration
	}
	done := make(chan out, 1)
	go func() {
		defer func() {
			if x := recover(); x != nil {
				done <- out{err: &jixiao.Error{Kind: jixiao.ErrCrashed, Err: errors.New("panic")}}
			}
		}()
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		res, err := Rows(data)
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		done <- out{res, err, after.TotalAlloc - before.TotalAlloc, took}
	}()
	select {
	case o := <-done:
		return o.res, o.err, o.alloc, o.took
	case <-time.After(20 * time.Second):
		t.Fatal("Rows did not return within 20 s")
	}
	panic("unreachable")
}

// TestRefusesBadInput checks that inputs that made the library allocate
// without bound or loop are refused quickly, without big allocations, with
// a *jixiao.Error of the right kind saying why.
func TestRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		kind jixiao.ErrorKind
		page int // the page the error names, 0 for none
		want string
	}{
		{"xref-stream-size", pdftest.HugeXrefSizePDF(), jixiao.ErrMalformed, 0, "/Size 10000000000"},
		{"xref-stream-index", pdftest.HugeXrefIndexPDF(), jixiao.ErrMalformed, 0, "/Index pair 0 10000000000"},
		{"xref-subsection", pdftest.HugeXrefSubsectionPDF(), jixiao.ErrMalformed, 0, "subsection 0 10000000000"},
		{"xref-prev-loop", pdftest.PrevLoopPDF(), jixiao.ErrMalformed, 0, "/Prev leads back"},
		{"objstm-extends-loop", pdftest.ExtendsLoopPDF(), jixiao.ErrMalformed, 0, "/Extends chain loops"},
		{"objstm-n", pdftest.HugeObjStmNPDF(), jixiao.ErrMalformed, 0, "/N 10000000000"},
		{"rect-bomb", pdftest.RectBombPDF(), jixiao.ErrLimitExceeded, 1, "path segments"},
		{"save-bomb", pdftest.SaveBombPDF(), jixiao.ErrLimitExceeded, 1, "q (save state) nested deeper"},
		{"operand-bomb", pdftest.OperandBombPDF(), jixiao.ErrLimitExceeded, 1, "operands before an operator"},
		{"string-bomb", pdftest.StringBombPDF(), jixiao.ErrLimitExceeded, 1, "a string longer than"},
		{"glyph-bomb", pdftest.GlyphBombPDF(), jixiao.ErrLimitExceeded, 1, "glyphs"},
		{"space-bomb", pdftest.SpaceBombPDF(), jixiao.ErrLimitExceeded, 1, "bytes of content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err, alloc, took := rowsBounded(t, tc.data)
			var fe *jixiao.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v, want a *jixiao.Error", err)
			}
			if fe.Kind != tc.kind || fe.Page != tc.page || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q (kind %q, page %d), want kind %q, page %d, saying %q", err, fe.Kind, fe.Page, tc.kind, tc.page, tc.want)
			}
			if alloc > maxTestAlloc {
				t.Errorf("allocated %d MiB, want at most %d", alloc>>20, maxTestAlloc>>20)
			}
			t.Logf("%d bytes: %v, %d MiB, %v", len(tc.data), err, alloc>>20, took)
		})
	}
}

// TestToUnicodeBomb checks that a font whose ToUnicode stream inflates
// without bound is read only up to maxCMapBytes: the page's text is read,
// quickly and without big allocations.
func TestToUnicodeBomb(t *testing.T) {
	res, err, alloc, took := rowsBounded(t, pdftest.ToUnicodeBombPDF())
	t.Logf("%v, %d MiB, %v", err, alloc>>20, took)
	if err != nil || len(res.Rows) != 1 {
		t.Errorf("error %v, %d rows; want the page's one line", err, len(res.Rows))
	}
	if alloc > maxTestAlloc || took > 5*time.Second {
		t.Errorf("allocated %d MiB in %v", alloc>>20, took)
	}
}

// TestBlankPage checks that a page without /Contents is a blank page and
// the others are read.
func TestBlankPage(t *testing.T) {
	res, err := Rows(pdftest.BlankPagePDF())
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 2 || len(res.Blank) != 1 || res.Blank[0] != 2 || len(res.Rows) != 1 ||
		res.Rows[0].Cells[0].Text != "not a declaration form" {
		t.Errorf("result %+v, want page 2 blank and page 1's line read", res)
	}
}

// TestPagesLinear checks that reading pages costs time linear in their
// number: a flat page list of 8,000 pages takes less than 8 times as long
// as one of 2,000 (quadratic: 16 times), and under 20 s. The best of three
// runs is taken, against the noise of a busy machine.
func TestPagesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 30,000 pages")
	}
	timeOf := func(n int) time.Duration {
		data := pdftest.FlatPagesPDF(n)
		best := time.Duration(1 << 62)
		for range 3 {
			res, err, _, took := rowsBounded(t, data)
			if err != nil || res.Pages != n || len(res.Blank) != 0 {
				t.Fatalf("%d pages: %v, %d pages read, %d blank", n, err, res.Pages, len(res.Blank))
			}
			best = min(best, took)
		}
		return best
	}
	small, large := timeOf(2000), timeOf(8000)
	t.Logf("2,000 pages: %v; 8,000 pages: %v", small, large)
	if large > 8*small || large > 20*time.Second {
		t.Errorf("8,000 pages took %v, 2,000 took %v: not linear", large, small)
	}
}

// TestParseNumber checks the lexer's numbers against strconv.
func TestParseNumber(t *testing.T) {
	for _, s := range []string{"0", "72", "-3.25", "+.5", "595.276", "0.000001", "123456789012345678", "1e5", "--5", "5-", ".", "-"} {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			want = 0
		}
		if s == "." || s == "-" {
			want = 0
		}
		if got := parseNumber([]byte(s)); got != want {
			t.Errorf("parseNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
