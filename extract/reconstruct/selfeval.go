package reconstruct

import (
	"slices"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/extract/table"
)

// A self-evaluation form (项目支出绩效自评表, jixiao.TemplateSelfEval) is
// read by label, block by block, in any order the form prints them:
//
//   - the title (a title line ending in 自评表) and the year (（2023年度）);
//   - header pairs: 项目名称, 主管部门, 实施单位 take the next cell of their
//     row; a project code (项目编码) and the closing rows 评价结论, 存在问题,
//     改进措施, 项目负责人, 财务负责人 go into HeaderExtra under their
//     printed label;
//   - the budget block: a header row of its columns (年初预算数 … 得分),
//     then a row per label (年度资金总额 → total …; any other label keyed
//     as printed), amounts in 元 from the unit the block declares
//     (项目资金（万元）);
//   - the goals: a row with 预期目标 and 实际完成情况 gives each a column
//     (or holds the texts after them); the rows below hold the texts;
//   - the grid: a header row naming its columns (三级指标 with the others:
//     年度指标值 or 指标性质/指标值/度量单位, 实际完成值, 分值, 得分,
//     偏差原因分析及改进措施), level labels as on the target form, and one
//     indicator per row;
//   - 总分 (or 合计): the total score in the 得分 column (or the last
//     number of the row) and a grade printed in the row or after 评价等级.
//
// A cell goes to the column of its header when the source keeps the
// columns (a tab export, a PDF: some row has a cell whose Col is not its
// index); otherwise its row is aligned to the header (align). Unlike the
// target form, the budget block's amounts and the scores are parsed here,
// the record having no field for them as printed: a cell that does not
// parse is nil and flagged unrecognized_cell.

// IsSelfEval reports whether t is the table of a self-evaluation form: a
// title line ending in 自评表 (项目支出绩效自评表, 部门预算项目支出绩效自评表,
// 绩效目标自评表), or, for a form without its title, a grid header with a
// 实际完成值 column or a budget header with 年初预算数. Safe for concurrent
// use.
func IsSelfEval(t table.Table) bool {
	for _, r := range t.Rows {
		var grid, actual bool
		for _, c := range r.Cells {
			if jixiao.IsTitle(c.Text) {
				if isSelfEvalTitle(c.Text) {
					return true
				}
				continue
			}
			ls := seLabelsOf(c.Text)
			switch col := gridColOf(ls); {
			case col == seName:
				grid = true
			case col == seActual:
				actual = true
			}
			if budgetColOf(ls) == seInitial {
				return true
			}
		}
		if grid && actual {
			return true
		}
	}
	return false
}

// isSelfEvalTitle reports whether a title line is a self-evaluation
// form's.
func isSelfEvalTitle(text string) bool {
	return strings.Contains(strings.Join(strings.Fields(text), ""), jixiao.TitleSelfEval)
}

type seSection int

const (
	seInHeader seSection = iota
	seInBudget
	seInGoals
	seInGrid
	seInClosing
)

// seBuilder reads a self-evaluation form; it shares the target form's
// builder for flags, places, unit declarations and header fields.
type seBuilder struct {
	builder
	positional bool
	sec        seSection
	budgetAt   map[int]seCol // column → budget column
	budgetCols []seCol       // the budget columns after the row label, in order
	gridAt     map[int]seCol
	gridCols   []seCol // the grid's content columns (name …), in order
	goalCol    [2]int  // columns of 预期目标 and 实际完成情况; -1 unknown
	goalSeen   [2]bool
}

// defaultGrid is the column order of the 10号 form, for a grid read
// without its header row.
var defaultGrid = []seCol{seName, seValue, seActual, seWeight, seScore, seDeviation}

// defaultBudget is the column order of the 10号 form's budget block.
var defaultBudget = []seCol{seInitial, seAdjusted, seExecuted, seBWeight, seRate, seBScore}

// SelfEval reconstructs the record of a self-evaluation form from its
// table (see IsSelfEval), with o as for FormWith. The result has
// FormType jixiao.FormSelfEvaluation, Template jixiao.TemplateSelfEval,
// non-nil Indicators and Flags, and empty Funds; it never fails, and is
// safe for concurrent use (it reads nothing but t).
func SelfEval(t table.Table, o Options) jixiao.Form {
	b := &seBuilder{
		builder:    builder{f: jixiao.Form{Indicators: []jixiao.Indicator{}, Flags: []jixiao.Flag{}}, opts: o, l2conf: 1},
		positional: keepsColumns(t),
		gridCols:   defaultGrid,
		budgetCols: defaultBudget,
		goalCol:    [2]int{-1, -1},
	}
	b.f.FormType, b.f.Template = jixiao.FormSelfEvaluation, jixiao.TemplateSelfEval
	b.f.Source.LineFrom, b.f.Source.LineTo, b.f.Source.PageFrom, b.f.Source.PageTo = t.Span()
	for _, r := range t.Rows {
		b.row(r)
	}
	if b.f.Title == "" {
		b.flag(jixiao.FlagTitleMissing, jixiao.FieldTitle, "no title line (…"+jixiao.TitleSelfEval+") before this form")
	}
	return b.f
}

// keepsColumns reports whether the cells of t keep their source columns:
// some row has a cell whose Col is not its index among the row's cells
// (exports that write only the non-empty cells number them in order).
func keepsColumns(t table.Table) bool {
	for _, r := range t.Rows {
		for i, c := range r.Cells {
			if c.Col != i {
				return true
			}
		}
	}
	return false
}

// seCell is a cell with what it says as a label of the self-evaluation
// form.
type seCell struct {
	cell
	labels []seLabel
}

// isLabel reports whether the cell is a label of the form, or a level.
func (c seCell) isLabel() bool {
	return len(c.labels) > 0 || c.level > 0
}

// seCellsOf returns the cells of a row with what they say. Only the
// fields of cell common to every builder are set (the text, the page, the
// level): the self-evaluation form has labels of its own (seLabelsOf).
func seCellsOf(r table.Row) []seCell {
	cells := make([]seCell, len(r.Cells))
	for i, tc := range r.Cells {
		c := cell{Cell: tc, page: r.Page}
		c.level, c.canon = jixiao.Level(tc.Text)
		if c.level > 0 {
			if w, ok := jixiao.Weight(tc.Text); ok {
				c.weight = &w
			}
		}
		cells[i] = seCell{cell: c, labels: seLabelsOf(tc.Text)}
	}
	return cells
}

func (b *seBuilder) row(r table.Row) {
	cells := seCellsOf(r)
	var gridHead, actual, goals, pairs bool
	budgetHead := 0
	for i := range cells {
		ls := cells[i].labels
		switch gridColOf(ls) {
		case seName:
			gridHead = true
		case seActual, seScore, seDeviation:
			actual = true
		}
		if budgetColOf(ls) != seNone {
			budgetHead++
		}
		_, g := roleOf(ls, jixiao.RoleGoal)
		goals = goals || g
		for _, l := range ls {
			pairs = pairs || l.header != "" || l.role == jixiao.RoleExtra || l.role == jixiao.RoleTotalScore || l.role == jixiao.RoleGrade
		}
		if b.sec < seInGrid {
			b.headerCell(cells[i])
		}
	}
	switch {
	case gridHead || actual && budgetHead == 0 && b.sec >= seInGoals:
		b.setGrid(cells)
	case budgetHead >= 2:
		b.setBudget(cells)
	case goals:
		b.setGoals(cells)
	case pairs:
		b.pairs(cells)
	case b.sec == seInBudget:
		b.budgetRow(cells)
	case b.sec == seInGoals:
		b.goalText(cells)
	case b.sec == seInGrid || b.sec < seInGrid && seHasLevel(cells):
		b.sec = seInGrid
		b.gridRow(r.Line, cells)
	}
}

// headerCell reads the title, the year and a unit declaration from a cell
// before the grid.
func (b *seBuilder) headerCell(c seCell) {
	if b.f.Title == "" && jixiao.IsTitle(c.Text) {
		b.f.Title = strings.TrimSpace(c.Text)
		b.place(jixiao.FieldTitle, c.cell)
	}
	if b.f.Year == 0 {
		if m := yearRE.FindStringSubmatch(c.Text); m != nil {
			b.f.Year, _ = strconv.Atoi(m[1])
		}
	}
	if u := budgetUnit(c); u != "" {
		b.declareUnit(u, c.Text)
	}
}

// budgetUnit returns the unit of the budget block a cell declares, as
// declaredUnit does for the target form: a unit line (单位：万元), the
// block label with its unit (项目资金（万元）) or a title ending in one.
func budgetUnit(c seCell) string {
	if len(c.Text) > 3*maxLabelLen {
		return ""
	}
	k := key(c.Text)
	if m := unitLine.FindStringSubmatch(k); m != nil {
		return unitName(m[1])
	}
	block := len(c.labels) > 0 && c.labels[0].block
	if block || jixiao.IsTitle(c.Text) {
		if m := unitTail.FindStringSubmatch(k); m != nil {
			return unitName(m[1])
		}
	}
	return ""
}

func seHasLevel(cells []seCell) bool {
	for _, c := range cells {
		if c.level > 0 {
			return true
		}
	}
	return false
}

// setGrid reads the grid's header row: the column of each label. The
// number column of a split target is headed 指标值, the single value
// column's other name.
func (b *seBuilder) setGrid(cells []seCell) {
	b.sec = seInGrid
	b.gridAt = map[int]seCol{}
	b.gridCols = nil
	split := false
	for _, c := range cells {
		split = split || gridColOf(c.labels) == seOp
	}
	cols := make([]seCol, len(cells))
	for i, c := range cells {
		cols[i] = gridColOf(c.labels)
		if cols[i] == seValue && split {
			cols[i] = seNum
		}
	}
	unreadHeader(cells, cols, split)
	for i, c := range cells {
		col := cols[i]
		if col == seNone {
			continue
		}
		b.gridAt[c.Col] = col
		if col != seL1 && col != seL2 {
			b.gridCols = append(b.gridCols, col)
		}
	}
}

// unreadHeader gives the one header cell of the grid that names no column
// (a label misread past repair: 得分 read as 日八 in the tuning face
// sungti, clean300, of TestFamilyScans in cmd/genscan) the one column of
// the default grid (defaultGrid) the header lacks, when it stands after
// the name column and is no block label. cols are the cells' columns; it
// changes them in place.
func unreadHeader(cells []seCell, cols []seCol, split bool) {
	unread, name := -1, -1
	for i, c := range cells {
		switch {
		case cols[i] == seName:
			name = i
		case cols[i] != seNone, c.level > 0, len(c.labels) > 0 && c.labels[0].block, strings.TrimSpace(c.Text) == "":
		case unread >= 0:
			return // two unread cells: nothing to go by
		default:
			unread = i
		}
	}
	if unread < 0 || name < 0 || unread < name {
		return
	}
	missing := seNone
	for _, d := range defaultGrid {
		if d == seValue && split || slices.Contains(cols, d) {
			continue
		}
		if missing != seNone {
			return
		}
		missing = d
	}
	if missing != seNone {
		cols[unread] = missing
	}
}

// setBudget reads the budget block's header row.
func (b *seBuilder) setBudget(cells []seCell) {
	b.sec = seInBudget
	b.budgetAt = map[int]seCol{}
	b.budgetCols = nil
	for _, c := range cells {
		if col := budgetColOf(c.labels); col != seNone {
			b.budgetAt[c.Col] = col
			b.budgetCols = append(b.budgetCols, col)
		}
	}
}

// setGoals reads the row of the goal labels: their columns, and a text
// printed right after a label.
func (b *seBuilder) setGoals(cells []seCell) {
	b.sec = seInGoals
	for i, c := range cells {
		l, ok := roleOf(c.labels, jixiao.RoleGoal)
		if !ok {
			continue
		}
		g := 0
		if l.field == jixiao.FieldGoalAchieved {
			g = 1
		}
		b.goalCol[g] = c.Col
		if i+1 < len(cells) && !cells[i+1].isLabel() {
			b.addGoal(g, cells[i+1].cell)
		}
	}
}

// goalText reads a row of goal texts below their labels.
func (b *seBuilder) goalText(cells []seCell) {
	n := 0
	for _, c := range cells {
		if c.isLabel() {
			continue
		}
		g := min(n, 1)
		if b.positional && b.goalCol[1] >= 0 {
			g = 0
			if c.Col >= b.goalCol[1] {
				g = 1
			}
		}
		b.addGoal(g, c.cell)
		n++
	}
}

// addGoal adds a text to goal g (0 expected, 1 achieved): a goal wrapped
// over several rows is joined.
func (b *seBuilder) addGoal(g int, c cell) {
	dst := &b.f.Goals.Expected
	path := jixiao.FieldGoalExpected
	if g == 1 {
		dst, path = &b.f.Goals.Achieved, jixiao.FieldGoalAchieved
	}
	t := c.Text
	if *dst != nil {
		t = **dst + t
	}
	*dst = &t
	b.place(path, c)
	b.lowConfidence(path, c.Certainty(), c.Text)
}

// pairs reads a row of labels each followed by its value: header fields,
// the fields kept in HeaderExtra, the total score and the grade.
func (b *seBuilder) pairs(cells []seCell) {
	for i, c := range cells {
		var next *seCell
		if i+1 < len(cells) && !cells[i+1].isLabel() {
			next = &cells[i+1]
		}
		for _, l := range c.labels {
			switch {
			case l.header != "":
				if next != nil {
					b.setHeader(l.header, next)
				}
			case l.role == jixiao.RoleExtra:
				if next != nil {
					if b.f.HeaderExtra == nil {
						b.f.HeaderExtra = map[string]string{}
					}
					if _, seen := b.f.HeaderExtra[c.Text]; !seen {
						b.f.HeaderExtra[c.Text] = next.Text
					}
				}
			case l.role == jixiao.RoleTotalScore:
				b.total(cells[i+1:])
				b.sec = seInClosing
			case l.role == jixiao.RoleGrade:
				if next != nil && b.f.Grade == nil {
					g := next.Text
					b.f.Grade = &g
				}
			}
		}
	}
}

// setHeader sets the header field at path to the text of c, unless it
// is set already.
func (b *seBuilder) setHeader(path string, c *seCell) {
	var dst **string
	switch path {
	case jixiao.FieldProjectName:
		dst = &b.f.ProjectName
	case jixiao.FieldDepartment:
		dst = &b.f.Department
	case jixiao.FieldImplementingUnit:
		dst = &b.f.ImplementingUnit
	}
	if dst == nil || *dst != nil {
		return
	}
	v := c.Text
	*dst = &v
	b.lowConfidence(path, c.Certainty(), v)
	b.place(path, c.cell)
}

// total reads the cells after 总分: the score in the grid's 得分 column
// where the source keeps columns, else the last number of the row (the
// first, if two, being the weights' total); a grade among them.
func (b *seBuilder) total(cells []seCell) {
	var score *float64
	var at cell
	for _, c := range cells {
		t := strings.TrimSpace(c.Text)
		if jixiao.IsGrade(t) {
			if b.f.Grade == nil {
				b.f.Grade = &t
			}
			continue
		}
		n, ok := pointsIn(t)
		if !ok {
			continue
		}
		col := seNone
		if b.positional {
			col = b.gridAt[c.Col]
		}
		switch {
		case col == seScore:
			score, at = &n, c.cell
		case col == seWeight:
		case score == nil || !b.positional || b.gridAt[at.Col] != seScore:
			score, at = &n, c.cell
		}
	}
	if score != nil {
		b.f.TotalScore = score
		b.place(jixiao.FieldTotalScore, at)
	}
}
