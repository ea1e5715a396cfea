package reconstruct_test

import (
	"fmt"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
	"jixiao/extract/text"
)

// seRead reads one self-evaluation form from a text export whose lines are
// given with cells separated by "|": as a tab export (pipe false: the
// cells keep their columns), or as a "|" export of the non-empty cells
// (pipe true).
func seRead(t *testing.T, pipe bool, lines ...string) jixiao.Form {
	t.Helper()
	var rows []string
	for _, l := range lines {
		if pipe {
			var cells []string
			for _, c := range strings.Split(l, "|") {
				if strings.TrimSpace(c) != "" {
					cells = append(cells, c)
				}
			}
			rows = append(rows, "| "+strings.Join(cells, " | ")+" |")
		} else {
			rows = append(rows, strings.ReplaceAll(l, "|", "\t"))
		}
	}
	var forms []jixiao.Form
	err := text.Forms(strings.NewReader(strings.Join(rows, "\n")), func(tb table.Table) error {
		forms = append(forms, reconstruct.Form(tb))
		return nil
	}, nil)
	if err != nil || len(forms) != 1 {
		t.Fatalf("%d forms (%v), want 1", len(forms), err)
	}
	return forms[0]
}

const (
	seTitle   = "项目支出绩效自评表"
	seGridHdr = "一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施"
)

// seHead is the start of a form, up to its grid's header.
var seHead = []string{
	seTitle, "（2023年度）",
	"项目名称|某项目", "主管部门|某局|||实施单位|某中心",
	"项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分",
	"|年度资金总额|100|120.5|108.45|10|90%|9",
	"|其中：当年财政拨款|100|100|90||90%|",
	"|上年结转资金||20.5|18.45|—|—|—",
	"|单位资金|0|0|0",
	"年度总体目标|预期目标||||实际完成情况",
	"|完成甲||||乙已完成",
}

func pf(v float64) *float64 { return &v }

func eqf(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func eqs(a *string, b string, isNil bool) bool {
	if isNil {
		return a == nil
	}
	return a != nil && *a == b
}

func TestSelfEvalForm(t *testing.T) {
	for _, pipe := range []bool{false, true} {
		lines := append(append([]string(nil), seHead...), seGridHdr,
			"产出指标(50分)|数量指标|甲|≥10个|12个|20|20|无",
			"效益指标(30分)|社会效益指标|乙|有效|基本达到|30|21|",
			"满意度指标(10分)|服务对象满意度指标|丙|≥90%|—|10|9|未调查",
			"总分|||||100|89|良",
			"评价结论|较好",
			"项目负责人|张三|||财务负责人|李四",
		)
		f := seRead(t, pipe, lines...)
		if f.FormType != jixiao.FormSelfEvaluation || f.Template != jixiao.TemplateSelfEval || f.Title != seTitle || f.Year != 2023 {
			t.Errorf("pipe %v: type %q template %q title %q year %d", pipe, f.FormType, f.Template, f.Title, f.Year)
		}
		if !eqs(f.ProjectName, "某项目", false) || !eqs(f.Department, "某局", false) || !eqs(f.ImplementingUnit, "某中心", false) {
			t.Errorf("pipe %v: header %v %v %v", pipe, f.ProjectName, f.Department, f.ImplementingUnit)
		}
		if f.FundsUnit != jixiao.FundsWanYuan || f.Funds != (jixiao.Funds{}) {
			t.Errorf("pipe %v: funds unit %q, funds %+v", pipe, f.FundsUnit, f.Funds)
		}
		want := map[string]jixiao.BudgetRow{
			jixiao.BudgetTotal:         {Label: "年度资金总额", Initial: pf(1000000), Adjusted: pf(1205000), Executed: pf(1084500), Weight: pf(10), Rate: pf(90), Score: pf(9)},
			jixiao.BudgetAppropriation: {Label: "其中：当年财政拨款", Initial: pf(1000000), Adjusted: pf(1000000), Executed: pf(900000), Rate: pf(90)},
			jixiao.BudgetCarryover:     {Label: "上年结转资金", Adjusted: pf(205000), Executed: pf(184500)},
			"单位资金":                     {Label: "单位资金", Initial: pf(0), Adjusted: pf(0), Executed: pf(0)},
		}
		if pipe { // a blank 年初预算数 cannot be told from a blank later cell
			want[jixiao.BudgetCarryover] = jixiao.BudgetRow{Label: "上年结转资金", Initial: pf(205000), Adjusted: pf(184500)}
		}
		if len(f.Budget) != len(want) {
			t.Errorf("pipe %v: budget %+v", pipe, f.Budget)
		}
		for k, w := range want {
			g := f.Budget[k]
			if g.Label != w.Label || !eqf(g.Initial, w.Initial) || !eqf(g.Adjusted, w.Adjusted) || !eqf(g.Executed, w.Executed) ||
				!eqf(g.Weight, w.Weight) || !eqf(g.Rate, w.Rate) || !eqf(g.Score, w.Score) {
				t.Errorf("pipe %v: budget %s = %s, want %s", pipe, k, rowString(g), rowString(w))
			}
		}
		if !eqs(f.Goals.Expected, "完成甲", false) || !eqs(f.Goals.Achieved, "乙已完成", false) {
			t.Errorf("pipe %v: goals %v %v", pipe, f.Goals.Expected, f.Goals.Achieved)
		}
		if len(f.Indicators) != 3 {
			t.Fatalf("pipe %v: %d indicators", pipe, len(f.Indicators))
		}
		in := f.Indicators
		if in[0].Level1 != jixiao.L1Output || !eqf(in[0].Level1Weight, pf(50)) || !eqs(in[0].Actual, "12个", false) ||
			!eqf(in[0].Weight, pf(20)) || !eqf(in[0].Score, pf(20)) || !eqs(in[0].Deviation, "无", false) || in[0].Period != jixiao.PeriodAnnual {
			t.Errorf("pipe %v: indicator 1 %+v", pipe, in[0])
		}
		if !eqs(in[1].Actual, "基本达到", false) || !eqf(in[1].Score, pf(21)) || in[1].Deviation != nil {
			t.Errorf("pipe %v: indicator 2 %+v", pipe, in[1])
		}
		if in[2].Actual != nil || !eqf(in[2].Weight, pf(10)) || !eqs(in[2].Deviation, "未调查", false) {
			t.Errorf("pipe %v: indicator 3 %+v", pipe, in[2])
		}
		if !eqf(f.TotalScore, pf(89)) || !eqs(f.Grade, "良", false) {
			t.Errorf("pipe %v: total %v grade %v", pipe, f.TotalScore, f.Grade)
		}
		wantExtra := map[string]string{"评价结论": "较好", "项目负责人": "张三", "财务负责人": "李四"}
		if len(f.HeaderExtra) != len(wantExtra) {
			t.Errorf("pipe %v: header_extra %v", pipe, f.HeaderExtra)
		}
		for k, v := range wantExtra {
			if f.HeaderExtra[k] != v {
				t.Errorf("pipe %v: header_extra[%s] = %q, want %q", pipe, k, f.HeaderExtra[k], v)
			}
		}
		if len(f.Flags) != 0 {
			t.Errorf("pipe %v: flags %+v", pipe, f.Flags)
		}
	}
}

func rowString(r jixiao.BudgetRow) string {
	s := r.Label
	for _, p := range []*float64{r.Initial, r.Adjusted, r.Executed, r.Weight, r.Rate, r.Score} {
		if p == nil {
			s += " nil"
		} else {
			s += fmt.Sprintf(" %g", *p)
		}
	}
	return s
}

// seInd is an indicator's self-evaluation fields in short; "nil" for a
// nil string, -1 for a nil number.
type seInd struct {
	value, actual, dev string
	parts              string // the value parts joined by "/", "" for none
	weight, score      float64
}

func shortInd(in jixiao.Indicator) seInd {
	s := func(p *string) string {
		if p == nil {
			return "nil"
		}
		return *p
	}
	n := func(p *float64) float64 {
		if p == nil {
			return -1
		}
		return *p
	}
	parts := ""
	if in.ValueParts != nil {
		parts = strings.Join(in.ValueParts, "/")
	}
	return seInd{value: s(in.Value), actual: s(in.Actual), dev: s(in.Deviation), parts: parts, weight: n(in.Weight), score: n(in.Score)}
}

func TestSelfEvalGridVariants(t *testing.T) {
	split := "一级指标|二级指标|三级指标|指标性质|指标值|度量单位|实际完成值|分值|得分|偏差原因分析及改进措施"
	weightFirst := "一级指标|二级指标|三级指标|权重|年度指标值|完成值|得分|未完成原因分析"
	for _, tt := range []struct {
		name  string
		pipe  bool
		head  string
		row   string
		want  seInd
		flags []string
	}{
		{"blank actual", false, seGridHdr, "产出指标|数量指标|甲|≥5个||10|8|原因", seInd{"≥5个", "nil", "原因", "", 10, 8}, nil},
		{"blank actual, |", true, seGridHdr, "产出指标|数量指标|甲|≥5个||10|8|原因", seInd{"≥5个", "nil", "原因", "", 10, 8}, nil},
		{"dash actual", true, seGridHdr, "产出指标|数量指标|甲|≥5个|—|10|8|原因", seInd{"≥5个", "nil", "原因", "", 10, 8}, nil},
		{"blank deviation, |", true, seGridHdr, "产出指标|数量指标|甲|≥5个|6个|10|10|", seInd{"≥5个", "6个", "nil", "", 10, 10}, nil},
		{"0 deviation", false, seGridHdr, "产出指标|数量指标|甲|≥5个||10|8|0", seInd{"≥5个", "nil", "0", "", 10, 8}, nil},
		// the cells cannot tell: read as an actual and a blank deviation, flagged
		{"0 deviation, |", true, seGridHdr, "产出指标|数量指标|甲|≥5个||10|8|0", seInd{"≥5个", "10", "nil", "", 8, 0}, []string{jixiao.FlagColumnsAmbiguous}},
		{"bare actual, blank deviation, |", true, seGridHdr, "产出指标|数量指标|甲|≥5|6|6|5|", seInd{"≥5", "6", "nil", "", 6, 5}, []string{jixiao.FlagColumnsAmbiguous}},
		{"bare actual, the other reading's score over its weight, |", true, seGridHdr, "产出指标|数量指标|甲|≥5|6|10|10|", seInd{"≥5", "6", "nil", "", 10, 10}, nil},
		{"word actual and 无", true, seGridHdr, "效益指标|社会效益指标|乙|有效|达成预期指标|30|30|无", seInd{"有效", "达成预期指标", "无", "", 30, 30}, nil},
		{"weight first", false, weightFirst, "产出指标|数量指标|甲|10|≥5个|6个|10|", seInd{"≥5个", "6个", "nil", "", 10, 10}, nil},
		{"weight first, |", true, weightFirst, "产出指标|数量指标|甲|10|≥5个|6个|10|无", seInd{"≥5个", "6个", "无", "", 10, 10}, nil},
		{"weight first, 得分 misread", false, strings.Replace(weightFirst, "得分", "日八", 1), "产出指标|数量指标|甲|10|≥5个|6个|9|", seInd{"≥5个", "6个", "nil", "", 10, 9}, nil},
		{"split", false, split, "产出指标|数量指标|甲|≧|735|人次|740人次|10|10|无", seInd{"≧735人次", "740人次", "无", "≧/735/人次", 10, 10}, nil},
		{"split, |", true, split, "产出指标|数量指标|甲|≧|735|人次|740人次|10|10|无", seInd{"≧735人次", "740人次", "无", "≧/735/人次", 10, 10}, nil},
		{"split, blank operator and unit, |", true, split, "产出指标|质量指标|乙||合格||合格|10|10|无", seInd{"合格", "合格", "无", "/合格/", 10, 10}, nil},
		{"split, direction", false, split, "产出指标|数量指标|甲|反向|5|次|3次|10|10|", seInd{"5次", "3次", "nil", "/5/次", 10, 10}, nil},
		{"score not a number", false, seGridHdr, "产出指标|数量指标|甲|≥5个|6个|10|十分|", seInd{"≥5个", "6个", "nil", "", 10, -1},
			[]string{jixiao.FlagUnrecognizedCell}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := seRead(t, tt.pipe, append(append([]string(nil), seHead...), tt.head, tt.row)...)
			if len(f.Indicators) != 1 {
				t.Fatalf("%d indicators", len(f.Indicators))
			}
			if got := shortInd(f.Indicators[0]); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
			var codes []string
			for _, fl := range f.Flags {
				codes = append(codes, fl.Code)
			}
			if strings.Join(codes, ",") != strings.Join(tt.flags, ",") {
				t.Errorf("flags %v, want %v", codes, tt.flags)
			}
		})
	}
}

func TestIsSelfEval(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		want  bool
	}{
		{"title", []string{seTitle, "项目名称|a"}, true},
		{"department title with year", []string{"部门预算项目支出绩效自评表（2023年度）", "项目名称|a"}, true},
		{"target form", []string{title, "项目名称|a", gridHdr}, false},
		{"target form titled 目标表", []string{"项目支出绩效目标表", "项目名称|a", gridHdr}, false},
		{"no title, grid header", []string{"项目名称|a", seGridHdr}, true},
		{"no title, budget header", []string{"项目名称|a", "项目资金（万元）||年初预算数|全年预算数"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var rows []string
			for _, l := range tt.lines {
				rows = append(rows, strings.ReplaceAll(l, "|", "\t"))
			}
			var got []bool
			_ = text.Forms(strings.NewReader(strings.Join(rows, "\n")), func(tb table.Table) error {
				got = append(got, reconstruct.IsSelfEval(tb))
				return nil
			}, nil)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("IsSelfEval = %v, want [%v]", got, tt.want)
			}
		})
	}
	f := seRead(t, false, "项目名称|a", seGridHdr, "产出指标|数量指标|甲|≥5个|6个|10|10|")
	if f.FormType != jixiao.FormSelfEvaluation || len(f.Flags) != 1 || f.Flags[0].Code != jixiao.FlagTitleMissing {
		t.Errorf("a form without its title: type %q, flags %+v", f.FormType, f.Flags)
	}
}

// TestSelfEvalLayouts reads layouts the fixtures do not print: a budget
// block with a 原因 column, the grid's header led by 绩效指标(90分), the
// goals beside their labels, the grade after 评价等级.
func TestSelfEvalLayouts(t *testing.T) {
	for _, pipe := range []bool{false, true} {
		f := seRead(t, pipe,
			"2023年度部门预算项目支出绩效自评表",
			"项目名称|某项目|主管部门|某局|实施单位|某中心",
			"项目资金（万元）|年初预算数|全年预算数|全年执行数|分值|执行率|得分|原因",
			"年度资金总额|100|100|80|10|80%|8|进度滞后",
			"年度总体目标|预期目标|完成甲|实际完成情况|完成乙",
			"绩效指标(90分)|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|未完成原因分析",
			"|产出指标(90分)|数量指标|甲|≥5个|6个|90|90|无",
			"合计||||||100|98",
			"评价等级|优",
		)
		if f.Title == "" || f.Year != 2023 || !eqs(f.ProjectName, "某项目", false) || !eqs(f.ImplementingUnit, "某中心", false) {
			t.Errorf("pipe %v: title %q year %d header %v %v", pipe, f.Title, f.Year, f.ProjectName, f.ImplementingUnit)
		}
		tot := f.Budget[jixiao.BudgetTotal]
		if !eqf(tot.Executed, pf(800000)) || !eqf(tot.Rate, pf(80)) || !eqf(tot.Score, pf(8)) || !eqf(tot.Weight, pf(10)) {
			t.Errorf("pipe %v: budget total %s", pipe, rowString(tot))
		}
		if !eqs(f.Goals.Expected, "完成甲", false) || !eqs(f.Goals.Achieved, "完成乙", false) {
			t.Errorf("pipe %v: goals %v %v", pipe, f.Goals.Expected, f.Goals.Achieved)
		}
		if len(f.Indicators) != 1 || shortInd(f.Indicators[0]) != (seInd{"≥5个", "6个", "无", "", 90, 90}) || !eqf(f.Indicators[0].Level1Weight, pf(90)) {
			t.Errorf("pipe %v: indicators %+v", pipe, f.Indicators)
		}
		if !eqf(f.TotalScore, pf(98)) || !eqs(f.Grade, "优", false) {
			t.Errorf("pipe %v: total %v grade %v", pipe, f.TotalScore, f.Grade)
		}
		if len(f.Flags) != 0 {
			t.Errorf("pipe %v: flags %+v", pipe, f.Flags)
		}
	}
}
