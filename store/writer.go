package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"time"

	"jixiao"
)

// SaveBatch's transactions run on the driver's connection itself (through
// sql.Conn.Raw), with statements prepared on it once: database/sql would
// copy and check every argument of every row into a new slice. The
// statements still run one row at a time, in one transaction, on the
// single writing connection.

// driverConn is what the writer needs of the driver's connection
// (go-sqlite3's *SQLiteConn).
type driverConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
}

// writeStmts are the statements of SaveDocument, for a database of schema
// version version, prepared on the driver connection conn when first
// needed (again when the pool has replaced the connection). They are used
// and changed only while that connection is held, which serializes them.
type writeStmts struct {
	version int
	conn    driver.Conn // the connection they are prepared on; nil: none yet
	// INSERTs of some of a table's columns (insertRow.cols), prepared
	// when first needed.
	variants map[variant]driver.Stmt

	findDoc, insertDoc, form, funds, goals, indicator, flag driver.Stmt
	// Statements of schema version 3: index a document's rows for search.
	indexForms, indexGoals, indexIndicators driver.Stmt
	// Statements of schema version 5: page sizes and field boxes.
	page, fieldBox driver.Stmt
	// Statements of schema version 6: pages in their files, files of a
	// page stream.
	pageInFile, docFile driver.Stmt
	// Statements of schema version 10: a self-evaluation form's budget
	// rows, a whole-department form's tasks and budget request lines.
	budget, task, requestLine driver.Stmt
}

// list pairs the statements of ws with their SQL and the schema version
// they need (0: any).
func (ws *writeStmts) list() []struct {
	stmt  *driver.Stmt
	sql   string
	since int
} {
	return []struct {
		stmt  *driver.Stmt
		sql   string
		since int
	}{
		{&ws.findDoc, `SELECT id FROM documents WHERE sha256 = ?`, 0},
		{&ws.insertDoc, `INSERT INTO documents (path, sha256, kind, size, mod_time, ingested_at, form_count)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, 0},
		{&ws.form, formsTable.insertSQL(formsTable.all()), 0},
		{&ws.funds, fundsTable.insertSQL(fundsTable.all()), 0},
		{&ws.goals, goalsTable.insertSQL(goalsTable.all()), 0},
		{&ws.indicator, indicatorsTable.insertSQL(indicatorsTable.all()), 0},
		{&ws.flag, `INSERT INTO flags (form_id, indicator_id, code, field, message) VALUES (?, ?, ?, ?, ?)`, 0},
		// One statement per FTS table and document, run after all its rows
		// are inserted: each statement that writes while an FTS5 table has
		// pending terms makes it flush them to a new segment, so indexing
		// row by row (triggers) would make saving much slower.
		{&ws.indexForms, `INSERT INTO forms_fts (rowid, project_name, department, implementing_unit)
			SELECT id, project_name, department, implementing_unit FROM forms WHERE document_id = ?`, 3},
		// (The columns of goals_fts and indicators_fts are those of
		// schema version 10.)
		{&ws.indexGoals, `INSERT INTO goals_fts (rowid, overall, annual, expected, achieved)
			SELECT g.form_id, g.overall, g.annual, g.expected, g.achieved FROM goals AS g JOIN forms AS f ON f.id = g.form_id
			WHERE f.document_id = ?`, 3},
		{&ws.indexIndicators, `INSERT INTO indicators_fts (rowid, name, deviation)
			SELECT i.id, i.name, i.deviation FROM indicators AS i JOIN forms AS f ON f.id = i.form_id
			WHERE f.document_id = ?`, 3},
		{&ws.page, `INSERT INTO pages (document_id, page, width, height, unit) VALUES (?, ?, ?, ?, ?)`, 5},
		{&ws.pageInFile, `INSERT INTO pages (document_id, page, width, height, unit, file, file_page, turn) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, 6},
		{&ws.docFile, `INSERT INTO document_files (document_id, path, sha256, size, first_page, pages) VALUES (?, ?, ?, ?, ?, ?)`, 6},
		{&ws.fieldBox, `INSERT INTO field_boxes (form_id, field, page, x0, y0, x1, y1) VALUES (?, ?, ?, ?, ?, ?, ?)`, 5},
		{&ws.budget, budgetTable.insertSQL(budgetTable.all()), 10},
		{&ws.task, tasksTable.insertSQL(tasksTable.all()), 10},
		{&ws.requestLine, budgetRequestTable.insertSQL(budgetRequestTable.all()), 10},
	}
}

// prepareWriteStmts returns the statements of SaveDocument for a database
// of schema version version, not prepared yet: those needing a later
// version are never prepared, and SaveDocument skips them.
func prepareWriteStmts(_ context.Context, _ *sql.DB, version int) (*writeStmts, error) {
	return &writeStmts{version: version}, nil
}

// prepare makes sure the statements are prepared on c.
func (ws *writeStmts) prepare(ctx context.Context, c driverConn) error {
	if ws.conn == c {
		return nil
	}
	ws.close() // prepared on a connection the pool has closed
	for _, p := range ws.list() {
		if p.since > ws.version {
			continue
		}
		stmt, err := c.PrepareContext(ctx, p.sql)
		if err != nil {
			ws.close()
			return fmt.Errorf("prepare: %w", err)
		}
		*p.stmt = stmt
	}
	ws.conn = c
	return nil
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
	for _, stmt := range ws.variants {
		stmt.Close()
	}
	ws.variants = nil
	ws.conn = nil
}

// closeStmts closes the statements of ws on the writing connection, before
// the pool closes it.
func (db *DB) closeStmts() {
	conn, err := db.w.Conn(context.Background())
	if err != nil {
		db.ws.close()
		return
	}
	defer conn.Close()
	conn.Raw(func(any) error { db.ws.close(); return nil })
}

// saveTx saves ps in one transaction, filling res (of the same length).
// When it returns an error nothing is stored and every result has that
// error; the caller saves the documents again one by one to tell which
// failed.
func (db *DB) saveTx(ctx context.Context, ps []*Prepared, res []SaveResult) (err error) {
	formIDs := make([][]int64, len(ps))
	defer func() {
		if err == nil {
			for i, ids := range formIDs {
				for j, id := range ids {
					ps[i].forms[j].ID = id
				}
			}
			return
		}
		// Report that ctx is done rather than the failure of the
		// statement that came next.
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("store: save %s: %w", ps[0].doc.Path, ctxErr)
		}
		for i := range res {
			res[i] = SaveResult{Err: err}
		}
	}()
	conn, err := db.w.Conn(ctx) // waits for the single writing connection
	if err != nil {
		return fmt.Errorf("store: save %s: begin: %w", ps[0].doc.Path, err)
	}
	defer conn.Close() // gives it back to the pool
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driverConn)
		if !ok {
			return fmt.Errorf("store: save %s: driver connection %T cannot prepare and begin", ps[0].doc.Path, dc)
		}
		// The statements run under a context that is never cancelled:
		// for a statement whose context can be, go-sqlite3 starts a
		// goroutine to watch it, which costs more than the insert
		// itself. ctx is checked between documents and forms instead.
		s := &saver{ctx: context.WithoutCancel(ctx), writeStmts: db.ws}
		if err := db.ws.prepare(s.ctx, c); err != nil {
			return fmt.Errorf("store: save %s: %w", ps[0].doc.Path, err)
		}
		tx, err := c.BeginTx(s.ctx, driver.TxOptions{}) // BEGIN IMMEDIATE (the DSN's _txlock)
		if err != nil {
			return fmt.Errorf("store: save %s: begin: %w", ps[0].doc.Path, err)
		}
		committed := false
		defer func() {
			if !committed {
				tx.Rollback()
			}
		}()
		index := !db.deferIndex.Load() // else IndexPending indexes them later
		for i, p := range ps {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("store: save %s: %w", p.doc.Path, err)
			}
			res[i], formIDs[i], err = s.saveDoc(ctx, p, index)
			if err != nil {
				return fmt.Errorf("store: save %s%w", p.doc.Path, err)
			}
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("store: save %s: %w", ps[0].doc.Path, err)
		}
		committed = true // a failed COMMIT leaves no transaction open
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("store: save %s: commit: %w", ps[0].doc.Path, err)
		}
		return nil
	})
}

// saver runs the statements of writeStmts in a transaction under ctx.
type saver struct {
	ctx context.Context
	*writeStmts
	indIDs []int64             // ids of the indicators of the form being saved
	args   []driver.NamedValue // the arguments of the statement being run
}

// exec runs stmt with args, which are of the types the driver takes as
// they are (nil, int64, float64, string).
func (s *saver) exec(stmt driver.Stmt, args []any) (driver.Result, error) {
	s.args = s.args[:0]
	for i, v := range args {
		s.args = append(s.args, driver.NamedValue{Ordinal: i + 1, Value: v})
	}
	return stmt.(driver.StmtExecContext).ExecContext(s.ctx, s.args)
}

// insert runs stmt with args and returns the id of the row it inserted.
func (s *saver) insert(stmt driver.Stmt, args []any) (int64, error) {
	res, err := s.exec(stmt, args)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// saveDoc stores one prepared document in s's transaction and returns its
// result and its forms' ids (nil when it was stored already). Its errors
// start with ": " or " form N: ", to follow the document's path.
func (s *saver) saveDoc(ctx context.Context, p *Prepared, index bool) (SaveResult, []int64, error) {
	doc := p.doc
	docID, found, err := s.lookUp(doc.SHA256)
	switch {
	case err != nil:
		return SaveResult{}, nil, fmt.Errorf(": look up sha256: %w", err)
	case found:
		return SaveResult{DocID: docID}, nil, nil
	}

	var modTime any // NULL when unknown
	if !doc.ModTime.IsZero() {
		modTime = formatTime(doc.ModTime)
	}
	docID, err = s.insert(s.insertDoc, row(
		doc.Path, doc.SHA256, string(doc.Kind), doc.Size, modTime, formatTime(time.Now()), int64(len(p.forms))))
	if err != nil {
		return SaveResult{}, nil, fmt.Errorf(": insert document: %w", err)
	}
	for i, args := range p.pages {
		args[0] = docID
		var err error
		switch {
		case s.pageInFile != nil:
			_, err = s.exec(s.pageInFile, args)
		case s.page != nil:
			_, err = s.exec(s.page, args[:5])
		}
		if err != nil {
			return SaveResult{}, nil, fmt.Errorf(": insert pages[%d]: %w", i, err)
		}
	}
	if len(doc.Files) > 0 && s.docFile == nil {
		return SaveResult{}, nil, fmt.Errorf(": a document of %d files needs schema version 6", len(doc.Files))
	}
	for i, f := range doc.Files {
		if _, err := s.exec(s.docFile, row(docID, f.Path, f.SHA256, f.Size, int64(f.FirstPage), int64(f.Pages))); err != nil {
			return SaveResult{}, nil, fmt.Errorf(": insert document_files[%d]: %w", i, err)
		}
	}
	ids := make([]int64, len(p.forms))
	for i := range p.rows {
		if err := ctx.Err(); err != nil {
			return SaveResult{}, nil, fmt.Errorf(": %w", err)
		}
		if ids[i], err = s.saveForm(docID, &p.rows[i]); err != nil {
			return SaveResult{}, nil, fmt.Errorf(" form %d: %w", i+1, err)
		}
	}
	if index {
		if err := s.index(docID); err != nil {
			return SaveResult{}, nil, fmt.Errorf(": index for search: %w", err)
		}
	}
	return SaveResult{DocID: docID, Added: true}, ids, nil
}

// lookUp returns the id of the document with this SHA-256, if stored.
func (s *saver) lookUp(sha string) (id int64, found bool, err error) {
	rows, err := s.findDoc.(driver.StmtQueryContext).QueryContext(s.ctx, []driver.NamedValue{{Ordinal: 1, Value: sha}})
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	dest := make([]driver.Value, 1)
	switch err := rows.Next(dest); {
	case errors.Is(err, io.EOF):
		return 0, false, nil
	case err != nil:
		return 0, false, err
	}
	id, ok := dest[0].(int64)
	if !ok {
		return 0, false, fmt.Errorf("document id %v is not an integer", dest[0])
	}
	return id, true, nil
}

// saveForm stores the rows r of a form under document docID and returns
// its form id.
func (s *saver) saveForm(docID int64, r *formRows) (int64, error) {
	formID, err := s.insertRow(&formsTable, s.form, r.form, docID)
	if err != nil {
		return 0, fmt.Errorf("insert form: %w", err)
	}
	if _, err := s.insertRow(&fundsTable, s.funds, r.funds, formID); err != nil {
		return 0, fmt.Errorf("insert funds: %w", err)
	}
	if _, err := s.insertRow(&goalsTable, s.goals, r.goals, formID); err != nil {
		return 0, fmt.Errorf("insert goals: %w", err)
	}
	if len(r.budget) > 0 && s.budget == nil {
		return 0, fmt.Errorf("a budget block needs schema version 10")
	}
	for i, row := range r.budget {
		if _, err := s.insertRow(&budgetTable, s.budget, row, formID); err != nil {
			return 0, fmt.Errorf("insert %s (%v): %w", jixiao.FieldBudget, i, err)
		}
	}
	if (len(r.tasks) > 0 || len(r.request) > 0) && s.task == nil {
		return 0, fmt.Errorf("a department form's tasks and budget request need schema version 10")
	}
	for i, row := range r.tasks {
		if _, err := s.insertRow(&tasksTable, s.task, row, formID); err != nil {
			return 0, fmt.Errorf("insert %s: %w", jixiao.TaskField(i, ""), err)
		}
	}
	for i, row := range r.request {
		if _, err := s.insertRow(&budgetRequestTable, s.requestLine, row, formID); err != nil {
			return 0, fmt.Errorf("insert %s: %w", jixiao.BudgetLineField(i, ""), err)
		}
	}

	s.indIDs = s.indIDs[:0]
	for i, row := range r.ind {
		id, err := s.insertRow(&indicatorsTable, s.indicator, row, formID)
		if err != nil {
			return 0, fmt.Errorf("insert %s (seq %v): %w", jixiao.IndicatorField(i, ""), row.args[1], err)
		}
		s.indIDs = append(s.indIDs, id)
	}

	for i, args := range r.flags {
		args[0], args[1] = formID, nil
		if j := r.flagInd[i]; j >= 0 {
			args[1] = s.indIDs[j]
		}
		if _, err := s.exec(s.flag, args); err != nil {
			return 0, fmt.Errorf("insert flags[%d]: %w", i, err)
		}
	}
	if s.fieldBox != nil {
		for i, args := range r.boxes {
			args[0] = formID
			if _, err := s.exec(s.fieldBox, args); err != nil {
				return 0, fmt.Errorf("insert field_boxes[%d] (%v): %w", i, args[1], err)
			}
		}
	}
	return formID, nil
}

// index adds the rows of document docID to the search indexes (forms_fts,
// goals_fts, indicators_fts), when the schema has them.
func (s *saver) index(docID int64) error {
	for _, stmt := range []driver.Stmt{s.indexForms, s.indexGoals, s.indexIndicators} {
		if stmt == nil {
			continue
		}
		if _, err := s.exec(stmt, row(docID)); err != nil {
			return err
		}
	}
	return nil
}
