package review_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
	"jixiao/review"
	"jixiao/store"
)

var ctxBG = context.Background()

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// docs counts the documents saveForms made, to tell them apart.
var docs int

// saveForms stores forms in db, as one new document, and returns their
// ids.
func saveForms(t *testing.T, db *store.DB, forms ...jixiao.Form) []int64 {
	t.Helper()
	docs++
	doc := store.Document{Path: fmt.Sprintf("family-%d.txt", docs), SHA256: fmt.Sprintf("%064x", docs), Kind: jixiao.KindText, Size: 1}
	if _, _, err := db.SaveDocument(ctxBG, doc, forms); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, f := range forms {
		ids = append(ids, f.ID)
	}
	return ids
}

// selfEvalForm is a self-evaluation form whose scores add up: weights 50,
// 40 and the budget block's 10; scores 50, 40 and 8.6 of a total of 98.6.
// It raises no flag.
func selfEvalForm() jixiao.Form {
	f := jixiao.Form{FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval, Year: 2023,
		ProjectName: ptr("培训项目"), Department: ptr("教育局"), ImplementingUnit: ptr("培训中心"),
		HeaderExtra: map[string]string{jixiao.LabelProjectCode: "P-001"},
		Goals:       jixiao.Goals{Expected: ptr("完成培训500人次"), Achieved: ptr("完成培训520人次")},
		FundsUnit:   jixiao.FundsYuan, TotalScore: ptr(98.6), Grade: ptr("优"),
		Budget: map[string]jixiao.BudgetRow{jixiao.BudgetTotal: {Label: jixiao.LabelFundsYearTotal,
			Initial: ptr(100000.0), Adjusted: ptr(120000.0), Executed: ptr(103200.0), Weight: ptr(10.0), Rate: ptr(86.0), Score: ptr(8.6)}},
		Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: ptr("培训人次"), Value: ptr("≥500人次"),
				ValueParts: []string{"≥", "500", "人次"}, Period: jixiao.PeriodAnnual, Actual: ptr("520人次"),
				Weight: ptr(50.0), Score: ptr(50.0), Confidence: 1},
			{Seq: 2, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Name: ptr("学员满意度"), Value: ptr("≥90%"),
				Period: jixiao.PeriodAnnual, Actual: ptr("95%"), Weight: ptr(40.0), Score: ptr(40.0), Confidence: 1},
		}}
	normalize.Form(&f)
	return f
}

// departmentForm is a whole-department form in 万元 whose budget request
// adds up both ways (100 = 60 + 40 = 30 + 70), with one task. It raises no
// flag.
func departmentForm() jixiao.Form {
	line := func(basis, label, raw string) jixiao.BudgetLine {
		return jixiao.BudgetLine{Basis: basis, Label: label, Raw: &raw}
	}
	f := jixiao.Form{FormType: jixiao.FormDepartmentTarget, Template: jixiao.TemplateDepartment, Year: 2024,
		Department: ptr("交通局"), FundsUnit: jixiao.FundsWanYuan, Goals: jixiao.Goals{Annual: ptr("保障道路畅通")},
		HeaderExtra: map[string]string{jixiao.LabelDeptDuties: "道路建设与养护"},
		Tasks:       []jixiao.Task{{Name: ptr("农村公路养护"), Content: ptr("养护1000公里"), AmountRaw: ptr("20")}},
		BudgetRequest: []jixiao.BudgetLine{
			line("", jixiao.LabelRequestTotal, "100"),
			line(jixiao.BasisIncome, jixiao.LabelPublicFinance, "60"), line(jixiao.BasisIncome, jixiao.LabelFundsOther, "40"),
			line(jixiao.BasisExpense, jixiao.LabelBasicExpense, "30"), line(jixiao.BasisExpense, jixiao.LabelProjectExpense, "70"),
		},
		Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: ptr("养护里程"), Value: ptr("≥1000公里"),
				Standard: ptr("计划标准"), Note: ptr("年度养护里程"), Direction: ptr(jixiao.DirectionPositive), Confidence: 1},
			{Seq: 2, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Name: ptr("群众满意度"), Value: ptr("≥90%"), Confidence: 1},
		}}
	normalize.Form(&f)
	return f
}

// flagSet returns the form's flags as "code@field", sorted.
func flagSet(f jixiao.Form) []string {
	var out []string
	for _, fl := range f.Flags {
		out = append(out, fl.Code+"@"+fl.Field)
	}
	sort.Strings(out)
	return out
}

func correction(field string, v *string) jixiao.Correction {
	return jixiao.Correction{Field: field, New: v}
}

// TestApplyFamilyFields applies a correction to each field of the form
// family's blocks and checks what the corrected record then holds: the
// value shown, and the number or list behind it.
func TestApplyFamilyFields(t *testing.T) {
	se, dept := selfEvalForm(), departmentForm()
	if fl := flagSet(se); len(fl) != 0 {
		t.Fatalf("the self-evaluation form has flags before any correction: %v", fl)
	}
	if fl := flagSet(dept); len(fl) != 0 {
		t.Fatalf("the department form has flags before any correction: %v", fl)
	}
	total := func(leaf string) string { return jixiao.BudgetField(jixiao.BudgetTotal, leaf) }
	ind := func(i int, leaf string) string { return jixiao.IndicatorField(i, leaf) }
	tests := []struct {
		name  string
		form  jixiao.Form
		field string
		value *string // nil clears the field
		shown *string // FieldValue afterwards
		check func(jixiao.Form) bool
	}{
		{"budget amount in 元", se, total(jixiao.BudgetLeafExecuted), ptr("103,250.5"), ptr("103250.5"),
			func(f jixiao.Form) bool { return *f.Budget[jixiao.BudgetTotal].Executed == 103250.5 }},
		{"budget amount in 万元", se, total(jixiao.BudgetLeafInitial), ptr("10万元"), ptr("100000"),
			func(f jixiao.Form) bool { return *f.Budget[jixiao.BudgetTotal].Initial == 100000 }},
		{"budget amount cleared", se, total(jixiao.BudgetLeafAdjusted), nil, nil,
			func(f jixiao.Form) bool { return f.Budget[jixiao.BudgetTotal].Adjusted == nil }},
		{"budget rate", se, total(jixiao.BudgetLeafRate), ptr("86.5%"), ptr("86.5"),
			func(f jixiao.Form) bool { return *f.Budget[jixiao.BudgetTotal].Rate == 86.5 }},
		{"budget weight", se, total(jixiao.BudgetLeafWeight), ptr("10分"), ptr("10"),
			func(f jixiao.Form) bool { return *f.Budget[jixiao.BudgetTotal].Weight == 10 }},
		{"budget label", se, total(jixiao.BudgetLeafLabel), ptr("年度资金总额（元）"), ptr("年度资金总额（元）"),
			func(f jixiao.Form) bool { return f.Budget[jixiao.BudgetTotal].Label == "年度资金总额（元）" }},
		{"header_extra changed", se, jixiao.HeaderExtraField(jixiao.LabelProjectCode), ptr("P-002"), ptr("P-002"),
			func(f jixiao.Form) bool { return f.HeaderExtra[jixiao.LabelProjectCode] == "P-002" }},
		{"header_extra added", se, jixiao.HeaderExtraField(jixiao.LabelProjectHead), ptr("张三"), ptr("张三"),
			func(f jixiao.Form) bool {
				return len(f.HeaderExtra) == 2 && f.HeaderExtra[jixiao.LabelProjectHead] == "张三"
			}},
		{"header_extra cleared", se, jixiao.HeaderExtraField(jixiao.LabelProjectCode), nil, nil,
			func(f jixiao.Form) bool { return f.HeaderExtra == nil }},
		{"value drops its split cells", se, ind(0, jixiao.IndicatorValue), ptr("≥600人次"), ptr("≥600人次"),
			func(f jixiao.Form) bool {
				return f.Indicators[0].ValueParts == nil && f.Indicators[0].Target.Value != nil && *f.Indicators[0].Target.Value == 600
			}},
		{"period", se, ind(1, jixiao.IndicatorPeriod), ptr(jixiao.PeriodMediumTerm), ptr(jixiao.PeriodMediumTerm),
			func(f jixiao.Form) bool { return f.Indicators[1].Period == jixiao.PeriodMediumTerm }},
		{"period cleared reads annual", se, ind(1, jixiao.IndicatorPeriod), nil, ptr(jixiao.PeriodAnnual),
			func(f jixiao.Form) bool { return f.Indicators[1].Period == "" }},
		{"direction", dept, ind(0, jixiao.IndicatorDirection), ptr(jixiao.DirectionNegative), ptr(jixiao.DirectionNegative),
			func(f jixiao.Form) bool { return *f.Indicators[0].Direction == jixiao.DirectionNegative }},
		{"standard", dept, ind(0, jixiao.IndicatorStandard), ptr("行业标准"), ptr("行业标准"),
			func(f jixiao.Form) bool { return *f.Indicators[0].Standard == "行业标准" }},
		{"note cleared", dept, ind(0, jixiao.IndicatorNote), nil, nil,
			func(f jixiao.Form) bool { return f.Indicators[0].Note == nil }},
		{"task name", dept, jixiao.TaskField(0, jixiao.TaskName), ptr("县道养护"), ptr("县道养护"),
			func(f jixiao.Form) bool { return *f.Tasks[0].Name == "县道养护" }},
		{"task content", dept, jixiao.TaskField(0, jixiao.TaskContent), ptr("养护800公里"), ptr("养护800公里"),
			func(f jixiao.Form) bool { return *f.Tasks[0].Content == "养护800公里" }},
		{"task amount as printed, in the form's unit", dept, jixiao.TaskField(0, jixiao.TaskAmount), ptr("25"), ptr("25"),
			func(f jixiao.Form) bool { return *f.Tasks[0].AmountRaw == "25" && *f.Tasks[0].Amount == 250000 }},
		{"budget line amount", dept, jixiao.BudgetLineField(0, jixiao.LineAmount), ptr("100.5"), ptr("100.5"),
			func(f jixiao.Form) bool { return *f.BudgetRequest[0].Amount == 1005000 }},
		{"budget line label", dept, jixiao.BudgetLineField(1, jixiao.LineLabel), ptr(jixiao.LabelPublicFinanceAlt), ptr(jixiao.LabelPublicFinanceAlt),
			func(f jixiao.Form) bool { return f.BudgetRequest[1].Label == jixiao.LabelPublicFinanceAlt }},
		{"department's header_extra", dept, jixiao.HeaderExtraField(jixiao.LabelDeptDuties), ptr("道路养护"), ptr("道路养护"),
			func(f jixiao.Form) bool { return f.HeaderExtra[jixiao.LabelDeptDuties] == "道路养护" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := jsonOf(t, tt.form)
			got := review.Apply(tt.form, []jixiao.Correction{correction(tt.field, tt.value)})
			if jsonOf(t, tt.form) != before {
				t.Fatalf("Apply modified the form it was given")
			}
			shown, err := review.FieldValue(got, tt.field)
			if err != nil || deref(shown) != deref(tt.shown) || (shown == nil) != (tt.shown == nil) {
				t.Errorf("%s shows %v, %v; want %v", tt.field, shown, err, tt.shown)
			}
			if !tt.check(got) {
				t.Errorf("after correcting %s to %v the record is %s", tt.field, tt.value, jsonOf(t, got))
			}
		})
	}
}

// TestApplyRederivesFamilyFlags: a self-evaluation's score flags and a
// department form's amount flags follow the corrected record, raised by a
// correction that breaks a sum and resolved by one that mends it, on the
// corrected field or another.
func TestApplyRederivesFamilyFlags(t *testing.T) {
	se, dept := selfEvalForm(), departmentForm()
	misread := review.Apply(se, []jixiao.Correction{correction(jixiao.IndicatorField(0, jixiao.IndicatorScore), ptr("45"))})
	misread.Flags = append(misread.Flags, jixiao.Flag{Code: jixiao.FlagLowConfidence, Field: jixiao.IndicatorField(0, jixiao.IndicatorScore)})
	ind := func(i int, leaf string) string { return jixiao.IndicatorField(i, leaf) }
	budget := func(leaf string) string { return jixiao.BudgetField(jixiao.BudgetTotal, leaf) }
	at := func(code, field string) string { return code + "@" + field }
	tests := []struct {
		name string
		form jixiao.Form
		cs   []jixiao.Correction
		want []string
	}{
		{"a score that lost points", se, []jixiao.Correction{correction(ind(0, jixiao.IndicatorScore), ptr("45"))},
			[]string{at(jixiao.FlagScoreSumMismatch, jixiao.FieldTotalScore), at(jixiao.FlagScoreVsActual, ind(0, jixiao.IndicatorScore))}},
		{"the misread score mended", misread, []jixiao.Correction{correction(ind(0, jixiao.IndicatorScore), ptr("50"))}, nil},
		{"the total made to fit the misread score", misread, []jixiao.Correction{correction(jixiao.FieldTotalScore, ptr("93.6"))},
			[]string{at(jixiao.FlagLowConfidence, ind(0, jixiao.IndicatorScore)), at(jixiao.FlagScoreVsActual, ind(0, jixiao.IndicatorScore))}},
		{"a weight below its score", se, []jixiao.Correction{correction(ind(0, jixiao.IndicatorWeight), ptr("40"))},
			[]string{at(jixiao.FlagScoreOverWeight, ind(0, jixiao.IndicatorScore)), at(jixiao.FlagWeightTotal, jixiao.FieldIndicators)}},
		{"a budget score over its weight", se, []jixiao.Correction{correction(budget(jixiao.BudgetLeafScore), ptr("12"))},
			[]string{at(jixiao.FlagScoreOverWeight, budget(jixiao.BudgetLeafScore)), at(jixiao.FlagScoreSumMismatch, jixiao.FieldTotalScore)}},
		{"two points of weight moved to the budget block", se, []jixiao.Correction{
			correction(budget(jixiao.BudgetLeafWeight), ptr("12")), correction(budget(jixiao.BudgetLeafScore), ptr("10.6")),
			correction(ind(1, jixiao.IndicatorWeight), ptr("38")), correction(ind(1, jixiao.IndicatorScore), ptr("38"))}, nil},
		{"an actual that misses, scored full", se, []jixiao.Correction{correction(ind(0, jixiao.IndicatorActual), ptr("480人次"))},
			[]string{at(jixiao.FlagScoreVsActual, ind(0, jixiao.IndicatorScore))}},
		{"a bare target read as a ceiling", se, []jixiao.Correction{
			correction(ind(0, jixiao.IndicatorValue), ptr("500人次")), correction(ind(0, jixiao.IndicatorDirection), ptr(jixiao.DirectionNegative))},
			[]string{at(jixiao.FlagScoreVsActual, ind(0, jixiao.IndicatorScore))}},
		{"a budget line that breaks the split", dept, []jixiao.Correction{correction(jixiao.BudgetLineField(1, jixiao.LineAmount), ptr("50"))},
			[]string{at(jixiao.FlagFundsMismatch, jixiao.FieldBudgetRequest)}},
		{"the total cleared", dept, []jixiao.Correction{correction(jixiao.BudgetLineField(0, jixiao.LineAmount), nil)},
			[]string{at(jixiao.FlagAmountMissing, jixiao.BudgetLineField(0, jixiao.LineAmount))}},
		{"a task amount still not an amount", dept, []jixiao.Correction{correction(jixiao.TaskField(0, jixiao.TaskAmount), ptr("二十"))},
			[]string{at(jixiao.FlagAmountUnparsed, jixiao.TaskField(0, jixiao.TaskAmount))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := flagSet(review.Apply(tt.form, tt.cs))
			want := slices.Clone(tt.want)
			sort.Strings(want)
			if !slices.Equal(got, want) {
				t.Errorf("flags %v, want %v", got, want)
			}
		})
	}
}

// TestFamilyFieldsRefused: the paths that name no field of the form, and
// the values a field does not take.
func TestFamilyFieldsRefused(t *testing.T) {
	se, dept := selfEvalForm(), departmentForm()
	for _, tt := range []struct {
		form  jixiao.Form
		field string
	}{
		{se, jixiao.BudgetField(jixiao.BudgetCarryover, jixiao.BudgetLeafExecuted)}, // no such row
		{se, jixiao.BudgetField(jixiao.BudgetTotal, "reason")},
		{se, jixiao.BudgetField(jixiao.BudgetTotal, "")},
		{dept, jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafScore)}, // no budget block
		{se, jixiao.TaskField(0, jixiao.TaskName)},
		{dept, jixiao.TaskField(1, jixiao.TaskName)},
		{dept, jixiao.TaskField(0, jixiao.TaskAmountRaw)},
		{dept, jixiao.BudgetLineField(5, jixiao.LineAmount)},
		{dept, jixiao.BudgetLineField(0, "basis")},
		{dept, jixiao.BudgetLineField(0, jixiao.LineRaw)},
		{dept, jixiao.HeaderExtraField("")},
		{dept, jixiao.HeaderExtraField(" 项目期")},
		{dept, jixiao.IndicatorField(0, jixiao.IndicatorValueParts)},
		{dept, jixiao.IndicatorField(0, jixiao.IndicatorLevel1)},
		{dept, "indicators[00].name"},
	} {
		if _, err := review.FieldValue(tt.form, tt.field); !errors.Is(err, review.ErrBadField) {
			t.Errorf("FieldValue(%s): %v, want ErrBadField", tt.field, err)
		}
	}
	db, _ := openDB(t)
	ids := saveForms(t, db, se, dept)
	for _, tt := range []struct {
		id           int64
		field, value string
		want         string // ValueError.Want
	}{
		{ids[0], jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), "十万", "an amount in 元"},
		{ids[0], jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), "-5", "an amount in 元"},
		{ids[0], jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafRate), "八成", "a percentage"},
		{ids[0], jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafScore), "NaN", "a number of points"},
		{ids[0], jixiao.IndicatorField(0, jixiao.IndicatorPeriod), "中期", jixiao.PeriodAnnual + " or " + jixiao.PeriodMediumTerm},
		{ids[1], jixiao.IndicatorField(0, jixiao.IndicatorDirection), "正", jixiao.DirectionPositive + " or " + jixiao.DirectionNegative},
		{ids[1], jixiao.TaskField(0, jixiao.TaskAmount), "二十", "an amount"},
		{ids[1], jixiao.BudgetLineField(0, jixiao.LineAmount), "约100", "an amount"},
		{ids[1], jixiao.FieldFundsTotal, "一百万", "an amount"},
	} {
		_, _, err := review.Correct(ctxBG, db, review.Edit{FormID: tt.id, Field: tt.field, Value: tt.value, Reviewer: "王芳"})
		var ve *review.ValueError
		if !errors.Is(err, review.ErrBadValue) || !errors.As(err, &ve) || ve.Want != tt.want || ve.Value != tt.value {
			t.Errorf("correct %s to %q: %v, want a ValueError wanting %s", tt.field, tt.value, err, tt.want)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("the error %q does not say what the field takes", err)
		}
	}
	if n := queryRow(t, db, `SELECT count(*) FROM corrections`)[0]; n != "0" {
		t.Errorf("%s corrections stored for refused values", n)
	}
}

// TestDisagreementsAgreeWithView saves two readings of a self-evaluation
// form and two of a department form, differing in fields of every block,
// corrects some of them (to agree, and to disagree anew), and checks that
// Disagreements finds the fields the readings differ on, and the fields
// the view form_disagreements lists.
func TestDisagreementsAgreeWithView(t *testing.T) {
	db, _ := openDB(t)
	a, c := selfEvalForm(), departmentForm()
	b, d := a, c // other readings: the fields changed below differ
	b.HeaderExtra = map[string]string{jixiao.LabelProjectCode: "P-009", jixiao.LabelProjectHead: "李四"}
	b.Goals.Achieved = ptr("完成培训510人次")
	row := a.Budget[jixiao.BudgetTotal]
	row.Executed, row.Rate = ptr(103000.0), ptr(85.8)
	b.Budget = map[string]jixiao.BudgetRow{jixiao.BudgetTotal: row}
	b.Grade = ptr("良")
	b.Indicators = slices.Clone(a.Indicators)
	b.Indicators[0].Actual, b.Indicators[0].Deviation = ptr("510人次"), ptr("无")
	b.Indicators[1].Weight, b.Indicators[1].Period = ptr(45.0), jixiao.PeriodMediumTerm
	d.HeaderExtra = map[string]string{jixiao.LabelDeptDuties: "道路养护"}
	d.Tasks = []jixiao.Task{{Name: c.Tasks[0].Name, Content: c.Tasks[0].Content, AmountRaw: ptr("25")},
		{Name: ptr("桥梁检测"), AmountRaw: ptr("5")}}
	d.BudgetRequest = slices.Clone(c.BudgetRequest)
	d.BudgetRequest[1].Label = jixiao.LabelPublicFinanceAlt
	d.Indicators = slices.Clone(c.Indicators)
	d.Indicators[0].Direction, d.Indicators[0].Note = ptr(jixiao.DirectionNegative), ptr("里程")
	normalize.Form(&b)
	normalize.Form(&d)
	ids := append(saveForms(t, db, a, c), saveForms(t, db, b, d)...)
	idA, idC, idB, idD := ids[0], ids[1], ids[2], ids[3]
	for _, e := range []review.Edit{
		{FormID: idB, Field: jixiao.FieldGrade, Value: "优"},                                                    // agrees again
		{FormID: idA, Field: jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafScore), Value: "8"},       // disagrees anew
		{FormID: idB, Field: jixiao.IndicatorField(0, jixiao.IndicatorDeviation), Value: ""},                   // agrees again
		{FormID: idA, Field: jixiao.IndicatorField(1, jixiao.IndicatorPeriod), Value: jixiao.PeriodMediumTerm}, // agrees again
		{FormID: idA, Field: jixiao.IndicatorField(1, jixiao.IndicatorWeight), Value: "45"},                    // a number, as the other's
		{FormID: idC, Field: jixiao.IndicatorField(0, jixiao.IndicatorNote), Value: "里程"},                      // agrees again
		{FormID: idC, Field: jixiao.IndicatorField(1, jixiao.IndicatorStandard), Value: "计划标准"},                // disagrees anew
		{FormID: idD, Field: jixiao.BudgetLineField(2, jixiao.LineAmount), Value: "40万"},                       // another print of the same amount
		{FormID: idD, Field: jixiao.HeaderExtraField(jixiao.LabelDeptDuties), Value: "道路建设与养护"},                // agrees again
		{FormID: idD, Field: jixiao.TaskField(0, jixiao.TaskAmount), Value: "20"},                              // agrees again
	} {
		e.Reviewer = "王芳"
		if _, _, err := review.Correct(ctxBG, db, e); err != nil {
			t.Fatalf("correct form %d %s: %v", e.FormID, e.Field, err)
		}
	}
	selfEval := []string{jixiao.HeaderExtraField(jixiao.LabelProjectCode), jixiao.FieldGoalAchieved,
		jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafRate),
		jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafScore),
		jixiao.IndicatorField(0, jixiao.IndicatorActual)}
	department := []string{"task_count", jixiao.BudgetLineField(1, jixiao.LineLabel),
		jixiao.IndicatorField(0, jixiao.IndicatorDirection), jixiao.IndicatorField(1, jixiao.IndicatorStandard)}
	for _, tt := range []struct {
		id, other int64
		want      []string
	}{{idA, idB, selfEval}, {idB, idA, selfEval}, {idC, idD, department}, {idD, idC, department}} {
		ds, err := review.Disagreements(ctxBG, db, tt.id)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range ds {
			if d.OtherID != tt.other {
				t.Errorf("form %d: a disagreement with form %d, want only %d", tt.id, d.OtherID, tt.other)
			}
			got = append(got, d.Field)
		}
		var view []string
		err = db.Query(ctxBG, fmt.Sprintf(`SELECT field FROM form_disagreements WHERE form_id_a = %d OR form_id_b = %d`, tt.id, tt.id),
			func(_ []string, vals []any) error {
				if vals != nil {
					view = append(view, fmt.Sprint(vals[0]))
				}
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		want := slices.Clone(tt.want)
		for _, s := range [][]string{got, view, want} {
			sort.Strings(s)
		}
		if !slices.Equal(got, want) {
			t.Errorf("form %d: Disagreements finds %v, want %v", tt.id, got, want)
		}
		if !slices.Equal(view, want) {
			t.Errorf("form %d: form_disagreements lists %v, want %v", tt.id, view, want)
		}
	}
}
