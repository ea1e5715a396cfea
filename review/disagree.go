package review

import (
	"context"
	"fmt"
	"strconv"

	"jixiao"
	"jixiao/store"
)

// Disagreement is one field on which another reading of the same form
// (the same identity key, see [store.DB.Readings]) holds another value.
type Disagreement struct {
	Field       string // "project_nature", "funds.fiscal", "indicator_count", "indicators[3].value"
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
		there := comparedValues(that.Form)
		for _, fv := range here {
			for _, ov := range there {
				if ov.field == fv.field && ov.value != fv.value {
					out = append(out, Disagreement{Field: fv.field, Value: fv.value, OtherID: o, OtherPath: doc.Path,
						OtherValue: ov.value, OtherReview: reviewStatus(that.Review)})
				}
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

// comparedValues returns the fields of f that form_disagreements compares,
// in record order, "" for an absent value.
func comparedValues(f jixiao.Form) []fieldValue {
	amount := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	vs := []fieldValue{
		{jixiao.FieldProjectNature, deref(f.ProjectNature)}, {jixiao.FieldProjectCategory, deref(f.ProjectCategory)},
		{jixiao.FieldStartDate, deref(f.StartDate)}, {jixiao.FieldEndDate, deref(f.EndDate)},
		{jixiao.FieldFundsAnnualTotal, amount(f.Funds.AnnualTotal)}, {jixiao.FieldFundsFiscal, amount(f.Funds.Fiscal)},
		{jixiao.FieldFundsAppropriation, amount(f.Funds.Appropriation)}, {jixiao.FieldFundsCarryover, amount(f.Funds.Carryover)},
		{jixiao.FieldFundsOther, amount(f.Funds.Other)}, {jixiao.FieldFundsAnnualOther, amount(f.Funds.AnnualOther)},
		{jixiao.FieldGoalOverall, deref(f.Goals.Overall)}, {jixiao.FieldGoalAnnual, deref(f.Goals.Annual)},
		{"indicator_count", strconv.Itoa(len(f.Indicators))},
	}
	for i, ind := range f.Indicators {
		vs = append(vs, fieldValue{jixiao.IndicatorField(i, jixiao.IndicatorName), deref(ind.Name)},
			fieldValue{jixiao.IndicatorField(i, jixiao.IndicatorValue), deref(ind.Value)})
	}
	return vs
}
