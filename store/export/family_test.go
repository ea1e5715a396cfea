package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/store"
	"jixiao/store/export"
)

func ptr[T any](v T) *T { return &v }

// familyDB returns a database holding a target form, a self-evaluation
// form and a whole-department form (form ids 1, 2 and 3).
func familyDB(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	target := jixiao.Form{
		Source: jixiao.Source{FormIndex: 1}, FormType: jixiao.FormTarget, Template: jixiao.TemplateMOF88,
		ProjectName: ptr("档案数字化"), HeaderExtra: map[string]string{"项目期": "3年"},
		Funds:    jixiao.Funds{Total: ptr(2500000.0)},
		FundsRaw: jixiao.FundsRaw{Total: ptr("250")}, FundsUnit: jixiao.FundsWanYuan,
		Indicators: []jixiao.Indicator{{
			Seq: 1, Level1: jixiao.L1Output, Name: ptr("服务人次"), Value: ptr("≧735人次"),
			Target: jixiao.Target{Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(735.0), Unit: ptr("人次")},
			Period: jixiao.PeriodMediumTerm, ValueParts: []string{"≧", "735", "人次"}, Direction: ptr("正向"),
			Standard: ptr("计划标准"), Note: ptr("备注"),
		}},
	}
	self := jixiao.Form{
		Source: jixiao.Source{FormIndex: 2}, FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval,
		ProjectName: ptr("社区养老服务"),
		Goals:       jixiao.Goals{Expected: ptr("服务老人1万人次"), Achieved: ptr("服务老人1.2万人次")},
		Budget: map[string]jixiao.BudgetRow{jixiao.BudgetTotal: {Label: "年度资金总额", Initial: ptr(2500000.0),
			Adjusted: ptr(2600000.0), Executed: ptr(2236000.0), Weight: ptr(10.0), Rate: ptr(86.0), Score: ptr(8.6)}},
		TotalScore: ptr(96.0), Grade: ptr("优"),
		Indicators: []jixiao.Indicator{{
			Seq: 1, Level1: jixiao.L1Output, Name: ptr("覆盖率"), Value: ptr("≥95%"),
			Target: jixiao.Target{Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(95.0), Unit: ptr("%")},
			Period: jixiao.PeriodAnnual, Actual: ptr("90%"),
			ActualTarget: &jixiao.Target{Kind: jixiao.TargetQuantity, Op: "=", Value: ptr(90.0), Unit: ptr("%")},
			Weight:       ptr(10.0), Score: ptr(9.0), Deviation: ptr("部分社区未开展"),
		}},
	}
	dept := jixiao.Form{
		Source: jixiao.Source{FormIndex: 3}, FormType: jixiao.FormDepartmentTarget, Template: jixiao.TemplateDepartment,
		Department: ptr("岳阳市交通运输局"), FundsUnit: jixiao.FundsWanYuan,
		Tasks: []jixiao.Task{
			{Name: ptr("农村公路养护"), Content: ptr("完成养护, \"四好\""), Amount: ptr(36000000.0), AmountRaw: ptr("3600")},
			{Name: ptr("信息化建设")},
		},
		BudgetRequest: []jixiao.BudgetLine{
			{Label: "资金总额", Amount: ptr(36000000.0), Raw: ptr("3600")},
			{Basis: jixiao.BasisIncome, Label: "一般公共预算拨款", Amount: ptr(36000000.0), Raw: ptr("3600")},
			{Basis: jixiao.BasisExpense, Label: "项目支出", Raw: ptr("")},
		},
		Geometry: map[string]jixiao.Place{jixiao.TaskField(1, jixiao.TaskName): {Page: 1, Box: jixiao.Box{1, 2, 3, 4}}},
		Flags:    []jixiao.Flag{{Code: jixiao.FlagAmountMissing, Field: jixiao.BudgetLineField(2, jixiao.LineAmount), Message: "blank"}},
	}
	d := store.Document{Path: "in/family.txt", SHA256: strings.Repeat("ab", 32), Kind: jixiao.KindText, Size: 1}
	if _, _, err := db.SaveDocument(ctx, d, []jixiao.Form{target, self, dept}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestJSONLFamily checks that the JSON-lines export carries the family's
// fields, and writes "funds" and "funds_raw" null for a self-evaluation
// or whole-department form only, in their place among the members.
func TestJSONLFamily(t *testing.T) {
	db := familyDB(t)
	var buf bytes.Buffer
	if err := export.JSONL(context.Background(), &buf, db); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3", len(lines))
	}
	tests := []struct {
		line int
		path string // dotted path into the record
		want string // its JSON (object members sorted)
	}{
		{0, "form_type", `"target"`},
		{0, "template", `"mof88"`},
		{0, "header_extra", `{"项目期":"3年"}`},
		{0, "funds.total", `2500000`},
		{0, "funds_raw.total", `"250"`},
		{0, "indicators.0.period", `"medium_term"`},
		{0, "indicators.0.value_parts", `["≧","735","人次"]`},
		{0, "indicators.0.direction", `"正向"`},
		{0, "indicators.0.standard", `"计划标准"`},
		{0, "indicators.0.note", `"备注"`},
		{1, "form_type", `"self_evaluation"`},
		{1, "funds", `null`},
		{1, "funds_raw", `null`},
		{1, "goals.expected", `"服务老人1万人次"`},
		{1, "goals.achieved", `"服务老人1.2万人次"`},
		{1, "budget.total.rate", `86`},
		{1, "budget.total.executed", `2236000`},
		{1, "total_score", `96`},
		{1, "grade", `"优"`},
		{1, "indicators.0.actual", `"90%"`},
		{1, "indicators.0.actual_target", `{"kind":"quantity","op":"=","unit":"%","value":90}`},
		{1, "indicators.0.weight", `10`},
		{1, "indicators.0.score", `9`},
		{1, "indicators.0.deviation", `"部分社区未开展"`},
		{0, "tasks", `<missing>`}, // none: left out
		{1, "budget_request", `<missing>`},
		{2, "form_type", `"department_target"`},
		{2, "funds", `null`}, // no funds block
		{2, "funds_raw", `null`},
		{2, "funds_unit", `"万元"`},
		{2, "tasks", `[{"amount":36000000,"amount_raw":"3600","content":"完成养护, \"四好\"","name":"农村公路养护"},` +
			`{"amount":null,"amount_raw":null,"content":null,"name":"信息化建设"}]`},
		{2, "budget_request.0", `{"amount":36000000,"basis":"","label":"资金总额","raw":"3600"}`},
		{2, "budget_request.1.basis", `"income"`},
		{2, "budget_request.2", `{"amount":null,"basis":"expense","label":"项目支出","raw":""}`},
		{2, "flags.0.field", `"budget_request[2].amount"`},
	}
	for _, tt := range tests {
		if got := member(t, lines[tt.line], tt.path); got != tt.want {
			t.Errorf("line %d %s = %s, want %s", tt.line+1, tt.path, got, tt.want)
		}
	}
	// The members keep the record's order.
	if !strings.Contains(lines[1], `"funds":null,"funds_raw":null,"funds_unit":""`) {
		t.Errorf("self-evaluation record: funds out of place or not null:\n%s", lines[1])
	}
	if !strings.Contains(lines[2], `"geometry":{"tasks[1].name":{"page":1,"box":[1,2,3,4]}}`) {
		t.Errorf("department record: no box of tasks[1].name:\n%s", lines[2])
	}
	if !strings.Contains(lines[0], `,"funds":{"total":2500000,`) {
		t.Errorf("target record: funds changed:\n%s", lines[0])
	}
}

// member returns the JSON of the member at the dotted path of the JSON
// object line.
func member(t *testing.T, line, path string) string {
	t.Helper()
	var v any
	d := json.NewDecoder(strings.NewReader(line))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatal(err)
	}
	for _, k := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[k]; !ok {
				return "<missing>"
			}
		case []any:
			var i int
			fmt.Sscan(k, &i)
			v = x[i]
		default:
			return "<missing>"
		}
	}
	var buf bytes.Buffer
	e := json.NewEncoder(&buf)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(buf.String())
}

// TestCSVFamily checks that the flat CSV (indicator_targets) carries the
// new indicator columns, and the tables' CSVs the budget table.
func TestCSVFamily(t *testing.T) {
	db := familyDB(t)
	var buf bytes.Buffer
	if err := export.IndicatorsCSV(context.Background(), &buf, db); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), export.BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records, want a header and 2 rows (the department form has no indicator)", len(recs))
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	tests := []struct {
		row       int
		col, want string
	}{
		{1, "form_type", "target"}, {1, "template", "mof88"}, {1, "period", "medium_term"},
		{1, "value_parts", `["≧","735","人次"]`}, {1, "polarity", "正向"}, {1, "standard", "计划标准"},
		{1, "note", "备注"}, {1, "actual", ""}, {1, "actual_kind", ""}, {1, "weight", ""},
		{2, "form_type", "self_evaluation"}, {2, "period", "annual"}, {2, "actual", "90%"},
		{2, "actual_kind", "quantity"}, {2, "actual_op", "="}, {2, "actual_number", "90"}, {2, "actual_unit", "%"},
		{2, "weight", "10"}, {2, "score", "9"}, {2, "deviation", "部分社区未开展"},
	}
	for _, tt := range tests {
		i, ok := col[tt.col]
		if !ok {
			t.Errorf("no column %s in %v", tt.col, recs[0])
			continue
		}
		if got := recs[tt.row][i]; got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}
	dir := t.TempDir()
	if _, err := export.TablesCSV(context.Background(), dir, db); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "budget.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := export.BOM + "id,form_id,key,label,initial,adjusted,executed,weight,rate,score\n1,2,total,年度资金总额,2500000,2600000,2236000,10,86,8.6\n"
	if string(b) != want {
		t.Errorf("budget.csv:\n%s\nwant\n%s", b, want)
	}
	for _, tt := range []struct{ table, want string }{
		{jixiao.FieldTasks, "id,form_id,seq,name,content,amount,amount_raw\n" +
			"1,3,1,农村公路养护,\"完成养护, \"\"四好\"\"\",36000000,3600\n" +
			"2,3,2,信息化建设,,,\n"},
		{jixiao.FieldBudgetRequest, "id,form_id,seq,basis,label,amount,raw\n" +
			"1,3,1,,资金总额,36000000,3600\n" +
			"2,3,2,income,一般公共预算拨款,36000000,3600\n" +
			"3,3,3,expense,项目支出,,\n"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, tt.table+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != export.BOM+tt.want {
			t.Errorf("%s.csv:\n%s\nwant\n%s", tt.table, b, tt.want)
		}
	}
}
