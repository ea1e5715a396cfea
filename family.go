package jixiao

// FormType says which member of the form family a record is. The list
// only grows: the values are stored and exported.
type FormType string

// The form types.
const (
	// FormTarget is a project's performance-target form
	// (项目支出绩效目标申报表, 绩效目标表): the targets set before the year.
	FormTarget FormType = "target"
	// FormSelfEvaluation is a project's self-evaluation form
	// (项目支出绩效自评表): each target beside its actual value, weight,
	// score and the reason for a shortfall.
	FormSelfEvaluation FormType = "self_evaluation"
	// FormDepartmentTarget is a whole department's target form
	// (部门整体支出绩效目标申报表): no project header.
	FormDepartmentTarget FormType = "department_target"
)

// Template ids name the layout family a form was read as. They are short,
// stable and documented in the schema docs; the list only grows.
const (
	// TemplateShanghai is the 2023 Shanghai 申报表: one grid, the
	// seven-amount funds block in 元, 项目总目标 and 年度总体目标.
	TemplateShanghai = "shanghai"
	// TemplateMOF88 is the central 88号 target form: funds in 万元 as a
	// medium-term and an annual column, 中期目标 and 年度目标, and the grid
	// printed twice side by side (medium term, then the year).
	TemplateMOF88 = "mof88"
	// TemplateTarget is any other one-grid target form (other regions and
	// years: 万元, split value columns, other header labels).
	TemplateTarget = "target"
	// TemplateSelfEval is the self-evaluation form (财预〔2020〕10号 附件2
	// and its regional variants).
	TemplateSelfEval = "selfeval"
	// TemplateDepartment is the whole-department target form.
	TemplateDepartment = "department"
)

// The periods of an indicator (Indicator.Period).
const (
	PeriodAnnual     = "annual"      // the year's target: every indicator of a one-grid form
	PeriodMediumTerm = "medium_term" // the medium-term grid of an 88号 form
)

// The keys of Form.Budget for the rows a self-evaluation form prints under
// its standard labels; any other row is keyed by its printed label.
const (
	BudgetTotal         = "total"         // 年度资金总额, 总额
	BudgetAppropriation = "appropriation" // 当年财政拨款, 本年财政拨款, 财政资金
	BudgetCarryover     = "carryover"     // 上年结转资金
	BudgetOther         = "other"         // 其他资金
)

// BudgetRow is one row of a self-evaluation form's budget-execution block
// (项目资金). Amounts are in 元 whatever unit the block prints (like Funds);
// Weight and Score are points; Rate is the execution rate as a percentage
// number (86 for 86%). A blank cell is nil.
type BudgetRow struct {
	Label    string   `json:"label"`    // the row's label as printed
	Initial  *float64 `json:"initial"`  // 年初预算数
	Adjusted *float64 `json:"adjusted"` // 全年预算数, 调整后预算数
	Executed *float64 `json:"executed"` // 全年执行数, 预算执行数
	Weight   *float64 `json:"weight"`   // 分值, 权重
	Rate     *float64 `json:"rate"`     // 执行率
	Score    *float64 `json:"score"`    // 得分
}
