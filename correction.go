package jixiao

import "time"

// Review statuses: what a reviewer last did with a form. They are stored
// (reviews.status) and exported; the list only grows.
const (
	StatusReviewed = "reviewed" // a reviewer signed the form off
	StatusReopened = "reopened" // a reviewer took the sign-off back
)

// Correction is one edit of one field of a form by a reviewer. It never
// replaces the machine's reading: a form's corrections, oldest first, are
// its audit trail, and for each field the latest one wins.
type Correction struct {
	ID       int64 // set by the store; gives the order of edits
	FormID   int64
	Field    string  // path in the export record, as in Flag.Field: FieldProjectName, FieldFundsTotal, IndicatorField(3, IndicatorValue)
	Old      *string // the value shown before the edit; nil when absent
	New      *string // the value entered; nil when the reviewer cleared the field
	Reviewer string
	At       time.Time
}

// Review is a form's review status: the latest sign-off or reopening. Its
// zero value means the form was never marked.
type Review struct {
	Status   string // StatusReviewed, StatusReopened, or "" when never marked
	Reviewer string
	At       time.Time
}

// Reviewed reports whether the form is signed off.
func (r Review) Reviewed() bool { return r.Status == StatusReviewed }
