package normalize

import (
	"math"
	"strings"

	"jixiao"
)

// department normalizes what a whole-department form
// (jixiao.FormDepartmentTarget) has in place of the project header, the
// funds block and the two goals: it parses the amounts of the budget
// request and the tasks into 元 (from their Raw cells, in Form.FundsUnit,
// settled as for the funds when the form does not declare it), and flags
//
//   - field_missing: no department name, no budget request, no goal
//     (Goals.Annual);
//   - amount_missing: a budget request without its total's amount;
//   - amount_unparsed: an amount cell that is not an amount;
//   - funds_mismatch (field budget_request): the lines of a split (by
//     income or by expense) do not add up to the total, to the cent.
//     Blank lines count as nothing; a split with no amount at all is not
//     checked.
//
// A blank task amount or budget line is nil and not flagged: forms leave
// the parts they do not use blank.
func (v *validator) department() {
	f := v.f
	if f.Department == nil {
		v.flag(jixiao.FlagFieldMissing, jixiao.FieldDepartment, "%s is not on the form", jixiao.LabelDeptName)
	}
	if f.Goals.Annual == nil {
		v.flag(jixiao.FlagFieldMissing, jixiao.FieldGoalAnnual, "%s is not on the form", jixiao.LabelDeptGoal)
	}
	var cells []fundsCell
	for i := range f.BudgetRequest {
		l := &f.BudgetRequest[i]
		cells = append(cells, fundsCell{jixiao.BudgetLineField(i, jixiao.LineAmount), l.Raw, &l.Amount})
	}
	for i := range f.Tasks {
		t := &f.Tasks[i]
		cells = append(cells, fundsCell{jixiao.TaskField(i, jixiao.TaskAmount), t.AmountRaw, &t.Amount})
	}
	v.fundsUnit(cells)
	for _, a := range cells {
		*a.dst = nil
		if a.raw == nil {
			continue
		}
		n, _, ok := Yuan(*a.raw, f.FundsUnit)
		if !ok {
			v.flag(jixiao.FlagAmountUnparsed, a.field, "%q is not an amount", *a.raw)
			continue
		}
		*a.dst = &n
	}
	if len(f.BudgetRequest) == 0 {
		v.flag(jixiao.FlagFieldMissing, jixiao.FieldBudgetRequest, "%s is not on the form", jixiao.LabelBudgetRequest)
		return
	}
	total := -1
	for i, l := range f.BudgetRequest {
		if l.Basis == "" {
			total = i
			break
		}
	}
	if total < 0 {
		return
	}
	if f.BudgetRequest[total].Raw == nil {
		v.flag(jixiao.FlagAmountMissing, jixiao.BudgetLineField(total, jixiao.LineAmount), "the total (%s) is blank", f.BudgetRequest[total].Label)
	}
	if msg := splitMismatch(f.BudgetRequest, total); msg != "" {
		v.flag(jixiao.FlagFundsMismatch, jixiao.FieldBudgetRequest, "%s", msg)
	}
}

// splitMismatch says which splits of the budget request do not add up to
// its total (the line at index total), "" when each does or cannot be
// checked.
func splitMismatch(lines []jixiao.BudgetLine, total int) string {
	t := lines[total].Amount
	if t == nil {
		return ""
	}
	var msgs []string
	for _, basis := range []struct{ basis, label string }{
		{jixiao.BasisIncome, jixiao.LabelByIncome}, {jixiao.BasisExpense, jixiao.LabelByExpense},
	} {
		sum, n := 0.0, 0
		var terms []string
		for _, l := range lines {
			if l.Basis == basis.basis && l.Amount != nil {
				sum += *l.Amount
				n++
				terms = append(terms, labelled(l.Label, l.Amount))
			}
		}
		if n > 0 && math.Abs(*t-sum) >= 0.005 {
			msgs = append(msgs, labelled(lines[total].Label, t)+" ≠ "+basis.label+": "+strings.Join(terms, " + "))
		}
	}
	return strings.Join(msgs, "; ")
}
