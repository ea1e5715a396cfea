package store

import (
	"context"
	"database/sql"
	"fmt"
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
// and then field; none for a form that is the only reading of its key, or
// has no key, or does not exist. Safe for concurrent use.
func (db *DB) Disagreements(ctx context.Context, id int64) ([]Disagreement, error) {
	rows, err := db.r.QueryContext(ctx, `
		SELECT d.field,
			CASE WHEN d.form_id_a = ?1 THEN d.value_a ELSE d.value_b END,
			CASE WHEN d.form_id_a = ?1 THEN d.form_id_b ELSE d.form_id_a END AS other,
			CASE WHEN d.form_id_a = ?1 THEN d.source_path_b ELSE d.source_path_a END,
			CASE WHEN d.form_id_a = ?1 THEN d.value_b ELSE d.value_a END,
			(SELECT review_status FROM forms_current WHERE form_id = CASE WHEN d.form_id_a = ?1 THEN d.form_id_b ELSE d.form_id_a END)
		FROM form_disagreements AS d
		WHERE d.identity_key = (SELECT identity_key FROM forms_current WHERE form_id = ?1)
			AND ?1 IN (d.form_id_a, d.form_id_b)
		ORDER BY other, d.field`, id)
	if err != nil {
		return nil, fmt.Errorf("store: disagreements of form %d: %w", id, err)
	}
	defer rows.Close()
	var out []Disagreement
	for rows.Next() {
		var (
			d      Disagreement
			v, ov  sql.NullString
			status sql.NullString
		)
		if err := rows.Scan(&d.Field, &v, &d.OtherID, &d.OtherPath, &ov, &status); err != nil {
			return nil, fmt.Errorf("store: disagreements of form %d: %w", id, err)
		}
		d.Value, d.OtherValue, d.OtherReview = v.String, ov.String, status.String
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: disagreements of form %d: %w", id, err)
	}
	return out, nil
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
