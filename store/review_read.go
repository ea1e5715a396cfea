package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"jixiao"
)

// queryer is what both *sql.DB and *sql.Tx offer for reading.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// The queries of one form reuse those of Forms, so that both read the same
// columns; SQLite flattens the subquery and looks the form up by its key.
var (
	oneFormQuery       = `SELECT * FROM (` + formsQuery + `) WHERE id = ?`
	oneIndicatorsQuery = `SELECT * FROM (` + indicatorsQuery + `) WHERE form_id = ?`
	oneFlagsQuery      = `SELECT * FROM (` + flagsQuery + `) WHERE form_id = ?`
	onePagesQuery      = `SELECT * FROM (` + pagesQuery + `) WHERE id = ?`
	oneBoxesQuery      = `SELECT * FROM (` + boxesQuery + `) WHERE form_id = ?`
	oneBudgetQuery     = `SELECT * FROM (` + budgetQuery + `) WHERE form_id = ?`
	oneTasksQuery      = `SELECT * FROM (` + tasksQuery + `) WHERE form_id = ?`
	oneRequestQuery    = `SELECT * FROM (` + requestQuery + `) WHERE form_id = ?`
)

// loadForm reads the stored form id (the machine's reading), or an error
// wrapping ErrNotFound.
func loadForm(ctx context.Context, q queryer, id int64) (jixiao.Form, error) {
	rows, err := q.QueryContext(ctx, oneFormQuery, id)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: %w", id, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return jixiao.Form{}, fmt.Errorf("form %d: %w", id, err)
		}
		return jixiao.Form{}, fmt.Errorf("form %d: %w", id, ErrNotFound)
	}
	f, err := scanForm(rows)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: %w", id, err)
	}
	rows.Close()
	if f.Indicators, err = loadRows(ctx, q, oneIndicatorsQuery, id, scanIndicator); err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: indicators: %w", id, err)
	}
	if f.Flags, err = loadRows(ctx, q, oneFlagsQuery, id, scanFlag); err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: flags: %w", id, err)
	}
	ps, err := loadRows(ctx, q, onePagesQuery, id, scanPage)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: pages: %w", id, err)
	}
	bs, err := loadRows(ctx, q, oneBoxesQuery, id, scanBox)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: field boxes: %w", id, err)
	}
	setGeometry(&f, ps, bs)
	b, err := loadRows(ctx, q, oneBudgetQuery, id, scanBudget)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: budget: %w", id, err)
	}
	setBudget(&f, b)
	ts, err := loadRows(ctx, q, oneTasksQuery, id, scanTask)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: tasks: %w", id, err)
	}
	ls, err := loadRows(ctx, q, oneRequestQuery, id, scanLine)
	if err != nil {
		return jixiao.Form{}, fmt.Errorf("form %d: budget request: %w", id, err)
	}
	setDepartment(&f, ts, ls)
	return f, nil
}

// loadRows returns the values of the rows of query (with argument id), a
// non-nil slice.
func loadRows[T any](ctx context.Context, q queryer, query string, id int64, scan func(*sql.Rows) (int64, T, error)) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	vals := []T{}
	for rows.Next() {
		_, v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
	}
	return vals, rows.Err()
}

const correctionColumns = `id, form_id, field, old_value, new_value, reviewer, corrected_at`

func scanCorrection(rows *sql.Rows) (int64, jixiao.Correction, error) {
	var (
		c  jixiao.Correction
		at string
	)
	if err := rows.Scan(&c.ID, &c.FormID, &c.Field, &c.Old, &c.New, &c.Reviewer, &at); err != nil {
		return 0, c, err
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return 0, c, fmt.Errorf("correction %d: time %q: %w", c.ID, at, err)
	}
	c.At = t
	return c.FormID, c, nil
}

// loadCorrections returns the corrections of form id, oldest first.
func loadCorrections(ctx context.Context, q queryer, id int64) ([]jixiao.Correction, error) {
	cs, err := loadRows(ctx, q, `SELECT `+correctionColumns+` FROM corrections WHERE form_id = ? ORDER BY id`, id, scanCorrection)
	if err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	return cs, nil
}

// loadReview returns the review status of form id.
func loadReview(ctx context.Context, q queryer, id int64) (jixiao.Review, error) {
	var (
		r  jixiao.Review
		at string
	)
	err := q.QueryRowContext(ctx, `SELECT status, reviewer, reviewed_at FROM reviews
		WHERE form_id = ? ORDER BY id DESC LIMIT 1`, id).Scan(&r.Status, &r.Reviewer, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return jixiao.Review{}, nil
	case err != nil:
		return jixiao.Review{}, fmt.Errorf("review: %w", err)
	}
	if r.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
		return jixiao.Review{}, fmt.Errorf("review: time %q: %w", at, err)
	}
	return r, nil
}

// FormReview is what the database holds of one form for its review: the
// machine's reading, the reviewers' corrections and the latest review
// status. Package review applies the corrections.
type FormReview struct {
	Form        jixiao.Form         // the machine's reading, as stored
	DocumentID  int64               // the document the form was read from
	Corrections []jixiao.Correction // every correction of the form, oldest first (the audit trail)
	Review      jixiao.Review       // the latest review status; zero when never marked
}

// FormReview returns what the database holds of form id for its review,
// all from one snapshot. It fails with an error wrapping ErrNotFound for
// an unknown id. Safe for concurrent use.
func (db *DB) FormReview(ctx context.Context, id int64) (FormReview, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return FormReview{}, fmt.Errorf("store: form %d: begin: %w", id, err)
	}
	defer tx.Rollback()
	var r FormReview
	if r.Form, err = loadForm(ctx, tx, id); err != nil {
		return FormReview{}, fmt.Errorf("store: %w", err)
	}
	if err := tx.QueryRowContext(ctx, `SELECT document_id FROM forms WHERE id = ?`, id).Scan(&r.DocumentID); err != nil {
		return FormReview{}, fmt.Errorf("store: form %d: document: %w", id, err)
	}
	if r.Corrections, err = loadCorrections(ctx, tx, id); err != nil {
		return FormReview{}, fmt.Errorf("store: form %d: %w", id, err)
	}
	if r.Review, err = loadReview(ctx, tx, id); err != nil {
		return FormReview{}, fmt.Errorf("store: form %d: %w", id, err)
	}
	return r, nil
}

// FormReviews calls fn for every stored form as [DB.FormReview] returns
// it, in form id order (DocumentID is left 0). It streams the forms as
// [DB.Forms] does; the corrections and reviews, which reviewers make by
// hand and which are few, are read into memory first. When fn returns an
// error, FormReviews stops and returns it unwrapped. Safe for concurrent
// use.
func (db *DB) FormReviews(ctx context.Context, fn func(FormReview) error) error {
	corr := map[int64][]jixiao.Correction{}
	rows, err := db.r.QueryContext(ctx, `SELECT `+correctionColumns+` FROM corrections ORDER BY form_id, id`)
	if err != nil {
		return fmt.Errorf("store: reviewed forms: corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		id, c, err := scanCorrection(rows)
		if err != nil {
			return fmt.Errorf("store: reviewed forms: %w", err)
		}
		corr[id] = append(corr[id], c)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reviewed forms: corrections: %w", err)
	}
	rows.Close()
	reviews := map[int64]jixiao.Review{}
	rows, err = db.r.QueryContext(ctx, `SELECT form_id, status, reviewer, reviewed_at FROM review_status`)
	if err != nil {
		return fmt.Errorf("store: reviewed forms: reviews: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			r  jixiao.Review
			at string
		)
		if err := rows.Scan(&id, &r.Status, &r.Reviewer, &at); err != nil {
			return fmt.Errorf("store: reviewed forms: reviews: %w", err)
		}
		if r.At, err = time.Parse(time.RFC3339Nano, at); err != nil {
			return fmt.Errorf("store: reviewed forms: review time %q: %w", at, err)
		}
		reviews[id] = r
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: reviewed forms: reviews: %w", err)
	}
	rows.Close()
	return db.Forms(ctx, func(f jixiao.Form) error {
		return fn(FormReview{Form: f, Corrections: corr[f.ID], Review: reviews[f.ID]})
	})
}

// StoredDocument is a stored document with its id.
type StoredDocument struct {
	ID int64
	Document
}

// DocumentByID returns the stored document id, or an error wrapping
// ErrNotFound. Safe for concurrent use.
func (db *DB) DocumentByID(ctx context.Context, id int64) (StoredDocument, error) {
	d := StoredDocument{ID: id}
	var kind string
	err := db.r.QueryRowContext(ctx, `SELECT path, sha256, kind, size FROM documents WHERE id = ?`, id).
		Scan(&d.Path, &d.SHA256, &kind, &d.Size)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return StoredDocument{}, fmt.Errorf("store: document %d: %w", id, ErrNotFound)
	case err != nil:
		return StoredDocument{}, fmt.Errorf("store: document %d: %w", id, err)
	}
	d.Kind = jixiao.SourceKind(kind)
	return d, nil
}

// PageFile returns, for page page of document docID read as a page stream,
// the file that holds it (its path as named on ingest and its SHA-256) and
// the page's 1-based number in that file; ok is false for a document of
// one file (whose pages are its file's) and for a page not stored. Safe
// for concurrent use.
func (db *DB) PageFile(ctx context.Context, docID int64, page int) (path, sha256 string, filePage int, ok bool, err error) {
	err = db.r.QueryRowContext(ctx, `
		SELECT path, sha256, ? - first_page + 1 FROM document_files
		WHERE document_id = ? AND ? BETWEEN first_page AND first_page + pages - 1
		ORDER BY id LIMIT 1`, page, docID, page).Scan(&path, &sha256, &filePage)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", "", 0, false, nil
	case err != nil:
		return "", "", 0, false, fmt.Errorf("store: document %d page %d: %w", docID, page, err)
	}
	return path, sha256, filePage, true, nil
}

// PageTurn returns the clockwise quarter turn (degrees) by which page of
// document docID was read upright: 0 for a page read as it was, and for a
// page the database does not hold.
func (db *DB) PageTurn(ctx context.Context, docID int64, page int) (int, error) {
	var turn int
	err := db.r.QueryRowContext(ctx, `SELECT turn FROM pages WHERE document_id = ? AND page = ?`, docID, page).Scan(&turn)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, nil
	case err != nil:
		return 0, fmt.Errorf("store: document %d page %d: %w", docID, page, err)
	}
	return turn, nil
}
