package review_test

import (
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
	"jixiao/review"
)

// FuzzApply applies a correction of any field path and value to a
// fixture-like target form, a self-evaluation and a department form: it
// must not panic, the form given is not modified, and a field it accepts
// shows the value entered (a number in its shortest form; dates are shown
// normalised, so they are left out). A number that is not one is not
// applied.
func FuzzApply(f *testing.F) {
	for _, field := range append([]string{"indicators[0].value", "indicators[1].name", "indicators[9].value",
		"indicators[0].weight", "indicators[1].score", "indicators[0].actual", "indicators[1].deviation",
		"indicators[0].period", "indicators[0].direction", "indicators[1].standard", "indicators[0].note",
		"indicators[-1].value", "indicators[].value", "indicators[0]", "funds", "",
		"budget.total.executed", "budget.total.rate", "budget.total.score", "budget.total.label", "budget.total.",
		"budget..score", "header_extra.项目编码", "header_extra.", "tasks[0].amount", "tasks[0].name", "tasks[1].name",
		"budget_request[0].amount", "budget_request[4].label", "budget_request[5].amount"}, review.CorrectableFields...) {
		f.Add(field, "≥95%")
	}
	f.Add(jixiao.FieldFundsTotal, "1,000.50")
	f.Add(jixiao.FieldTotalScore, "96.5分")
	f.Add(jixiao.IndicatorField(0, jixiao.IndicatorWeight), "-1")
	f.Add(jixiao.IndicatorField(0, jixiao.IndicatorValue), "")
	f.Add(jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafInitial), "10万元")
	f.Add(jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafRate), "86％")
	f.Add(jixiao.IndicatorField(1, jixiao.IndicatorPeriod), "")
	f.Fuzz(func(t *testing.T, field, value string) {
		name, v := "项目", "约1360件"
		target := jixiao.Form{Year: 2023, ProjectName: &name, Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: "产出指标", Level2: "数量指标", Name: &name, Value: &v, Flags: []string{}},
			{Seq: 2, Level1: "产出指标", Level2: "数量指标", Name: &name, Flags: []string{jixiao.FlagValueMissing}},
		}, Flags: []jixiao.Flag{{Code: jixiao.FlagValueMissing, Field: jixiao.IndicatorField(1, jixiao.IndicatorValue)}}}
		var nv *string
		if value != "" {
			nv = &value
		}
		for _, base := range []jixiao.Form{target, selfEvalForm(), departmentForm()} {
			before := jsonOf(t, base)
			got := review.Apply(base, []jixiao.Correction{{Field: field, New: nv}})
			if jsonOf(t, base) != before {
				t.Fatalf("the original form was modified")
			}
			cur, err := review.FieldValue(got, field)
			if err != nil || field == jixiao.FieldStartDate || field == jixiao.FieldEndDate {
				continue
			}
			want, ok := shownAfter(field, nv)
			if !ok { // not a number: not applied
				was, _ := review.FieldValue(base, field)
				if deref(cur) != deref(was) {
					t.Errorf("%s shows %v after a correction to %q, not a number; it showed %v", field, cur, value, was)
				}
				continue
			}
			if (cur == nil) != (want == nil) || (cur != nil && *cur != *want) {
				t.Errorf("%s shows %v after a correction to %q, want %v", field, cur, value, want)
			}
		}
	})
}

// shownAfter returns what field shows after a correction to v (nil:
// cleared), as FuzzApply expects it: a number in its shortest form, a
// cleared period as annual, anything else as entered; ok false for a
// number that is not one.
func shownAfter(field string, v *string) (shown *string, ok bool) {
	_, budgetLeaf, budget := jixiao.BudgetCell(field)
	_, indicator := jixiao.IndicatorIndex(field)
	leaf := field[strings.LastIndex(field, ".")+1:]
	if v == nil {
		if indicator && leaf == jixiao.IndicatorPeriod {
			return ptr(jixiao.PeriodAnnual), true
		}
		return nil, true
	}
	number := func(s string) (*string, bool) {
		n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
			return nil, false
		}
		return ptr(strconv.FormatFloat(n, 'f', -1, 64)), true
	}
	trimmed := strings.TrimSpace(*v)
	switch {
	case field == jixiao.FieldTotalScore, indicator && (leaf == jixiao.IndicatorWeight || leaf == jixiao.IndicatorScore),
		budget && (budgetLeaf == jixiao.BudgetLeafWeight || budgetLeaf == jixiao.BudgetLeafScore):
		return number(strings.TrimSuffix(trimmed, "分"))
	case budget && budgetLeaf == jixiao.BudgetLeafRate:
		return number(strings.TrimSuffix(strings.ReplaceAll(trimmed, "％", "%"), "%"))
	case budget && budgetLeaf != jixiao.BudgetLeafLabel:
		n, _, ok := normalize.Yuan(*v, jixiao.FundsYuan)
		if !ok || n < 0 {
			return nil, false
		}
		return ptr(strconv.FormatFloat(n, 'f', -1, 64)), true
	}
	return v, true
}

// TestApplyRederivesFundsUnit: a flag normalize raises on a field the
// reviewer did not touch (the funds' unit) is derived again from the
// corrected record: correcting the one amount that lacked a unit clears
// funds_unit_unknown.
func TestApplyRederivesFundsUnit(t *testing.T) {
	name, total, annual := "项目", "250万元", "2500000"
	f := jixiao.Form{Year: 2023, ProjectName: &name, FundsRaw: jixiao.FundsRaw{Total: &total, AnnualTotal: &annual}}
	normalize.Form(&f)
	has := func(f jixiao.Form) bool {
		return slices.ContainsFunc(f.Flags, func(fl jixiao.Flag) bool { return fl.Code == jixiao.FlagFundsUnitUnknown })
	}
	if !has(f) {
		t.Fatalf("the form before the correction has no %s flag: %+v", jixiao.FlagFundsUnitUnknown, f.Flags)
	}
	fixed := "250万元"
	got := review.Apply(f, []jixiao.Correction{{Field: jixiao.FieldFundsAnnualTotal, New: &fixed}})
	if has(got) {
		t.Errorf("after correcting %s to %q the form still has %s: %+v", jixiao.FieldFundsAnnualTotal, fixed, jixiao.FlagFundsUnitUnknown, got.Flags)
	}
}

// TestApplyLatestWins: for each field the latest correction wins, a
// correction of a field the form lacks is ignored, and no corrections
// leave the form as it is.
func TestApplyLatestWins(t *testing.T) {
	name, v := "项目", "约1360件"
	base := jixiao.Form{Year: 2023, ProjectName: &name, Indicators: []jixiao.Indicator{
		{Seq: 1, Level1: "产出指标", Level2: "数量指标", Name: &name, Value: &v, Flags: []string{}}}, Flags: []jixiao.Flag{}}
	c := func(field string, value *string) jixiao.Correction {
		return jixiao.Correction{Field: field, New: value}
	}
	first, second := "甲", "乙"
	tests := []struct {
		name  string
		cs    []jixiao.Correction
		field string
		want  *string
	}{
		{"none", nil, jixiao.FieldProjectName, &name},
		{"latest wins", []jixiao.Correction{c(jixiao.FieldProjectName, &first), c(jixiao.FieldProjectName, &second)}, jixiao.FieldProjectName, &second},
		{"cleared", []jixiao.Correction{c(jixiao.FieldProjectName, &first), c(jixiao.FieldProjectName, nil)}, jixiao.FieldProjectName, nil},
		{"absent indicator ignored", []jixiao.Correction{c(jixiao.IndicatorField(5, jixiao.IndicatorName), &first)}, jixiao.FieldProjectName, &name},
		{"indicator name", []jixiao.Correction{c(jixiao.IndicatorField(0, jixiao.IndicatorName), &first)}, jixiao.IndicatorField(0, jixiao.IndicatorName), &first},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := review.FieldValue(review.Apply(base, tt.cs), tt.field)
			if err != nil || (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("%s = %v, %v; want %v", tt.field, got, err, tt.want)
			}
		})
	}
	if _, err := review.FieldValue(base, jixiao.FieldYear); !errors.Is(err, review.ErrBadField) {
		t.Errorf("FieldValue(%s): %v, want ErrBadField", jixiao.FieldYear, err)
	}
}

// TestCorrected: the latest correction of each field, in the order the
// fields were first corrected.
func TestCorrected(t *testing.T) {
	c := func(id int64, field string) jixiao.Correction { return jixiao.Correction{ID: id, Field: field} }
	r := review.Form{Corrections: []jixiao.Correction{
		c(1, jixiao.FieldDepartment), c(2, jixiao.FieldProjectName), c(3, jixiao.FieldDepartment)}}
	var got []int64
	for _, x := range r.Corrected() {
		got = append(got, x.ID)
	}
	if want := []int64{3, 2}; !slices.Equal(got, want) {
		t.Errorf("Corrected: ids %v, want %v", got, want)
	}
}
