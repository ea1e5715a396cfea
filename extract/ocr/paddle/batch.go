package paddle

import (
	"cmp"
	"slices"
)

// batchLimits bounds one run of the recogniser.
type batchLimits struct {
	size    int // crops per run
	columns int // crops × padded width per run: bounds the input and output tensors
	// slack is how much wider than its narrowest crop a run may pad: a
	// crop joins a run while its width is at most slack × the run's first
	// (narrowest) width, or minWidth if more.
	slack float64
	// minWidth is the least padded width of a run.
	minWidth int
}

// planBatches orders crops of the given scaled widths (0 for an empty crop,
// which is left out) by width, narrowest first (by aspect ratio, as
// PaddleOCR does; ties keep their order), and cuts the order into runs
// within lim. Every non-empty crop is in exactly one run.
func planBatches(widths []int, lim batchLimits) [][]int {
	order := make([]int, 0, len(widths))
	for i, w := range widths {
		if w > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(widths[a], widths[b]) })
	var runs [][]int
	var run []int
	for _, i := range order {
		if len(run) > 0 {
			first := widths[run[0]]
			padded := max(widths[i], lim.minWidth)
			if len(run) >= lim.size ||
				(len(run)+1)*padded > lim.columns ||
				float64(widths[i]) > lim.slack*float64(max(first, lim.minWidth))+1e-9 {
				runs = append(runs, run)
				run = nil
			}
		}
		run = append(run, i)
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}
