package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"jixiao"
)

// Document is one input file.
type Document struct {
	Path    string            // the file as the user named it
	SHA256  string            // hex SHA-256 of the file's bytes; identifies the document
	Kind    jixiao.SourceKind // how it was read
	Size    int64             // size in bytes
	ModTime time.Time         // modification time; the zero time when unknown
	// Files are the files of a document read as a page stream, in page
	// order (stored in document_files); nil for a document of one file.
	Files []File
}

// File is one file of a document read as a page stream.
type File struct {
	Path      string // as the user named it
	SHA256    string // hex SHA-256 of its bytes
	Size      int64
	FirstPage int // the document's page number of its first page
	Pages     int // how many of the document's pages it holds
}

// timeLayout is how times are stored: UTC with a fixed number of digits, so
// that they sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// SaveDocument stores doc and its forms, with their funds, goals, budget
// rows, tasks and budget request lines, indicators, flags, page sizes and
// field boxes, in one transaction:
// either all of it is stored or nothing.
//
// It is idempotent: when a document with the same SHA256 is already stored it
// stores nothing and returns that document's id and added=false, leaving
// forms untouched. Otherwise it returns the new document's id and added=true,
// and sets the ID of each element of forms to its form id.
//
// The Path, SHA256 and Kind of each form's Source are not stored: the
// document's are, and [DB.Forms] returns those. Forms are stored as given,
// even when several share a project name. Within a form, indicator Seq
// numbers must be distinct. A flag whose Field starts with "indicators[i]"
// (i a 0-based index into Indicators) is linked to that indicator. The
// pages of a document are stored once, the first form's size of a page
// winning.
//
// It returns an error, storing nothing, when doc.SHA256 is empty, an amount,
// score, weight, confidence or target number is NaN or infinite, a constraint fails, ctx is
// done, or the DB is read-only ([ErrReadOnly]). Safe for concurrent use;
// writes are serialized.
func (db *DB) SaveDocument(ctx context.Context, doc Document, forms []jixiao.Form) (docID int64, added bool, err error) {
	if _, err := db.writer("save " + doc.Path); err != nil {
		return 0, false, err
	}
	p, err := Prepare(doc, forms)
	if err != nil {
		return 0, false, err
	}
	r := db.SaveBatch(ctx, []*Prepared{p})[0]
	return r.DocID, r.Added, r.Err
}

// SaveResult is what [DB.SaveBatch] did with one document: as the results
// of [DB.SaveDocument].
type SaveResult struct {
	DocID int64 // the document's id (the stored one's when not Added)
	Added bool  // false: a document with the same SHA-256 was already stored
	Err   error // nothing of the document is stored
}

// SaveBatch stores documents prepared by [Prepare] as SaveDocument does,
// in one transaction for the lot (which costs the writer less than one
// each), and returns a result per document, in order. Each document is
// stored entirely or not at all, and none is stored until the transaction
// commits: a caller may take a document as done once SaveBatch has
// returned a result without error for it.
//
// When one document fails (a constraint, ctx done, the commit), the
// transaction is rolled back and each document is saved again in its own
// transaction, so that one bad document does not lose the others: only the
// failing ones have an Err. A document whose SHA-256 is stored, or comes
// earlier in the batch, is not added. On success the forms of each added
// document get their ids, as with SaveDocument. Safe for concurrent use;
// writes are serialized.
func (db *DB) SaveBatch(ctx context.Context, ps []*Prepared) []SaveResult {
	res := make([]SaveResult, len(ps))
	if len(ps) == 0 {
		return res
	}
	if _, err := db.writer("save"); err != nil {
		for i, p := range ps {
			res[i].Err = fmt.Errorf("store: save %s: %w", p.doc.Path, ErrReadOnly)
		}
		return res
	}
	if err := db.saveTx(ctx, ps, res); err == nil || len(ps) == 1 {
		return res
	}
	for i, p := range ps {
		db.saveTx(ctx, []*Prepared{p}, res[i:i+1])
	}
	return res
}

// validate refuses what could not be stored or exported faithfully: SQLite
// stores NaN as NULL, and JSON has neither NaN nor infinities.
func validate(doc Document, forms []jixiao.Form) error {
	if doc.SHA256 == "" {
		return errors.New("empty sha256")
	}
	for i, f := range forms {
		amounts := [...]struct {
			name string
			v    *float64
		}{
			{"total", f.Funds.Total}, {"annual_total", f.Funds.AnnualTotal}, {"fiscal", f.Funds.Fiscal},
			{"appropriation", f.Funds.Appropriation}, {"carryover", f.Funds.Carryover},
			{"other", f.Funds.Other}, {"annual_other", f.Funds.AnnualOther},
		}
		for _, a := range amounts {
			if a.v != nil && !finite(*a.v) {
				return fmt.Errorf("form %d: funds.%s is %v", i+1, a.name, *a.v)
			}
		}
		if f.TotalScore != nil && !finite(*f.TotalScore) {
			return fmt.Errorf("form %d: %s is %v", i+1, jixiao.FieldTotalScore, *f.TotalScore)
		}
		for key, b := range f.Budget {
			for _, n := range [...]struct {
				leaf string
				v    *float64
			}{{"initial", b.Initial}, {"adjusted", b.Adjusted}, {"executed", b.Executed},
				{"weight", b.Weight}, {"rate", b.Rate}, {"score", b.Score}} {
				if n.v != nil && !finite(*n.v) {
					return fmt.Errorf("form %d: %s is %v", i+1, jixiao.BudgetField(key, n.leaf), *n.v)
				}
			}
		}
		for j, task := range f.Tasks {
			if task.Amount != nil && !finite(*task.Amount) {
				return fmt.Errorf("form %d: %s is %v", i+1, jixiao.TaskField(j, jixiao.TaskAmount), *task.Amount)
			}
		}
		for j, l := range f.BudgetRequest {
			if l.Amount != nil && !finite(*l.Amount) {
				return fmt.Errorf("form %d: %s is %v", i+1, jixiao.BudgetLineField(j, jixiao.LineAmount), *l.Amount)
			}
		}
		for field, pl := range f.Geometry {
			for _, v := range pl.Box {
				if !finite(v) {
					return fmt.Errorf("form %d: geometry of %s is %v", i+1, field, pl.Box)
				}
			}
		}
		for _, pg := range f.Pages {
			if !finite(pg.Width) || !finite(pg.Height) {
				return fmt.Errorf("form %d: page %d is %v × %v", i+1, pg.Page, pg.Width, pg.Height)
			}
		}
		for j, ind := range f.Indicators {
			if !finite(ind.Confidence) {
				return fmt.Errorf("form %d: %s is %v", i+1, jixiao.IndicatorField(j, "confidence"), ind.Confidence)
			}
			t, a := &ind.Target, ind.ActualTarget
			if a == nil {
				a = &jixiao.Target{}
			}
			numbers := [...]struct {
				name string
				v    *float64
			}{{"target.value", t.Value}, {"target.min", t.Min}, {"target.max", t.Max},
				{"level1_weight", ind.Level1Weight}, {"level2_weight", ind.Level2Weight},
				{"actual_target.value", a.Value}, {"actual_target.min", a.Min}, {"actual_target.max", a.Max},
				{jixiao.IndicatorWeight, ind.Weight}, {jixiao.IndicatorScore, ind.Score}}
			for _, n := range numbers {
				if n.v != nil && !finite(*n.v) {
					return fmt.Errorf("form %d: %s is %v", i+1, jixiao.IndicatorField(j, n.name), *n.v)
				}
			}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// The helpers below turn values of the form types into statement arguments
// of the types the driver takes as they are (nil, int64,
// float64, string), which spares it a conversion by reflection.

// nullZero maps 0, which the form types use for "not given", to NULL.
func nullZero(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

// text maps nil to NULL.
func text(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

// number maps nil to NULL.
func number(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// nullEmpty maps "", which the form types use for "not given", to NULL.
func nullEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// HasDocument reports whether a document with this SHA-256 is stored. It
// returns false for "" and for an unknown hash. Safe for concurrent use.
func (db *DB) HasDocument(ctx context.Context, sha256 string) (bool, error) {
	var has bool
	err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?)`, sha256).Scan(&has)
	if err != nil {
		return false, fmt.Errorf("store: has document %s: %w", sha256, err)
	}
	return has, nil
}

// HasFiles reports whether every one of these file hashes is stored as a
// file of a document read as a page stream (document_files), so that the
// stream they make need not be read again. It returns false for none. Safe
// for concurrent use.
func (db *DB) HasFiles(ctx context.Context, sha256s []string) (bool, error) {
	if len(sha256s) == 0 {
		return false, nil
	}
	for _, sha := range sha256s {
		var has bool
		err := db.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM document_files WHERE sha256 = ?)`, sha).Scan(&has)
		if err != nil {
			return false, fmt.Errorf("store: has file %s: %w", sha, err)
		}
		if !has {
			return false, nil
		}
	}
	return true, nil
}

// RecordFailure logs that the document at path could not be read: kind says
// why and message gives the error. sha256 may be "" when the file could not
// be hashed. Failures are kept one row per file (path and sha256): the
// first failure of a file adds its row and returns first=true; a later one
// counts one more attempt in that row, replaces its kind, message and time
// with this one's, and returns first=false. Times are the current time. It
// returns an error wrapping [ErrReadOnly] on a read-only DB. Safe for
// concurrent use; writes are serialized.
func (db *DB) RecordFailure(ctx context.Context, path, sha256 string, kind jixiao.ErrorKind, message string) (first bool, err error) {
	w, err := db.writer("record failure of " + path)
	if err != nil {
		return false, err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: record failure of %s: %w", path, err)
	}
	defer tx.Rollback()
	args := []any{path, nullEmpty(sha256), string(kind), message, formatTime(time.Now())}
	// The file's latest row, should a merge of databases have copied
	// another.
	res, err := tx.ExecContext(ctx, `
		UPDATE failures SET attempts = attempts + 1, error_kind = ?3, message = ?4, failed_at = ?5
		WHERE id = (SELECT max(id) FROM failures WHERE path = ?1 AND sha256 IS ?2)`, args...)
	if err != nil {
		return false, fmt.Errorf("store: record failure of %s: %w", path, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: record failure of %s: %w", path, err)
	}
	if n == 0 {
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO failures (path, sha256, error_kind, message, failed_at) VALUES (?1, ?2, ?3, ?4, ?5)`, args...); err != nil {
			return false, fmt.Errorf("store: record failure of %s: %w", path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: record failure of %s: %w", path, err)
	}
	return n == 0, nil
}
