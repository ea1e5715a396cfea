package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"jixiao"
)

// This file holds what `jixiao merge` needs to fold one database into
// another through the same API as ingest: documents are read back whole
// (Documents) and saved again with SaveDocument, so every table that saving
// maintains stays right whatever the schema version; failure rows are
// copied (Failures, MergeFailure), and so is the reviewers' audit trail
// (MergeReviews), keyed to the same forms.

// Documents calls fn for every stored document, in document id order, with
// the document's forms (rebuilt as [DB.Forms] rebuilds them; empty for a
// document in which no form was found). One document's forms are held in
// memory at a time. ModTime is the stored modification time (zero when
// unknown); the time of ingest is not returned.
//
// It relies on the forms of a document having consecutive form ids, which
// SaveDocument guarantees (one transaction per document, one writer); it
// returns an error for a database where that does not hold. The database
// must not be written meanwhile. When fn returns an error, Documents stops
// and returns it unwrapped. Safe for concurrent use.
func (db *DB) Documents(ctx context.Context, fn func(Document, []jixiao.Form) error) error {
	docs, err := db.documentList(ctx)
	if err != nil {
		return err
	}
	next := 0 // the document whose forms come now
	var cur []jixiao.Form
	flush := func() error {
		d := docs[next]
		next++
		forms := cur
		cur = nil
		return fn(d, forms)
	}
	err = db.Forms(ctx, func(f jixiao.Form) error {
		for next < len(docs) && docs[next].SHA256 != f.Source.SHA256 {
			if err := flush(); err != nil {
				return err
			}
		}
		if next == len(docs) {
			return fmt.Errorf("store: documents: form %d of %s is out of document order", f.ID, f.Source.Path)
		}
		cur = append(cur, f)
		return nil
	})
	if err != nil {
		return err
	}
	for next < len(docs) {
		if err := flush(); err != nil {
			return err
		}
	}
	return nil
}

// documentList returns every stored document, in id order.
func (db *DB) documentList(ctx context.Context) ([]Document, error) {
	rows, err := db.r.QueryContext(ctx, `SELECT path, sha256, kind, size, mod_time FROM documents ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	var docs []Document
	for rows.Next() {
		var (
			d       Document
			kind    string
			modTime sql.NullString
		)
		if err := rows.Scan(&d.Path, &d.SHA256, &kind, &d.Size, &modTime); err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
		d.Kind = jixiao.SourceKind(kind)
		if modTime.Valid {
			if d.ModTime, err = time.Parse(timeLayout, modTime.String); err != nil {
				return nil, fmt.Errorf("store: documents: %s: mod_time: %w", d.Path, err)
			}
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: documents: %w", err)
	}
	return docs, db.documentFiles(ctx, docs)
}

// documentFiles sets the Files of the documents of docs (in id order)
// that were read as page streams.
func (db *DB) documentFiles(ctx context.Context, docs []Document) error {
	rows, err := db.r.QueryContext(ctx, `
		SELECT d.sha256, f.path, f.sha256, f.size, f.first_page, f.pages
		FROM document_files f JOIN documents d ON d.id = f.document_id ORDER BY f.id`)
	if err != nil {
		return fmt.Errorf("store: document files: %w", err)
	}
	defer rows.Close()
	at := make(map[string]int, len(docs))
	for i, d := range docs {
		at[d.SHA256] = i
	}
	for rows.Next() {
		var (
			doc string
			f   File
		)
		if err := rows.Scan(&doc, &f.Path, &f.SHA256, &f.Size, &f.FirstPage, &f.Pages); err != nil {
			return fmt.Errorf("store: document files: %w", err)
		}
		if i, ok := at[doc]; ok {
			docs[i].Files = append(docs[i].Files, f)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: document files: %w", err)
	}
	return nil
}

// Failure is one logged failed attempt to read a document (a row of the
// failures table).
type Failure struct {
	Path     string
	SHA256   string // "" when the file could not be hashed
	Kind     jixiao.ErrorKind
	Message  string
	FailedAt time.Time // of the last attempt
	Attempts int       // how many attempts failed (at least 1)
}

// Failures calls fn for every logged failure, oldest first. When fn returns
// an error, Failures stops and returns it unwrapped. Safe for concurrent use.
func (db *DB) Failures(ctx context.Context, fn func(Failure) error) error {
	rows, err := db.r.QueryContext(ctx, `SELECT path, sha256, error_kind, message, failed_at, attempts FROM failures ORDER BY id`)
	if err != nil {
		return fmt.Errorf("store: failures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			f        Failure
			sha      sql.NullString
			kind, at string
		)
		if err := rows.Scan(&f.Path, &sha, &kind, &f.Message, &at, &f.Attempts); err != nil {
			return fmt.Errorf("store: failures: %w", err)
		}
		f.SHA256, f.Kind = sha.String, jixiao.ErrorKind(kind)
		if f.FailedAt, err = time.Parse(timeLayout, at); err != nil {
			return fmt.Errorf("store: failures: %s: failed_at: %w", f.Path, err)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: failures: %w", err)
	}
	return nil
}

// MergeFailure logs f, keeping its time and attempts, unless a failure
// with the same path, SHA-256, kind, message and time is already logged:
// merging the same database twice adds nothing. A file that failed in both
// databases differently keeps a row from each. It reports whether a row was added. It
// returns an error wrapping [ErrReadOnly] on a read-only DB. Safe for
// concurrent use; writes are serialized.
func (db *DB) MergeFailure(ctx context.Context, f Failure) (added bool, err error) {
	w, err := db.writer("merge failure of " + f.Path)
	if err != nil {
		return false, err
	}
	at := formatTime(f.FailedAt)
	res, err := w.ExecContext(ctx, `
		INSERT INTO failures (path, sha256, error_kind, message, failed_at, attempts)
		SELECT ?1, ?2, ?3, ?4, ?5, ?6
		WHERE NOT EXISTS (SELECT 1 FROM failures
			WHERE path = ?1 AND sha256 IS ?2 AND error_kind = ?3 AND message = ?4 AND failed_at = ?5)`,
		f.Path, nullEmpty(f.SHA256), string(f.Kind), f.Message, at, max(f.Attempts, 1))
	if err != nil {
		return false, fmt.Errorf("store: merge failure of %s: %w", f.Path, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: merge failure of %s: %w", f.Path, err)
	}
	return n == 1, nil
}

// ReviewMerge counts what [DB.MergeReviews] copied.
type ReviewMerge struct {
	Corrections int // corrections added
	Reviews     int // review rows added
}

// MergeReviews copies the reviewers' audit trail of src (its corrections
// and reviews, with their reviewer and time) into db, each row keyed to the
// same form in db: the form of the same document (by SHA-256) at the same
// position (form index), and for an indicator field the indicator at the
// same position. Copy the documents first ([DB.Documents], then
// SaveDocument), so that every form of src is in db. A row that db already
// holds (same form, field, values, reviewer and time) is not copied again:
// merging twice adds nothing. Copied rows come after db's own in id order,
// so where both databases corrected the same field, src's correction is
// the latest.
//
// A row whose form (or indicator) is not in db is not dropped silently:
// the rows that can be placed are copied, and then an error wrapping
// [ErrNotFound] names each row that could not be, by document path, form
// index and field. It returns an error wrapping [ErrReadOnly] on a
// read-only db. Safe for concurrent use; db's writes are serialized, and
// src must not be written meanwhile.
func (db *DB) MergeReviews(ctx context.Context, src *DB) (ReviewMerge, error) {
	var st ReviewMerge
	w, err := db.writer("merge reviews")
	if err != nil {
		return st, err
	}
	type row struct {
		sha, path, field, reviewer, at string
		index                          int
		old, new, target               sql.NullString // corrections; new holds the status of a review
		amount                         sql.NullFloat64
		review                         bool
	}
	var rs []row
	read := func(query string, review bool) error {
		rows, err := src.r.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			r := row{review: review}
			if err := rows.Scan(&r.sha, &r.path, &r.index, &r.field, &r.old, &r.new, &r.target, &r.amount, &r.reviewer, &r.at); err != nil {
				return err
			}
			rs = append(rs, r)
		}
		return rows.Err()
	}
	if err := read(`SELECT d.sha256, d.path, f.form_index, c.field, c.old_value, c.new_value, c.target_json, c.amount, c.reviewer, c.corrected_at
		FROM corrections AS c JOIN forms AS f ON f.id = c.form_id JOIN documents AS d ON d.id = f.document_id
		ORDER BY c.id`, false); err != nil {
		return st, fmt.Errorf("store: merge reviews: read corrections: %w", err)
	}
	if err := read(`SELECT d.sha256, d.path, f.form_index, '', NULL, r.status, NULL, NULL, r.reviewer, r.reviewed_at
		FROM reviews AS r JOIN forms AS f ON f.id = r.form_id JOIN documents AS d ON d.id = f.document_id
		ORDER BY r.id`, true); err != nil {
		return st, fmt.Errorf("store: merge reviews: read reviews: %w", err)
	}
	if len(rs) == 0 {
		return st, nil
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return st, fmt.Errorf("store: merge reviews: begin: %w", err)
	}
	defer tx.Rollback()
	var missing []string
	for _, r := range rs {
		var formID int64
		err := tx.QueryRowContext(ctx, `SELECT f.id FROM forms AS f JOIN documents AS d ON d.id = f.document_id
			WHERE d.sha256 = ? AND f.form_index = ?`, r.sha, r.index).Scan(&formID)
		if errors.Is(err, sql.ErrNoRows) {
			what := "review"
			if !r.review {
				what = "correction of " + r.field
			}
			missing = append(missing, fmt.Sprintf("%s form %d: %s by %s at %s", r.path, r.index, what, r.reviewer, r.at))
			continue
		}
		if err != nil {
			return st, fmt.Errorf("store: merge reviews: %s form %d: %w", r.path, r.index, err)
		}
		var res sql.Result
		if r.review {
			res, err = tx.ExecContext(ctx, `INSERT INTO reviews (form_id, status, reviewer, reviewed_at)
				SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM reviews
					WHERE form_id = ?1 AND status = ?2 AND reviewer = ?3 AND reviewed_at = ?4)`,
				formID, r.new.String, r.reviewer, r.at)
		} else {
			var indID any
			if i, ok := jixiao.IndicatorIndex(r.field); ok {
				var id int64
				err := tx.QueryRowContext(ctx, `SELECT id FROM indicators WHERE form_id = ? ORDER BY id LIMIT 1 OFFSET ?`,
					formID, i).Scan(&id)
				if errors.Is(err, sql.ErrNoRows) {
					missing = append(missing, fmt.Sprintf("%s form %d: correction of %s by %s at %s: no such indicator",
						r.path, r.index, r.field, r.reviewer, r.at))
					continue
				}
				if err != nil {
					return st, fmt.Errorf("store: merge reviews: %s form %d: %w", r.path, r.index, err)
				}
				indID = id
			}
			res, err = tx.ExecContext(ctx, `INSERT INTO corrections
				(form_id, field, indicator_id, old_value, new_value, target_json, amount, reviewer, corrected_at)
				SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?9, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM corrections
					WHERE form_id = ?1 AND field = ?2 AND old_value IS ?4 AND new_value IS ?5
						AND reviewer = ?7 AND corrected_at = ?8)`,
				formID, r.field, indID, r.old, r.new, r.target, r.reviewer, r.at, r.amount)
		}
		if err != nil {
			return st, fmt.Errorf("store: merge reviews: %s form %d: %w", r.path, r.index, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 1 {
			if r.review {
				st.Reviews++
			} else {
				st.Corrections++
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return st, fmt.Errorf("store: merge reviews: commit: %w", err)
	}
	if len(missing) > 0 {
		return st, fmt.Errorf("store: merge reviews: %d row(s) whose form is not in %s, not copied: %s: %w",
			len(missing), db.path, strings.Join(missing, "; "), ErrNotFound)
	}
	return st, nil
}
