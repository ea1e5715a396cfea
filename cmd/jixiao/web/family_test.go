package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
	"jixiao/store"
)

// familyServer serves a database holding a self-evaluation form (form 1),
// a whole-department form (form 2) and an 88号 target form (form 3), and
// returns the server and the headers of a change.
func familyServer(t *testing.T) (string, *http.Client, map[string]string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := func(s string) *string { return &s }
	n := func(v float64) *float64 { return &v }
	self := jixiao.Form{FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval, Year: 2023,
		Source: jixiao.Source{FormIndex: 1}, Title: "项目支出绩效自评表", ProjectName: p("社区培训项目"),
		TotalScore: n(88), Grade: p("良"), FundsUnit: jixiao.FundsYuan,
		HeaderExtra: map[string]string{jixiao.LabelProjectCode: "P-001"},
		Goals:       jixiao.Goals{Expected: p("完成培训500人次"), Achieved: p("完成培训480人次")},
		Budget: map[string]jixiao.BudgetRow{jixiao.BudgetTotal: {Label: "年度资金总额", Initial: n(100000),
			Adjusted: n(120000), Executed: n(103200), Weight: n(10), Rate: n(86), Score: n(8.6)}},
		Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: p("培训人次"), Value: p("≥500人次"),
				Period: jixiao.PeriodAnnual, Actual: p("480人次"), Weight: n(50), Score: n(40.4), Deviation: p("部分学员缺课")},
			{Seq: 2, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Name: p("满意度"), Value: p("≥90%"),
				Period: jixiao.PeriodAnnual, Actual: p("95%"), Weight: n(40), Score: n(39)}}}
	dept := jixiao.Form{FormType: jixiao.FormDepartmentTarget, Template: jixiao.TemplateDepartment, Year: 2024,
		Source: jixiao.Source{FormIndex: 2}, Department: p("交通局"), FundsUnit: jixiao.FundsWanYuan,
		HeaderExtra: map[string]string{jixiao.LabelDeptDuties: "道路建设与养护"},
		Goals:       jixiao.Goals{Annual: p("保障道路畅通")},
		Tasks:       []jixiao.Task{{Name: p("农村公路养护"), Content: p("养护1000公里"), AmountRaw: p("20")}},
		BudgetRequest: []jixiao.BudgetLine{{Label: jixiao.LabelRequestTotal, Raw: p("100")},
			{Basis: jixiao.BasisIncome, Label: jixiao.LabelPublicFinance, Raw: p("100")},
			{Basis: jixiao.BasisExpense, Label: jixiao.LabelProjectExpense, Raw: p("100")}},
		Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: p("养护里程"),
			Value: p("≥1000公里"), Direction: p(jixiao.DirectionPositive), Standard: p("计划标准"), Note: p("年度里程")}}}
	mof := jixiao.Form{FormType: jixiao.FormTarget, Template: jixiao.TemplateMOF88, Year: 2024,
		Source: jixiao.Source{FormIndex: 3}, ProjectName: p("档案数字化"),
		Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: p("数字化卷数"),
			Value: p("≥1万卷"), Period: jixiao.PeriodMediumTerm, Weight: n(20)}}}
	forms := []jixiao.Form{self, dept, mof}
	for i := range forms {
		normalize.Form(&forms[i])
	}
	if _, _, err := db.SaveDocument(ctx, store.Document{Path: "family.txt", SHA256: "fa", Kind: jixiao.KindText, Size: 1}, forms); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ts, s, _ := serverOn(t, path, Options{Reviewer: "王芳"})
	return ts.URL, ts.Client(), map[string]string{"X-CSRF-Token": s.csrf}
}

// TestFamilyPages: each block of the form family is on its form's page,
// every value a cell to correct.
func TestFamilyPages(t *testing.T) {
	base, client, _ := familyServer(t)
	for _, tt := range []struct {
		form          string
		want, notWant []string
	}{
		{"1", []string{`id="budget"`, jixiao.LabelBudgetExecuted, `data-field="budget.total.executed" data-base="103200"`,
			`data-field="budget.total.rate" data-base="86"`, `data-field="budget.total.label" data-base="年度资金总额"`,
			`data-field="total_score"`, `value="良"`, `data-field="goals.achieved"`,
			`data-field="header_extra.` + jixiao.LabelProjectCode + `" data-base="P-001"`,
			`data-field="indicators[0].actual" data-base="480人次"`, `data-field="indicators[0].score" data-base="40.4"`,
			`data-field="indicators[0].deviation" data-base="部分学员缺课"`},
			[]string{`data-field="funds.total"`, `id="tasks"`, `data-field="indicators[0].period"`, `data-field="indicators[0].standard"`,
				`data-field="project_nature"`}},
		{"2", []string{`id="tasks"`, jixiao.LabelTaskContent, `data-field="tasks[0].name" data-base="农村公路养护"`,
			`<textarea class="cell" name="tasks[0].content"`, `data-field="tasks[0].amount" data-base="20"`,
			`id="budget-request"`, jixiao.LabelByIncome, jixiao.LabelByExpense,
			`data-field="budget_request[1].label" data-base="` + jixiao.LabelPublicFinance + `"`,
			`data-field="budget_request[2].amount" data-base="100"`,
			`data-field="header_extra.` + jixiao.LabelDeptDuties + `"`, jixiao.LabelValueDirection, jixiao.LabelDeptName,
			`data-field="indicators[0].direction" data-base="` + jixiao.DirectionPositive + `"`,
			`list="` + listDirections + `" aria-label="` + jixiao.LabelValueDirection + `"`,
			`data-field="indicators[0].standard" data-base="计划标准"`, `name="indicators[0].note"`,
			`<datalist id="` + listDirections + `"><option value="` + jixiao.DirectionPositive + `">`},
			[]string{`id="budget"`, `data-field="funds.total"`, `data-field="indicators[0].actual"`, `data-field="indicators[0].weight"`,
				`data-field="project_name"`}},
		{"3", []string{`data-field="indicators[0].period" data-base="medium_term"`, `list="` + listPeriods + `"`,
			`data-field="indicators[0].weight" data-base="20"`, `data-field="funds.total"`},
			[]string{`data-field="indicators[0].score"`, `data-field="indicators[0].direction"`}},
	} {
		_, page := get(t, client, base+"/forms/"+tt.form)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("form %s: the page lacks %s", tt.form, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(page, w) {
				t.Errorf("form %s: the page has %s", tt.form, w)
			}
		}
	}
}

// TestFamilyCorrections corrects the family's cells as the page does:
// the reply shows the value as stored and the flags of every field as
// derived again; a value that does not fit is refused, saying what the
// field takes.
func TestFamilyCorrections(t *testing.T) {
	base, _, hdr := familyServer(t)
	for _, tt := range []struct {
		form, field, value, base string
		status                   int
		shown                    string
		flags                    map[string][]string // fields' flags the reply must show (nil: none on them)
		errText                  string
	}{
		{"1", "indicators[0].score", "二十", "", http.StatusBadRequest, "", nil, "is not a number of points"},
		{"1", jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), "十万", "", http.StatusBadRequest, "", nil,
			"is not an amount in " + jixiao.FundsYuan},
		{"1", jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), "103,250", "103200", http.StatusOK, "103250", nil, ""},
		{"1", jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafScore), "12", "8.6", http.StatusOK, "12",
			map[string][]string{jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafScore): {jixiao.FlagScoreOverWeight},
				jixiao.FieldTotalScore: {jixiao.FlagScoreSumMismatch}}, ""},
		// The score that makes the total add up again: the flag on total_score goes.
		{"1", "indicators[0].score", "37分", "40.4", http.StatusOK, "37",
			map[string][]string{jixiao.FieldTotalScore: nil}, ""},
		{"1", jixiao.HeaderExtraField(jixiao.LabelProjectCode), "P-002", "P-001", http.StatusOK, "P-002", nil, ""},
		{"2", jixiao.TaskField(0, jixiao.TaskAmount), "二十", "", http.StatusBadRequest, "", nil, "is not an amount"},
		{"2", jixiao.TaskField(0, jixiao.TaskAmount), "25", "20", http.StatusOK, "25", nil, ""},
		{"2", jixiao.BudgetLineField(1, jixiao.LineAmount), "60", "100", http.StatusOK, "60",
			map[string][]string{jixiao.FieldBudgetRequest: {jixiao.FlagFundsMismatch}}, ""},
		{"2", "indicators[0].direction", "正", "", http.StatusBadRequest, "", nil, jixiao.DirectionPositive + " or " + jixiao.DirectionNegative},
		{"2", "indicators[0].direction", jixiao.DirectionNegative, jixiao.DirectionPositive, http.StatusOK, jixiao.DirectionNegative, nil, ""},
		{"3", "indicators[0].period", jixiao.PeriodAnnual, jixiao.PeriodMediumTerm, http.StatusOK, jixiao.PeriodAnnual, nil, ""},
	} {
		form := url.Values{"field": {tt.field}, "value": {tt.value}}
		if tt.base != "" {
			form.Set("base", tt.base)
		}
		res, body := post(t, base+"/forms/"+tt.form+"/corrections", form, hdr)
		var reply correctionReply
		if err := json.Unmarshal([]byte(body), &reply); err != nil || res.StatusCode != tt.status {
			t.Errorf("form %s %s = %q: %d %s, want %d", tt.form, tt.field, tt.value, res.StatusCode, body, tt.status)
			continue
		}
		if tt.errText != "" {
			if !strings.Contains(reply.Error, tt.errText) {
				t.Errorf("form %s %s = %q: error %q, want it to say %q", tt.form, tt.field, tt.value, reply.Error, tt.errText)
			}
			continue
		}
		if !reply.Changed || reply.Value != tt.shown || !reply.Corrected {
			t.Errorf("form %s %s = %q: %s", tt.form, tt.field, tt.value, body)
		}
		for field, want := range tt.flags {
			if got := reply.Fields[field]; !slices.Equal(got, want) {
				t.Errorf("form %s after %s = %q: flags on %s %v, want %v", tt.form, tt.field, tt.value, field, got, want)
			}
		}
	}
}
