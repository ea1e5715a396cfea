package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"jixiao"
	"jixiao/store"
)

// selfEvalForm returns a self-evaluation form with every field of the form
// family set: zero numbers, empty strings and a blank value part among
// them, a budget row of a printed label of its own, and an actual target
// with every field.
func selfEvalForm() jixiao.Form {
	actual := fullTarget()
	actual.Label, actual.Unit = "达成", ptr("")
	return jixiao.Form{
		Source:      jixiao.Source{FormIndex: 1, LineFrom: 1, LineTo: 60},
		FormType:    jixiao.FormSelfEvaluation,
		Template:    jixiao.TemplateSelfEval,
		Title:       "项目支出绩效自评表（2023年度）",
		Year:        2023,
		ProjectName: ptr("社区养老服务"),
		Department:  ptr("[066]民政局"),
		HeaderExtra: map[string]string{"项目期": "3年", "归口科室": "", "项目\"代码\"": "31011223<&>"},
		Goals: jixiao.Goals{Overall: nil, Annual: ptr("年度目标"),
			Expected: ptr("预期目标：服务老人1万人次"), Achieved: ptr("")},
		Budget: map[string]jixiao.BudgetRow{
			jixiao.BudgetTotal: {Label: "年度资金总额", Initial: ptr(2500000.0), Adjusted: ptr(2600000.5),
				Executed: ptr(2236000.0), Weight: ptr(10.0), Rate: ptr(86.0), Score: ptr(8.6)},
			jixiao.BudgetAppropriation: {Label: "其中：当年财政拨款", Initial: ptr(0.0)},
			"财政专户管理资金":                 {Label: ""},
		},
		TotalScore: ptr(0.0),
		Grade:      ptr("优"),
		Indicators: []jixiao.Indicator{
			{
				Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: ptr("服务人次"), NameNorm: "服务人次",
				Value: ptr("≧735人次"), Target: fullTarget(), Confidence: 1, Flags: []string{}, Line: 20,
				Period: jixiao.PeriodMediumTerm, ValueParts: []string{"≧", "735", ""},
				Direction: ptr("正向"), Standard: ptr("计划标准"), Note: ptr(""),
				Actual: ptr("无"), ActualTarget: &actual,
				Weight: ptr(0.0), Score: ptr(-1.5), Deviation: ptr("0"),
			},
			{
				Seq: 2, Name: ptr("满意度"), Value: ptr("≥90%"),
				Target: jixiao.Target{Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(90.0), Unit: ptr("%")},
				Flags:  []string{}, Period: jixiao.PeriodAnnual, ValueParts: []string{},
				ActualTarget: &jixiao.Target{Kind: jixiao.TargetText}, // typed but no printed actual
			},
		},
		Flags: []jixiao.Flag{{Code: jixiao.FlagScoreSumMismatch, Field: jixiao.FieldTotalScore, Message: "96 ≠ 100"}},
	}
}

// departmentForm returns a whole-department form with its tasks and
// budget request: a task of nil fields, a task of empty strings and a zero
// amount, a line without a label, a blank line, a flag and a field box on
// a task's and a line's path, and the grid's split value columns.
func departmentForm() jixiao.Form {
	return jixiao.Form{
		Source:      jixiao.Source{FormIndex: 3, PageFrom: 2, PageTo: 3},
		FormType:    jixiao.FormDepartmentTarget,
		Template:    jixiao.TemplateDepartment,
		Title:       "岳阳市交通运输局2024年部门整体支出绩效目标申报表",
		Year:        2024,
		Department:  ptr("岳阳市交通运输局"),
		HeaderExtra: map[string]string{"部门职能职责概述": "负责…", "联系电话": "028-85551234"},
		FundsUnit:   jixiao.FundsWanYuan,
		Goals:       jixiao.Goals{Annual: ptr("1.道路机扫率达到95%；\n2.农村公路养护")},
		Tasks: []jixiao.Task{
			{Name: ptr("农村公路养护"), Content: ptr("完成\"四好农村路\"养护<&>"), Amount: ptr(36000000.0), AmountRaw: ptr("3600")},
			{}, // a row of blank cells
			{Name: ptr(""), Content: ptr(""), Amount: ptr(0.0), AmountRaw: ptr("0")},
			{Name: ptr("信息化建设"), Amount: ptr(1234567.89), AmountRaw: ptr("123.456789")},
		},
		BudgetRequest: []jixiao.BudgetLine{
			{Basis: "", Label: "资金总额", Amount: ptr(218400000.0), Raw: ptr("21840")},
			{Basis: jixiao.BasisIncome, Label: "一般公共预算拨款", Amount: ptr(200000000.0), Raw: ptr("20000")},
			{Basis: jixiao.BasisIncome, Label: "其他资金", Raw: ptr("")},                // blank
			{Basis: jixiao.BasisIncome, Label: "", Amount: ptr(0.0), Raw: ptr("0")}, // no label
			{Basis: jixiao.BasisExpense, Label: "基本支出", Amount: ptr(18400000.0), Raw: ptr("1840万")},
			{Basis: jixiao.BasisExpense, Label: "项目支出", Raw: ptr("二亿")},
		},
		Indicators: []jixiao.Indicator{{
			Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: ptr("养护里程"), NameNorm: "养护里程",
			Value: ptr("≥9800公里"), Target: *q(">=", 9800, "公里"), Confidence: 0.9, Flags: []string{},
			Period: jixiao.PeriodAnnual, ValueParts: []string{"", "≥9800", "公里"}, Note: ptr("按月统计"),
		}},
		Pages: []jixiao.Page{
			{Page: 2, Width: 595, Height: 842, Unit: jixiao.UnitPoint},
			{Page: 3, Width: 595, Height: 842, Unit: jixiao.UnitPoint},
		},
		Geometry: map[string]jixiao.Place{
			jixiao.FieldDepartment:                          {Page: 2, Box: jixiao.Box{100, 80, 400, 96}},
			jixiao.TaskField(0, jixiao.TaskName):            {Page: 2, Box: jixiao.Box{60, 200, 160, 216}},
			jixiao.TaskField(3, jixiao.TaskAmount):          {Page: 3, Box: jixiao.Box{480, 40, 540, 56.5}},
			jixiao.BudgetLineField(0, jixiao.LineAmount):    {Page: 2, Box: jixiao.Box{300, 120, 360, 136}},
			jixiao.BudgetLineField(5, jixiao.LineAmount):    {Page: 2, Box: jixiao.Box{300, 180, 360, 196}},
			jixiao.IndicatorField(0, jixiao.IndicatorValue): {Page: 3, Box: jixiao.Box{300, 300, 360, 316}},
		},
		Flags: []jixiao.Flag{
			{Code: jixiao.FlagAmountUnparsed, Field: jixiao.BudgetLineField(5, jixiao.LineAmount), Message: "二亿"},
			{Code: jixiao.FlagFundsMismatch, Field: jixiao.FieldBudgetRequest, Message: "income 200000000 ≠ 218400000"},
			{Code: jixiao.FlagAmountUnparsed, Field: jixiao.TaskField(1, jixiao.TaskAmount), Message: ""},
		},
	}
}

// TestRoundTripFamily saves a form with every new field set and one with
// none, and checks that Forms and FormReview (the stored-reading
// loader) give them back as saved: nil maps and slices stay nil, "" stays
// "", zeros stay zeros.
func TestRoundTripFamily(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	d := doc("family")
	plain := sampleForms()[0] // none of the new fields set
	plain.Source.FormIndex = 2
	forms := []jixiao.Form{selfEvalForm(), plain, departmentForm()}
	in := []jixiao.Form{selfEvalForm(), sampleForms()[0], departmentForm()}
	in[1].Source.FormIndex = 2
	if _, _, err := db.SaveDocument(ctx, d, forms); err != nil {
		t.Fatal(err)
	}
	got := allForms(t, db)
	if len(got) != len(in) {
		t.Fatalf("Forms gave %d forms, want %d", len(got), len(in))
	}
	for i := range in {
		w := want(t, in[i], forms[i].ID, d)
		if i == 0 {
			w.Indicators[1].ValueParts = []string{} // lost by want's JSON copy (omitempty)
		}
		if !reflect.DeepEqual(got[i], w) {
			t.Errorf("form %d:\n got %s\nwant %s", i, jsonOf(t, got[i]), jsonOf(t, w))
		}
		r, err := db.FormReview(ctx, forms[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Form, w) {
			t.Errorf("FormReview %d:\n got %s\nwant %s", i, jsonOf(t, r.Form), jsonOf(t, w))
		}
	}
	for i, g := range got[:2] {
		if g.Tasks != nil || g.BudgetRequest != nil {
			t.Errorf("form %d came back with tasks %v, budget request %v", i, g.Tasks, g.BudgetRequest)
		}
	}
	g := got[1]
	if g.HeaderExtra != nil || g.Budget != nil || g.Indicators[0].ValueParts != nil || g.Indicators[0].ActualTarget != nil ||
		g.FormType != "" || g.Template != "" || g.Indicators[0].Period != "" {
		t.Errorf("a form without the new fields came back with some: %s", jsonOf(t, g))
	}
	if got[2].Budget != nil {
		t.Errorf("the department form came back with a budget: %v", got[2].Budget)
	}
	if p := got[0].Indicators[1].ValueParts; p == nil || len(p) != 0 {
		t.Errorf("an empty value_parts came back as %#v, want empty and not nil", p)
	}

	// The columns, as SQL sees them.
	cols := queryRows(t, db, `SELECT f.form_type, f.template, f.header_extra, f.total_score, f.grade,
		g.expected, g.achieved,
		i.period, i.value_parts, i.direction, i.standard, i.note, i.actual, i.actual_kind,
		i.actual_value, i.actual_unit, i.actual_label, i.weight, i.score, i.deviation,
		json_extract(i.actual_json, '$.label') AS actual_json_label
		FROM forms f JOIN goals g ON g.form_id = f.id JOIN indicators i ON i.form_id = f.id
		WHERE f.form_index = 1 AND i.seq = 1`)[0]
	wantCols := map[string]any{
		"form_type": "self_evaluation", "template": "selfeval",
		"header_extra": `{"归口科室":"","项目\"代码\"":"31011223\u003c\u0026\u003e","项目期":"3年"}`,
		"total_score":  0.0, "grade": "优", "expected": "预期目标：服务老人1万人次", "achieved": "",
		"period": "medium_term", "value_parts": `["≧","735",""]`, "direction": "正向", "standard": "计划标准",
		"note": "", "actual": "无", "actual_kind": "quantity", "actual_value": 1e7, "actual_unit": "",
		"actual_label": "达成", "weight": 0.0, "score": -1.5, "deviation": "0", "actual_json_label": "达成",
	}
	for k, w := range wantCols {
		if cols[k] != w {
			t.Errorf("column %s = %#v, want %#v", k, cols[k], w)
		}
	}
	var budget []string
	for _, r := range queryRows(t, db, `SELECT key, quote(label) AS label, quote(initial) AS initial,
		quote(rate) AS rate, quote(score) AS score FROM budget ORDER BY id`) {
		budget = append(budget, fmt.Sprint(r["key"], " ", r["label"], " ", r["initial"], " ", r["rate"], " ", r["score"]))
	}
	wantBudget := "total '年度资金总额' 2500000.0 86.0 8.6|appropriation '其中：当年财政拨款' 0.0 NULL NULL|财政专户管理资金 NULL NULL NULL NULL"
	if strings.Join(budget, "|") != wantBudget {
		t.Errorf("budget rows:\n got %s\nwant %s", strings.Join(budget, "|"), wantBudget)
	}
	// The department form's rows, as SQL sees them: in printed order, NULL
	// for a blank cell or no label, '' for the total's basis.
	for _, tt := range []struct{ name, query, want string }{
		{"tasks", `SELECT f.form_index, t.seq, quote(t.name), quote(t.content), quote(t.amount), quote(t.amount_raw)
			FROM tasks t JOIN forms f ON f.id = t.form_id ORDER BY t.id`,
			`3 1 '农村公路养护' '完成"四好农村路"养护<&>' 36000000.0 '3600'|3 2 NULL NULL NULL NULL|` +
				`3 3 '' '' 0.0 '0'|3 4 '信息化建设' NULL 1234567.89 '123.456789'`},
		{"budget_request", `SELECT f.form_index, b.seq, quote(b.basis), quote(b.label), quote(b.amount), quote(b.raw)
			FROM budget_request b JOIN forms f ON f.id = b.form_id ORDER BY b.id`,
			`3 1 '' '资金总额' 218400000.0 '21840'|3 2 'income' '一般公共预算拨款' 200000000.0 '20000'|` +
				`3 3 'income' '其他资金' NULL ''|3 4 'income' NULL 0.0 '0'|` +
				`3 5 'expense' '基本支出' 18400000.0 '1840万'|3 6 'expense' '项目支出' NULL '二亿'`},
		{"the income split summed", `SELECT printf('%.2f', sum(amount)) FROM budget_request WHERE basis = 'income'`, `200000000.00`},
		{"flags on their paths", `SELECT fl.field, quote(fl.indicator_id) FROM flags fl JOIN forms f ON f.id = fl.form_id
			WHERE f.form_index = 3 ORDER BY fl.id`,
			`budget_request[5].amount NULL|budget_request NULL|tasks[1].amount NULL`},
		{"field boxes on their paths", `SELECT b.field, b.page FROM field_boxes b JOIN forms f ON f.id = b.form_id
			WHERE f.form_index = 3 AND (b.field LIKE 'tasks%' OR b.field LIKE 'budget%') ORDER BY b.field`,
			`budget_request[0].amount 2|budget_request[5].amount 2|tasks[0].name 2|tasks[3].amount 3`},
	} {
		if got := joinRows(t, db, tt.query); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
	// The other form's new columns are NULL, and no budget row is its.
	nulls := queryRows(t, db, `SELECT count(*) AS n FROM forms f JOIN indicators i ON i.form_id = f.id
		WHERE f.form_index = 2 AND f.form_type IS NULL AND f.template IS NULL AND f.header_extra IS NULL
		AND i.period IS NULL AND i.value_parts IS NULL AND i.actual_json IS NULL AND i.actual_kind IS NULL`)[0]["n"]
	if nulls != int64(len(plain.Indicators)) {
		t.Errorf("%v indicators of the plain form have NULL new columns, want %d", nulls, len(plain.Indicators))
	}
}

// TestRemoveFamily checks that removing documents removes the rows of
// their forms' budget, tasks and budget request, and only theirs.
func TestRemoveFamily(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	var ids []int64
	for _, name := range []string{"self", "dept", "kept"} {
		f := departmentForm()
		if name == "self" {
			f = selfEvalForm()
		}
		id, _, err := db.SaveDocument(ctx, doc(name), []jixiao.Form{f})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := db.RemoveDocuments(ctx, ids[:2], store.RemoveOptions{}); err != nil {
		t.Fatal(err)
	}
	dept := departmentForm()
	for _, tt := range []struct {
		table string
		want  int
	}{{"budget", 0}, {"tasks", len(dept.Tasks)}, {"budget_request", len(dept.BudgetRequest)}} {
		rows := queryRows(t, db, `SELECT count(*) AS n FROM `+tt.table)
		if rows[0]["n"] != int64(tt.want) {
			t.Errorf("%s: %v rows left, want %d (the kept form's)", tt.table, rows[0]["n"], tt.want)
		}
	}
}

// joinRows returns the rows of query, each its values joined by " ",
// joined by "|".
func joinRows(t *testing.T, db *store.DB, query string) string {
	t.Helper()
	var rows []string
	err := db.Query(context.Background(), query, func(cols []string, vals []any) error {
		if vals == nil {
			return nil
		}
		var vs []string
		for _, v := range vals {
			vs = append(vs, fmt.Sprint(v))
		}
		rows = append(rows, strings.Join(vs, " "))
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return strings.Join(rows, "|")
}

// TestFamilyRefused checks that NaN and infinite numbers of the new
// fields are refused, naming the field.
func TestFamilyRefused(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	tests := []struct {
		name  string
		spoil func(f *jixiao.Form)
		want  string
	}{
		{"total score", func(f *jixiao.Form) { f.TotalScore = ptr(math.NaN()) }, "total_score"},
		{"budget rate", func(f *jixiao.Form) {
			f.Budget[jixiao.BudgetTotal] = jixiao.BudgetRow{Rate: ptr(math.Inf(1))}
		}, "budget.total.rate"},
		{"indicator score", func(f *jixiao.Form) { f.Indicators[0].Score = ptr(math.NaN()) }, "indicators[0].score"},
		{"indicator weight", func(f *jixiao.Form) { f.Indicators[1].Weight = ptr(math.Inf(-1)) }, "indicators[1].weight"},
		{"actual target", func(f *jixiao.Form) { f.Indicators[0].ActualTarget.Max = ptr(math.NaN()) }, "indicators[0].actual_target.max"},
		{"task amount", func(f *jixiao.Form) {
			f.Tasks = []jixiao.Task{{}, {Amount: ptr(math.Inf(1))}}
		}, "tasks[1].amount"},
		{"budget request amount", func(f *jixiao.Form) {
			f.BudgetRequest = []jixiao.BudgetLine{{Amount: ptr(math.NaN())}}
		}, "budget_request[0].amount"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := selfEvalForm()
			tt.spoil(&f)
			_, _, err := db.SaveDocument(ctx, doc("bad "+tt.name), []jixiao.Form{f})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("SaveDocument = %v, want an error naming %s", err, tt.want)
			}
		})
	}
	if n := summary(t, db).Forms; n != 0 {
		t.Errorf("%d forms stored, want none", n)
	}
}

// q returns a quantity target or actual.
func q(op string, v float64, unit string) *jixiao.Target {
	return &jixiao.Target{Kind: jixiao.TargetQuantity, Op: op, Value: ptr(v), Unit: ptr(unit)}
}

// TestIndicatorResults checks the verdicts of the view indicator_results
// on a hand-built self-evaluation form: met, not met and undecided, by
// each rule.
func TestIndicatorResults(t *testing.T) {
	tests := []struct {
		name      string
		value     string
		target    jixiao.Target
		direction *string
		actual    *string
		typed     *jixiao.Target
		met       any // int64 1 or 0, or nil
		rule      string
	}{
		{"at least, met", "≥95%", *q(">=", 95, "%"), nil, ptr("98%"), q("=", 98, "%"), int64(1), "ge"},
		{"at least, just met", "≥95%", *q(">=", 95, "%"), nil, ptr("95%"), q("=", 95, "%"), int64(1), "ge"},
		{"at least, missed", "≥95%", *q(">=", 95, "%"), nil, ptr("90%"), q("=", 90, "%"), int64(0), "ge"},
		{"above, equal misses", ">95%", *q(">", 95, "%"), nil, ptr("95%"), q("=", 95, "%"), int64(0), "gt"},
		{"at most, met", "≤5%", *q("<=", 5, "%"), nil, ptr("3%"), q("=", 3, "%"), int64(1), "le"},
		{"at most, missed", "≤5%", *q("<=", 5, "%"), nil, ptr("8%"), q("=", 8, "%"), int64(0), "le"},
		{"below, missed", "<5%", *q("<", 5, "%"), nil, ptr("5%"), q("=", 5, "%"), int64(0), "lt"},
		{"bare, over-delivered", "356份", *q("=", 356, "份"), nil, ptr("360份"), q("=", 360, "份"), int64(1), "eq_reach"},
		{"bare, short", "356份", *q("=", 356, "份"), nil, ptr("300份"), q("=", 300, "份"), int64(0), "eq_reach"},
		{"bare, unit not printed on the actual", "356份", *q("=", 356, "份"), nil, ptr("356"), q("=", 356, ""), int64(1), "eq_reach"},
		{"反向, under the ceiling", "100万元", *q("=", 1e6, "元"), ptr("反向"), ptr("90万元"), q("=", 9e5, "元"), int64(1), "eq_reverse"},
		{"反向, over the ceiling", "100万元", *q("=", 1e6, "元"), ptr("反向"), ptr("110万元"), q("=", 1.1e6, "元"), int64(0), "eq_reverse"},
		{"正向 is the default", "100", *q("=", 100, ""), ptr("正向"), ptr("90"), q("=", 90, ""), int64(0), "eq_reach"},
		{"the comparator wins over 反向", "≥90%", *q(">=", 90, "%"), ptr("反向"), ptr("95%"), q("=", 95, "%"), int64(1), "ge"},
		{"units differ", "≥90%", *q(">=", 90, "%"), nil, ptr("90人"), q("=", 90, "人"), nil, "units_differ"},
		{"approximate", "约1360件", *q("~", 1360, "件"), nil, ptr("1400件"), q("=", 1400, "件"), nil, "approx"},
		{"duration, met", "24小时内", jixiao.Target{Kind: jixiao.TargetDuration, Op: "<=", Value: ptr(24.0), Unit: ptr("hour")},
			nil, ptr("2小时"), &jixiao.Target{Kind: jixiao.TargetDuration, Op: "=", Value: ptr(2.0), Unit: ptr("hour")}, int64(1), "le"},
		{"range, inside", "80-100人", jixiao.Target{Kind: jixiao.TargetRange, Min: ptr(80.0), Max: ptr(100.0), Unit: ptr("人")},
			nil, ptr("90人"), q("=", 90, "人"), int64(1), "range"},
		{"range, outside", "80-100人", jixiao.Target{Kind: jixiao.TargetRange, Min: ptr(80.0), Max: ptr(100.0), Unit: ptr("人")},
			nil, ptr("70人"), q("=", 70, "人"), int64(0), "range"},
		{"deadline, on time", "12月底前", jixiao.Target{Kind: jixiao.TargetDeadline, By: "2023-12-31"},
			nil, ptr("11月30日"), &jixiao.Target{Kind: jixiao.TargetDeadline, By: "2023-11-30"}, int64(1), "deadline"},
		{"deadline, late", "12月底前", jixiao.Target{Kind: jixiao.TargetDeadline, By: "2023-12-31"},
			nil, ptr("次年1月"), &jixiao.Target{Kind: jixiao.TargetWindow, From: "2024-01-01", To: "2024-01-31"}, int64(0), "deadline"},
		{"tier 1 words", "合格", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "合格"},
			nil, ptr("达成预期指标"), &jixiao.Target{Kind: jixiao.TargetText}, int64(1), "tier1"},
		{"tier 1 words for a number", "≥735人次", *q(">=", 735, "人次"), nil, ptr("完成"), &jixiao.Target{Kind: jixiao.TargetText}, int64(1), "tier1"},
		{"the target's own word", "及时", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "及时"},
			nil, ptr("按时"), &jixiao.Target{Kind: jixiao.TargetQualitative, Label: "及时"}, int64(1), "tier1"},
		{"tier 2 words", "有效", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "有效"},
			nil, ptr("基本达到"), nil, int64(0), "tier2"},
		{"tier 3 words", "有效", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "有效"},
			nil, ptr("未达成"), nil, int64(0), "tier3"},
		{"tier 3 before tier 1", "合格", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "合格"},
			nil, ptr("不合格"), nil, int64(0), "tier3"},
		{"printed as the target", "本部及派出所", jixiao.Target{Kind: jixiao.TargetText},
			nil, ptr("本部及派出所"), nil, int64(1), "same_text"},
		{"no actual", "≥95%", *q(">=", 95, "%"), nil, nil, nil, nil, "no_actual"},
		{"无 is undecided", "合格", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "合格"},
			nil, ptr("无"), &jixiao.Target{Kind: jixiao.TargetText}, nil, "undecided"},
		{"a number for a word", "合格", jixiao.Target{Kind: jixiao.TargetQualitative, Label: "合格"},
			nil, ptr("100%"), q("=", 100, "%"), nil, "undecided"},
	}
	f := jixiao.Form{FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval, ProjectName: ptr("自评")}
	for i, tt := range tests {
		f.Indicators = append(f.Indicators, jixiao.Indicator{
			Seq: i + 1, Level1: jixiao.L1Output, Name: ptr(tt.name), Value: ptr(tt.value), Target: tt.target,
			Direction: tt.direction, Actual: tt.actual, ActualTarget: tt.typed, Weight: ptr(10.0), Score: ptr(9.0),
		})
	}
	db, _ := openDB(t)
	if _, _, err := db.SaveDocument(context.Background(), doc("results"), []jixiao.Form{f}); err != nil {
		t.Fatal(err)
	}
	rows := queryRows(t, db, `SELECT * FROM indicator_results ORDER BY seq`)
	if len(rows) != len(tests) {
		t.Fatalf("%d rows, want %d", len(rows), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rows[i]
			if r["name"] != tt.name {
				t.Fatalf("row %d is %v", i, r["name"])
			}
			if r["met"] != tt.met || r["rule"] != tt.rule {
				t.Errorf("met %v by %v, want %v by %s (%v)", r["met"], r["rule"], tt.met, tt.rule, r["rule_text"])
			}
			if r["rule_text"] == nil || r["rule_text"] == "" {
				t.Error("no rule_text")
			}
			wantTier := map[string]any{"tier1": int64(1), "same_text": int64(1), "tier2": int64(2), "tier3": int64(3)}[tt.rule]
			if r["tier"] != wantTier {
				t.Errorf("tier %v, want %v", r["tier"], wantTier)
			}
			if r["form_type"] != "self_evaluation" || r["period"] != "annual" || r["weight"] != 10.0 || r["score"] != 9.0 {
				t.Errorf("form_type %v, period %v, weight %v, score %v", r["form_type"], r["period"], r["weight"], r["score"])
			}
		})
	}
}

// TestIndicatorResultsCorrected checks that the views take a reviewer's
// correction of an actual, with its typed reading, in place of the
// machine's reading.
func TestIndicatorResultsCorrected(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	f := jixiao.Form{FormType: jixiao.FormSelfEvaluation, ProjectName: ptr("自评"), Indicators: []jixiao.Indicator{{
		Seq: 1, Name: ptr("覆盖率"), Value: ptr("≥95%"), Target: *q(">=", 95, "%"),
		Actual: ptr("90%"), ActualTarget: q("=", 90, "%"),
	}}}
	forms := []jixiao.Form{f}
	if _, _, err := db.SaveDocument(ctx, doc("corrected"), forms); err != nil {
		t.Fatal(err)
	}
	before := queryRows(t, db, `SELECT met, actual FROM indicator_results`)[0]
	if before["met"] != int64(0) {
		t.Fatalf("before the correction: %v", before)
	}
	typed, err := json.Marshal(q("=", 98, "%"))
	if err != nil {
		t.Fatal(err)
	}
	rawExec(t, path, fmt.Sprintf(`INSERT INTO corrections (form_id, field, indicator_id, old_value, new_value, target_json, reviewer, corrected_at)
		SELECT form_id, '%s', id, actual, '98%%', '%s', 'r', '2024-01-01T00:00:00Z' FROM indicators`,
		jixiao.IndicatorField(0, jixiao.IndicatorActual), typed))
	after := queryRows(t, db, `SELECT met, actual, actual_number FROM indicator_results`)[0]
	if after["met"] != int64(1) || after["actual"] != "98%" || after["actual_number"] != 98.0 {
		t.Errorf("after the correction: %v", after)
	}
}

// TestSearchFamily checks that Search finds a self-evaluation form's goal
// texts and deviation reasons, by the trigram index and by LIKE, and a
// reviewer's correction of a deviation reason in place of the reading.
func TestSearchFamily(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	f := selfEvalForm()
	f.Indicators[0].Deviation = ptr("受疫情影响，资金未到位")
	f.Indicators[1].Deviation = ptr("无")
	if _, _, err := db.SaveDocument(ctx, doc("search"), []jixiao.Form{f}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query string
		want  []string // field and seq of each hit
	}{
		{"资金未到位", []string{store.SearchFieldDeviations + " 1"}},
		{"疫情", []string{store.SearchFieldDeviations + " 1"}}, // LIKE: under three characters
		{"服务老人", []string{jixiao.FieldGoalExpected + " 0"}},
		{"服务人次", []string{jixiao.FieldIndicatorNames + " 1"}},
		{"不在表中", nil},
	}
	check := func(t *testing.T, query string, want []string) {
		t.Helper()
		hits, n, err := db.Search(ctx, query, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, fmt.Sprint(h.Field, " ", h.Seq))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") || n != len(want) {
			t.Errorf("Search(%q) = %v (%d in all), want %v", query, got, n, want)
		}
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) { check(t, tt.query, tt.want) })
	}
	if got := store.SearchFields(); !slices.Contains(got, store.SearchFieldDeviations) || !slices.Contains(got, jixiao.FieldGoalAchieved) {
		t.Errorf("SearchFields() = %v", got)
	}
	// A corrected deviation is found by its correction, not its reading.
	rawExec(t, path, fmt.Sprintf(`INSERT INTO corrections (form_id, field, indicator_id, old_value, new_value, reviewer, corrected_at)
		SELECT form_id, '%s', id, deviation, '设备采购延期', 'r', '2024-01-01T00:00:00Z' FROM indicators WHERE seq = 1`,
		jixiao.IndicatorField(0, jixiao.IndicatorDeviation)))
	check(t, "资金未到位", nil)
	check(t, "设备采购延期", []string{store.SearchFieldDeviations + " 1"})
}
