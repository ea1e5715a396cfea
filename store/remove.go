package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"time"
)

// ErrReviewed means a document to remove has forms that reviewers
// corrected or marked: [DB.RemoveDocuments] removes it only when forced.
var ErrReviewed = errors.New("its forms carry reviewers' corrections or reviews")

// ErrNoDocument means no stored document answers to an ID or path given
// to [DB.FindDocuments].
var ErrNoDocument = errors.New("no such document")

// Removal is what removing one document deletes (or, on a dry run, would).
type Removal struct {
	DocumentID int64
	Path       string
	SHA256     string
	Forms      []RemovedForm // its forms, in form_index order
	Indicators int           // indicator rows of its forms
	Flags      int           // flags of its forms
	Files      int           // files of a page stream (document_files)
	Pages      int           // page sizes (pages)
	Boxes      int           // field boxes (field_boxes)
	// Corrections and Reviews are the reviewers' rows on its forms; with
	// force, the corrections are kept in removed_corrections.
	Corrections int
	Reviews     int
}

// RemovedForm is one form of a removed document.
type RemovedForm struct {
	ID          int64
	ProjectName string // "" when it has none
}

// FindDocuments returns the ids of the documents that arg names: a
// document id (digits), or a path as stored (documents.path, or the path
// of a file of a page stream, whose document it returns), also after
// cleaning it (./a.txt is a.txt). Several documents may have been read
// from one path (its bytes changed in between): it returns them all, in id
// order. It returns an error wrapping [ErrNoDocument] when none matches.
// Safe for concurrent use.
func (db *DB) FindDocuments(ctx context.Context, arg string) ([]int64, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		var has bool
		if err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE id = ?)`, id).Scan(&has); err != nil {
			return nil, fmt.Errorf("store: find document %s: %w", arg, err)
		}
		if has {
			return []int64{id}, nil
		}
	}
	rows, err := db.r.QueryContext(ctx, `
		SELECT id FROM documents WHERE path IN (?1, ?2)
		UNION SELECT document_id FROM document_files WHERE path IN (?1, ?2)
		ORDER BY 1`, arg, filepath.Clean(arg))
	if err != nil {
		return nil, fmt.Errorf("store: find document %s: %w", arg, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: find document %s: %w", arg, err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: find document %s: %w", arg, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("store: %s: %w", arg, ErrNoDocument)
	}
	return ids, nil
}

// RemoveOptions say how [DB.RemoveDocuments] removes.
type RemoveOptions struct {
	// Force removes documents whose forms carry corrections or reviews,
	// keeping the corrections in removed_corrections.
	Force bool
	// DryRun removes nothing: it only returns what would go.
	DryRun bool
}

// RemoveDocuments deletes the documents of ids and everything read from
// them: their forms with funds, goals, budget rows, tasks and budget
// request lines, indicators, flags, field boxes, page sizes, the files of
// a page stream, their rows of the search indexes, and the reviewers'
// corrections and reviews of their forms. It returns what
// each removal deletes, in the order of ids (a repeated id counts once).
//
// It removes all of them or none, in one transaction. It returns an error,
// removing nothing, when an id is not a stored document ([ErrNoDocument]),
// or when a document's forms carry corrections or reviews and opts.Force
// is not set ([ErrReviewed]; the Removals are then returned as well, to
// say which). With Force, the corrections are first copied to
// removed_corrections, with the document's path and SHA-256 and each
// form's index and project name; the reviews go. With DryRun it deletes
// nothing and returns what would go (and the same errors). It returns an
// error wrapping [ErrReadOnly] on a read-only DB. Idempotent only in that
// a removed document is gone: removing it again fails with ErrNoDocument.
// Safe for concurrent use; writes are serialized.
func (db *DB) RemoveDocuments(ctx context.Context, ids []int64, opts RemoveOptions) ([]Removal, error) {
	w, err := db.writer("remove documents")
	if err != nil {
		return nil, err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: remove documents: %w", err)
	}
	defer tx.Rollback()
	var (
		rs       []Removal
		seen     = map[int64]bool{}
		reviewed error
	)
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		r, err := removal(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if (r.Corrections > 0 || r.Reviews > 0) && !opts.Force && reviewed == nil {
			reviewed = fmt.Errorf("store: remove document %d (%s): %w", r.DocumentID, r.Path, ErrReviewed)
		}
		rs = append(rs, r)
	}
	if reviewed != nil {
		return rs, reviewed
	}
	if opts.DryRun {
		return rs, nil
	}
	now := formatTime(time.Now())
	for _, r := range rs {
		if r.Corrections > 0 {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO removed_corrections (correction_id, form_id, form_index, project_name,
					document_path, document_sha256, field, old_value, new_value, target_json,
					reviewer, corrected_at, removed_at)
				SELECT c.id, c.form_id, f.form_index, f.project_name, d.path, d.sha256, c.field,
					c.old_value, c.new_value, c.target_json, c.reviewer, c.corrected_at, ?2
				FROM corrections AS c
				JOIN forms AS f ON f.id = c.form_id
				JOIN documents AS d ON d.id = f.document_id
				WHERE d.id = ?1
				ORDER BY c.id`, r.DocumentID, now); err != nil {
				return nil, fmt.Errorf("store: remove document %d: archive corrections: %w", r.DocumentID, err)
			}
		}
		// The foreign keys cascade to everything else; the triggers of
		// the search indexes take out their rows.
		if _, err := tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, r.DocumentID); err != nil {
			return nil, fmt.Errorf("store: remove document %d: %w", r.DocumentID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: remove documents: %w", err)
	}
	return rs, nil
}

// removal counts what removing document id deletes.
func removal(ctx context.Context, tx *sql.Tx, id int64) (Removal, error) {
	r := Removal{DocumentID: id}
	err := tx.QueryRowContext(ctx, `SELECT path, sha256 FROM documents WHERE id = ?`, id).Scan(&r.Path, &r.SHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: document %d: %w", id, ErrNoDocument)
	}
	if err != nil {
		return r, fmt.Errorf("store: document %d: %w", id, err)
	}
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM indicators WHERE form_id IN (SELECT id FROM forms WHERE document_id = ?1)),
		(SELECT count(*) FROM flags WHERE form_id IN (SELECT id FROM forms WHERE document_id = ?1)),
		(SELECT count(*) FROM document_files WHERE document_id = ?1),
		(SELECT count(*) FROM pages WHERE document_id = ?1),
		(SELECT count(*) FROM field_boxes WHERE form_id IN (SELECT id FROM forms WHERE document_id = ?1)),
		(SELECT count(*) FROM corrections WHERE form_id IN (SELECT id FROM forms WHERE document_id = ?1)),
		(SELECT count(*) FROM reviews WHERE form_id IN (SELECT id FROM forms WHERE document_id = ?1))`, id).
		Scan(&r.Indicators, &r.Flags, &r.Files, &r.Pages, &r.Boxes, &r.Corrections, &r.Reviews)
	if err != nil {
		return r, fmt.Errorf("store: document %d: %w", id, err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, ifnull(project_name, '') FROM forms WHERE document_id = ? ORDER BY form_index`, id)
	if err != nil {
		return r, fmt.Errorf("store: document %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var f RemovedForm
		if err := rows.Scan(&f.ID, &f.ProjectName); err != nil {
			return r, fmt.Errorf("store: document %d: %w", id, err)
		}
		r.Forms = append(r.Forms, f)
	}
	if err := rows.Err(); err != nil {
		return r, fmt.Errorf("store: document %d: %w", id, err)
	}
	return r, nil
}
