package export

import (
	"time"

	"jixiao"
	"jixiao/review"
)

// record is the JSON-lines export record: the form as reviewed (corrections
// applied), and, when a reviewer touched it, what was corrected and its
// review status. A form nobody corrected or marked exports exactly as the
// machine read it. A self-evaluation or whole-department form, whose money
// is in its budget block or budget request, has "funds" and "funds_raw"
// null (see nullFunds).
type record struct {
	jixiao.Form
	Corrections []correctionRecord `json:"corrections,omitempty"`
	Review      *reviewRecord      `json:"review,omitempty"`
}

// correctionRecord says what a reviewer changed in one field: the machine's
// reading (original) and the latest correction (corrected); null when
// absent or cleared. The whole history is in the corrections table.
type correctionRecord struct {
	Field       string    `json:"field"`
	Original    *string   `json:"original"`
	Corrected   *string   `json:"corrected"`
	Reviewer    string    `json:"reviewer"`
	CorrectedAt time.Time `json:"corrected_at"`
}

// reviewRecord is a form's review status.
type reviewRecord struct {
	Status     string    `json:"status"` // jixiao.StatusReviewed or jixiao.StatusReopened
	Reviewer   string    `json:"reviewer"`
	ReviewedAt time.Time `json:"reviewed_at"`
}

// reviewedRecord returns the export record of r.
func reviewedRecord(r review.Form) record {
	rec := record{Form: r.Form}
	for _, c := range r.Corrected() {
		orig, _ := review.FieldValue(r.Original, c.Field)
		rec.Corrections = append(rec.Corrections, correctionRecord{
			Field: c.Field, Original: orig, Corrected: c.New, Reviewer: c.Reviewer, CorrectedAt: c.At.UTC()})
	}
	if r.Review.Status != "" {
		rec.Review = &reviewRecord{Status: r.Review.Status, Reviewer: r.Review.Reviewer, ReviewedAt: r.Review.At.UTC()}
	}
	return rec
}
