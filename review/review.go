package review

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"jixiao"
	"jixiao/normalize"
	"jixiao/store"
)

// ErrConflict means the field no longer shows the value the reviewer saw:
// someone corrected it meanwhile. Errors wrapping it are tested with
// errors.Is.
var ErrConflict = errors.New("field changed meanwhile")

// Form is a form as a reviewer sees it: the machine's reading with the
// corrections applied on top, its audit trail and review status.
type Form struct {
	Form        jixiao.Form         // the corrections applied and re-normalised (see Apply)
	Original    jixiao.Form         // the machine's reading, as stored
	DocumentID  int64               // the document the form was read from
	Corrections []jixiao.Correction // every correction of the form, oldest first (the audit trail)
	Review      jixiao.Review       // the latest review status
}

// Corrected returns the latest correction of each corrected field, in the
// order the fields were first corrected.
func (r Form) Corrected() []jixiao.Correction {
	idx := map[string]int{}
	var out []jixiao.Correction
	for _, c := range r.Corrections {
		if i, ok := idx[c.Field]; ok {
			out[i] = c
			continue
		}
		idx[c.Field] = len(out)
		out = append(out, c)
	}
	return out
}

// fromStore returns the reviewed form of what the store holds.
func fromStore(s store.FormReview) Form {
	return Form{Form: Apply(s.Form, s.Corrections), Original: s.Form, DocumentID: s.DocumentID,
		Corrections: s.Corrections, Review: s.Review}
}

// Load returns form id of db as a reviewer sees it, read from one
// snapshot. Its errors are the store's ([store.DB.FormReview]), which wrap
// store.ErrNotFound for an unknown id. Safe for concurrent use.
func Load(ctx context.Context, db *store.DB, id int64) (Form, error) {
	s, err := db.FormReview(ctx, id)
	if err != nil {
		return Form{}, err
	}
	return fromStore(s), nil
}

// Forms calls fn for every form of db as Load returns it, in form id
// order, with DocumentID left 0; it streams as [store.DB.FormReviews]
// does. When fn returns an error, Forms stops and returns it unwrapped;
// other errors are the store's. Safe for concurrent use.
func Forms(ctx context.Context, db *store.DB, fn func(Form) error) error {
	return db.FormReviews(ctx, func(s store.FormReview) error { return fn(fromStore(s)) })
}

// Edit is a correction to make with [Correct].
type Edit struct {
	FormID int64
	Field  string // a path of CorrectableFields, or of an item's field (see CorrectableFields)
	// Value is the value entered, trimmed; "" clears the field (NULL).
	Value string
	// Base, when not nil, is the value the reviewer saw ("" for none): the
	// edit is refused with ErrConflict when the field shows another value
	// now (someone else corrected it meanwhile).
	Base     *string
	Reviewer string
}

// Correct stores a correction of one field of a form of db, after the
// corrections made before it: the field as the form shows it now (the
// corrections applied) is checked against e.Base and recorded as the
// correction's old value, and the typed target of an indicator's value or
// actual (normalize.Value with the form's year), or the amount in 元 of an
// amount (as Apply parses it), is stored with it, all in one write transaction ([store.DB.AddCorrection]). The stored reading is not
// touched. It returns the correction and changed=true, or changed=false
// (storing nothing) when the field already shows that value.
//
// It fails with an error wrapping store.ErrNotFound for an unknown form,
// ErrBadField for a field that cannot be corrected, a *ValueError (wrapping
// ErrBadValue) for a value that does not fit the field (a number of points,
// an amount or a rate that is not one, a period or direction that is none
// of its values), ErrConflict (see
// Edit.Base), or store.ErrReadOnly. An empty reviewer name is refused.
// Safe for concurrent use; writes are serialized.
func Correct(ctx context.Context, db *store.DB, e Edit) (c jixiao.Correction, changed bool, err error) {
	op := fmt.Sprintf("review: correct form %d %s", e.FormID, e.Field)
	reviewer := strings.TrimSpace(e.Reviewer)
	if reviewer == "" {
		return jixiao.Correction{}, false, fmt.Errorf("%s: no reviewer name", op)
	}
	c, changed, err = db.AddCorrection(ctx, e.FormID, func(stored jixiao.Form, cs []jixiao.Correction) (*store.CorrectionRow, error) {
		cur := clone(Apply(stored, cs))
		s, err := fieldSlot(&cur, e.Field)
		if err != nil {
			return nil, err
		}
		shown := s.get()
		if e.Base != nil && strings.TrimSpace(*e.Base) != deref(shown) {
			return nil, fmt.Errorf("shows %q, not %q: %w", deref(shown), *e.Base, ErrConflict)
		}
		var newValue *string
		if v := strings.TrimSpace(e.Value); v != "" {
			if s.check != nil {
				if err := s.check(v); err != nil {
					return nil, err
				}
			}
			newValue = &v
		}
		if err := s.set(newValue); err != nil {
			return nil, err
		}
		newValue = s.get() // as the form shows it: a number in its shortest form
		if deref(newValue) == deref(shown) {
			return nil, nil
		}
		row := &store.CorrectionRow{Correction: jixiao.Correction{
			Field: e.Field, Old: shown, New: newValue, Reviewer: reviewer, At: time.Now().UTC()}}
		if i, ok := jixiao.IndicatorIndex(e.Field); ok {
			switch e.Field {
			case jixiao.IndicatorField(i, jixiao.IndicatorValue):
				t := jixiao.Target{Kind: jixiao.TargetText}
				if newValue != nil {
					t = normalize.Value(*newValue, cur.Year)
				}
				row.Target = &t
			case jixiao.IndicatorField(i, jixiao.IndicatorActual):
				if newValue != nil { // a cleared actual has no typed reading
					t := normalize.Value(*newValue, cur.Year)
					row.Target = &t
				}
			}
		}
		if s.yuan != nil { // the amount as the corrected record has it
			after := Apply(stored, append(slices.Clip(cs), row.Correction))
			if s, err := fieldSlot(&after, e.Field); err == nil {
				row.Amount = s.yuan()
			}
		}
		return row, nil
	})
	if err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("%s: %w", op, err)
	}
	return c, changed, nil
}

// Mark records that reviewer signed form formID of db off
// (jixiao.StatusReviewed) or reopened it (jixiao.StatusReopened), and
// returns the form's review status now. Each call adds a row to the
// reviews; the latest is the form's status. It fails with an error
// wrapping store.ErrNotFound for an unknown form, or store.ErrReadOnly; an
// empty reviewer name or another status is refused. Safe for concurrent
// use.
func Mark(ctx context.Context, db *store.DB, formID int64, status, reviewer string) (jixiao.Review, error) {
	op := fmt.Sprintf("review: mark form %d %s", formID, status)
	reviewer = strings.TrimSpace(reviewer)
	switch {
	case reviewer == "":
		return jixiao.Review{}, fmt.Errorf("%s: no reviewer name", op)
	case status != jixiao.StatusReviewed && status != jixiao.StatusReopened:
		return jixiao.Review{}, fmt.Errorf("%s: unknown status %q", op, status)
	}
	r := jixiao.Review{Status: status, Reviewer: reviewer, At: time.Now().UTC()}
	if err := db.AddReview(ctx, formID, r); err != nil {
		return jixiao.Review{}, fmt.Errorf("%s: %w", op, err)
	}
	return r, nil
}
