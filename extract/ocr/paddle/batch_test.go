package paddle

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestPlanBatches(t *testing.T) {
	tests := []struct {
		name   string
		widths []int
		lim    batchLimits
		want   [][]int
	}{
		{"none", nil, batchLimits{size: 4, columns: 1 << 20, slack: 2, minWidth: 320}, nil},
		{"empty crops left out", []int{0, 100, 0}, batchLimits{size: 4, columns: 1 << 20, slack: 2, minWidth: 320}, [][]int{{1}}},
		{"one per run", []int{300, 100, 200}, batchLimits{size: 1, columns: 1 << 20, slack: 2, minWidth: 320}, [][]int{{1}, {2}, {0}}},
		{"sorted by width, ties in order", []int{500, 100, 100, 200}, batchLimits{size: 2, columns: 1 << 20, slack: 10, minWidth: 320}, [][]int{{1, 2}, {3, 0}}},
		// Under minWidth, all crops pad to it: any number fit together.
		{"narrow crops together", []int{50, 300, 120, 320}, batchLimits{size: 8, columns: 1 << 20, slack: 1.15, minWidth: 320}, [][]int{{0, 2, 1, 3}}},
		// 368 ≤ 1.15·320; 400 is not.
		{"slack", []int{100, 368, 400, 460, 470}, batchLimits{size: 8, columns: 1 << 20, slack: 1.15, minWidth: 320}, [][]int{{0, 1}, {2, 3}, {4}}},
		{"columns", []int{320, 320, 320, 320}, batchLimits{size: 8, columns: 3 * 320, slack: 2, minWidth: 320}, [][]int{{0, 1, 2}, {3}}},
		{"one crop over the columns still runs", []int{5000}, batchLimits{size: 8, columns: 1000, slack: 2, minWidth: 320}, [][]int{{0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := planBatches(tt.widths, tt.lim); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("planBatches(%v) = %v, want %v", tt.widths, got, tt.want)
			}
		})
	}
}

// Every non-empty crop is in exactly one run, runs keep within the limits
// (but for a lone crop wider than the columns), and runs go narrowest
// first.
func TestPlanBatchesInvariants(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 500 {
		widths := make([]int, rng.IntN(40))
		for i := range widths {
			if rng.IntN(5) > 0 {
				widths[i] = 1 + rng.IntN(3200)
			}
		}
		lim := batchLimits{size: 1 + rng.IntN(10), columns: 320 + rng.IntN(8000), slack: 1 + rng.Float64(), minWidth: 320}
		runs := planBatches(widths, lim)
		seen := make(map[int]bool)
		prevMax := 0
		for _, run := range runs {
			if len(run) == 0 || len(run) > lim.size {
				t.Fatalf("trial %d: run %v: size outside 1..%d", trial, run, lim.size)
			}
			padded, widest := lim.minWidth, 0
			for _, i := range run {
				if seen[i] || widths[i] == 0 {
					t.Fatalf("trial %d: crop %d (width %d) twice or empty", trial, i, widths[i])
				}
				seen[i] = true
				padded, widest = max(padded, widths[i]), max(widest, widths[i])
				if widths[i] < prevMax {
					t.Fatalf("trial %d: crop %d (width %d) after a run as wide as %d", trial, i, widths[i], prevMax)
				}
			}
			prevMax = widest
			if len(run) > 1 && len(run)*padded > lim.columns {
				t.Fatalf("trial %d: run %v pads to %d×%d > %d columns", trial, run, len(run), padded, lim.columns)
			}
			if first := max(widths[run[0]], lim.minWidth); float64(padded) > lim.slack*float64(first)+1e-9 {
				t.Fatalf("trial %d: run %v pads to %d, more than %.2f × %d", trial, run, padded, lim.slack, first)
			}
		}
		for i, w := range widths {
			if w > 0 && !seen[i] {
				t.Fatalf("trial %d: crop %d (width %d) in no run", trial, i, w)
			}
		}
	}
}
