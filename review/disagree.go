package review

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"jixiao"
	"jixiao/store"
)

// Disagreement is one field on which another reading of the same form
// (the same identity key, see [store.DB.Readings]) holds another value.
type Disagreement struct {
	Field       string // "project_nature", "funds.fiscal", "budget.total.executed", "indicator_count", "indicators[3].value"
	Value       string // this form's value as corrected; "" when absent
	OtherID     int64  // the other reading's form id
	OtherPath   string // its document
	OtherValue  string // its value; "" when absent
	OtherReview string // its review status: "reviewed" or "open"
}

// Disagreements returns the fields on which other readings of form id of
// db disagree with it, by the other form's id and then in record order;
// none for a form that is the only reading of its key, or has no key, or
// does not exist. It compares the fields of the view form_disagreements,
// of the corrected records as Load returns them (so a corrected date in
// its ISO form; amounts as numbers). Safe for concurrent use.
func Disagreements(ctx context.Context, db *store.DB, id int64) ([]Disagreement, error) {
	others, _, err := db.Readings(ctx, id)
	if err != nil || len(others) == 0 {
		return nil, err
	}
	this, err := Load(ctx, db, id)
	if err != nil {
		return nil, fmt.Errorf("review: disagreements of form %d: %w", id, err)
	}
	here := comparedValues(this.Form)
	var out []Disagreement
	for _, o := range others {
		that, err := Load(ctx, db, o)
		if err != nil {
			return nil, fmt.Errorf("review: disagreements of form %d: %w", id, err)
		}
		doc, err := db.DocumentByID(ctx, that.DocumentID)
		if err != nil {
			return nil, fmt.Errorf("review: disagreements of form %d: %w", id, err)
		}
		there := map[string]string{}
		for _, ov := range comparedValues(that.Form) {
			there[ov.field] = ov.value
		}
		for _, fv := range here {
			if ov, ok := there[fv.field]; ok && ov != fv.value {
				out = append(out, Disagreement{Field: fv.field, Value: fv.value, OtherID: o, OtherPath: doc.Path,
					OtherValue: ov, OtherReview: reviewStatus(that.Review)})
			}
		}
	}
	return out, nil
}

// reviewStatus is r as form_disagreements names it.
func reviewStatus(r jixiao.Review) string {
	if r.Reviewed() {
		return jixiao.StatusReviewed
	}
	return "open"
}

type fieldValue struct{ field, value string }

// The counts form_disagreements compares beside the fields of the record:
// the lists are compared by position, and these say when one is longer.
const (
	countIndicators    = "indicator_count"
	countTasks         = "task_count"
	countBudgetRequest = "budget_request_count"
)

// comparedValues returns the fields of f that form_disagreements compares,
// in record order, "" for an absent value: the header fields and each
// header_extra label, the amounts, goals, scores and grade, each budget
// row's numbers, the number of indicators and each one's correctable
// fields, and a department form's tasks and budget lines with their
// numbers.
func comparedValues(f jixiao.Form) []fieldValue {
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return formatNumber(*p)
	}
	vs := []fieldValue{
		{jixiao.FieldProjectNature, deref(f.ProjectNature)}, {jixiao.FieldProjectCategory, deref(f.ProjectCategory)},
		{jixiao.FieldStartDate, deref(f.StartDate)}, {jixiao.FieldEndDate, deref(f.EndDate)},
	}
	for _, label := range slices.Sorted(maps.Keys(f.HeaderExtra)) {
		vs = append(vs, fieldValue{jixiao.HeaderExtraField(label), f.HeaderExtra[label]})
	}
	vs = append(vs,
		fieldValue{jixiao.FieldFundsAnnualTotal, num(f.Funds.AnnualTotal)}, fieldValue{jixiao.FieldFundsFiscal, num(f.Funds.Fiscal)},
		fieldValue{jixiao.FieldFundsAppropriation, num(f.Funds.Appropriation)}, fieldValue{jixiao.FieldFundsCarryover, num(f.Funds.Carryover)},
		fieldValue{jixiao.FieldFundsOther, num(f.Funds.Other)}, fieldValue{jixiao.FieldFundsAnnualOther, num(f.Funds.AnnualOther)},
		fieldValue{jixiao.FieldGoalOverall, deref(f.Goals.Overall)}, fieldValue{jixiao.FieldGoalAnnual, deref(f.Goals.Annual)},
		fieldValue{jixiao.FieldGoalExpected, deref(f.Goals.Expected)}, fieldValue{jixiao.FieldGoalAchieved, deref(f.Goals.Achieved)})
	for _, key := range slices.Sorted(maps.Keys(f.Budget)) {
		r := f.Budget[key]
		for _, c := range []struct {
			leaf string
			v    *float64
		}{
			{jixiao.BudgetLeafInitial, r.Initial}, {jixiao.BudgetLeafAdjusted, r.Adjusted}, {jixiao.BudgetLeafExecuted, r.Executed},
			{jixiao.BudgetLeafWeight, r.Weight}, {jixiao.BudgetLeafRate, r.Rate}, {jixiao.BudgetLeafScore, r.Score},
		} {
			vs = append(vs, fieldValue{jixiao.BudgetField(key, c.leaf), num(c.v)})
		}
	}
	vs = append(vs, fieldValue{jixiao.FieldTotalScore, num(f.TotalScore)}, fieldValue{jixiao.FieldGrade, deref(f.Grade)},
		fieldValue{countIndicators, strconv.Itoa(len(f.Indicators))})
	for i, ind := range f.Indicators {
		at := func(leaf string) string { return jixiao.IndicatorField(i, leaf) }
		period := ind.Period
		if period == "" { // as the views read a NULL period
			period = jixiao.PeriodAnnual
		}
		vs = append(vs, fieldValue{at(jixiao.IndicatorName), deref(ind.Name)},
			fieldValue{at(jixiao.IndicatorValue), deref(ind.Value)}, fieldValue{at(jixiao.IndicatorPeriod), period},
			fieldValue{at(jixiao.IndicatorDirection), deref(ind.Direction)}, fieldValue{at(jixiao.IndicatorStandard), deref(ind.Standard)},
			fieldValue{at(jixiao.IndicatorNote), deref(ind.Note)}, fieldValue{at(jixiao.IndicatorActual), deref(ind.Actual)},
			fieldValue{at(jixiao.IndicatorWeight), num(ind.Weight)}, fieldValue{at(jixiao.IndicatorScore), num(ind.Score)},
			fieldValue{at(jixiao.IndicatorDeviation), deref(ind.Deviation)})
	}
	if f.FormType != jixiao.FormDepartmentTarget {
		return vs
	}
	vs = append(vs, fieldValue{countTasks, strconv.Itoa(len(f.Tasks))})
	for i, t := range f.Tasks {
		vs = append(vs, fieldValue{jixiao.TaskField(i, jixiao.TaskName), deref(t.Name)},
			fieldValue{jixiao.TaskField(i, jixiao.TaskContent), deref(t.Content)},
			fieldValue{jixiao.TaskField(i, jixiao.TaskAmount), num(t.Amount)})
	}
	vs = append(vs, fieldValue{countBudgetRequest, strconv.Itoa(len(f.BudgetRequest))})
	for i, l := range f.BudgetRequest {
		vs = append(vs, fieldValue{jixiao.BudgetLineField(i, jixiao.LineLabel), l.Label},
			fieldValue{jixiao.BudgetLineField(i, jixiao.LineAmount), num(l.Amount)})
	}
	return vs
}
