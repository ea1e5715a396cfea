package render

// ncols returns the number of logical columns of the form's grid: NCols,
// or more for a grid that needs more (Form.cols).
func (f Form) ncols() int { return max(NCols, f.cols) }

// maxCols returns the largest ncols of the forms, NCols for none.
func maxCols(forms []Form) int {
	n := NCols
	for _, f := range forms {
		n = max(n, f.ncols())
	}
	return n
}

// spread returns n column widths for a layout whose NCols columns have the
// widths base: for n ≤ NCols, base itself (as a slice); for more, base
// resampled to n columns of the same total width, column j taking the
// width of the base column it starts in, so that the narrow and wide
// parts of the page stay where the layout puts them.
func spread(base [NCols]float64, n int) []float64 {
	if n <= NCols {
		return append([]float64(nil), base[:]...)
	}
	ws := make([]float64, n)
	total, sum := 0.0, 0.0
	for _, w := range base {
		total += w
	}
	for j := range ws {
		ws[j] = base[j*NCols/n]
		sum += ws[j]
	}
	for j := range ws {
		ws[j] *= total / sum
	}
	return ws
}
