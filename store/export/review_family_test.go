package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/review"
	"jixiao/store/export"
)

// TestExportCorrectedFamily corrects a field of each block of the family
// and checks that the JSON-lines export, the flat CSV and the views of the
// corrected rows show the correction.
func TestExportCorrectedFamily(t *testing.T) {
	ctx := context.Background()
	db := familyDB(t)
	for _, e := range []review.Edit{
		{FormID: 1, Field: jixiao.HeaderExtraField("项目期"), Value: "5年"},
		{FormID: 1, Field: jixiao.IndicatorField(0, jixiao.IndicatorValue), Value: "≥800人次"},
		{FormID: 1, Field: jixiao.IndicatorField(0, jixiao.IndicatorPeriod), Value: jixiao.PeriodAnnual},
		{FormID: 1, Field: jixiao.IndicatorField(0, jixiao.IndicatorDirection), Value: jixiao.DirectionNegative},
		{FormID: 1, Field: jixiao.IndicatorField(0, jixiao.IndicatorStandard), Value: "行业标准"},
		{FormID: 1, Field: jixiao.IndicatorField(0, jixiao.IndicatorNote), Value: ""},
		{FormID: 2, Field: jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), Value: "2,240,000"},
		{FormID: 2, Field: jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafRate), Value: "86.2%"},
		{FormID: 2, Field: jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafLabel), Value: "资金总额"},
		{FormID: 2, Field: jixiao.IndicatorField(0, jixiao.IndicatorWeight), Value: "12"},
		{FormID: 3, Field: jixiao.TaskField(1, jixiao.TaskAmount), Value: "120"},
		{FormID: 3, Field: jixiao.TaskField(1, jixiao.TaskContent), Value: "平台升级"},
		{FormID: 3, Field: jixiao.BudgetLineField(2, jixiao.LineAmount), Value: "3600"},
		{FormID: 3, Field: jixiao.BudgetLineField(1, jixiao.LineLabel), Value: "公共财政拨款"},
	} {
		e.Reviewer = "王芳"
		if _, changed, err := review.Correct(ctx, db, e); err != nil || !changed {
			t.Fatalf("correct form %d %s: changed %v, %v", e.FormID, e.Field, changed, err)
		}
	}

	var buf bytes.Buffer
	if err := export.JSONL(ctx, &buf, db); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for _, tt := range []struct {
		line       int
		path, want string
	}{
		{0, "header_extra", `{"项目期":"5年"}`},
		{0, "indicators.0.value", `"≥800人次"`},
		{0, "indicators.0.value_parts", `<missing>`}, // no longer the join of the printed cells
		{0, "indicators.0.period", `"annual"`},
		{0, "indicators.0.direction", `"反向"`},
		{0, "indicators.0.standard", `"行业标准"`},
		{0, "indicators.0.note", `<missing>`},
		{0, "corrections.0.field", `"header_extra.项目期"`},
		{0, "corrections.0.original", `"3年"`},
		{0, "corrections.0.corrected", `"5年"`},
		{1, "budget.total.executed", `2240000`},
		{1, "budget.total.rate", `86.2`},
		{1, "budget.total.label", `"资金总额"`},
		{1, "budget.total.initial", `2500000`},
		{1, "indicators.0.weight", `12`},
		{1, "corrections.0.original", `"2236000"`},
		{2, "tasks.1", `{"amount":1200000,"amount_raw":"120","content":"平台升级","name":"信息化建设"}`},
		{2, "budget_request.2", `{"amount":36000000,"basis":"expense","label":"项目支出","raw":"3600"}`},
		{2, "budget_request.1.label", `"公共财政拨款"`},
	} {
		if got := member(t, lines[tt.line], tt.path); got != tt.want {
			t.Errorf("line %d %s = %s, want %s", tt.line+1, tt.path, got, tt.want)
		}
	}
	// The blank line filled in: amount_missing resolved, and the split adds up.
	if fl := member(t, lines[2], "flags"); strings.Contains(fl, jixiao.FieldBudgetRequest) {
		t.Errorf("department record: flags on the budget request after its correction: %s", fl)
	}

	buf.Reset()
	if err := export.IndicatorsCSV(ctx, &buf, db); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), export.BOM))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	for _, tt := range []struct {
		row       int
		col, want string
	}{
		{1, "value", "≥800人次"}, {1, "number", "800"}, {1, "value_parts", ""}, {1, "period", "annual"},
		{1, "polarity", "反向"}, {1, "standard", "行业标准"}, {1, "note", ""}, {2, "weight", "12"},
	} {
		if got := recs[tt.row][col[tt.col]]; got != tt.want {
			t.Errorf("CSV row %d %s = %q, want %q", tt.row, tt.col, got, tt.want)
		}
	}

	for _, tt := range []struct{ query, want string }{
		{`SELECT label, executed, rate, executed_read FROM budget_current`, "label,executed,rate,executed_read\n资金总额,2240000,86.2,2236000\n"},
		{`SELECT seq, content, amount, amount_raw, amount_read FROM tasks_current WHERE seq = 2`,
			"seq,content,amount,amount_raw,amount_read\n2,平台升级,1200000,120,\n"},
		{`SELECT seq, label, amount, raw FROM budget_request_current WHERE seq > 1`,
			"seq,label,amount,raw\n2,公共财政拨款,36000000,3600\n3,项目支出,36000000,3600\n"},
		{`SELECT header_extra, header_extra_read FROM forms_current WHERE form_id = 1`,
			"header_extra,header_extra_read\n\"{\"\"项目期\"\":\"\"5年\"\"}\",\"{\"\"项目期\"\":\"\"3年\"\"}\"\n"},
		{`SELECT field, amount FROM latest_corrections WHERE amount IS NOT NULL ORDER BY field`,
			"field,amount\nbudget.total.executed,2240000\nbudget_request[2].amount,36000000\ntasks[1].amount,1200000\n"},
	} {
		buf.Reset()
		if err := export.WriteQueryCSV(ctx, &buf, db, tt.query, false); err != nil {
			t.Fatal(err)
		}
		if buf.String() != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.query, buf.String(), tt.want)
		}
	}
}
