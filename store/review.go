package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
	"jixiao/normalize"
)

// Errors of the review methods, wrapped with context; test with errors.Is.
var (
	// ErrNotFound means there is no form (or document) with that id.
	ErrNotFound = errors.New("not found")
	// ErrBadField means a correction names a field that cannot be corrected
	// or does not exist in the form.
	ErrBadField = errors.New("field cannot be corrected")
	// ErrConflict means the field no longer shows the value the reviewer
	// saw: someone corrected it meanwhile.
	ErrConflict = errors.New("field changed meanwhile")
)

// Review statuses, as stored in reviews.status.
const (
	StatusReviewed = "reviewed" // a reviewer signed the form off
	StatusReopened = "reopened" // a reviewer took the sign-off back
)

// Correction is one edit of one field of a form by a reviewer (a row of the
// corrections table).
type Correction struct {
	ID       int64
	FormID   int64
	Field    string  // path in the export record, as in jixiao.Flag.Field: "project_name", "funds.total", "indicators[3].value"
	Old      *string // the value shown before the edit; nil when absent
	New      *string // the value entered; nil when the reviewer cleared the field
	Reviewer string
	At       time.Time
}

// Review is a form's review status: the latest row of reviews. Its zero
// value means the form was never marked.
type Review struct {
	Status   string // StatusReviewed, StatusReopened, or "" when never marked
	Reviewer string
	At       time.Time
}

// Reviewed reports whether the form is signed off.
func (r Review) Reviewed() bool { return r.Status == StatusReviewed }

// ReviewedForm is a form as a reviewer sees it: the machine's reading with
// the corrections applied on top.
type ReviewedForm struct {
	Form        jixiao.Form  // the corrections applied and re-normalised (see ApplyCorrections)
	Original    jixiao.Form  // the machine's reading, as stored
	DocumentID  int64        // the document the form was read from
	Corrections []Correction // every correction of the form, oldest first (the audit trail)
	Review      Review       // the latest review status
}

// Corrected returns the latest correction of each corrected field, in the
// order the fields were first corrected.
func (r ReviewedForm) Corrected() []Correction { return latestPerField(r.Corrections) }

// latestPerField returns the latest correction of each field of cs (oldest
// first), in the order the fields were first corrected.
func latestPerField(cs []Correction) []Correction {
	idx := map[string]int{}
	var out []Correction
	for _, c := range cs {
		if i, ok := idx[c.Field]; ok {
			out[i] = c
			continue
		}
		idx[c.Field] = len(out)
		out = append(out, c)
	}
	return out
}

// ApplyCorrections returns f with the corrections cs (oldest first) applied
// on top: for each field the latest correction wins. The corrected record is
// normalised again (normalize.Form): a corrected indicator value gets its
// typed target (normalize.Value with the form's year), a corrected date its
// ISO form, a corrected amount its number. Flags on a corrected field are
// taken as resolved by the reviewer; the flags normalize derives from the
// record (value_missing, unparsed_value, funds_mismatch …) are derived again
// from the corrected record, so a correction that is still not understood
// keeps its flag. f itself is not modified. Corrections of fields that f
// does not have are ignored. With no corrections, f is returned as it is.
func ApplyCorrections(f jixiao.Form, cs []Correction) jixiao.Form {
	if len(cs) == 0 {
		return f
	}
	out := f
	out.Indicators = append([]jixiao.Indicator(nil), f.Indicators...)
	for i := range out.Indicators {
		out.Indicators[i].Flags = append([]string{}, f.Indicators[i].Flags...)
	}
	corrected := map[string]bool{}
	for _, c := range cs {
		slot, err := fieldSlot(&out, c.Field)
		if err != nil {
			continue
		}
		*slot = c.New
		corrected[c.Field] = true
	}
	if len(corrected) == 0 {
		return out
	}
	out.Flags = []jixiao.Flag{}
	for _, fl := range f.Flags {
		if corrected[fl.Field] || normalize.Derived(fl.Code) {
			continue
		}
		out.Flags = append(out.Flags, fl)
	}
	normalize.Form(&out)
	return out
}

// CorrectableFields are the fields of a form's header, funds and goals that
// a reviewer may correct, by path. Each indicator's name and value may be
// corrected too: "indicators[i].name" and "indicators[i].value" (i 0-based).
// Funds fields are the amounts as printed (funds_raw); the number is parsed
// from the correction.
var CorrectableFields = []string{
	jixiao.FieldProjectName, jixiao.FieldProjectNature, jixiao.FieldProjectCategory,
	jixiao.FieldDepartment, jixiao.FieldImplementingUnit, jixiao.FieldStartDate, jixiao.FieldEndDate,
	jixiao.FieldFundsTotal, jixiao.FieldFundsAnnualTotal, jixiao.FieldFundsFiscal,
	jixiao.FieldFundsAppropriation, jixiao.FieldFundsCarryover, jixiao.FieldFundsOther,
	jixiao.FieldFundsAnnualOther,
	jixiao.FieldGoalOverall, jixiao.FieldGoalAnnual,
}

// fieldSlot returns where field's value lives in f, or an error wrapping
// ErrBadField.
func fieldSlot(f *jixiao.Form, field string) (**string, error) {
	switch field {
	case jixiao.FieldProjectName:
		return &f.ProjectName, nil
	case jixiao.FieldProjectNature:
		return &f.ProjectNature, nil
	case jixiao.FieldProjectCategory:
		return &f.ProjectCategory, nil
	case jixiao.FieldDepartment:
		return &f.Department, nil
	case jixiao.FieldImplementingUnit:
		return &f.ImplementingUnit, nil
	case jixiao.FieldStartDate:
		return &f.StartDate, nil
	case jixiao.FieldEndDate:
		return &f.EndDate, nil
	case jixiao.FieldFundsTotal:
		return &f.FundsRaw.Total, nil
	case jixiao.FieldFundsAnnualTotal:
		return &f.FundsRaw.AnnualTotal, nil
	case jixiao.FieldFundsFiscal:
		return &f.FundsRaw.Fiscal, nil
	case jixiao.FieldFundsAppropriation:
		return &f.FundsRaw.Appropriation, nil
	case jixiao.FieldFundsCarryover:
		return &f.FundsRaw.Carryover, nil
	case jixiao.FieldFundsOther:
		return &f.FundsRaw.Other, nil
	case jixiao.FieldFundsAnnualOther:
		return &f.FundsRaw.AnnualOther, nil
	case jixiao.FieldGoalOverall:
		return &f.Goals.Overall, nil
	case jixiao.FieldGoalAnnual:
		return &f.Goals.Annual, nil
	}
	if i, ok := jixiao.IndicatorIndex(field); ok && i < len(f.Indicators) {
		switch field {
		case jixiao.IndicatorField(i, jixiao.IndicatorName):
			return &f.Indicators[i].Name, nil
		case jixiao.IndicatorField(i, jixiao.IndicatorValue):
			return &f.Indicators[i].Value, nil
		}
	}
	return nil, fmt.Errorf("%q: %w", field, ErrBadField)
}

// FieldValue returns the value of field in f (nil when absent), or an error
// wrapping ErrBadField for a field that cannot be corrected.
func FieldValue(f jixiao.Form, field string) (*string, error) {
	slot, err := fieldSlot(&f, field)
	if err != nil {
		return nil, err
	}
	return *slot, nil
}

// Edit is a correction to make with [DB.Correct].
type Edit struct {
	FormID int64
	Field  string // a path of CorrectableFields, or "indicators[i].name" / "indicators[i].value"
	// Value is the value entered, trimmed; "" clears the field (NULL).
	Value string
	// Base, when not nil, is the value the reviewer saw ("" for none): the
	// edit is refused with ErrConflict when the field shows another value
	// now (someone else corrected it meanwhile).
	Base     *string
	Reviewer string
}

// Correct stores a correction of one field of a form, after the
// corrections made before it. The stored reading is not touched: the
// correction is a new row of corrections, holding the value shown before
// (old_value) and, for an indicator value, the typed target of the new value.
// It returns the correction and changed=true, or changed=false (storing
// nothing) when the field already shows that value.
//
// It fails with an error wrapping ErrNotFound for an unknown form,
// ErrBadField for a field that cannot be corrected, ErrConflict (see
// Edit.Base), or ErrReadOnly. An empty reviewer name is refused. Safe for
// concurrent use; writes are serialized.
func (db *DB) Correct(ctx context.Context, e Edit) (c Correction, changed bool, err error) {
	op := fmt.Sprintf("correct form %d %s", e.FormID, e.Field)
	w, err := db.writer(op)
	if err != nil {
		return Correction{}, false, err
	}
	reviewer := strings.TrimSpace(e.Reviewer)
	if reviewer == "" {
		return Correction{}, false, fmt.Errorf("store: %s: no reviewer name", op)
	}
	tx, err := w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: read and write under one lock
	if err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: begin: %w", op, err)
	}
	defer tx.Rollback()
	orig, err := loadForm(ctx, tx, e.FormID)
	if err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: %w", op, err)
	}
	cs, err := loadCorrections(ctx, tx, e.FormID)
	if err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: %w", op, err)
	}
	cur := ApplyCorrections(orig, cs)
	shown, err := FieldValue(cur, e.Field)
	if err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: %w", op, err)
	}
	if e.Base != nil && strings.TrimSpace(*e.Base) != deref(shown) {
		return Correction{}, false, fmt.Errorf("store: %s: shows %q, not %q: %w", op, deref(shown), *e.Base, ErrConflict)
	}
	var newValue *string
	if v := strings.TrimSpace(e.Value); v != "" {
		newValue = &v
	}
	if deref(newValue) == deref(shown) {
		return Correction{}, false, nil
	}
	var indID, target any
	if i, ok := jixiao.IndicatorIndex(e.Field); ok {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM indicators WHERE form_id = ? ORDER BY id LIMIT 1 OFFSET ?`,
			e.FormID, i).Scan(&indID); err != nil {
			return Correction{}, false, fmt.Errorf("store: %s: indicator: %w", op, err)
		}
		if e.Field == jixiao.IndicatorField(i, jixiao.IndicatorValue) {
			t := jixiao.Target{Kind: jixiao.TargetText}
			if newValue != nil {
				t = normalize.Value(*newValue, cur.Year)
			}
			b, err := json.Marshal(t)
			if err != nil {
				return Correction{}, false, fmt.Errorf("store: %s: encode target: %w", op, err)
			}
			target = string(b)
		}
	}
	now := time.Now()
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections
		(form_id, field, indicator_id, old_value, new_value, target_json, reviewer, corrected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		e.FormID, e.Field, indID, text(shown), text(newValue), target, reviewer, formatTime(now))
	if err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: insert: %w", op, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: insert: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return Correction{}, false, fmt.Errorf("store: %s: commit: %w", op, err)
	}
	return Correction{ID: id, FormID: e.FormID, Field: e.Field, Old: shown, New: newValue,
		Reviewer: reviewer, At: now.UTC()}, true, nil
}

// SetReview records that reviewer marked the form reviewed
// (StatusReviewed) or reopened it (StatusReopened). Each call adds a row to
// reviews; the latest is the form's status. It fails with an error wrapping
// ErrNotFound for an unknown form, or ErrReadOnly. Safe for concurrent use.
func (db *DB) SetReview(ctx context.Context, formID int64, status, reviewer string) (Review, error) {
	op := fmt.Sprintf("review form %d", formID)
	w, err := db.writer(op)
	if err != nil {
		return Review{}, err
	}
	reviewer = strings.TrimSpace(reviewer)
	switch {
	case reviewer == "":
		return Review{}, fmt.Errorf("store: %s: no reviewer name", op)
	case status != StatusReviewed && status != StatusReopened:
		return Review{}, fmt.Errorf("store: %s: unknown status %q", op, status)
	}
	now := time.Now()
	res, err := w.ExecContext(ctx, `INSERT INTO reviews (form_id, status, reviewer, reviewed_at)
		SELECT id, ?, ?, ? FROM forms WHERE id = ?`, status, reviewer, formatTime(now), formID)
	if err != nil {
		return Review{}, fmt.Errorf("store: %s: %w", op, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return Review{}, fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	return Review{Status: status, Reviewer: reviewer, At: now.UTC()}, nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
