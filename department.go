package jixiao

import "strconv"

// Task is one row of a whole-department form's 年度主要任务 table: the
// task's name and content as printed, and its 预算金额 in 元 after
// normalize (converted from the form's unit, Form.FundsUnit, like the
// funds), AmountRaw the cell as printed. A blank cell is nil.
type Task struct {
	Name      *string  `json:"name"`       // 任务名称
	Content   *string  `json:"content"`    // 主要内容
	Amount    *float64 `json:"amount"`     // 预算金额, in 元
	AmountRaw *string  `json:"amount_raw"` // 预算金额 as printed
}

// BudgetLine is one amount of a whole-department form's 年度预算申请
// block: its total (Basis ""), or a part of it by the nature of the
// income (BasisIncome: 公共财政拨款, 政府性基金拨款,
// 纳入专户管理的非税收入拨款, 其他资金) or of the spending (BasisExpense:
// 基本支出, 项目支出). Label is the row's label as printed; Amount is in
// 元 after normalize (like the funds: from Form.FundsUnit or a unit in the
// cell), Raw the cell as printed; a blank cell is nil.
type BudgetLine struct {
	Basis  string   `json:"basis"`
	Label  string   `json:"label"`
	Amount *float64 `json:"amount"`
	Raw    *string  `json:"raw"`
}

// The bases of BudgetLine: how the budget request is split. The total has
// Basis "".
const (
	BasisIncome  = "income"  // 按收入性质分
	BasisExpense = "expense" // 按支出性质分
)

// TaskField returns the path of field leaf (TaskName …) of the task at
// index i, 0-based: TaskField(1, TaskAmount) is "tasks[1].amount". Leaf ""
// gives the task's own path.
func TaskField(i int, leaf string) string { return listField(FieldTasks, i, leaf) }

// BudgetLineField returns the path of field leaf (LineAmount …) of the
// budget line at index i, 0-based: BudgetLineField(0, LineAmount) is
// "budget_request[0].amount". Leaf "" gives the line's own path.
func BudgetLineField(i int, leaf string) string { return listField(FieldBudgetRequest, i, leaf) }

// TaskIndex returns i when path is the path of the task at index i or of
// one of its fields (TaskField(i, …)); false for any other path.
func TaskIndex(path string) (int, bool) { return listIndex(FieldTasks+"[", path) }

// BudgetLineIndex returns i when path is the path of the budget line at
// index i or of one of its fields (BudgetLineField(i, …)); false for any
// other path.
func BudgetLineIndex(path string) (int, bool) { return listIndex(FieldBudgetRequest+"[", path) }

// The leaves of the paths of tasks and budget lines (their JSON names).
const (
	TaskName      = "name"
	TaskContent   = "content"
	TaskAmount    = "amount"
	TaskAmountRaw = "amount_raw"
	LineLabel     = "label"
	LineAmount    = "amount"
	LineRaw       = "raw"
)

// listField is the path of leaf of item i of the list at path list.
func listField(list string, i int, leaf string) string {
	p := list + "[" + strconv.Itoa(i) + "]"
	if leaf != "" {
		p += "." + leaf
	}
	return p
}
