package web

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/review"
)

// This file lays out the blocks of the form family beyond the target
// form's: a self-evaluation's budget block, a department form's tasks and
// budget request, the printed header fields kept under their label, and
// the indicator grid's optional columns. Every value is a cell, corrected
// like the others.

// datalist is a list of the values some cells take (cell.List), offered
// as they are typed in.
type datalist struct {
	ID     string
	Values []string
}

// datalists are the lists of form.html.
var datalists = []datalist{
	{listPeriods, []string{jixiao.PeriodAnnual, jixiao.PeriodMediumTerm}},
	{listDirections, []string{jixiao.DirectionPositive, jixiao.DirectionNegative}},
}

// mkCell makes the cell of field, labelled label (see buildRecord).
type mkCell func(label, field string, long bool) cell

// headerPrinted are the target form's header fields that the other
// members of the family print.
var headerPrinted = map[jixiao.FormType][]string{
	jixiao.FormSelfEvaluation:   {jixiao.FieldProjectName, jixiao.FieldDepartment, jixiao.FieldImplementingUnit},
	jixiao.FormDepartmentTarget: {jixiao.FieldDepartment},
}

// headerShown reports whether the page shows the header field of a
// target form at path for f: on a target form, every one; on another,
// those its type prints and any other that has a value (as corrected or
// as read).
func headerShown(f, orig jixiao.Form, field string) bool {
	fields, ok := headerPrinted[f.FormType]
	if !ok || slices.Contains(fields, field) {
		return true
	}
	cur, _ := review.FieldValue(f, field)
	read, _ := review.FieldValue(orig, field)
	return cur != nil || read != nil
}

// budgetRow is a row of a self-evaluation's budget block: its key (shown
// where the row has no label), its label and its cells, in the order of
// budgetLeaves.
type budgetRow struct {
	Key   string
	Label cell
	Cells []cell
}

// budgetLeaves are the budget block's columns, as printed, with their
// headings.
var budgetLeaves = []struct{ leaf, label string }{
	{jixiao.BudgetLeafInitial, jixiao.LabelBudgetInitial}, {jixiao.BudgetLeafAdjusted, jixiao.LabelBudgetAdjusted},
	{jixiao.BudgetLeafExecuted, jixiao.LabelBudgetExecuted}, {jixiao.BudgetLeafWeight, jixiao.LabelWeight},
	{jixiao.BudgetLeafRate, jixiao.LabelBudgetRate}, {jixiao.BudgetLeafScore, jixiao.LabelEvalScore},
}

// budgetRows returns the rows of f's budget block in the order a
// self-evaluation prints them (total, appropriation, carryover, other,
// then the other rows by key), and the headings of its columns.
func budgetRows(f jixiao.Form, mk mkCell) ([]budgetRow, []string) {
	rank := func(k string) int {
		if i := slices.Index([]string{jixiao.BudgetTotal, jixiao.BudgetAppropriation, jixiao.BudgetCarryover, jixiao.BudgetOther}, k); i >= 0 {
			return i
		}
		return 4
	}
	keys := slices.SortedFunc(maps.Keys(f.Budget), func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	var cols []string
	for _, c := range budgetLeaves {
		cols = append(cols, c.label)
	}
	var out []budgetRow
	for _, k := range keys {
		label := f.Budget[k].Label
		if label == "" {
			label = k
		}
		r := budgetRow{Key: k, Label: mk(label, jixiao.BudgetField(k, jixiao.BudgetLeafLabel), false)}
		for _, c := range budgetLeaves {
			r.Cells = append(r.Cells, mk(label+" "+c.label, jixiao.BudgetField(k, c.leaf), false))
		}
		out = append(out, r)
	}
	return out, cols
}

// taskRow is a row of a department form's task table.
type taskRow struct{ Name, Content, Amount cell }

// taskRows returns the rows of f's task table and the headings of its
// columns.
func taskRows(f jixiao.Form, mk mkCell) ([]taskRow, []string) {
	var out []taskRow
	for i := range f.Tasks {
		out = append(out, taskRow{
			Name:    mk(jixiao.LabelTaskName, jixiao.TaskField(i, jixiao.TaskName), false),
			Content: mk(jixiao.LabelTaskContent, jixiao.TaskField(i, jixiao.TaskContent), true),
			Amount:  mk(jixiao.LabelTaskAmount, jixiao.TaskField(i, jixiao.TaskAmount), false),
		})
	}
	return out, []string{jixiao.LabelTaskName, jixiao.LabelTaskContent, jixiao.LabelTaskAmount}
}

// requestLine is a line of a department form's budget request: its label
// and amount (as printed), and on the first line of a split the split's
// heading.
type requestLine struct {
	Heading       string
	Label, Amount cell
}

// requestLines returns the lines of f's budget request in printed order.
func requestLines(f jixiao.Form, mk mkCell) []requestLine {
	headings := map[string]string{jixiao.BasisIncome: jixiao.LabelByIncome, jixiao.BasisExpense: jixiao.LabelByExpense}
	var out []requestLine
	for i, l := range f.BudgetRequest {
		r := requestLine{
			Label:  mk(jixiao.LabelBudgetRequest, jixiao.BudgetLineField(i, jixiao.LineLabel), false),
			Amount: mk(l.Label, jixiao.BudgetLineField(i, jixiao.LineAmount), false),
		}
		if i == 0 || f.BudgetRequest[i-1].Basis != l.Basis {
			r.Heading = headings[l.Basis]
		}
		out = append(out, r)
	}
	return out
}

// extraCells returns a cell for each printed header field kept under its
// label, of the corrected record or of the machine's reading (so that a
// field a reviewer cleared can be filled in again), by label.
func extraCells(f, orig jixiao.Form, mk mkCell) []cell {
	labels := slices.Collect(maps.Keys(f.HeaderExtra))
	for l := range orig.HeaderExtra {
		if _, ok := f.HeaderExtra[l]; !ok {
			labels = append(labels, l)
		}
	}
	slices.Sort(labels)
	var out []cell
	for _, l := range labels {
		v := f.HeaderExtra[l]
		out = append(out, mk(l, jixiao.HeaderExtraField(l), utf8.RuneCountInString(v) > 40 || strings.Contains(v, "\n")))
	}
	return out
}

// indicatorColumn is an optional column of the grid and the indicator
// field its cells show.
type indicatorColumn struct {
	column
	leaf string
	long bool
	list string
}

// indicatorColumns returns the optional columns of the grid that f (as
// corrected) or its reading orig prints: the direction, standard and
// note where some indicator has one; a self-evaluation's actual, weight,
// score and deviation reason, and the weight of a target form that prints
// weights. Each comes as the column (heading, class) and what its cells
// show.
func indicatorColumns(selfEval bool, f, orig jixiao.Form) ([]column, []indicatorColumn) {
	has := func(get func(jixiao.Indicator) bool) bool {
		for _, fm := range []jixiao.Form{f, orig} {
			if slices.ContainsFunc(fm.Indicators, get) {
				return true
			}
		}
		return false
	}
	all := []struct {
		indicatorColumn
		shown bool
	}{
		{indicatorColumn{column{jixiao.LabelValueDirection, ""}, jixiao.IndicatorDirection, false, listDirections},
			has(func(i jixiao.Indicator) bool { return i.Direction != nil })},
		{indicatorColumn{column{jixiao.LabelStandard, ""}, jixiao.IndicatorStandard, false, ""},
			has(func(i jixiao.Indicator) bool { return i.Standard != nil })},
		{indicatorColumn{column{jixiao.LabelRemark, ""}, jixiao.IndicatorNote, true, ""},
			has(func(i jixiao.Indicator) bool { return i.Note != nil })},
		{indicatorColumn{column{jixiao.LabelActual, ""}, jixiao.IndicatorActual, false, ""}, selfEval},
		{indicatorColumn{column{jixiao.LabelWeight, "score"}, jixiao.IndicatorWeight, false, ""},
			selfEval || has(func(i jixiao.Indicator) bool { return i.Weight != nil })},
		{indicatorColumn{column{jixiao.LabelEvalScore, "score"}, jixiao.IndicatorScore, false, ""}, selfEval},
		{indicatorColumn{column{jixiao.LabelDeviation, ""}, jixiao.IndicatorDeviation, false, ""}, selfEval},
	}
	var cols []column
	var out []indicatorColumn
	for _, c := range all {
		if c.shown {
			cols = append(cols, c.column)
			out = append(out, c.indicatorColumn)
		}
	}
	return cols, out
}

// cells returns every editable cell of the page, in page order.
func (p *formPage) cells() []cell {
	out := slices.Concat(p.Header, p.Funds, p.Scores)
	for _, r := range p.Budget {
		out = append(append(out, r.Label), r.Cells...)
	}
	for _, t := range p.Tasks {
		out = append(out, t.Name, t.Content, t.Amount)
	}
	for _, l := range p.Request {
		out = append(out, l.Label, l.Amount)
	}
	out = append(out, p.Goals...)
	for _, r := range p.Rows {
		if r.Period.Field != "" {
			out = append(out, r.Period)
		}
		out = append(append(out, r.Name, r.Value), r.Cells...)
	}
	return out
}
