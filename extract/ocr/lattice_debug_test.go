package ocr

import (
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"

	"jixiao/extract/grid"
)

// TestDebugLattice prints the lattice found on one fixture scan
// (JIXIAO_OCR_LATTICE=n): its lines and merged cells, and the vertical
// rules.
func TestDebugLattice(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_LATTICE"))
	if n == 0 {
		t.Skip()
	}
	data, _ := os.ReadFile(fmt.Sprintf("../../fixtures/scan/genpdf-a-%03d.jpg", n))
	g, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	dpi := 200.0
	th := otsu(g)
	bin := binarise(g, th)
	if a := skew(bin, w, h, int(dpi*0.1), 3); math.Abs(a) >= 0.05 {
		t.Logf("skew %.2f", a)
		g = rotate(g, a)
		bin = binarise(g, th)
	}
	rs := findRules(bin, w, h, dpi)
	segs := make([]grid.Segment, len(rs))
	for i, r := range rs {
		segs[i] = r.segment()
	}
	lats := grid.Tables(segs, grid.Options{Tol: math.Max(2, dpi/40), YDown: true})
	for _, l := range lats {
		t.Logf("Xs %v", l.Xs)
		t.Logf("Ys %v", l.Ys)
		for i, c := range l.Cells {
			if c.R0 != c.R1 || c.C0 != c.C1 {
				x0, x1, y0, y1 := l.Bounds(i)
				t.Logf("merged %+v  x %.0f-%.0f y %.0f-%.0f", c, x0, x1, y0, y1)
			}
		}
	}
	for _, s := range segs {
		if !s.Horizontal() {
			t.Logf("V x=%.1f y %.0f-%.0f", s.X1, s.Y1, s.Y2)
		}
	}
}
