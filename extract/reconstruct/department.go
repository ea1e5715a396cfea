package reconstruct

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
	"jixiao/extract/table"
)

// A whole-department target form (部门整体支出绩效目标申报表,
// jixiao.TemplateDepartment) has no project header and no funds block.
// Its blocks, each started by its label wherever it is in the row:
//
//   - the header: 部门（单位）名称 → Department; 部门职能职责概述, and any
//     other row of a short label and a value, → HeaderExtra;
//   - 年度主要任务: the row of column labels (任务名称, 主要内容, 预算金额),
//     then one task per row (see deptTask);
//   - 年度预算申请: each row label (资金总额, 公共财政拨款 … 基本支出,
//     项目支出) takes the next cell of its row unless that is a label; the
//     labels left without one take, in order, the amounts of a later row
//     that holds amounts only (the split printed as columns); the lines
//     are kept total first, then the income split, then the expense
//     split, each in the order printed;
//   - 整体绩效目标 (or 年度总体目标): the text after it, and below it until
//     the grid, is Goals.Annual: the form sets the goals of one budget
//     year, 整体 speaking of the whole department, not of a span of years;
//   - the grid (see deptGridRow).
//
// The unit of the money is read as the funds' is (Form.FundsUnit): a unit
// line, the title's tail, or a label's bracketed unit (年度预算申请（万元）,
// 预算金额（万元）, 资金总额（万元）).

// maxDeptHeadRows bounds the rows isDepartment looks at: the header and
// the budget blocks come first.
const maxDeptHeadRows = 60

// isDepartment reports whether t is a whole-department form: a row near
// its top holds a department title (jixiao.IsDepartmentTitle), or, the
// title missing, a department name label or the 年度主要任务 or 年度预算申请
// label. A table holding the standard title (jixiao.Title) is not one.
func isDepartment(t table.Table) bool {
	for i, r := range t.Rows {
		if i >= maxDeptHeadRows {
			break
		}
		for _, c := range r.Cells {
			if strings.Contains(c.Text, jixiao.Title) {
				return false
			}
			if jixiao.IsDepartmentTitle(c.Text) || jixiao.IsDepartmentName(c.Text) {
				return true
			}
			if l := deptLabelOf(c.Text); l != nil && (l.Role == jixiao.DeptTasks || l.Role == jixiao.DeptBudget) {
				return true
			}
		}
	}
	return false
}

// deptLabels maps the department form's labels (jixiao.DeptLabels), on
// key's folding, to what they say.
var deptLabels = func() map[string]*jixiao.DeptLabel {
	m := map[string]*jixiao.DeptLabel{}
	ls := jixiao.DeptLabels()
	for i := range ls {
		for _, t := range append([]string{ls[i].Text}, ls[i].Variants...) {
			m[key(t)] = &ls[i]
		}
	}
	return m
}()

// deptGoalKey is the goal label on key's folding, the end of its variants.
var deptGoalKey = key(jixiao.LabelDeptGoal)

// deptLabelOf returns the department label a cell is, nil for none: the
// label exactly (on key's folding), with a bracketed unit (预算金额（万元）),
// or a label ending in 整体绩效目标 (年度整体绩效目标). The level columns
// of the grid (一级指标, 二级指标) are not department labels.
func deptLabelOf(text string) *jixiao.DeptLabel {
	if len(text) > 3*maxLabelLen {
		return nil
	}
	k := key(text)
	if l, ok := deptLabels[k]; ok {
		return l
	}
	if m := unitTail.FindStringIndex(k); m != nil && m[0] > 0 {
		if l, ok := deptLabels[k[:m[0]]]; ok {
			return l
		}
	}
	if strings.HasSuffix(k, deptGoalKey) && utf8.RuneCountInString(k) <= 12 && !jixiao.IsDepartmentTitle(text) {
		return deptLabels[deptGoalKey]
	}
	return nil
}

// deptYearRE finds the form's year in its title or year line: 2024年,
// (2024年度).
var deptYearRE = regexp.MustCompile(`((?:19|20)\d{2})\s*年`)

type deptSection int

const (
	dHeader deptSection = iota
	dTasks
	dBudget
	dGoal
	dGrid
)

type deptBuilder struct {
	f        jixiao.Form
	opts     Options
	sec      deptSection
	taskCols []int // the task table's columns (jixiao.ColTaskName …), as printed
	gridCols []int // the grid's content columns (jixiao.ColName …), as printed
	// pending are the budget lines (indices in f.BudgetRequest) whose
	// label had no amount beside it, with the label's column.
	pending  []int
	pendCol  []int
	lineAt   []jixiao.Place // where each budget line's amount was read
	lineConf []float64      // and how certain the reading is
	page     int            // the page of the row being read
	goalConf float64
	unitFrom string
	conflict bool
	lv       levels
}

// departmentForm reconstructs a whole-department form (see isDepartment).
// It never fails: what it cannot place is left empty or flagged.
func departmentForm(t table.Table, o Options) jixiao.Form {
	b := deptBuilder{opts: o, goalConf: 1, lv: levels{conf: 1}}
	b.f = jixiao.Form{
		FormType:   jixiao.FormDepartmentTarget,
		Template:   jixiao.TemplateDepartment,
		Indicators: []jixiao.Indicator{},
		Flags:      []jixiao.Flag{},
	}
	b.f.Source.LineFrom, b.f.Source.LineTo, b.f.Source.PageFrom, b.f.Source.PageTo = t.Span()
	for _, r := range t.Rows {
		b.row(r)
	}
	b.sortLines()
	if b.f.Title == "" {
		b.flag(jixiao.FlagTitleMissing, jixiao.FieldTitle, "no title line before this whole-department form")
	}
	if g := b.f.Goals.Annual; g != nil {
		b.lowConfidence(jixiao.FieldGoalAnnual, b.goalConf, *g)
	}
	return b.f
}

// sortLines orders the budget lines total first, then income, then
// expense, each in the order printed, and places their amounts.
func (b *deptBuilder) sortLines() {
	basis := map[string]int{"": 0, jixiao.BasisIncome: 1, jixiao.BasisExpense: 2}
	idx := make([]int, len(b.f.BudgetRequest))
	for i := range idx {
		idx[i] = i
	}
	ls := b.f.BudgetRequest
	sort.SliceStable(idx, func(i, j int) bool { return basis[ls[idx[i]].Basis] < basis[ls[idx[j]].Basis] })
	sorted := make([]jixiao.BudgetLine, len(ls))
	for i, k := range idx {
		sorted[i] = ls[k]
		b.setPlace(jixiao.BudgetLineField(i, jixiao.LineAmount), b.lineAt[k])
		if ls[k].Raw != nil {
			b.lowConfidence(jixiao.BudgetLineField(i, jixiao.LineAmount), b.lineConf[k], *ls[k].Raw)
		}
	}
	b.f.BudgetRequest = sorted
}

func (b *deptBuilder) flag(code, field, msg string) {
	b.f.Flags = append(b.f.Flags, jixiao.Flag{Code: code, Field: field, Message: msg})
}

// lowConfidence flags the field at path when conf is below the threshold.
func (b *deptBuilder) lowConfidence(path string, conf float64, text string) {
	if conf >= b.opts.LowConfidence {
		return
	}
	b.flag(jixiao.FlagLowConfidence, path, fmt.Sprintf("OCR confidence %.2f (below %.2f) in %q: check it against the source", conf, b.opts.LowConfidence, text))
}

// declareUnit records a unit the form declares, as the target form's
// builder does: the first sets FundsUnit, a disagreeing one leaves it
// unknown and flags it.
func (b *deptBuilder) declareUnit(text string) {
	k := key(text)
	m := unitLine.FindStringSubmatch(k)
	if m == nil {
		m = unitTail.FindStringSubmatch(k)
	}
	if m == nil || len(text) > 3*maxLabelLen {
		return
	}
	unit := unitName(m[1])
	switch {
	case b.conflict:
	case b.f.FundsUnit == "":
		b.f.FundsUnit, b.unitFrom = unit, text
	case b.f.FundsUnit != unit:
		b.flag(jixiao.FlagFundsUnitUnknown, jixiao.FieldFundsUnit,
			fmt.Sprintf("the form declares its amounts in %s (%q) and in %s (%q): amounts without a unit of their own are taken as 元", b.f.FundsUnit, b.unitFrom, unit, text))
		b.f.FundsUnit, b.conflict = "", true
	}
}

func (b *deptBuilder) row(r table.Row) {
	b.page = r.Page
	if b.sec != dGrid && (isDeptGridHeader(r.Cells) || hasLevel(r.Cells)) {
		b.gridCols = gridColumns(r.Cells)
		b.sec = dGrid
		if isDeptGridHeader(r.Cells) {
			return
		}
	}
	if b.sec == dGrid {
		b.gridRow(r)
		return
	}
	b.headRow(r.Cells)
}

// headRow reads a row before the grid.
func (b *deptBuilder) headRow(cells []table.Cell) {
	labels := make([]*jixiao.DeptLabel, len(cells))
	special := make([]bool, len(cells)) // the title or a unit line
	for i, c := range cells {
		labels[i] = deptLabelOf(c.Text)
		k := key(c.Text)
		switch {
		case jixiao.IsDepartmentTitle(c.Text):
			special[i] = true
			if b.f.Title == "" {
				b.f.Title = strings.TrimSpace(c.Text)
			}
			b.declareUnit(c.Text)
		case len(c.Text) <= 3*maxLabelLen && unitLine.MatchString(k):
			special[i] = true
			b.declareUnit(c.Text)
		}
		if b.f.Year == 0 && b.sec == dHeader && (special[i] || len(cells) == 1 && utf8.RuneCountInString(c.Text) <= 20) {
			if m := deptYearRE.FindStringSubmatch(c.Text); m != nil {
				b.f.Year, _ = strconv.Atoi(m[1])
				special[i] = special[i] || labels[i] == nil
			}
		}
	}
	used := append([]bool(nil), special...)
	// value returns the cell after i when it is a value, marking it used.
	value := func(i int) (*string, float64) {
		if i+1 >= len(cells) || labels[i+1] != nil || special[i+1] {
			return nil, 1
		}
		used[i+1] = true
		v := cells[i+1].Text
		return &v, cells[i+1].Certainty()
	}
	next := func(i int) table.Cell {
		if i+1 < len(cells) {
			return cells[i+1]
		}
		return table.Cell{}
	}
	taskCols := false
	for i, c := range cells {
		l := labels[i]
		if l == nil || used[i] {
			continue
		}
		used[i] = true
		switch l.Role {
		case jixiao.DeptName:
			v, conf := value(i)
			if v != nil && b.f.Department == nil {
				b.f.Department = v
				b.lowConfidence(jixiao.FieldDepartment, conf, *v)
				b.place(jixiao.FieldDepartment, next(i))
			}
		case jixiao.DeptExtra:
			if v, _ := value(i); v != nil {
				b.extra(c.Text, *v)
			}
		case jixiao.DeptTasks:
			b.sec, b.taskCols = dTasks, nil
		case jixiao.DeptTaskColumn:
			if !taskCols {
				b.taskCols, taskCols = nil, true
			}
			b.taskCols = append(b.taskCols, l.Column)
			b.declareUnit(c.Text)
		case jixiao.DeptBudget:
			b.sec = dBudget
			b.declareUnit(c.Text)
		case jixiao.DeptLine:
			b.declareUnit(c.Text)
			v, conf := value(i)
			b.f.BudgetRequest = append(b.f.BudgetRequest, jixiao.BudgetLine{Basis: l.Basis, Label: strings.TrimSpace(c.Text), Raw: v})
			b.lineConf = append(b.lineConf, conf)
			var p jixiao.Place
			if v != nil {
				p, _ = b.at(next(i))
			}
			b.lineAt = append(b.lineAt, p)
			if v == nil {
				b.pending = append(b.pending, len(b.f.BudgetRequest)-1)
				b.pendCol = append(b.pendCol, c.Col)
			}
		case jixiao.DeptGoal:
			b.sec = dGoal
		}
	}
	var rest []table.Cell
	for i, c := range cells {
		if !used[i] {
			rest = append(rest, c)
		}
	}
	if len(rest) == 0 {
		return
	}
	switch b.sec {
	case dHeader:
		if len(cells) == 2 && len(rest) == 2 && utf8.RuneCountInString(cells[0].Text) <= 12 && !strings.ContainsAny(cells[0].Text, "0123456789") {
			b.extra(cells[0].Text, cells[1].Text) // a header field of no known label
		}
	case dTasks:
		if !taskCols {
			b.f.Tasks = append(b.f.Tasks, b.task(len(b.f.Tasks), rest))
		}
	case dBudget:
		b.fillPending(rest)
	case dGoal:
		for _, c := range rest {
			t := c.Text
			if g := b.f.Goals.Annual; g != nil {
				t = *g + t // a goal wrapped over several rows
			}
			b.f.Goals.Annual = &t
			b.goalConf = min(b.goalConf, c.Certainty())
			b.place(jixiao.FieldGoalAnnual, c)
		}
	}
}
