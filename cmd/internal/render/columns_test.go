package render

import (
	"math"
	"testing"
)

// TestSpread checks that a layout's widths spread to any number of
// columns keep the layout's total width and stay positive, and that up to
// NCols columns the layout's own widths are returned.
func TestSpread(t *testing.T) {
	for name, l := range Layouts {
		total := 0.0
		for _, w := range l.Widths {
			total += w
		}
		for _, n := range []int{1, NCols, NCols + 1, 10, 13, 3 * NCols} {
			ws := spread(l.Widths, n)
			want := max(n, NCols)
			if len(ws) != want {
				t.Fatalf("%s, %d columns: %d widths, want %d", name, n, len(ws), want)
			}
			sum := 0.0
			for j, w := range ws {
				if w <= 0 {
					t.Errorf("%s, %d columns: width %d is %g", name, n, j, w)
				}
				if n <= NCols && w != l.Widths[j] {
					t.Errorf("%s, %d columns: width %d is %g, want the layout's %g", name, n, j, w, l.Widths[j])
				}
				sum += w
			}
			if math.Abs(sum-total) > 1e-9 {
				t.Errorf("%s, %d columns: total %g, want %g", name, n, sum, total)
			}
		}
	}
}
