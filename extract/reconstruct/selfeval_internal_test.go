package reconstruct

import (
	"testing"

	"jixiao"
)

func TestYuan(t *testing.T) {
	for _, tt := range []struct {
		in, unit string
		want     float64
		ok       bool
	}{
		{"120.5", jixiao.FundsWanYuan, 1205000, true},
		{"1,485.45", jixiao.FundsWanYuan, 14854500, true},
		{"43.2150", jixiao.FundsWanYuan, 432150, true},
		{"0", jixiao.FundsWanYuan, 0, true},
		{"250万", "", 2500000, true},
		{"250万元", jixiao.FundsYuan, 2500000, true},
		{"1,800.00", "", 1800, true},
		{"1,800.00元", jixiao.FundsWanYuan, 1800, true},
		{"—", jixiao.FundsWanYuan, 0, false},
		{"约100", jixiao.FundsWanYuan, 0, false},
		{"1e5", "", 0, false},
	} {
		got, ok := yuan(tt.in, tt.unit)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("yuan(%q, %q) = %v, %v; want %v, %v", tt.in, tt.unit, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAlign(t *testing.T) {
	grid := []seCol{seName, seValue, seActual, seWeight, seScore, seDeviation}
	budget := []seCol{seRowLabel, seInitial, seAdjusted, seExecuted, seBWeight, seRate, seBScore}
	for _, tt := range []struct {
		name  string
		texts []string
		cols  []seCol
		want  []seCol // nil: no alignment fits
	}{
		{"full", []string{"a", "≥5个", "6个", "10", "10", "无"}, grid, grid},
		{"no deviation", []string{"a", "≥5个", "6个", "10", "10"}, grid, grid[:5]},
		{"no actual", []string{"a", "≥5个", "10", "9", "原因"}, grid, []seCol{seName, seValue, seWeight, seScore, seDeviation}},
		{"no actual, no deviation", []string{"a", "≥5个", "10", "9"}, grid, []seCol{seName, seValue, seWeight, seScore}},
		{"name only", []string{"a"}, grid, []seCol{seName}},
		{"budget, parts only", []string{"其中：当年财政拨款", "100", "100", "90", "90%"}, budget, []seCol{seRowLabel, seInitial, seAdjusted, seExecuted, seRate}},
		{"budget, full", []string{"年度资金总额", "100", "100", "90", "10", "90%", "9"}, budget, budget},
		{"too many cells", []string{"a", "b", "c", "d", "e", "f", "g"}, grid, nil},
	} {
		got, ok := align(tt.texts, tt.cols)
		if ok != (tt.want != nil) || len(got) != len(tt.want) {
			t.Errorf("%s: align = %v, %v; want %v", tt.name, got, ok, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: align = %v, want %v", tt.name, got, tt.want)
				break
			}
		}
	}
}
