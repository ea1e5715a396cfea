package render

import (
	"sort"
	"strconv"
	"strings"

	golden "jixiao"
)

// selfEvalLayout is one way a self-evaluation form is printed: the words
// of its column heads and closing rows and where its columns go. The
// record decides the rest: a project code (HeaderExtra 项目编码) gets a
// row before the name, split target columns are printed where the
// indicators have ValueParts, weights with the level labels where the
// record has them.
type selfEvalLayout struct {
	// the words of the weight, adjusted budget, executed budget, actual
	// and deviation columns
	weight, adjusted, executed, actual, deviation string

	weightFirst bool   // 分值 before 年度指标值
	gridTitle   bool   // a 绩效指标(NN分) row above the grid's header
	total       string // 总分 or 合计
	dash        string // what a blank actual, deviation or budget cell prints
	gradeRow    bool   // the grade after 评价等级 on a row of its own, not in the total row
}

// selfEvalLayouts are the layouts; a record is printed in the one at its
// source.form_index (1-based) modulo their number, so that a corpus of
// forms cycles through them.
var selfEvalLayouts = []selfEvalLayout{
	{"分值", "全年预算数", "全年执行数", "实际完成值", "偏差原因分析及改进措施", false, false, "总分", "—", false},
	{"权重", "调整后预算数", "预算执行数", "完成值", "未完成原因分析", true, true, "合计", "", true},
	{"分值", "全年预算数", "全年执行数", "全年实际值", "偏差原因分析及改进措施", false, true, "总分", "", true},
	{"权重", "全年预算数", "预算执行数", "实际完成值", "未完成原因分析", true, false, "总分", "—", false},
	{"分值", "调整后预算数", "全年执行数", "实际完成值", "偏差原因分析及改进措施", false, false, "合计", "", false},
}

// layoutOf returns the layout a record is printed in.
func layoutOf(r golden.Form) selfEvalLayout {
	i := max(r.Source.FormIndex-1, 0)
	return selfEvalLayouts[i%len(selfEvalLayouts)]
}

// The printed words of the self-evaluation form (a fixture writer keeps
// its own spelling: see vocab_copies_test.go).
const (
	seProjectCode = "项目编码"
	seBlock       = "项目资金（万元）"
	seGrade       = "评价等级"
)

// seClosing are the closing rows printed with a text of their own, in
// order; seHeads the two printed on one row.
var (
	seClosing = []string{"评价结论", "存在问题", "改进措施"}
	seHeads   = [2]string{"项目负责人", "财务负责人"}
)

// budgetOrder is the order of the standard budget rows and their labels
// when the record's Label is empty.
var budgetOrder = []struct{ key, label string }{
	{golden.BudgetTotal, "年度资金总额"},
	{golden.BudgetAppropriation, "其中：当年财政拨款"},
	{golden.BudgetCarryover, "上年结转资金"},
	{golden.BudgetOther, "其他资金"},
}

// num prints a number as the forms do: no trailing zeros.
func num(p *float64, dash string) string {
	if p == nil {
		return dash
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// wan prints an amount in 元 as 万元.
func wan(p *float64, dash string) string {
	if p == nil {
		return dash
	}
	v := *p / 10000
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func orDash(p *string, dash string) string {
	if p == nil {
		return dash
	}
	return *p
}

// weighted prints a level label with its weight: 产出指标(50分), unless
// the label as printed has it already.
func weighted(label string, w *float64) string {
	if w == nil || strings.HasSuffix(label, "分)") || strings.HasSuffix(label, "分）") {
		return label
	}
	return label + "(" + num(w, "") + "分)"
}

// buildSelfEval lays a record out as a self-evaluation form
// (项目支出绩效自评表) in its layout (layoutOf). The grid has 8 columns, or
// 10 with split target columns (Form.cols).
func buildSelfEval(r golden.Form) Form {
	lo := layoutOf(r)
	f := Form{title: r.Title}
	if r.Year > 0 {
		f.year = "（" + strconv.Itoa(r.Year) + "年度）"
	}
	split := false
	for _, ind := range r.Indicators {
		split = split || ind.ValueParts != nil
	}
	// the grid's columns, in order
	cols := []string{"一级指标", "二级指标", "三级指标"}
	values := []string{"年度指标值"}
	if split {
		values = []string{"指标性质", "指标值", "度量单位"}
	}
	if lo.weightFirst {
		cols = append(append(append(cols, lo.weight), values...), lo.actual)
	} else {
		cols = append(append(cols, values...), lo.actual, lo.weight)
	}
	cols = append(cols, "得分", lo.deviation)
	n := len(cols)
	f.cols = n
	colOf := map[string]int{}
	for i, c := range cols {
		colOf[c] = i
	}
	add := func(k rowKind, cs ...cell) { f.rows = append(f.rows, row{kind: k, cells: cs}) }
	pair := func(label, value string) { add(rowPlain, lab(0, 1, label), val(1, n-1, value)) }

	extra := map[string]string{}
	for k, v := range r.HeaderExtra {
		extra[k] = v
	}
	take := func(k string) (string, bool) {
		v, ok := extra[k]
		delete(extra, k)
		return v, ok
	}
	if code, ok := take(seProjectCode); ok {
		pair(seProjectCode, code)
	}
	pair("项目名称", Str(r.ProjectName))
	add(rowPlain, lab(0, 1, "主管部门"), val(1, 3, Str(r.Department)), lab(4, 1, "实施单位"), val(5, n-5, Str(r.ImplementingUnit)))
	var closing []string
	for _, k := range append(append([]string(nil), seClosing...), seHeads[:]...) {
		if _, ok := extra[k]; ok {
			closing = append(closing, k)
		}
	}
	var others []string
	for k := range extra {
		if !contains(closing, k) {
			others = append(others, k)
		}
	}
	sort.Strings(others)
	for _, k := range others {
		pair(k, extra[k])
	}

	// the budget block
	var keys []string
	var labels []string
	for _, b := range budgetOrder {
		if row, ok := r.Budget[b.key]; ok {
			keys = append(keys, b.key)
			labels = append(labels, firstOf(row.Label, b.label))
		}
	}
	var rest []string
	for k := range r.Budget {
		if !containsKey(k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		keys = append(keys, k)
		labels = append(labels, firstOf(r.Budget[k].Label, k))
	}
	if len(keys) > 0 {
		add(rowPlain, span(lab(0, 1, seBlock), len(keys)+1), lab(2, 1, "年初预算数"), lab(3, 1, lo.adjusted),
			lab(4, 1, lo.executed), lab(5, 1, lo.weight), lab(6, 1, "执行率"), lab(7, n-7, "得分"))
		for i, k := range keys {
			b := r.Budget[k]
			rate := lo.dash
			if b.Rate != nil {
				rate = num(b.Rate, "") + "%"
			}
			add(rowPlain, lab(1, 1, labels[i]), val(2, 1, wan(b.Initial, lo.dash)), val(3, 1, wan(b.Adjusted, lo.dash)),
				val(4, 1, wan(b.Executed, lo.dash)), val(5, 1, num(b.Weight, lo.dash)), val(6, 1, rate), val(7, n-7, num(b.Score, lo.dash)))
		}
	}

	// the goals
	if r.Goals.Expected != nil || r.Goals.Achieved != nil {
		add(rowPlain, span(lab(0, 1, "年度总体目标"), 2), lab(1, 4, "预期目标"), lab(5, n-5, "实际完成情况"))
		add(rowPlain, val(1, 4, Str(r.Goals.Expected)), val(5, n-5, Str(r.Goals.Achieved)))
	}

	// the grid
	ind := r.Indicators
	if lo.gridTitle {
		total := 0.0
		for _, x := range ind {
			if x.Weight != nil {
				total += *x.Weight
			}
		}
		add(rowPlain, lab(0, n, "绩效指标("+num(&total, "")+"分)"))
	}
	var head []cell
	for i, c := range cols {
		head = append(head, lab(i, 1, c))
	}
	add(rowIndHeader, head...)
	for i, x := range ind {
		var cs []cell
		l1, l2 := levelSpans(ind, i)
		if l1 > 0 {
			cs = append(cs, span(lab(0, 1, weighted(x.Level1, x.Level1Weight)), l1))
		}
		if l2 > 0 {
			cs = append(cs, span(lab(1, 1, weighted(printedLevel2(x), x.Level2Weight)), l2))
		}
		cs = append(cs, val(2, 1, Str(x.Name)))
		if split {
			parts := x.ValueParts
			if parts == nil {
				parts = []string{"", Str(x.Value), ""}
			}
			for j, v := range []string{"指标性质", "指标值", "度量单位"} {
				cs = append(cs, lab(colOf[v], 1, parts[j]))
			}
		} else {
			cs = append(cs, lab(colOf["年度指标值"], 1, Str(x.Value)))
		}
		cs = append(cs, lab(colOf[lo.actual], 1, orDash(x.Actual, lo.dash)), lab(colOf[lo.weight], 1, num(x.Weight, "")),
			lab(colOf["得分"], 1, num(x.Score, "")), val(colOf[lo.deviation], 1, orDash(x.Deviation, lo.dash)))
		add(rowIndicator, cs...)
	}

	// the closing rows
	if r.TotalScore != nil {
		var weights *float64
		sum := func(p *float64) {
			if p != nil {
				s := *p
				if weights != nil {
					s += *weights
				}
				weights = &s
			}
		}
		for _, x := range ind {
			sum(x.Weight)
		}
		if b, ok := r.Budget[golden.BudgetTotal]; ok {
			sum(b.Weight)
		}
		w := colOf[lo.weight]
		cs := []cell{lab(0, w, lo.total), lab(w, 1, num(weights, "")), lab(colOf["得分"], 1, num(r.TotalScore, ""))}
		if r.Grade != nil && !lo.gradeRow {
			cs = append(cs, lab(n-1, 1, *r.Grade))
		}
		add(rowPlain, cs...)
	}
	if r.Grade != nil && (lo.gradeRow || r.TotalScore == nil) {
		pair(seGrade, *r.Grade)
	}
	for _, k := range closing {
		if k == seHeads[0] || k == seHeads[1] {
			continue
		}
		pair(k, extra[k])
	}
	if contains(closing, seHeads[0]) || contains(closing, seHeads[1]) {
		var cs []cell
		for j, k := range seHeads {
			if v, ok := extra[k]; ok {
				cs = append(cs, lab(j*4, 1, k), val(j*4+1, 3, v))
			}
		}
		add(rowPlain, cs...)
	}
	return f
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func containsKey(k string) bool {
	for _, b := range budgetOrder {
		if b.key == k {
			return true
		}
	}
	return false
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
