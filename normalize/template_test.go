package normalize_test

import (
	"slices"
	"testing"

	"jixiao"
	"jixiao/normalize"
)

// A field the form's layout does not print is not flagged missing, and
// 上年结转资金, printed by the standard form alone, counts as 0 in the
// annual identity of the others.
func TestTemplateFlags(t *testing.T) {
	s := func(v string) *string { return &v }
	name := s("x")
	for _, tt := range []struct {
		name     string
		template string
		funds    jixiao.FundsRaw
		goals    jixiao.Goals
		want     []string // code@field of the form's flags
	}{
		{"standard form: every field", jixiao.TemplateShanghai,
			jixiao.FundsRaw{AnnualTotal: s("10"), Appropriation: s("10"), AnnualOther: s("0")},
			jixiao.Goals{Annual: s("a")},
			[]string{"field_missing@project_nature", "field_missing@project_category", "field_missing@department",
				"field_missing@implementing_unit", "field_missing@start_date", "field_missing@end_date",
				"amount_missing@funds.total", "amount_missing@funds.fiscal", "amount_missing@funds.carryover",
				"amount_missing@funds.other", "field_missing@goals.overall"}},
		{"88号: no carryover, its header", jixiao.TemplateMOF88,
			jixiao.FundsRaw{Total: s("30"), Fiscal: s("30"), Other: s("0"), AnnualTotal: s("10"), Appropriation: s("9"), AnnualOther: s("1")},
			jixiao.Goals{Overall: s("o"), Annual: s("a")},
			[]string{"field_missing@project_nature", "field_missing@department", "field_missing@implementing_unit"}},
		{"88号: the identity without carryover", jixiao.TemplateMOF88,
			jixiao.FundsRaw{Total: s("30"), Fiscal: s("30"), Other: s("0"), AnnualTotal: s("10"), Appropriation: s("8"), AnnualOther: s("1")},
			jixiao.Goals{Overall: s("o"), Annual: s("a")},
			[]string{"field_missing@project_nature", "field_missing@department", "field_missing@implementing_unit", "funds_mismatch@funds"}},
		{"other layout: the annual column alone", jixiao.TemplateTarget,
			jixiao.FundsRaw{AnnualTotal: s("10"), Appropriation: s("10")},
			jixiao.Goals{},
			[]string{"field_missing@department", "amount_missing@funds.annual_other", "field_missing@goals.annual"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := jixiao.Form{Template: tt.template, ProjectName: name, FundsRaw: tt.funds, Goals: tt.goals,
				FundsUnit:  jixiao.FundsWanYuan,
				Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Name: s("满意度"), Value: s("≥90%")}}}
			normalize.Form(&f)
			var got []string
			for _, fl := range f.Flags {
				got = append(got, fl.Code+"@"+fl.Field)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("flags\n %v\nwant %v", got, tt.want)
			}
		})
	}
}
