package reconstruct_test

import (
	"os"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
)

func TestFundsUnitDeclared(t *testing.T) {
	funds := func(label string) []string {
		return []string{label + "|项目资金总额|180.00|年度资金申请总额|180.00",
			"|其中：财政资金|180.00|其中：当年财政拨款|180.00", "|||上年结转资金|0.00", "|其他资金|0.00|其他资金|0.00"}
	}
	tests := []struct {
		name  string
		lines []string
		want  string
		flag  bool // funds_unit_unknown from reconstruct
	}{
		{"block label (元)", funds("项目资金(元)"), jixiao.FundsYuan, false},
		{"block label (元) with spaces", funds("项目资金 (元)"), jixiao.FundsYuan, false},
		{"block label （万元）", funds("项目资金（万元）"), jixiao.FundsWanYuan, false},
		{"block label (单位：万元)", funds("项目资金(单位：万元)"), jixiao.FundsWanYuan, false},
		{"block label (万) cut short", funds("项目资金（万）"), jixiao.FundsWanYuan, false},
		{"no unit", funds("项目资金"), "", false},
		{"unit line above the block", append([]string{"单位：万元"}, funds("项目资金")...), jixiao.FundsWanYuan, false},
		{"金额单位 beside the title row", append([]string{"||金额单位：万元"}, funds("项目资金")...), jixiao.FundsWanYuan, false},
		{"(单位:元) line", append([]string{"(单位:元)"}, funds("项目资金")...), jixiao.FundsYuan, false},
		{"unit line, its colon read as a full stop", append([]string{"单位．万元"}, funds("项目资金")...), jixiao.FundsWanYuan, false},
		{"unit line read as two cells", append([]string{"单位：|万元"}, funds("项目资金")...), jixiao.FundsWanYuan, false},
		{"金额单位 and its unit as two cells", append([]string{"||金额单位：|元"}, funds("项目资金")...), jixiao.FundsYuan, false},
		{"unit on a funds label", []string{"项目资金|项目资金总额（万元）|180.00|年度资金申请总额(万元)|180.00"}, jixiao.FundsWanYuan, false},
		{"label and line agree", append([]string{"单位：万元"}, funds("项目资金（万元）")...), jixiao.FundsWanYuan, false},
		{"label and line disagree", append([]string{"单位：万元"}, funds("项目资金(元)")...), "", true},
		{"unit in the grid is an indicator's", append(funds("项目资金"), gridHdr, "|产出指标|成本指标|单位：万元|≤90万元"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := build(append([]string{title}, tt.lines...)...)
			if f.FundsUnit != tt.want {
				t.Errorf("FundsUnit = %q, want %q", f.FundsUnit, tt.want)
			}
			flagged := false
			for _, fl := range f.Flags {
				if fl.Code == jixiao.FlagFundsUnitUnknown && fl.Field == "funds_unit" {
					flagged = true
				}
			}
			if flagged != tt.flag {
				t.Errorf("funds_unit_unknown = %v, want %v (%v)", flagged, tt.flag, f.Flags)
			}
			if f.FundsRaw.Total == nil || *f.FundsRaw.Total != "180.00" {
				t.Errorf("funds_raw.total = %v, want 180.00 as printed", f.FundsRaw.Total)
			}
		})
	}
	// A title cell that carries the unit.
	f := build(title+"（单位：万元）", "项目资金|项目资金总额|180.00")
	if f.FundsUnit != jixiao.FundsWanYuan || f.Title == "" {
		t.Errorf("title with unit: FundsUnit %q, title %q", f.FundsUnit, f.Title)
	}
}

// TestWanYuanForm reads the first fixture form printed in 万元, as other
// regions print it: its amounts must come out in 元, exactly, and its
// indicator values keep their own units (the target parsed as anywhere).
func TestWanYuanForm(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n\n")
	if !strings.Contains(first, "项目资金(元)") || !strings.Contains(first, "1,800,000.00") {
		t.Fatal("the first fixture form changed: update this test")
	}
	src := strings.NewReplacer("项目资金(元)", "项目资金（万元）", "1,800,000.00", "180.00",
		"档案损坏率\t\t\t\t0%", "档案损坏率\t\t\t\t≤90万元").Replace(first)
	f := build(strings.Split(strings.ReplaceAll(src, "\t", "|"), "\n")...)
	if f.FundsUnit != jixiao.FundsWanYuan || f.FundsRaw.Total == nil || *f.FundsRaw.Total != "180.00" {
		t.Fatalf("FundsUnit %q, funds_raw.total %v", f.FundsUnit, f.FundsRaw.Total)
	}
	normalize.Form(&f)
	fu := f.Funds
	for name, got := range map[string]*float64{"total": fu.Total, "annual_total": fu.AnnualTotal, "fiscal": fu.Fiscal, "appropriation": fu.Appropriation} {
		if got == nil || *got != 1800000 {
			t.Errorf("funds.%s = %v, want exactly 1800000", name, got)
		}
	}
	if fu.Carryover == nil || *fu.Carryover != 0 {
		t.Errorf("funds.carryover = %v", fu.Carryover)
	}
	for _, fl := range f.Flags {
		if strings.HasPrefix(fl.Field, "funds") {
			t.Errorf("flag %s on %s: %s", fl.Code, fl.Field, fl.Message)
		}
	}
	for _, ind := range f.Indicators {
		if *ind.Name == "档案损坏率" {
			// Target parsing is the funds unit's business no more than before:
			// ≤90万元 is ≤900000 元 in any form (magnitude applied, as always).
			tg, want := ind.Target, normalize.Value("≤90万元", f.Year)
			if tg.Value == nil || want.Value == nil || *tg.Value != *want.Value || *tg.Value != 900000 ||
				tg.Unit == nil || *tg.Unit != *want.Unit || *ind.Value != "≤90万元" {
				t.Errorf("档案损坏率 value %q target %+v, want %+v", *ind.Value, tg, want)
			}
			return
		}
	}
	t.Error("indicator 档案损坏率 not found")
}

func TestLevelWeights(t *testing.T) {
	f := build(title, gridHdr,
		"|产出指标(50分)|数量指标（20分）|a|1",
		"|||b|2",
		"||质量指标|c|合格",
		"|效益指标（30分）|社会效益指标|d|提升",
		"|||可持续影响指标(5分)|e|健全",
		"|满意度指标(10分)||f|≥90%",
		"||服务对象满意度指标|g|≥95%",
		"||数量指标|h|3")
	type w struct{ l1, l2 float64 } // -1: nil
	want := []w{{50, 20}, {50, 20}, {50, -1}, {30, -1}, {30, 5}, {10, -1}, {10, -1}, {-1, -1}}
	if len(f.Indicators) != len(want) {
		t.Fatalf("%d indicators, want %d", len(f.Indicators), len(want))
	}
	val := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return *p
	}
	for i, ind := range f.Indicators {
		if got := (w{val(ind.Level1Weight), val(ind.Level2Weight)}); got != want[i] {
			t.Errorf("indicator %d (%s %s %s): weights %v, want %v", i+1, ind.Level1, ind.Level2, *ind.Name, got, want[i])
		}
	}
	if f.Indicators[0].Level1 != jixiao.L1Output || f.Indicators[0].Level2 != "数量指标" {
		t.Errorf("levels of a weighted label: %q %q", f.Indicators[0].Level1, f.Indicators[0].Level2)
	}
	if f.Indicators[0].Level1Weight == f.Indicators[1].Level1Weight {
		t.Error("indicators share one weight pointer")
	}
}
