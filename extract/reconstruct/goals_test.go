package reconstruct_test

import "testing"

// A goal row whose cells lost their columns (exports that drop blank
// cells) still gives one text to each goal, in the labels' order; other
// rows go by column.
func TestGoalRow(t *testing.T) {
	for _, tt := range []struct {
		name            string
		lines           []string
		overall, annual string
	}{
		{"by column", []string{"项目绩效目标|项目总目标||年度总体目标", "|a||b"}, "a", "b"},
		{"columns shifted", []string{"项目绩效目标|项目总目标|年度总体目标", "a|b"}, "a", "b"},
		{"labels the other way round", []string{"项目绩效目标|年度总体目标|项目总目标", "a|b"}, "b", "a"},
		{"wrapped under one goal", []string{"项目绩效目标|项目总目标||年度总体目标", "|a||b", "|||c"}, "a", "bc"},
		{"three cells go by column", []string{"项目绩效目标|项目总目标||年度总体目标", "|a|x|b"}, "ax", "b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := build(append([]string{title}, tt.lines...)...)
			if str(f.Goals.Overall) != tt.overall || str(f.Goals.Annual) != tt.annual {
				t.Errorf("goals %s / %s, want %s / %s", str(f.Goals.Overall), str(f.Goals.Annual), tt.overall, tt.annual)
			}
		})
	}
}
