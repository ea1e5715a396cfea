package jixiao

// The leaves of a budget row's path (BudgetField), BudgetRow's JSON names.
const (
	BudgetLeafInitial  = "initial"
	BudgetLeafAdjusted = "adjusted"
	BudgetLeafExecuted = "executed"
	BudgetLeafWeight   = "weight"
	BudgetLeafRate     = "rate"
	BudgetLeafScore    = "score"
	BudgetLeafLabel    = "label"
)

// The parts of a target printed in split columns, as SelfEvalLabel.Field
// names their columns: the operator (指标性质) and the unit (度量单位); the
// number is under LabelValueShort (指标值).
const (
	ValuePartOp   = "op"
	ValuePartUnit = "unit"
)

// grades are the grades a self-evaluation form prints (10号: 优 90–100,
// 良 80–90, 中 60–80, 差 below 60), best first. Single characters: they
// are not in the vocabulary the copy test searches for, which would find
// them inside every other word.
var grades = []string{"优", "良", "中", "差"}

// Grades returns the printed grades, best first. Each call returns a new
// slice.
func Grades() []string { return append([]string(nil), grades...) }

// IsGrade reports whether s (trimmed of white space by the caller) is a
// printed grade.
func IsGrade(s string) bool {
	for _, g := range grades {
		if s == g {
			return true
		}
	}
	return false
}
