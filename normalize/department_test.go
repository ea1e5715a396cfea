package normalize_test

import (
	"reflect"
	"testing"

	"jixiao"
	"jixiao/normalize"
)

func sp(s string) *string { return &s }

// deptForm is a department form with a name, a goal and a satisfaction
// indicator, and the given budget lines (raw "" for a blank) and tasks'
// amounts.
func deptForm(unit string, budget [][3]string, tasks ...string) jixiao.Form {
	f := jixiao.Form{
		FormType: jixiao.FormDepartmentTarget, Template: jixiao.TemplateDepartment,
		Department: sp("某局"), Goals: jixiao.Goals{Annual: sp("目标")}, FundsUnit: unit,
		Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标",
			Name: sp("满意度"), Value: sp("≥90%"), Flags: []string{}}},
	}
	for _, b := range budget {
		l := jixiao.BudgetLine{Basis: b[0], Label: b[1]}
		if b[2] != "" {
			l.Raw = sp(b[2])
		}
		f.BudgetRequest = append(f.BudgetRequest, l)
	}
	for _, a := range tasks {
		t := jixiao.Task{Name: sp("任务")}
		if a != "" {
			t.AmountRaw = sp(a)
		}
		f.Tasks = append(f.Tasks, t)
	}
	return f
}

func TestDepartment(t *testing.T) {
	in, ex := jixiao.BasisIncome, jixiao.BasisExpense
	for _, tt := range []struct {
		name    string
		f       jixiao.Form
		flags   []string
		amounts []float64 // budget lines, then tasks; -1 for nil
		unit    string
	}{
		{
			name: "adds up in 万元",
			f: deptForm(jixiao.FundsWanYuan, [][3]string{{"", "资金总额", "8650.5"}, {in, "公共财政拨款", "8100.5"},
				{in, "其他资金", "550"}, {ex, "基本支出", "3340"}, {ex, "项目支出", "5310.5"}}, "43.2", ""),
			amounts: []float64{86505000, 81005000, 5500000, 33400000, 53105000, 432000, -1},
			unit:    jixiao.FundsWanYuan,
		},
		{
			name: "both splits off",
			f: deptForm(jixiao.FundsYuan, [][3]string{{"", "资金总额", "100"}, {in, "公共财政拨款", "90"},
				{ex, "基本支出", "40"}, {ex, "项目支出", "61"}}),
			flags:   []string{"funds_mismatch@budget_request"},
			amounts: []float64{100, 90, 40, 61},
			unit:    jixiao.FundsYuan,
		},
		{
			name: "blank lines count as nothing",
			f: deptForm(jixiao.FundsYuan, [][3]string{{"", "资金总额", "100"}, {in, "公共财政拨款", "100"},
				{in, "政府性基金拨款", ""}}),
			amounts: []float64{100, 100, -1},
			unit:    jixiao.FundsYuan,
		},
		{
			name:    "a blank total, an amount that is not one",
			f:       deptForm(jixiao.FundsYuan, [][3]string{{"", "资金总额", ""}, {in, "公共财政拨款", "约100"}}, "五十"),
			flags:   []string{"amount_missing@budget_request[0].amount", "amount_unparsed@budget_request[1].amount", "amount_unparsed@tasks[0].amount"},
			amounts: []float64{-1, -1, -1},
			unit:    jixiao.FundsYuan,
		},
		{
			name:    "units in the cells",
			f:       deptForm("", [][3]string{{"", "资金总额", "250万"}, {in, "公共财政拨款", "250万"}}, "0"),
			amounts: []float64{2500000, 2500000, 0},
			unit:    jixiao.FundsWanYuan,
		},
		{
			name:    "no unit, small bare amounts",
			f:       deptForm("", [][3]string{{"", "资金总额", "865.6"}, {ex, "基本支出", "865.6"}}),
			flags:   []string{"funds_unit_unknown@funds_unit"},
			amounts: []float64{865.6, 865.6},
		},
		{
			name: "no budget request, no name, no goal",
			f: func() jixiao.Form {
				f := deptForm(jixiao.FundsYuan, nil)
				f.Department, f.Goals.Annual = nil, nil
				return f
			}(),
			flags:   []string{"field_missing@department", "field_missing@goals.annual", "field_missing@budget_request"},
			amounts: nil,
			unit:    jixiao.FundsYuan,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			normalize.Form(&f)
			var got []float64
			for _, l := range f.BudgetRequest {
				got = append(got, orNil(l.Amount))
			}
			for _, x := range f.Tasks {
				got = append(got, orNil(x.Amount))
			}
			if !reflect.DeepEqual(got, tt.amounts) {
				t.Errorf("amounts %v, want %v", got, tt.amounts)
			}
			var flags []string
			for _, fl := range f.Flags {
				flags = append(flags, fl.Code+"@"+fl.Field)
			}
			if !sameSet(flags, tt.flags) {
				t.Errorf("flags %v, want %v", flags, tt.flags)
			}
			if f.FundsUnit != tt.unit {
				t.Errorf("unit %q, want %q", f.FundsUnit, tt.unit)
			}
			again := f
			again.Flags = append([]jixiao.Flag(nil), f.Flags...)
			again.BudgetRequest = append([]jixiao.BudgetLine(nil), f.BudgetRequest...)
			normalize.Form(&again)
			if !reflect.DeepEqual(again.Flags, f.Flags) || !reflect.DeepEqual(again.BudgetRequest, f.BudgetRequest) {
				t.Error("a second Form changed the record")
			}
		})
	}
}

func orNil(p *float64) float64 {
	if p == nil {
		return -1
	}
	return *p
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, n := range m {
		if n != 0 {
			return false
		}
	}
	return true
}
