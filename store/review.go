package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"jixiao"
)

// ErrNotFound means there is no form (or document) with that id. Errors
// wrapping it are tested with errors.Is.
var ErrNotFound = errors.New("not found")

// CorrectionRow is a row of corrections for [DB.AddCorrection] to insert:
// the correction (the store sets its ID and FormID); for a correction of
// an indicator's value or actual, the typed reading of its new value
// (target_json, which the view indicator_targets shows); and for a
// correction of an amount, the amount in 元 the corrected record has
// (amount, which the views show in place of the stored amount). Each is
// nil for other fields.
type CorrectionRow struct {
	jixiao.Correction
	Target *jixiao.Target
	Amount *float64
}

// AddCorrection adds a correction to form formID that decide makes from
// the form as stored: decide gets the stored reading (corrections not
// applied) and the form's corrections, oldest first, read in the write
// transaction (BEGIN IMMEDIATE) that then inserts the row it returns, so
// that no other write comes between what decide saw and that row. decide
// runs once and must not use db.
//
// It returns the correction stored (ID and FormID set) and added=true. When
// decide returns nil, nothing is stored and added is false; when it returns
// an error, nothing is stored and that error is returned unwrapped. It
// fails with an error wrapping ErrNotFound for an unknown form, or
// ErrReadOnly. The stored reading is never touched. Safe for concurrent
// use; writes are serialized.
func (db *DB) AddCorrection(ctx context.Context, formID int64,
	decide func(stored jixiao.Form, corrections []jixiao.Correction) (*CorrectionRow, error)) (c jixiao.Correction, added bool, err error) {
	op := fmt.Sprintf("correct form %d", formID)
	w, err := db.writer(op)
	if err != nil {
		return jixiao.Correction{}, false, err
	}
	tx, err := w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: read and write under one lock
	if err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("store: %s: begin: %w", op, err)
	}
	defer tx.Rollback()
	stored, err := loadForm(ctx, tx, formID)
	if err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("store: %s: %w", op, err)
	}
	cs, err := loadCorrections(ctx, tx, formID)
	if err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("store: %s: %w", op, err)
	}
	row, err := decide(stored, cs)
	if err != nil || row == nil {
		return jixiao.Correction{}, false, err
	}
	c = row.Correction
	c.FormID = formID
	op = fmt.Sprintf("correct form %d %s", formID, c.Field)
	var indID, target any
	if i, ok := jixiao.IndicatorIndex(c.Field); ok {
		if err := tx.QueryRowContext(ctx, `SELECT id FROM indicators WHERE form_id = ? ORDER BY id LIMIT 1 OFFSET ?`,
			formID, i).Scan(&indID); err != nil {
			return jixiao.Correction{}, false, fmt.Errorf("store: %s: indicator: %w", op, err)
		}
	}
	if row.Target != nil {
		b, err := json.Marshal(row.Target)
		if err != nil {
			return jixiao.Correction{}, false, fmt.Errorf("store: %s: encode target: %w", op, err)
		}
		target = string(b)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections
		(form_id, field, indicator_id, old_value, new_value, target_json, amount, reviewer, corrected_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		formID, c.Field, indID, text(c.Old), text(c.New), target, row.Amount, c.Reviewer, formatTime(c.At))
	if err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("store: %s: insert: %w", op, err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("store: %s: insert: %w", op, err)
	}
	if err := tx.Commit(); err != nil {
		return jixiao.Correction{}, false, fmt.Errorf("store: %s: commit: %w", op, err)
	}
	return c, true, nil
}

// AddReview adds r to the reviews of form formID; the latest is the form's
// status. r.Status must be jixiao.StatusReviewed or jixiao.StatusReopened
// (the schema refuses others). It fails with an error wrapping ErrNotFound
// for an unknown form, or ErrReadOnly. Safe for concurrent use.
func (db *DB) AddReview(ctx context.Context, formID int64, r jixiao.Review) error {
	op := fmt.Sprintf("review form %d", formID)
	w, err := db.writer(op)
	if err != nil {
		return err
	}
	res, err := w.ExecContext(ctx, `INSERT INTO reviews (form_id, status, reviewer, reviewed_at)
		SELECT id, ?, ?, ? FROM forms WHERE id = ?`, r.Status, r.Reviewer, formatTime(r.At), formID)
	if err != nil {
		return fmt.Errorf("store: %s: %w", op, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return fmt.Errorf("store: %s: %w", op, ErrNotFound)
	}
	return nil
}
