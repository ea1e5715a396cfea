package jixiao

import (
	"strings"
)

// The vocabulary of the whole-department target form
// (部门整体支出绩效目标申报表, 整体绩效目标表; TemplateDepartment) beyond
// the words it shares with the target form (一级指标 … 年度指标值, 指标值,
// 年度总体目标, 其他资金).

// The words of a department form's title: DeptTitleMark, then
// DeptTitleGoal, then a title ending (TitleEndings).
const (
	DeptTitleMark = "整体"
	DeptTitleGoal = "绩效目标"
)

// The labels of the department form as printed.
const (
	// the header: the department's name (→ Form.Department) and fields
	// kept in Form.HeaderExtra under their printed label
	LabelDeptName     = "部门（单位）名称"
	LabelDeptNameAlt  = "部门名称"
	LabelDeptUnitName = "单位名称"
	LabelDeptDuties   = "部门职能职责概述"

	// the 年度主要任务 table and its columns
	LabelTasks       = "年度主要任务"
	LabelTaskName    = "任务名称"
	LabelTaskContent = "主要内容"
	LabelTaskAmount  = "预算金额"

	// the 年度预算申请 block: its total, the two splits and their rows
	// (the income's 其他资金 is LabelFundsOther)
	LabelBudgetRequest    = "年度预算申请"
	LabelRequestTotal     = "资金总额"
	LabelByIncome         = "按收入性质分"
	LabelByExpense        = "按支出性质分"
	LabelPublicFinance    = "公共财政拨款"
	LabelPublicFinanceAlt = "一般公共预算拨款"
	LabelGovFund          = "政府性基金拨款"
	LabelSpecialAccount   = "纳入专户管理的非税收入拨款"
	LabelBasicExpense     = "基本支出"
	LabelProjectExpense   = "项目支出"

	// LabelDeptGoal ends the goal's label: 整体绩效目标, 年度整体绩效目标,
	// 部门整体绩效目标 (LabelGoalAnnual is read as one too).
	LabelDeptGoal = "整体绩效目标"

	// the grid's columns beyond the target form's
	LabelIndicatorContent = "指标内容" // the name column
	LabelValueExpected    = "预期达到目标"
	LabelValueTarget      = "目标值"
	LabelNoteFormula      = "指标说明及公式"
	LabelNoteExplainAlt   = "指标说明"
)

// The paths of a department form's fields (see TaskField and
// BudgetLineField for their items).
const (
	FieldTasks         = "tasks"
	FieldBudgetRequest = "budget_request"
)

func init() { fieldPaths = append(fieldPaths, FieldTasks, FieldBudgetRequest) }

// DeptRole says what a label of the department form introduces.
type DeptRole int

// The roles.
const (
	DeptName       DeptRole = iota + 1 // the department's name follows in the row
	DeptExtra                          // a header field kept in HeaderExtra: its value follows in the row
	DeptTasks                          // the task table: its column labels follow
	DeptTaskColumn                     // a column of the task table: Column is TaskName …
	DeptBudget                         // the budget request block (printed with its unit: 年度预算申请（万元）)
	DeptBasis                          // a split's heading: Basis says which
	DeptLine                           // a row of the budget request: Basis "" for the total; its amount follows
	DeptGoal                           // the goal: its text follows in the row or below
	DeptGridColumn                     // a column of the grid: Column is ColValue …
)

// The columns of the department form's tables (DeptLabel.Column).
const (
	ColNone = iota
	ColTaskName
	ColTaskContent
	ColTaskAmount
	ColName  // the indicator's name (三级指标, 指标内容)
	ColValue // the target (指标值, 预期达到目标 …)
	ColOp    // the operator of a split target (指标性质)
	ColUnit  // the unit of a split target (计量单位)
	ColType  // 定量 / 定性: read, not kept
	ColNote  // an explanation (指标解释 …): Indicator.Note
)

// DeptLabel is one label of the department form.
type DeptLabel struct {
	Text     string
	Role     DeptRole
	Basis    string // for DeptBasis and DeptLine
	Column   int    // for DeptTaskColumn and DeptGridColumn
	Variants []string
}

// deptLabels are the department form's labels, in the order it prints
// them. The grid's level columns (一级指标 …) are the target form's.
var deptLabels = []DeptLabel{
	{Text: LabelDeptName, Role: DeptName, Variants: []string{LabelDeptNameAlt, LabelDeptUnitName}},
	{Text: LabelDeptDuties, Role: DeptExtra},

	{Text: LabelTasks, Role: DeptTasks},
	{Text: LabelTaskName, Role: DeptTaskColumn, Column: ColTaskName},
	{Text: LabelTaskContent, Role: DeptTaskColumn, Column: ColTaskContent},
	{Text: LabelTaskAmount, Role: DeptTaskColumn, Column: ColTaskAmount},

	{Text: LabelBudgetRequest, Role: DeptBudget},
	{Text: LabelRequestTotal, Role: DeptLine},
	{Text: LabelByIncome, Role: DeptBasis, Basis: BasisIncome},
	{Text: LabelPublicFinance, Role: DeptLine, Basis: BasisIncome, Variants: []string{LabelPublicFinanceAlt}},
	{Text: LabelGovFund, Role: DeptLine, Basis: BasisIncome},
	{Text: LabelSpecialAccount, Role: DeptLine, Basis: BasisIncome},
	{Text: LabelFundsOther, Role: DeptLine, Basis: BasisIncome},
	{Text: LabelByExpense, Role: DeptBasis, Basis: BasisExpense},
	{Text: LabelBasicExpense, Role: DeptLine, Basis: BasisExpense},
	{Text: LabelProjectExpense, Role: DeptLine, Basis: BasisExpense},

	{Text: LabelDeptGoal, Role: DeptGoal, Variants: []string{LabelGoalAnnual}},

	{Text: LabelLevel3, Role: DeptGridColumn, Column: ColName, Variants: []string{LabelIndicatorContent}},
	{Text: LabelValue, Role: DeptGridColumn, Column: ColValue,
		Variants: []string{LabelValueProject, LabelValueShort, LabelValueExpected, LabelValueTarget}},
	{Text: LabelValueNature, Role: DeptGridColumn, Column: ColOp},
	{Text: LabelValueUnitCalc, Role: DeptGridColumn, Column: ColUnit, Variants: []string{LabelValueUnit}},
	{Text: LabelValueType, Role: DeptGridColumn, Column: ColType},
	{Text: LabelExplanation, Role: DeptGridColumn, Column: ColNote,
		Variants: []string{LabelNoteFormula, LabelNoteExplainAlt, LabelRemark}},
}

// DeptLabels returns the department form's labels (see deptLabels). Each
// call returns a new slice; safe for concurrent use.
func DeptLabels() []DeptLabel {
	ls := append([]DeptLabel(nil), deptLabels...)
	for i := range ls {
		ls[i].Variants = append([]string(nil), ls[i].Variants...)
	}
	return ls
}

// IsDepartmentTitle reports whether a cell is the title line of a
// whole-department target form: a title of the family (IsTitle) that
// holds DeptTitleMark and, after it, DeptTitleGoal:
// 部门整体支出绩效目标申报表, 2024年度整体绩效目标表, a department's name
// before either. Safe for concurrent use.
func IsDepartmentTitle(text string) bool {
	if !IsTitle(text) {
		return false
	}
	t := strings.Join(strings.Fields(text), "")
	i := strings.Index(t, DeptTitleMark)
	return i >= 0 && strings.Contains(t[i:], DeptTitleGoal)
}

// deptNameEnd is what the department name labels end in (名称).
var deptNameEnd = strings.TrimPrefix(LabelDeptNameAlt, "部门")

// IsDepartmentName reports whether a cell is the label of a department
// form's name (LabelDeptName or its variants), white space, half-width
// brackets and a trailing colon aside. Safe for concurrent use.
func IsDepartmentName(text string) bool {
	if len(text) > 60 || !strings.Contains(text, deptNameEnd) {
		return false
	}
	t := strings.NewReplacer("(", "（", ")", "）", ":", "", "：", "").Replace(strings.Join(strings.Fields(text), ""))
	return t == LabelDeptName || t == LabelDeptNameAlt || t == LabelDeptUnitName
}
