package render

import (
	"sort"
	"strconv"
	"strings"

	golden "jixiao"
)

// buildDepartment lays a record out as a whole-department target form
// (部门整体支出绩效目标申报表) on the eight logical columns: the header,
// 年度主要任务, 年度预算申请 (each line as a label and its amount, the
// income split on the left, the expense split on the right), 整体绩效目标
// and the grid. What the record does not hold is decided from what it
// does:
//
//   - a year line (2024年度) is printed unless the title holds the year;
//   - the unit: nothing more when the title or an amount prints one; a
//     line 单位：万元 for FundsUnit 万元; the block label 年度预算申请（元）
//     for FundsUnit 元; nothing for FundsUnit "";
//   - the task table's 预算金额 column only when a task has an amount;
//   - the grid's columns: 三级指标 | 指标值 for plain targets; 预期达到目标
//     and 指标解释 when an indicator has a note; for split targets
//     (ValueParts) 指标性质 when one prints an operator, else 指标值类型
//     (定量 when the number part has a digit, else 定性), then 指标值,
//     计量单位 and, with notes, 指标说明及公式.
func buildDepartment(r golden.Form) Form {
	f := Form{title: r.Title}
	if f.title == "" {
		f.title = "部门整体支出绩效目标申报表"
	}
	if !strings.Contains(f.title, "年") && r.Year != 0 {
		f.year = "(" + strconv.Itoa(r.Year) + "年度)"
	}
	add := func(k rowKind, cs ...cell) { f.rows = append(f.rows, row{kind: k, cells: cs}) }

	budgetLabel := "年度预算申请"
	switch {
	case strings.Contains(f.title, "元") || amountsCarryUnit(r):
	case r.FundsUnit == golden.FundsWanYuan:
		add(rowPlain, val(6, 2, "单位：万元"))
	case r.FundsUnit == golden.FundsYuan:
		budgetLabel += "（元）"
	}

	add(rowPlain, lab(0, 1, "部门（单位）名称"), val(1, 7, Str(r.Department)))
	keys := make([]string, 0, len(r.HeaderExtra))
	for k := range r.HeaderExtra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add(rowPlain, lab(0, 1, k), val(1, 7, r.HeaderExtra[k]))
	}

	if len(r.Tasks) > 0 {
		amounts := false
		for _, t := range r.Tasks {
			amounts = amounts || t.AmountRaw != nil
		}
		contentSpan := 5
		if amounts {
			contentSpan = 4
		}
		head := []cell{span(lab(0, 1, "年度主要任务"), len(r.Tasks)+1), lab(1, 2, "任务名称"), lab(3, contentSpan, "主要内容")}
		if amounts {
			head = append(head, lab(7, 1, "预算金额"))
		}
		add(rowPlain, head...)
		for _, t := range r.Tasks {
			cs := []cell{val(1, 2, Str(t.Name)), val(3, contentSpan, Str(t.Content))}
			if amounts {
				cs = append(cs, val(7, 1, Str(t.AmountRaw)))
			}
			add(rowPlain, cs...)
		}
	}

	if len(r.BudgetRequest) > 0 {
		buildBudgetRequest(&f, r.BudgetRequest, budgetLabel)
	}

	goalLabel := "整体绩效目标"
	if f.year != "" {
		goalLabel = "年度整体绩效目标"
	}
	add(rowPlain, lab(0, 1, goalLabel), val(1, 7, Str(r.Goals.Annual)))

	buildDepartmentGrid(&f, r.Indicators)
	return f
}

// amountsCarryUnit reports whether an amount of the record prints its unit
// (250万).
func amountsCarryUnit(r golden.Form) bool {
	for _, l := range r.BudgetRequest {
		if l.Raw != nil && strings.ContainsAny(*l.Raw, "万元") {
			return true
		}
	}
	for _, t := range r.Tasks {
		if t.AmountRaw != nil && strings.ContainsAny(*t.AmountRaw, "万元") {
			return true
		}
	}
	return false
}

// buildBudgetRequest lays out 年度预算申请: the total, then the headings of
// the splits the record has, then the income lines beside the expense
// lines.
func buildBudgetRequest(f *Form, lines []golden.BudgetLine, label string) {
	var total *golden.BudgetLine
	var income, expense []golden.BudgetLine
	for i, l := range lines {
		switch l.Basis {
		case golden.BasisIncome:
			income = append(income, l)
		case golden.BasisExpense:
			expense = append(expense, l)
		default:
			if total == nil {
				total = &lines[i]
			}
		}
	}
	n := max(len(income), len(expense))
	rows := 1 + n
	if n > 0 {
		rows++
	}
	first := []cell{span(lab(0, 1, label), rows)}
	if total != nil {
		first = append(first, lab(1, 2, total.Label), val(3, 5, Str(total.Raw)))
	}
	f.rows = append(f.rows, row{cells: first})
	if n == 0 {
		return
	}
	var head []cell
	if len(income) > 0 {
		head = append(head, lab(1, 3, "按收入性质分"))
	}
	if len(expense) > 0 {
		head = append(head, lab(4, 4, "按支出性质分"))
	}
	f.rows = append(f.rows, row{cells: head})
	for i := range n {
		var cs []cell
		if i < len(income) {
			cs = append(cs, lab(1, 2, income[i].Label), val(3, 1, Str(income[i].Raw)))
		}
		if i < len(expense) {
			cs = append(cs, lab(4, 3, expense[i].Label), val(7, 1, Str(expense[i].Raw)))
		}
		f.rows = append(f.rows, row{cells: cs})
	}
}

// gridColumn is a content column of the department grid: its header and
// the cell of an indicator.
type gridColumn struct {
	head string
	text func(golden.Indicator) string
}

// departmentColumns returns the content columns of the grid for the
// indicators (see buildDepartment).
func departmentColumns(ind []golden.Indicator) []gridColumn {
	var parts, notes, ops bool
	for _, x := range ind {
		parts = parts || x.ValueParts != nil
		notes = notes || x.Note != nil
		ops = ops || len(x.ValueParts) == 3 && x.ValueParts[0] != ""
	}
	part := func(i int) func(golden.Indicator) string {
		return func(x golden.Indicator) string {
			if len(x.ValueParts) != 3 {
				return ""
			}
			return x.ValueParts[i]
		}
	}
	name := gridColumn{"三级指标", func(x golden.Indicator) string { return Str(x.Name) }}
	note := func(head string) gridColumn {
		return gridColumn{head, func(x golden.Indicator) string { return Str(x.Note) }}
	}
	switch {
	case parts:
		cols := []gridColumn{name}
		if ops {
			cols = append(cols, gridColumn{"指标性质", part(0)})
		} else {
			cols = append(cols, gridColumn{"指标值类型", func(x golden.Indicator) string {
				if strings.ContainsAny(part(1)(x), "0123456789") {
					return "定量"
				}
				return "定性"
			}})
		}
		cols = append(cols, gridColumn{"指标值", part(1)}, gridColumn{"计量单位", part(2)})
		if notes {
			cols = append(cols, note("指标说明及公式"))
		}
		return cols
	case notes:
		return []gridColumn{name, {"预期达到目标", func(x golden.Indicator) string { return Str(x.Value) }}, note("指标解释")}
	}
	return []gridColumn{name, {"指标值", func(x golden.Indicator) string { return Str(x.Value) }}}
}

// buildDepartmentGrid lays out the grid: 绩效指标, the level columns, and
// the content columns over columns 3 to 7, the name taking what the others
// leave.
func buildDepartmentGrid(f *Form, ind []golden.Indicator) {
	cols := departmentColumns(ind)
	spans := make([]int, len(cols))
	for i := range spans {
		spans[i] = 1
	}
	spans[0] = 5 - (len(cols) - 1)
	if len(cols) == 2 {
		spans[0], spans[1] = 3, 2
	}
	at := make([]int, len(cols))
	c := 3
	for i := range cols {
		at[i] = c
		c += spans[i]
	}
	head := []cell{span(lab(0, 1, "绩效指标"), len(ind)+1), lab(1, 1, "一级指标"), lab(2, 1, "二级指标")}
	for i, col := range cols {
		head = append(head, lab(at[i], spans[i], col.head))
	}
	f.rows = append(f.rows, row{kind: rowIndHeader, cells: head})
	for i := range ind {
		var cs []cell
		l1, l2 := levelSpans(ind, i)
		if l1 > 0 {
			cs = append(cs, span(lab(1, 1, ind[i].Level1), l1))
		}
		if l2 > 0 {
			cs = append(cs, span(lab(2, 1, printedLevel2(ind[i])), l2))
		}
		for k, col := range cols {
			cs = append(cs, val(at[k], spans[k], col.text(ind[i])))
		}
		f.rows = append(f.rows, row{kind: rowIndicator, cells: cs})
	}
}
