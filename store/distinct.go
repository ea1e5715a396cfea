package store

import (
	"context"
	"fmt"
)

// This file reads the views of migrations 8 and 11 that tell readings of
// the same real form apart: forms_distinct (one row per real form) and
// form_disagreements (where two readings of one form differ: the fields
// that review.Disagreements compares).
//
// A form's identity key (forms_current.identity_key) is computed in SQL
// from the corrected record: the budget year, the project name, department
// and implementing unit folded (white space and line breaks removed,
// full-width brackets and commas made ASCII, Latin letters lower-cased),
// and the total amount to the cent, joined by '|' (and '|' and the form
// type for a form of another type than a target form). It is NULL for a
// form without a project name, except a whole-department form, which
// prints none: its key needs the department's name. The folding is
// simpler than that of indicators.name_norm (no NFKC): two readings that
// differ in other punctuation get two keys, and count as two forms.

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
