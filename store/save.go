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
// It returns an error, storing nothing, when doc.SHA256 is empty, an amount,
// confidence or target number is NaN or infinite, a constraint fails, ctx is
// done, or the DB is read-only ([ErrReadOnly]). Safe for concurrent use;
// writes are serialized.
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
	defer func() {
		// When ctx is done, database/sql rolls the transaction back and
		// closes its statements: report that rather than the failure of
		// the statement that came next.
		if ctxErr := ctx.Err(); err != nil && ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("store: save %s: %w", doc.Path, ctxErr)
		}
	}()

	// The statements run under a context that is never cancelled: for a
	// statement whose context can be, go-sqlite3 starts a goroutine to
	// watch it, which costs more than the insert itself. ctx is checked
	// between forms instead, and its cancellation rolls the transaction
	// back (database/sql watches it from BeginTx on).
	s := db.ws.in(context.WithoutCancel(ctx), tx)

	err = s.findDoc.QueryRowContext(s.ctx, doc.SHA256).Scan(&docID)
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
	res, err := s.insertDoc.ExecContext(s.ctx,
		doc.Path, doc.SHA256, string(doc.Kind), doc.Size, modTime, formatTime(time.Now()), int64(len(forms)))
	if err != nil {
		return 0, false, fmt.Errorf("store: save %s: insert document: %w", doc.Path, err)
	}
	if docID, err = res.LastInsertId(); err != nil {
		return 0, false, fmt.Errorf("store: save %s: insert document: %w", doc.Path, err)
	}

	ids := make([]int64, len(forms))
	for i := range forms {
		if err := ctx.Err(); err != nil {
			return 0, false, fmt.Errorf("store: save %s: %w", doc.Path, err)
		}
		if ids[i], err = s.saveForm(docID, &forms[i]); err != nil {
			return 0, false, fmt.Errorf("store: save %s form %d: %w", doc.Path, i+1, err)
		}
	}
	if !db.deferIndex.Load() { // else IndexPending indexes it later
		if err := s.index(docID); err != nil {
			return 0, false, fmt.Errorf("store: save %s: index for search: %w", doc.Path, err)
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
		for j, ind := range f.Indicators {
			if !finite(ind.Confidence) {
				return fmt.Errorf("form %d: indicators[%d].confidence is %v", i+1, j, ind.Confidence)
			}
			t := &ind.Target
			numbers := [...]struct {
				name string
				v    *float64
			}{{"value", t.Value}, {"min", t.Min}, {"max", t.Max}}
			for _, n := range numbers {
				if n.v != nil && !finite(*n.v) {
					return fmt.Errorf("form %d: indicators[%d].target.%s is %v", i+1, j, n.name, *n.v)
				}
			}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// writeStmts are the statements of SaveDocument, prepared once by Open on
// the single writing connection. Each transaction binds them with
// tx.StmtContext, which reuses the prepared statements of the connection.
type writeStmts struct {
	findDoc, insertDoc, form, funds, goals, indicator, flag *sql.Stmt
	// Statements of schema version 3: index a document's rows for search.
	indexForms, indexGoals, indexIndicators *sql.Stmt
}

// list pairs the statements of ws with their SQL and the schema version
// they need (0: any).
func (ws *writeStmts) list() []struct {
	stmt  **sql.Stmt
	sql   string
	since int
} {
	return []struct {
		stmt  **sql.Stmt
		sql   string
		since int
	}{
		{&ws.findDoc, `SELECT id FROM documents WHERE sha256 = ?`, 0},
		{&ws.insertDoc, `INSERT INTO documents (path, sha256, kind, size, mod_time, ingested_at, form_count)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, 0},
		{&ws.form, `INSERT INTO forms (document_id, form_index, line_from, line_to, page_from, page_to,
			title, year, project_name, project_nature, project_category, department,
			implementing_unit, start_date, end_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, 0},
		{&ws.funds, `INSERT INTO funds (form_id,
			total, total_raw, annual_total, annual_total_raw, fiscal, fiscal_raw,
			appropriation, appropriation_raw, carryover, carryover_raw,
			other, other_raw, annual_other, annual_other_raw)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, 0},
		{&ws.goals, `INSERT INTO goals (form_id, overall, annual) VALUES (?, ?, ?)`, 0},
		{&ws.indicator, `INSERT INTO indicators (form_id, seq, level1, level2, level2_raw,
			name, name_norm, value, target_kind, target_json, confidence, flag_codes, line,
			target_op, target_value, target_unit, target_min, target_max,
			target_by, target_from, target_to, target_times, target_every, target_per,
			target_direction, target_basis, target_label, target_detail)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
			?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, 0},
		{&ws.flag, `INSERT INTO flags (form_id, indicator_id, code, field, message) VALUES (?, ?, ?, ?, ?)`, 0},
		// One statement per FTS table and document, run after all its rows
		// are inserted: each statement that writes while an FTS5 table has
		// pending terms makes it flush them to a new segment, so indexing
		// row by row (triggers) made saving three times slower.
		{&ws.indexForms, `INSERT INTO forms_fts (rowid, project_name, department, implementing_unit)
			SELECT id, project_name, department, implementing_unit FROM forms WHERE document_id = ?`, 3},
		{&ws.indexGoals, `INSERT INTO goals_fts (rowid, overall, annual)
			SELECT g.form_id, g.overall, g.annual FROM goals AS g JOIN forms AS f ON f.id = g.form_id
			WHERE f.document_id = ?`, 3},
		{&ws.indexIndicators, `INSERT INTO indicators_fts (rowid, name)
			SELECT i.id, i.name FROM indicators AS i JOIN forms AS f ON f.id = i.form_id
			WHERE f.document_id = ?`, 3},
	}
}

// prepareWriteStmts prepares the statements of SaveDocument on w, a
// database of schema version version: those needing a later version stay
// nil, and SaveDocument skips them.
func prepareWriteStmts(ctx context.Context, w *sql.DB, version int) (*writeStmts, error) {
	ws := &writeStmts{}
	for _, p := range ws.list() {
		if p.since > version {
			continue
		}
		stmt, err := w.PrepareContext(ctx, p.sql)
		if err != nil {
			ws.close()
			return nil, fmt.Errorf("prepare: %w", err)
		}
		*p.stmt = stmt
	}
	return ws, nil
}

// close closes the statements; it may be called more than once.
func (ws *writeStmts) close() {
	if ws == nil {
		return
	}
	for _, p := range ws.list() {
		if *p.stmt != nil {
			(*p.stmt).Close()
			*p.stmt = nil
		}
	}
}

// saver stores the forms of one document: the statements of writeStmts
// bound to its transaction, the context they run under, and buffers reused
// from row to row.
type saver struct {
	ctx context.Context
	writeStmts
	args   []any   // arguments of the statement being run
	indIDs []int64 // ids of the indicators of the form being saved
}

// in returns a saver running the statements of ws in tx under ctx.
func (ws *writeStmts) in(ctx context.Context, tx *sql.Tx) *saver {
	s := &saver{ctx: ctx}
	bound := s.list()
	for i, p := range ws.list() {
		if *p.stmt != nil {
			*bound[i].stmt = tx.StmtContext(ctx, *p.stmt)
		}
	}
	return s
}

// exec runs stmt with s.args.
func (s *saver) exec(stmt *sql.Stmt) (sql.Result, error) {
	return stmt.ExecContext(s.ctx, s.args...)
}

// saveForm stores f under document docID and returns its form id.
func (s *saver) saveForm(docID int64, f *form.Form) (int64, error) {
	src := f.Source
	s.args = append(s.args[:0], docID, int64(src.FormIndex),
		nullZero(src.LineFrom), nullZero(src.LineTo), nullZero(src.PageFrom), nullZero(src.PageTo),
		nullEmpty(f.Title), nullZero(f.Year), text(f.ProjectName), text(f.ProjectNature), text(f.ProjectCategory),
		text(f.Department), text(f.ImplementingUnit), text(f.StartDate), text(f.EndDate))
	res, err := s.exec(s.form)
	if err != nil {
		return 0, fmt.Errorf("insert form: %w", err)
	}
	formID, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("insert form: %w", err)
	}

	fu, raw := &f.Funds, &f.FundsRaw
	s.args = append(s.args[:0], formID,
		number(fu.Total), text(raw.Total), number(fu.AnnualTotal), text(raw.AnnualTotal),
		number(fu.Fiscal), text(raw.Fiscal), number(fu.Appropriation), text(raw.Appropriation),
		number(fu.Carryover), text(raw.Carryover), number(fu.Other), text(raw.Other),
		number(fu.AnnualOther), text(raw.AnnualOther))
	if _, err := s.exec(s.funds); err != nil {
		return 0, fmt.Errorf("insert funds: %w", err)
	}
	s.args = append(s.args[:0], formID, text(f.Goals.Overall), text(f.Goals.Annual))
	if _, err := s.exec(s.goals); err != nil {
		return 0, fmt.Errorf("insert goals: %w", err)
	}

	s.indIDs = s.indIDs[:0]
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		t := &ind.Target
		target, err := json.Marshal(t)
		if err != nil {
			return 0, fmt.Errorf("indicators[%d]: encode target: %w", i, err)
		}
		codes := "[]" // most rows have no flag
		if len(ind.Flags) > 0 {
			c, err := json.Marshal(ind.Flags)
			if err != nil {
				return 0, fmt.Errorf("indicators[%d]: encode flags: %w", i, err)
			}
			codes = string(c)
		}
		s.args = append(s.args[:0], formID, int64(ind.Seq),
			nullEmpty(ind.Level1), nullEmpty(ind.Level2), nullEmpty(ind.Level2Raw),
			text(ind.Name), nullEmpty(ind.NameNorm), text(ind.Value),
			string(t.Kind), string(target), ind.Confidence, codes, nullZero(ind.Line),
			nullEmpty(t.Op), number(t.Value), text(t.Unit), number(t.Min), number(t.Max),
			nullEmpty(t.By), nullEmpty(t.From), nullEmpty(t.To),
			nullZero(t.Times), nullZero(t.Every), nullEmpty(t.Per),
			nullEmpty(t.Direction), nullEmpty(t.Basis), nullEmpty(t.Label), nullEmpty(t.Detail))
		res, err := s.exec(s.indicator)
		if err != nil {
			return 0, fmt.Errorf("insert indicators[%d] (seq %d): %w", i, ind.Seq, err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			return 0, fmt.Errorf("insert indicators[%d]: %w", i, err)
		}
		s.indIDs = append(s.indIDs, id)
	}

	for i := range f.Flags {
		fl := &f.Flags[i]
		var indID any // NULL unless the flag is on an indicator
		if j, ok := indicatorIndex(fl.Field); ok && j < len(s.indIDs) {
			indID = s.indIDs[j]
		}
		s.args = append(s.args[:0], formID, indID, fl.Code, fl.Field, fl.Message)
		if _, err := s.exec(s.flag); err != nil {
			return 0, fmt.Errorf("insert flags[%d]: %w", i, err)
		}
	}
	return formID, nil
}

// index adds the rows of document docID to the search indexes (forms_fts,
// goals_fts, indicators_fts), when the schema has them.
func (s *saver) index(docID int64) error {
	for _, stmt := range []*sql.Stmt{s.indexForms, s.indexGoals, s.indexIndicators} {
		if stmt == nil {
			continue
		}
		if _, err := stmt.ExecContext(s.ctx, docID); err != nil {
			return err
		}
	}
	return nil
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

// The helpers below turn values of the form types into statement arguments
// of the types database/sql passes to the driver as they are (nil, int64,
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
