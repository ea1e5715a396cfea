package reconstruct_test

import (
	"reflect"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
)

const deptTitle = "部门整体支出绩效目标申报表"

// line is a budget line in short: basis, label, raw ("-" for nil).
type line struct{ basis, label, raw string }

func lines(f jixiao.Form) []line {
	var ls []line
	for _, l := range f.BudgetRequest {
		ls = append(ls, line{l.Basis, l.Label, str(l.Raw)})
	}
	return ls
}

func str(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

func codes(f jixiao.Form) []string {
	var cs []string
	for _, fl := range f.Flags {
		cs = append(cs, fl.Code+"@"+fl.Field)
	}
	return cs
}

func TestDepartmentBudget(t *testing.T) {
	in, ex := jixiao.BasisIncome, jixiao.BasisExpense
	columns := []string{deptTitle, "部门（单位）名称|某局",
		"年度预算申请（万元）|资金总额|按收入性质分||||按支出性质分|",
		"||公共财政拨款|政府性基金拨款|纳入专户管理的非税收入拨款|其他资金|基本支出|项目支出"}
	for _, tt := range []struct {
		name  string
		lines []string
		want  []line
		unit  string
		flags []string
	}{
		{
			name:  "split printed as columns",
			lines: append(columns, "|100|80|10|5|5|40|60"),
			want: []line{{"", "资金总额", "100"}, {in, "公共财政拨款", "80"}, {in, "政府性基金拨款", "10"},
				{in, "纳入专户管理的非税收入拨款", "5"}, {in, "其他资金", "5"}, {ex, "基本支出", "40"}, {ex, "项目支出", "60"}},
			unit: jixiao.FundsWanYuan,
		},
		{
			name:  "columns with blank cells go by column",
			lines: append(columns, "|100|90|||10|40|60"),
			want: []line{{"", "资金总额", "100"}, {in, "公共财政拨款", "90"}, {in, "政府性基金拨款", "-"},
				{in, "纳入专户管理的非税收入拨款", "-"}, {in, "其他资金", "10"}, {ex, "基本支出", "40"}, {ex, "项目支出", "60"}},
			unit: jixiao.FundsWanYuan,
		},
		{
			name: "label pairs, a blank amount, expense before income",
			lines: []string{deptTitle, "部门名称|某局", "单位：万元", "年度预算申请|资金总额|100", "|按收入性质分||按支出性质分",
				"|公共财政拨款||基本支出|40", "|其中：其他资金|100|项目支出|60"},
			want: []line{{"", "资金总额", "100"}, {in, "公共财政拨款", "-"}, {in, "其中：其他资金", "100"},
				{ex, "基本支出", "40"}, {ex, "项目支出", "60"}},
			unit: jixiao.FundsWanYuan,
		},
		{
			name:  "units that disagree",
			lines: []string{deptTitle + "（单位：万元）", "部门名称|某局", "年度预算申请（元）|资金总额（元）|100"},
			want:  []line{{"", "资金总额（元）", "100"}},
			flags: []string{"funds_unit_unknown@funds_unit"},
		},
		{
			name:  "no title",
			lines: []string{"部门(单位)名称|某局", "年度预算申请|资金总额|250万"},
			want:  []line{{"", "资金总额", "250万"}},
			flags: []string{"title_missing@title"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := build(tt.lines...)
			if f.FormType != jixiao.FormDepartmentTarget || f.Template != jixiao.TemplateDepartment {
				t.Fatalf("form type %q, template %q", f.FormType, f.Template)
			}
			if got := lines(f); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("budget\n got %v\nwant %v", got, tt.want)
			}
			if f.FundsUnit != tt.unit {
				t.Errorf("unit %q, want %q", f.FundsUnit, tt.unit)
			}
			if got := codes(f); !reflect.DeepEqual(got, tt.flags) {
				t.Errorf("flags %v, want %v", got, tt.flags)
			}
			if str(f.Department) != "某局" {
				t.Errorf("department %s", str(f.Department))
			}
		})
	}
}

func TestDepartmentTasks(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		want  []string // name/content/amount
	}{
		{
			name: "with amounts",
			lines: []string{"年度主要任务|任务名称|主要内容|预算金额（万元）", "|A|做事|100", "|B|200", "|C|只有内容",
				"|D|内容一|内容二|30", "|E|内容|1,800.00元"},
			want: []string{"A/做事/100", "B/-/200", "C/只有内容/-", "D/内容一内容二/30", "E/内容/1,800.00元"},
		},
		{
			name:  "no amount column",
			lines: []string{"年度主要任务|任务名称|主要内容", "|A|50", "|B|做事|还有"},
			want:  []string{"A/50/-", "B/做事还有/-"},
		},
		{
			name:  "column labels on the next row",
			lines: []string{"年度主要任务", "任务名称|主要内容|预算金额", "A|做事|1"},
			want:  []string{"A/做事/1"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := build(append([]string{deptTitle}, tt.lines...)...)
			var got []string
			for _, x := range f.Tasks {
				got = append(got, str(x.Name)+"/"+str(x.Content)+"/"+str(x.AmountRaw))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("tasks\n got %v\nwant %v", got, tt.want)
			}
		})
	}
	if f := build(deptTitle, "年度主要任务|任务名称|主要内容|预算金额（万元）", "|A|做事|100"); f.FundsUnit != jixiao.FundsWanYuan {
		t.Errorf("预算金额（万元）: unit %q", f.FundsUnit)
	}
}

// dind is an indicator of a department grid in short.
type dind struct {
	l1, l2, name, value, note string
	parts                     []string
}

func TestDepartmentGrid(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		want  []dind
	}{
		{
			name: "type, value, unit and notes",
			lines: []string{"绩效指标|一级指标|二级指标|三级指标|指标值类型|指标值|计量单位|指标说明及公式",
				"|产出指标|数量指标|a|定量|5|个|说明", "|||b|定性|有效|说明文字很长", "|||c|定量|≥95|%", "|||d|达标"},
			want: []dind{{"产出指标", "数量指标", "a", "5个", "说明", []string{"", "5", "个"}},
				{"产出指标", "数量指标", "b", "有效", "说明文字很长", []string{"", "有效", ""}},
				{"产出指标", "数量指标", "c", "≥95%", "-", []string{"", "≥95", "%"}},
				{"产出指标", "数量指标", "d", "达标", "-", []string{"", "达标", ""}}},
		},
		{
			name:  "operator column",
			lines: []string{"一级指标|二级指标|指标内容|指标性质|指标值|度量单位", "满意度指标||满意度|≥|90|%"},
			want:  []dind{{"满意度指标", "服务对象满意度指标", "满意度", "≥90%", "-", []string{"≥", "90", "%"}}},
		},
		{
			name: "target and explanation",
			lines: []string{"年度绩效指标|一级指标|二级指标|三级指标|预期达到目标|指标解释",
				"|效益指标|环境效益指标|a|改善|解释", "|||b|≥1次"},
			want: []dind{{"效益指标", "生态效益指标", "a", "改善", "解释", nil}, {"效益指标", "生态效益指标", "b", "≥1次", "-", nil}},
		},
		{
			name:  "no header row",
			lines: []string{"产出指标|时效指标|a|12月底前"},
			want:  []dind{{"产出指标", "时效指标", "a", "12月底前", "-", nil}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := build(append([]string{deptTitle, "部门名称|某局", "整体绩效目标|目标"}, tt.lines...)...)
			var got []dind
			for _, x := range f.Indicators {
				if x.Period != jixiao.PeriodAnnual {
					t.Errorf("indicator %d: period %q", x.Seq, x.Period)
				}
				got = append(got, dind{x.Level1, x.Level2, str(x.Name), str(x.Value), str(x.Note), x.ValueParts})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("indicators\n got %v\nwant %v", got, tt.want)
			}
			if str(f.Goals.Annual) != "目标" {
				t.Errorf("goal %s", str(f.Goals.Annual))
			}
		})
	}
}

func TestDepartmentHeader(t *testing.T) {
	f := build("某某网站 首页", "2023年部门整体支出绩效目标申报表", "部门名称：|某局", "部门职能职责概述|负责某事", "联系人|张三",
		"年度整体绩效目标|1.目标一；", "|2.目标二。", "一级指标|二级指标|三级指标|指标值", "|产出指标|数量指标|a|1个")
	if f.Title != "2023年部门整体支出绩效目标申报表" || f.Year != 2023 {
		t.Errorf("title %q, year %d", f.Title, f.Year)
	}
	if want := map[string]string{"部门职能职责概述": "负责某事", "联系人": "张三"}; !reflect.DeepEqual(f.HeaderExtra, want) {
		t.Errorf("header extra %v, want %v", f.HeaderExtra, want)
	}
	if str(f.Goals.Annual) != "1.目标一；2.目标二。" || f.Goals.Overall != nil {
		t.Errorf("goals %s / %s", str(f.Goals.Overall), str(f.Goals.Annual))
	}
	if len(f.Indicators) != 1 || len(f.Flags) != 0 {
		t.Errorf("indicators %+v, flags %v", f.Indicators, f.Flags)
	}
	if f := build(deptTitle, "(2024年度)", "部门名称|某局"); f.Year != 2024 {
		t.Errorf("year line: year %d", f.Year)
	}
}

// A standard form stays one, whatever labels it shares.
func TestNotDepartment(t *testing.T) {
	for _, ls := range [][]string{
		{title, "项目名称|A", "其他资金|1", "年度总体目标"},
		{"项目名称|A", "主管部门|某局"},
	} {
		if f := build(ls...); f.FormType == jixiao.FormDepartmentTarget {
			t.Errorf("%s: read as a department form", strings.Join(ls, " / "))
		}
	}
}

// FuzzDepartment reads arbitrary rows (lines of cells between "|") after
// a department title: the reader may not panic, and the record keeps its
// invariants: a department form, indicators numbered in order, the budget
// lines total first, then income, then expense.
func FuzzDepartment(f *testing.F) {
	f.Add("部门名称|某局\n年度预算申请（万元）|资金总额|按收入性质分\n|公共财政拨款|基本支出\n|100|60\n")
	f.Add("年度主要任务|任务名称|主要内容|预算金额\n|A|B|1\n|C\n整体绩效目标|x\n一级指标|三级指标|指标值类型|指标值|计量单位|备注\n产出指标|a|定量|1|个\n||b")
	f.Add("|||\n资金总额|资金总额|资金总额\n|1|2|3|4|5|6|7|8\n按支出性质分|项目支出\n一级指标|二级指标\n满意度指标||x|y|z|w|v")
	f.Fuzz(func(t *testing.T, in string) {
		rows := strings.Split(in, "\n")
		if len(rows) > 200 {
			rows = rows[:200]
		}
		fm := build(append([]string{deptTitle}, rows...)...)
		if fm.FormType != jixiao.FormDepartmentTarget {
			t.Fatalf("form type %q", fm.FormType)
		}
		rank := map[string]int{"": 0, jixiao.BasisIncome: 1, jixiao.BasisExpense: 2}
		for i, l := range fm.BudgetRequest {
			if i > 0 && rank[l.Basis] < rank[fm.BudgetRequest[i-1].Basis] {
				t.Fatalf("budget lines out of order: %+v", fm.BudgetRequest)
			}
		}
		for i, ind := range fm.Indicators {
			if ind.Seq != i+1 || ind.Name == nil || ind.Flags == nil {
				t.Fatalf("indicator %d broken: %+v", i, ind)
			}
			if ind.ValueParts != nil && len(ind.ValueParts) != 3 {
				t.Fatalf("indicator %d: value parts %q", i, ind.ValueParts)
			}
		}
	})
}

// Cells read with low certainty flag the department fields they give, by
// their paths in the record (budget lines after they are ordered).
func TestDepartmentLowConfidence(t *testing.T) {
	c := func(text string, col int, conf float64) table.Cell {
		return table.Cell{Text: text, Col: col, Confidence: conf}
	}
	tb := table.Table{Rows: []table.Row{
		{Cells: []table.Cell{c(deptTitle, 0, 0.99)}},
		{Cells: []table.Cell{c("部门名称", 0, 0.99), c("某局", 1, 0.5)}},
		{Cells: []table.Cell{c("年度主要任务", 0, 0.99), c("任务名称", 1, 0.99), c("主要内容", 2, 0.99), c("预算金额", 3, 0.99)}},
		{Cells: []table.Cell{c("A", 1, 0.99), c("做事", 2, 0.99), c("1OO", 3, 0.4)}},
		{Cells: []table.Cell{c("年度预算申请", 0, 0.99), c("基本支出", 1, 0.99), c("40", 2, 0.6), c("资金总额", 3, 0.99), c("100", 4, 0.99)}},
		{Cells: []table.Cell{c("整体绩效目标", 0, 0.99), c("目标", 1, 0.7)}},
		{Cells: []table.Cell{c("一级指标", 0, 0.99), c("三级指标", 1, 0.99), c("指标值", 2, 0.99)}},
		{Cells: []table.Cell{c("满意度指标", 0, 0.99), c("满意度", 1, 0.99), c("≥9O%", 2, 0.3)}},
	}}
	f := reconstruct.FormWith(tb, reconstruct.Options{LowConfidence: 0.8})
	want := []string{"low_confidence@department", "low_confidence@tasks[0].amount", "low_confidence@indicators[0].value",
		"low_confidence@budget_request[1].amount", "low_confidence@goals.annual"}
	if got := codes(f); !reflect.DeepEqual(got, want) {
		t.Errorf("flags\n got %v\nwant %v", got, want)
	}
	if f.Indicators[0].Confidence != 0.3 {
		t.Errorf("indicator confidence %v, want 0.3", f.Indicators[0].Confidence)
	}
}
