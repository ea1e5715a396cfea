package jixiao

// The vocabulary of the self-evaluation form (项目支出绩效自评表,
// TemplateSelfEval) beyond the labels it shares with the target form
// (项目名称, 主管部门, 实施单位, 年度总体目标, 一级指标 … and the funds
// row labels 当年财政拨款, 财政资金, 上年结转资金, 其他资金, which name its
// budget rows too).

// TitleSelfEval is the word the title of a self-evaluation form ends
// in: 项目支出绩效自评表, 部门预算项目支出绩效自评表, 绩效目标自评表.

// The labels of the self-evaluation form as printed.
const (
	LabelProjectCode    = "项目编码" // a project code before the name: kept in HeaderExtra
	LabelProjectCodeAlt = "项目代码"

	// the budget block's columns
	LabelBudgetInitial     = "年初预算数"
	LabelBudgetAdjusted    = "全年预算数"
	LabelBudgetAdjustedAlt = "调整后预算数"
	LabelBudgetExecuted    = "全年执行数"
	LabelBudgetExecutedAlt = "预算执行数"
	LabelBudgetRate        = "执行率"
	LabelBudgetReason      = "原因" // a column some forms add; not kept
	// the budget block's rows (the others are the funds labels)
	LabelBudgetTotalShort       = "总额"
	LabelBudgetAppropriationAlt = "本年财政拨款"

	// weight and score columns, of the budget block and of the grid
	LabelEvalWeightAlt = "权重"
	LabelEvalScore     = "得分"

	// the goal columns under 年度总体目标
	LabelGoalExpected = "预期目标"
	LabelGoalAchieved = "实际完成情况"

	// the grid's columns beyond the target form's
	LabelActual       = "实际完成值"
	LabelActualShort  = "完成值"
	LabelActualYear   = "全年实际值"
	LabelDeviation    = "偏差原因分析及改进措施"
	LabelDeviationAlt = "未完成原因分析"
	// split target columns: 指标性质 (the operator), 指标值, 度量单位

	// closing rows
	LabelTotalScore    = "总分"
	LabelTotalScoreAlt = "合计"
	LabelGrade         = "评价等级"
	LabelGradeAlt      = "自评等级"
	// closing rows kept in HeaderExtra under their printed label
	LabelConclusion   = "评价结论"
	LabelProblems     = "存在问题"
	LabelImprovements = "改进措施"
	LabelProjectHead  = "项目负责人"
	LabelFinanceHead  = "财务负责人"
)

// The words a split grid's 指标性质 column may print instead of an
// operator: higher or lower is better (Indicator.Direction).
const ()

// SelfEvalRole says what a label of the self-evaluation form introduces.
type SelfEvalRole int

// The roles.
const (
	RoleExtra        SelfEvalRole = iota + 1 // a header or closing field kept in HeaderExtra: its value follows in the row
	RoleBudgetColumn                         // a column of the budget block: Field is a BudgetRow leaf (BudgetLeafInitial …)
	RoleBudgetRow                            // a row of the budget block: Field is its key (BudgetTotal …)
	RoleGoal                                 // a goal column: Field is FieldGoalExpected or FieldGoalAchieved
	RoleGridColumn                           // a column of the grid: Field is an indicator leaf (IndicatorActual …)
	RoleTotalScore                           // 总分 or 合计: the form's total score follows in the row
	RoleGrade                                // a grade label: the grade follows in the row
)

// SelfEvalLabel is one label of the self-evaluation form.
type SelfEvalLabel struct {
	Text     string
	Role     SelfEvalRole
	Field    string
	Variants []string
}

// selfEvalLabels are the self-evaluation form's own labels, in the order it
// prints them. LabelWeight heads a column of the budget block and of the
// grid: it is here for both.
var selfEvalLabels = []SelfEvalLabel{
	{Text: LabelProjectCode, Role: RoleExtra, Variants: []string{LabelProjectCodeAlt}},

	{Text: LabelBudgetInitial, Role: RoleBudgetColumn, Field: BudgetLeafInitial},
	{Text: LabelBudgetAdjusted, Role: RoleBudgetColumn, Field: BudgetLeafAdjusted, Variants: []string{LabelBudgetAdjustedAlt}},
	{Text: LabelBudgetExecuted, Role: RoleBudgetColumn, Field: BudgetLeafExecuted, Variants: []string{LabelBudgetExecutedAlt}},
	{Text: LabelWeight, Role: RoleBudgetColumn, Field: BudgetLeafWeight, Variants: []string{LabelEvalWeightAlt}},
	{Text: LabelBudgetRate, Role: RoleBudgetColumn, Field: BudgetLeafRate},
	{Text: LabelEvalScore, Role: RoleBudgetColumn, Field: BudgetLeafScore},
	{Text: LabelBudgetReason, Role: RoleBudgetColumn},

	{Text: LabelFundsYearTotal, Role: RoleBudgetRow, Field: BudgetTotal, Variants: []string{LabelBudgetTotalShort}},
	{Text: LabelFundsAppropriation, Role: RoleBudgetRow, Field: BudgetAppropriation, Variants: []string{LabelBudgetAppropriationAlt, LabelFundsFiscal}},
	{Text: LabelFundsCarryover, Role: RoleBudgetRow, Field: BudgetCarryover},
	{Text: LabelFundsOther, Role: RoleBudgetRow, Field: BudgetOther},

	{Text: LabelGoalExpected, Role: RoleGoal, Field: FieldGoalExpected},
	{Text: LabelGoalAchieved, Role: RoleGoal, Field: FieldGoalAchieved},

	{Text: LabelActual, Role: RoleGridColumn, Field: IndicatorActual, Variants: []string{LabelActualShort, LabelActualYear}},
	{Text: LabelWeight, Role: RoleGridColumn, Field: IndicatorWeight, Variants: []string{LabelEvalWeightAlt}},
	{Text: LabelEvalScore, Role: RoleGridColumn, Field: IndicatorScore},
	{Text: LabelDeviation, Role: RoleGridColumn, Field: IndicatorDeviation, Variants: []string{LabelDeviationAlt}},
	{Text: LabelValueNature, Role: RoleGridColumn, Field: ValuePartOp},
	{Text: LabelValueUnit, Role: RoleGridColumn, Field: ValuePartUnit, Variants: []string{LabelValueUnitCalc}},

	{Text: LabelTotalScore, Role: RoleTotalScore, Field: FieldTotalScore, Variants: []string{LabelTotalScoreAlt}},
	{Text: LabelGrade, Role: RoleGrade, Field: FieldGrade, Variants: []string{LabelGradeAlt}},
	{Text: LabelConclusion, Role: RoleExtra},
	{Text: LabelProblems, Role: RoleExtra},
	{Text: LabelImprovements, Role: RoleExtra},
	{Text: LabelProjectHead, Role: RoleExtra},
	{Text: LabelFinanceHead, Role: RoleExtra},
}

// SelfEvalLabels returns the self-evaluation form's own labels (see
// selfEvalLabels). Each call returns a new slice; safe for concurrent use.
func SelfEvalLabels() []SelfEvalLabel {
	ls := append([]SelfEvalLabel(nil), selfEvalLabels...)
	for i := range ls {
		ls[i].Variants = append([]string(nil), ls[i].Variants...)
	}
	return ls
}
