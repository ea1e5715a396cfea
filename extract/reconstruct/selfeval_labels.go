package reconstruct

import (
	"strings"

	"jixiao"
)

// seCol is what a column of a self-evaluation form's budget block or grid
// holds.
type seCol int

const (
	seNone seCol = iota
	// the grid
	seL1
	seL2
	seName
	seValue // 年度指标值, one column
	seOp    // 指标性质 of a split target
	seNum   // 指标值 of a split target
	seUnit  // 度量单位 of a split target
	seActual
	seWeight
	seScore
	seDeviation
	// the budget block
	seRowLabel
	seInitial
	seAdjusted
	seExecuted
	seBWeight
	seRate
	seBScore
	seReason
)

// seLabel is what a cell of a self-evaluation form says when it is a
// label: its role (jixiao.SelfEvalRole), or one of the target form's
// labels it shares (header, goal, grid).
type seLabel struct {
	role   jixiao.SelfEvalRole
	field  string // the label's Field
	header string // the field path of a header label (FieldProjectName …)
	grid   seCol  // a grid column of the target form's labels (一级指标 …)
	goal   bool   // 年度总体目标: the goals' row label
	block  bool   // 项目资金, 绩效指标: a block label, no value
}

// gridFields maps the target form's grid labels to their columns.
var gridFields = map[string]seCol{
	jixiao.IndicatorLevel1: seL1, jixiao.IndicatorLevel2: seL2,
	jixiao.IndicatorName: seName, jixiao.IndicatorValue: seValue,
}

// seLabels maps folded labels (seFold) to what they say; a label with two
// roles (分值: the budget block's and the grid's) has both.
var seLabels = func() map[string][]seLabel {
	m := map[string][]seLabel{}
	for _, l := range jixiao.SelfEvalLabels() {
		for _, t := range append([]string{l.Text}, l.Variants...) {
			m[seFold(t)] = append(m[seFold(t)], seLabel{role: l.Role, field: l.Field})
		}
	}
	for _, l := range jixiao.Labels() {
		var sl seLabel
		switch {
		case l.Kind == jixiao.LabelGrid:
			sl.grid = gridFields[l.Field]
		case l.Kind == jixiao.LabelBlock:
			sl.block = true
		case l.Field == jixiao.FieldProjectName || l.Field == jixiao.FieldDepartment || l.Field == jixiao.FieldImplementingUnit:
			sl.header = l.Field
		case l.Field == jixiao.FieldGoalAnnual:
			sl.goal = true
		default:
			continue // 项目性质 …, the funds labels: not the self-evaluation form's
		}
		for _, t := range append([]string{l.Text}, l.Variants...) {
			k := seFold(t)
			if len(m[k]) == 0 { // the budget rows' own entries come first
				m[k] = append(m[k], sl)
			}
		}
	}
	return m
}()

// seFold folds a cell for label lookup: key's folding, without a
// bracketed tail (项目资金(万元), 绩效指标(90分), 产出指标(50分)).
func seFold(s string) string {
	k := key(s)
	if strings.HasSuffix(k, ")") {
		k = unitSuffix.ReplaceAllString(k, "")
	}
	return k
}

// seLabelsOf returns what a cell says as a label, nil for a value.
func seLabelsOf(text string) []seLabel {
	if len(text) > 3*maxLabelLen {
		return nil
	}
	k := seFold(text)
	if ls := seLabels[k]; ls != nil {
		return ls
	}
	if strings.HasPrefix(k, "年度") && strings.HasSuffix(k, jixiao.LabelValueShort) {
		return []seLabel{{grid: seValue}} // 年度(/项目)指标值 and the like
	}
	if strings.HasPrefix(k, jixiao.LabelGoalAnnual) {
		return []seLabel{{goal: true}}
	}
	return nil
}

// roleOf returns the first of ls with role r, and whether there is one.
func roleOf(ls []seLabel, r jixiao.SelfEvalRole) (seLabel, bool) {
	for _, l := range ls {
		if l.role == r {
			return l, true
		}
	}
	return seLabel{}, false
}

// budgetCols and gridCols map the Field of budget and grid column labels
// to their columns.
var (
	budgetCols = map[string]seCol{
		jixiao.BudgetLeafInitial: seInitial, jixiao.BudgetLeafAdjusted: seAdjusted,
		jixiao.BudgetLeafExecuted: seExecuted, jixiao.BudgetLeafWeight: seBWeight,
		jixiao.BudgetLeafRate: seRate, jixiao.BudgetLeafScore: seBScore, "": seReason,
	}
	gridCols = map[string]seCol{
		jixiao.IndicatorActual: seActual, jixiao.IndicatorWeight: seWeight,
		jixiao.IndicatorScore: seScore, jixiao.IndicatorDeviation: seDeviation,
		jixiao.ValuePartOp: seOp, jixiao.ValuePartUnit: seUnit,
	}
)

// gridColOf returns the grid column a header cell names, seNone for none.
func gridColOf(ls []seLabel) seCol {
	for _, l := range ls {
		if l.grid != seNone {
			return l.grid
		}
		if l.role == jixiao.RoleGridColumn {
			return gridCols[l.field]
		}
	}
	return seNone
}

// budgetColOf returns the budget column a header cell names, seNone for
// none.
func budgetColOf(ls []seLabel) seCol {
	if l, ok := roleOf(ls, jixiao.RoleBudgetColumn); ok {
		return budgetCols[l.field]
	}
	return seNone
}
