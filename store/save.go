package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"jixiao/extract/form"
)

// Document is one input file.
type Document struct {
	Path    string          // the file as the user named it
	SHA256  string          // hex SHA-256 of the file's bytes; identifies the document
	Kind    form.SourceKind // how it was read
	Size    int64           // size in bytes
	ModTime time.Time       // modification time; the zero time when unknown
}

// timeLayout is how times are stored: UTC with a fixed number of digits, so
// that they sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// SaveDocument stores doc and its forms, with their funds, goals, indicators
// and flags, in one transaction: either all of it is stored or nothing.
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
// (i a 0-based index into Indicators) is linked to that indicator.
//
// It returns an error, storing nothing, when doc.SHA256 is empty, an amount
// or confidence is NaN or infinite, a constraint fails, ctx is done, or the DB is
// read-only ([ErrReadOnly]). Safe for concurrent use; writes are serialized.
func (db *DB) SaveDocument(ctx context.Context, doc Document, forms []form.Form) (docID int64, added bool, err error) {
	w, err := db.writer("save " + doc.Path)
	if err != nil {
		return 0, false, err
	}
	if err := validate(doc, forms); err != nil {
		return 0, false, fmt.Errorf("store: save %s: %w", doc.Path, err)
	}
	tx, err := w.BeginTx(ctx, nil) // BEGIN IMMEDIATE
	if err != nil {
		return 0, false, fmt.Errorf("store: save %s: begin: %w", doc.Path, err)
	}
	defer tx.Rollback() // a no-op after Commit

	err = tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE sha256 = ?`, doc.SHA256).Scan(&docID)
	switch {
	case err == nil:
		return docID, false, nil
	case !errors.Is(err, sql.ErrNoRows):
		return 0, false, fmt.Errorf("store: save %s: look up sha256: %w", doc.Path, err)
	}

	var modTime any // NULL when unknown
	if !doc.ModTime.IsZero() {
		modTime = formatTime(doc.ModTime)
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO documents (path, sha256, kind, size, mod_time, ingested_at, form_count)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		doc.Path, doc.SHA256, string(doc.Kind), doc.Size, modTime, formatTime(time.Now()), len(forms))
	if err != nil {
		return 0, false, fmt.Errorf("store: save %s: insert document: %w", doc.Path, err)
	}
	if docID, err = res.LastInsertId(); err != nil {
		return 0, false, fmt.Errorf("store: save %s: insert document: %w", doc.Path, err)
	}

	s, err := prepareSaver(ctx, tx)
	if err != nil {
		return 0, false, fmt.Errorf("store: save %s: %w", doc.Path, err)
	}
	defer s.close()
	ids := make([]int64, len(forms))
	for i := range forms {
		if ids[i], err = s.saveForm(ctx, docID, &forms[i]); err != nil {
			return 0, false, fmt.Errorf("store: save %s form %d: %w", doc.Path, i+1, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("store: save %s: commit: %w", doc.Path, err)
	}
	for i := range forms {
		forms[i].ID = ids[i]
	}
	return docID, true, nil
}

// validate refuses what could not be stored or exported faithfully: SQLite
// stores NaN as NULL, and JSON has neither NaN nor infinities.
func validate(doc Document, forms []form.Form) error {
	if doc.SHA256 == "" {
		return errors.New("empty sha256")
	}
	for i, f := range forms {
		amounts := []struct {
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
		for j, ind := range f.Indicators {
			if !finite(ind.Confidence) {
				return fmt.Errorf("form %d: indicators[%d].confidence is %v", i+1, j, ind.Confidence)
			}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// saver holds the statements that store a form, prepared once per document.
type saver struct {
	form, funds, goals, indicator, flag *sql.Stmt
}

func prepareSaver(ctx context.Context, tx *sql.Tx) (*saver, error) {
	s := &saver{}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&s.form, `INSERT INTO forms (document_id, form_index, line_from, line_to, page_from, page_to,
			title, year, project_name, project_nature, project_category, department,
			implementing_unit, start_date, end_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.funds, `INSERT INTO funds (form_id,
			total, total_raw, annual_total, annual_total_raw, fiscal, fiscal_raw,
			appropriation, appropriation_raw, carryover, carryover_raw,
			other, other_raw, annual_other, annual_other_raw)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.goals, `INSERT INTO goals (form_id, overall, annual) VALUES (?, ?, ?)`},
		{&s.indicator, `INSERT INTO indicators (form_id, seq, level1, level2, level2_raw,
			name, value, target_kind, target_json, confidence, flag_codes, line)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.flag, `INSERT INTO flags (form_id, indicator_id, code, field, message) VALUES (?, ?, ?, ?, ?)`},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.stmt = stmt
	}
	return s, nil
}

// close closes the statements; it may be called more than once.
func (s *saver) close() {
	for _, st := range []**sql.Stmt{&s.form, &s.funds, &s.goals, &s.indicator, &s.flag} {
		if *st != nil {
			(*st).Close()
			*st = nil
		}
	}
}

// saveForm stores f under document docID and returns its form id.
func (s *saver) saveForm(ctx context.Context, docID int64, f *form.Form) (int64, error) {
	src := f.Source
	res, err := s.form.ExecContext(ctx, docID, src.FormIndex,
		nullZero(src.LineFrom), nullZero(src.LineTo), nullZero(src.PageFrom), nullZero(src.PageTo),
		nullEmpty(f.Title), nullZero(f.Year), f.ProjectName, f.ProjectNature, f.ProjectCategory,
		f.Department, f.ImplementingUnit, f.StartDate, f.EndDate)
	if err != nil {
		return 0, fmt.Errorf("insert form: %w", err)
	}
	formID, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("insert form: %w", err)
	}

	fu, raw := f.Funds, f.FundsRaw
	if _, err := s.funds.ExecContext(ctx, formID,
		fu.Total, raw.Total, fu.AnnualTotal, raw.AnnualTotal, fu.Fiscal, raw.Fiscal,
		fu.Appropriation, raw.Appropriation, fu.Carryover, raw.Carryover,
		fu.Other, raw.Other, fu.AnnualOther, raw.AnnualOther); err != nil {
		return 0, fmt.Errorf("insert funds: %w", err)
	}
	if _, err := s.goals.ExecContext(ctx, formID, f.Goals.Overall, f.Goals.Annual); err != nil {
		return 0, fmt.Errorf("insert goals: %w", err)
	}

	indIDs := make([]int64, len(f.Indicators))
	for i, ind := range f.Indicators {
		target, err := json.Marshal(ind.Target)
		if err != nil {
			return 0, fmt.Errorf("indicators[%d]: encode target: %w", i, err)
		}
		codes := ind.Flags
		if codes == nil {
			codes = []string{}
		}
		codesJSON, err := json.Marshal(codes)
		if err != nil {
			return 0, fmt.Errorf("indicators[%d]: encode flags: %w", i, err)
		}
		res, err := s.indicator.ExecContext(ctx, formID, ind.Seq,
			nullEmpty(ind.Level1), nullEmpty(ind.Level2), nullEmpty(ind.Level2Raw),
			ind.Name, ind.Value, string(ind.Target.Kind), string(target), ind.Confidence,
			string(codesJSON), nullZero(ind.Line))
		if err != nil {
			return 0, fmt.Errorf("insert indicators[%d] (seq %d): %w", i, ind.Seq, err)
		}
		if indIDs[i], err = res.LastInsertId(); err != nil {
			return 0, fmt.Errorf("insert indicators[%d]: %w", i, err)
		}
	}

	for i, fl := range f.Flags {
		var indID any // NULL unless the flag is on an indicator
		if j, ok := indicatorIndex(fl.Field); ok && j < len(indIDs) {
			indID = indIDs[j]
		}
		if _, err := s.flag.ExecContext(ctx, formID, indID, fl.Code, fl.Field, fl.Message); err != nil {
			return 0, fmt.Errorf("insert flags[%d]: %w", i, err)
		}
	}
	return formID, nil
}

// indicatorIndex returns i when field starts with "indicators[i]", i a
// decimal number.
func indicatorIndex(field string) (int, bool) {
	rest, ok := strings.CutPrefix(field, "indicators[")
	if !ok {
		return 0, false
	}
	num, _, ok := strings.Cut(rest, "]")
	if !ok || num == "" || strings.Trim(num, "0123456789") != "" {
		return 0, false
	}
	i, err := strconv.Atoi(num)
	if err != nil { // too large
		return 0, false
	}
	return i, true
}

// nullZero maps 0, which the form types use for "not given", to NULL.
func nullZero(n int) any {
	if n == 0 {
		return nil
	}
	return n
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

// RecordFailure logs that the document at path could not be read: kind says
// why and message gives the error. sha256 may be "" when the file could not
// be hashed. Failures are not deduplicated: each call adds a row, stamped
// with the current time. It returns an error wrapping [ErrReadOnly] on a
// read-only DB. Safe for concurrent use; writes are serialized.
func (db *DB) RecordFailure(ctx context.Context, path, sha256 string, kind form.ErrorKind, message string) error {
	w, err := db.writer("record failure of " + path)
	if err != nil {
		return err
	}
	_, err = w.ExecContext(ctx, `
		INSERT INTO failures (path, sha256, error_kind, message, failed_at) VALUES (?, ?, ?, ?, ?)`,
		path, nullEmpty(sha256), string(kind), message, formatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("store: record failure of %s: %w", path, err)
	}
	return nil
}
