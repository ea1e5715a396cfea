package store

import (
	"context"
	"fmt"
	"strconv"

	"jixiao"
)

// This file reads the views of migration 7 that tell readings of the same
// real form apart: forms_distinct (one row per real form) and
// form_disagreements (where two readings of one form differ).
//
// A form's identity key (forms_current.identity_key) is computed in SQL
// from the corrected record: the budget year, the project name, department
// and implementing unit folded (white space and line breaks removed,
// full-width brackets and commas made ASCII, Latin letters lower-cased),
// and the total amount to the cent, joined by '|'. It is NULL for a form
// without a project name. The folding is simpler than that of
// indicators.name_norm (no NFKC): two readings that differ in other
// punctuation get two keys, and count as two forms.

// Disagreement is one field on which another reading of the same form
// (the same identity key) holds another value (a row of
// form_disagreements, seen from one of its two forms).
type Disagreement struct {
	Field       string // "project_nature", "funds.fiscal", "indicator_count", "indicators[3].value"
	Value       string // this form's value as corrected; "" when absent
	OtherID     int64  // the other reading's form id
	OtherPath   string // its document
	OtherValue  string // its value; "" when absent
	OtherReview string // its review status: "reviewed" or "open"
}

// Disagreements returns the fields on which other readings of form id (the
// forms of the same identity key) disagree with it, by the other form's id
// and then in record order; none for a form that is the only reading of
// its key, or has no key, or does not exist. It compares the fields of the
// view form_disagreements, of the corrected records as [DB.ReviewedForm]
// reads them (so a corrected date in its ISO form; amounts as numbers).
// Safe for concurrent use.
func (db *DB) Disagreements(ctx context.Context, id int64) ([]Disagreement, error) {
	others, _, err := db.Readings(ctx, id)
	if err != nil || len(others) == 0 {
		return nil, err
	}
	this, err := db.ReviewedForm(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("store: disagreements of form %d: %w", id, err)
	}
	here := comparedValues(this.Form)
	var out []Disagreement
	for _, o := range others {
		that, err := db.ReviewedForm(ctx, o)
		if err != nil {
			return nil, fmt.Errorf("store: disagreements of form %d: %w", id, err)
		}
		path, err := db.formPath(ctx, o)
		if err != nil {
			return nil, fmt.Errorf("store: disagreements of form %d: %w", id, err)
		}
		there := comparedValues(that.Form)
		for _, fv := range here {
			for _, ov := range there {
				if ov.field == fv.field && ov.value != fv.value {
					out = append(out, Disagreement{Field: fv.field, Value: fv.value, OtherID: o, OtherPath: path,
						OtherValue: ov.value, OtherReview: reviewStatus(that.Review)})
				}
			}
		}
	}
	return out, nil
}

func reviewStatus(r Review) string {
	if r.Reviewed() {
		return StatusReviewed
	}
	return "open"
}

// formPath returns the path of the document of form id.
func (db *DB) formPath(ctx context.Context, id int64) (string, error) {
	var path string
	err := db.r.QueryRowContext(ctx, `SELECT d.path FROM forms AS f JOIN documents AS d ON d.id = f.document_id
		WHERE f.id = ?`, id).Scan(&path)
	return path, err
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

// Readings returns the ids of the other readings of form id (the forms of
// the same identity key), ascending, and the id of the reading that
// forms_distinct chooses (id itself when it is chosen, or when the form has
// no other reading); nil and 0 for a form that does not exist. Safe for
// concurrent use.
func (db *DB) Readings(ctx context.Context, id int64) (others []int64, chosen int64, err error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT k.form_id FROM forms_current AS k
		WHERE k.identity_key = (SELECT identity_key FROM forms_current WHERE form_id = ?1) AND k.form_id != ?1
		ORDER BY k.form_id`, id)
	if err != nil {
		return nil, 0, fmt.Errorf("store: readings of form %d: %w", id, err)
	}
	for rows.Next() {
		var o int64
		if err := rows.Scan(&o); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("store: readings of form %d: %w", id, err)
		}
		others = append(others, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: readings of form %d: %w", id, err)
	}
	if len(others) == 0 {
		var n int
		if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM forms WHERE id = ?`, id).Scan(&n); err != nil {
			return nil, 0, fmt.Errorf("store: readings of form %d: %w", id, err)
		}
		if n == 0 {
			return nil, 0, nil
		}
		return nil, id, nil
	}
	err = db.r.QueryRowContext(ctx, `SELECT form_id FROM forms_distinct
		WHERE identity_key = (SELECT identity_key FROM forms_current WHERE form_id = ?)`, id).Scan(&chosen)
	if err != nil {
		return nil, 0, fmt.Errorf("store: readings of form %d: %w", id, err)
	}
	return others, chosen, nil
}
