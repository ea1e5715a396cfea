package store

import (
	"context"
	"fmt"
)

// pendingIndexStatements add to each full-text index the rows of its table
// above the highest rowid it holds (read from the index's docsize shadow
// table, one row per indexed row). Rows are always indexed in rowid order,
// by SaveDocument or by IndexPending, so the rows above that mark are
// exactly the rows not yet indexed.
var pendingIndexStatements = []struct{ fts, sql string }{
	{"forms_fts", `INSERT INTO forms_fts (rowid, project_name, department, implementing_unit)
		SELECT id, project_name, department, implementing_unit FROM forms
		WHERE id > (SELECT coalesce(max(id), 0) FROM forms_fts_docsize) ORDER BY id`},
	{"goals_fts", `INSERT INTO goals_fts (rowid, overall, annual, expected, achieved)
		SELECT form_id, overall, annual, expected, achieved FROM goals
		WHERE form_id > (SELECT coalesce(max(id), 0) FROM goals_fts_docsize) ORDER BY form_id`},
	{"indicators_fts", `INSERT INTO indicators_fts (rowid, name, deviation)
		SELECT id, name, deviation FROM indicators
		WHERE id > (SELECT coalesce(max(id), 0) FROM indicators_fts_docsize) ORDER BY id`},
}

// DeferSearchIndex makes SaveDocument leave the full-text indexes to
// IndexPending: a batch indexes its documents in a few large transactions,
// which is cheaper than indexing each document in its own. Until
// IndexPending runs, Search does not find the documents saved since; a
// crash in between leaves them to the next Open for writing, which indexes
// whatever is pending. Safe for concurrent use.
func (db *DB) DeferSearchIndex() { db.deferIndex.Store(true) }

// IndexPending adds to the full-text indexes every form, goal and indicator
// row they do not hold yet, in one transaction. It is cheap when nothing is
// pending. It returns an error wrapping [ErrReadOnly] on a read-only DB.
// Safe for concurrent use; writes are serialized.
func (db *DB) IndexPending(ctx context.Context) error {
	w, err := db.writer("index for search")
	if err != nil {
		return err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: index for search: %w", err)
	}
	defer tx.Rollback()
	for _, st := range pendingIndexStatements {
		if _, err := tx.ExecContext(ctx, st.sql); err != nil {
			return fmt.Errorf("store: index %s: %w", st.fts, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: index for search: %w", err)
	}
	return nil
}
