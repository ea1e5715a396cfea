// Package review owns what reviewers do to a stored form: correcting its
// fields, signing it off and reopening it, and the form they then see.
//
// A correction never overwrites the machine's reading: package store keeps
// the reading and, beside it, every correction and sign-off (the audit
// trail). [Apply] puts the latest correction of each field on top of the
// reading and derives the record again through normalize, as ingest
// derived it, so a corrected value gets its typed target and flags. [Load]
// and [Forms] return forms so corrected, with their audit trail and review
// status, for the workbench and the export. [Correct] checks an edit
// against the form as corrected now and stores it in one write
// transaction; [Mark] signs a form off or reopens it; [Disagreements]
// compares a form's corrected record with the other readings of the same
// form.
//
// The fields of [CorrectableFields] can be corrected, with the fields of
// each item of the form's lists (an indicator, a budget row, a task, a
// budget line) and the printed header fields kept under their label. Level
// names and the points printed with them, confidence, a budget line's
// basis and the form's type and layout cannot. [Apply] and [FieldValue] are pure; the functions that
// take a *store.DB are safe for concurrent use, as the DB is.
package review
