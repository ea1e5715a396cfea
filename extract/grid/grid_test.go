package grid

import "testing"

func TestCoverage(t *testing.T) {
	segs := []Segment{{0, 10, 40, 10}, {50, 10, 100, 10}}
	pick := func(s Segment) (float64, float64, bool) { return s.X1, s.X2, s.Y1 == 10 }
	if !Coverage(segs, pick, 0, 100) {
		t.Error("90% covered should count")
	}
	if Coverage(segs, pick, 0, 200) {
		t.Error("45% covered should not count")
	}
}

// box returns the four ruling lines of a rectangle.
func box(x1, y1, x2, y2 float64) []Segment {
	return []Segment{{x1, y1, x2, y1}, {x1, y2, x2, y2}, {x1, y1, x1, y2}, {x2, y1, x2, y2}}
}

// The same page in both orientations: a table whose first column is merged
// over three rows, and a small table above it (y up) or below it (y down).
// Tables come top first, and the merged cell covers rows 0..2.
func TestMergedColumn(t *testing.T) {
	for _, down := range []bool{false, true} {
		var segs []Segment
		segs = append(segs, box(0, 240, 300, 300)...)
		segs = append(segs, Segment{100, 240, 100, 300}, Segment{200, 240, 200, 300})
		segs = append(segs, Segment{100, 280, 300, 280}, Segment{100, 260, 300, 260})
		segs = append(segs, box(0, 400, 50, 450)...) // the small table
		ls := Tables(segs, Options{Tol: 1.5, YDown: down})
		if len(ls) != 2 {
			t.Fatalf("down=%v: %d tables, want 2", down, len(ls))
		}
		big, small := ls[1], ls[0] // y up: y=450 is the top of the page
		wantTop := 300.0
		if down {
			big, small = ls[0], ls[1]
			wantTop = 240
		}
		if len(small.Cells) != 1 {
			t.Errorf("down=%v: small table has %d cells", down, len(small.Cells))
		}
		if big.Ys[0] != wantTop {
			t.Errorf("down=%v: rows not top first: %v", down, big.Ys)
		}
		if len(big.Cells) != 7 {
			t.Fatalf("down=%v: %d cells, want 7: %+v", down, len(big.Cells), big.Cells)
		}
		if c := big.Cells[0]; c != (Cell{R0: 0, R1: 2, C0: 0, C1: 0}) {
			t.Errorf("down=%v: first cell %+v, want rows 0..2 of column 0", down, c)
		}
		if i := big.Locate(50, 250); i != 0 {
			t.Errorf("down=%v: Locate in the merged cell = %d", down, i)
		}
		if i := big.Locate(150, 250); i == 0 || i < 0 {
			t.Errorf("down=%v: Locate in column 1 = %d", down, i)
		}
		if i := big.Locate(500, 250); i != -1 {
			t.Errorf("down=%v: Locate outside = %d", down, i)
		}
		x0, x1, y0, y1 := big.Bounds(0)
		if x0 != 0 || x1 != 100 || y0 != wantTop || y1 != 540-wantTop {
			t.Errorf("down=%v: Bounds(0) = %v %v %v %v", down, x0, x1, y0, y1)
		}
	}
}

// A table whose right border was cut off (printed wider than its page) and
// whose bottom rule is missing still has its last column and row: the
// lines across run on to where the table ended.
func TestOuterRuleMissing(t *testing.T) {
	var segs []Segment
	for _, y := range []float64{0, 20, 40} { // horizontal lines to x=300, no rule at x=300
		segs = append(segs, Segment{0, y, 300, y})
	}
	for _, x := range []float64{0, 100, 200} { // vertical lines down to y=60, no rule at y=60
		segs = append(segs, Segment{x, 0, x, 60})
	}
	ls := Tables(segs, Options{Tol: 1.5, YDown: true})
	if len(ls) != 1 {
		t.Fatalf("%d tables, want 1", len(ls))
	}
	l := ls[0]
	if l.Cols() != 3 || l.Rows() != 3 {
		t.Fatalf("%d × %d grid (xs %v, ys %v), want 3 × 3", l.Rows(), l.Cols(), l.Xs, l.Ys)
	}
	if x0, x1, _, _ := l.Bounds(l.Owner(0, 2)); x0 != 200 || x1 != 300 {
		t.Errorf("last column %v..%v, want 200..300", x0, x1)
	}
	// One line running on alone (a title's underline) closes nothing.
	ls = Tables(append(box(0, 0, 100, 40), Segment{0, 20, 180, 20}), Options{Tol: 1.5, YDown: true})
	if ls[0].Cols() != 1 {
		t.Errorf("a single line running on made %d columns, want 1", ls[0].Cols())
	}
}

// The gaps of broken rules are not where the lines across end: a table
// whose rules are all broken at one place inside the last column, and
// whose right border is lost, still ends where the lines do.
func TestOuterRuleMissingBrokenLines(t *testing.T) {
	var segs []Segment
	for _, y := range []float64{0, 20, 40, 60} { // each line broken at x=250..254
		segs = append(segs, Segment{0, y, 250, y}, Segment{254, y, 300, y})
	}
	for _, x := range []float64{0, 100, 200} {
		segs = append(segs, Segment{x, 0, x, 60})
	}
	ls := Tables(segs, Options{Tol: 1.5, Reach: 5, YDown: true})
	if len(ls) != 1 {
		t.Fatalf("%d tables, want 1", len(ls))
	}
	if got := ls[0].Xs; len(got) != 4 || got[3] != 300 {
		t.Errorf("xs %v, want the last at 300", got)
	}
}
