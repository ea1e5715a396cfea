package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"jixiao"
)

// Forms calls fn for every stored form, in form id order, each rebuilt
// completely: Source (with the document's path, SHA-256 and kind), header
// (with FormType, Template and HeaderExtra), Funds, FundsRaw and FundsUnit,
// Goals, Budget, TotalScore and Grade, Tasks and BudgetRequest, Indicators
// (Target and ActualTarget decoded, Flags codes), Flags, Pages and Geometry
// (nil when the form has none; Budget, Tasks and BudgetRequest likewise, and
// an empty Budget map or an empty Tasks or BudgetRequest slice is read back
// as nil). A rebuilt form equals the form that was saved, with its ID set
// and its Source taken from the document; Indicators, Flags and each
// indicator's Flags are never nil (empty when there are none).
//
// Forms streams: it holds one form in memory at a time, not the database.
// All forms come from one consistent snapshot; writes made meanwhile (even
// by fn) are not seen, and are not blocked. Each form passed to fn is fn's
// to keep: nothing in it is reused. When fn returns an error, Forms stops and
// returns that error unwrapped. Safe for concurrent use.
func (db *DB) Forms(ctx context.Context, fn func(jixiao.Form) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // a deferred BEGIN: a read snapshot
	if err != nil {
		return fmt.Errorf("store: forms: begin: %w", err)
	}
	defer tx.Rollback() // runs last: the rows below are closed first

	// Three cursors, each ordered by form id, merged as they go.
	forms, err := tx.QueryContext(ctx, formsQuery)
	if err != nil {
		return fmt.Errorf("store: forms: query forms: %w", err)
	}
	defer forms.Close()
	inds, err := newCursor(ctx, tx, indicatorsQuery, scanIndicator)
	if err != nil {
		return fmt.Errorf("store: forms: query indicators: %w", err)
	}
	defer inds.rows.Close()
	flags, err := newCursor(ctx, tx, flagsQuery, scanFlag)
	if err != nil {
		return fmt.Errorf("store: forms: query flags: %w", err)
	}
	defer flags.rows.Close()
	pages, err := newCursor(ctx, tx, pagesQuery, scanPage)
	if err != nil {
		return fmt.Errorf("store: forms: query pages: %w", err)
	}
	defer pages.rows.Close()
	boxes, err := newCursor(ctx, tx, boxesQuery, scanBox)
	if err != nil {
		return fmt.Errorf("store: forms: query field boxes: %w", err)
	}
	defer boxes.rows.Close()
	budget, err := newCursor(ctx, tx, budgetQuery, scanBudget)
	if err != nil {
		return fmt.Errorf("store: forms: query budget: %w", err)
	}
	defer budget.rows.Close()
	tasks, err := newCursor(ctx, tx, tasksQuery, scanTask)
	if err != nil {
		return fmt.Errorf("store: forms: query tasks: %w", err)
	}
	defer tasks.rows.Close()
	request, err := newCursor(ctx, tx, requestQuery, scanLine)
	if err != nil {
		return fmt.Errorf("store: forms: query budget request: %w", err)
	}
	defer request.rows.Close()

	for forms.Next() {
		f, err := scanForm(forms)
		if err != nil {
			return fmt.Errorf("store: forms: %w", err)
		}
		if f.Indicators, err = inds.take(f.ID); err != nil {
			return fmt.Errorf("store: forms: form %d: indicators: %w", f.ID, err)
		}
		if f.Flags, err = flags.take(f.ID); err != nil {
			return fmt.Errorf("store: forms: form %d: flags: %w", f.ID, err)
		}
		ps, err := pages.take(f.ID)
		if err != nil {
			return fmt.Errorf("store: forms: form %d: pages: %w", f.ID, err)
		}
		bs, err := boxes.take(f.ID)
		if err != nil {
			return fmt.Errorf("store: forms: form %d: field boxes: %w", f.ID, err)
		}
		setGeometry(&f, ps, bs)
		b, err := budget.take(f.ID)
		if err != nil {
			return fmt.Errorf("store: forms: form %d: budget: %w", f.ID, err)
		}
		setBudget(&f, b)
		ts, err := tasks.take(f.ID)
		if err != nil {
			return fmt.Errorf("store: forms: form %d: tasks: %w", f.ID, err)
		}
		ls, err := request.take(f.ID)
		if err != nil {
			return fmt.Errorf("store: forms: form %d: budget request: %w", f.ID, err)
		}
		setDepartment(&f, ts, ls)
		if err := fn(f); err != nil {
			return err
		}
	}
	if err := forms.Err(); err != nil {
		return fmt.Errorf("store: forms: %w", err)
	}
	return nil
}

const formsQuery = `
SELECT f.id, d.path, d.sha256, d.kind,
	f.form_index, f.page_from, f.page_to, f.line_from, f.line_to,
	f.title, f.year, f.project_name, f.project_nature, f.project_category,
	f.department, f.implementing_unit, f.start_date, f.end_date, f.funds_unit,
	fu.total, fu.annual_total, fu.fiscal, fu.appropriation, fu.carryover, fu.other, fu.annual_other,
	fu.total_raw, fu.annual_total_raw, fu.fiscal_raw, fu.appropriation_raw, fu.carryover_raw,
	fu.other_raw, fu.annual_other_raw,
	g.overall, g.annual,
	f.form_type, f.template, f.header_extra, f.total_score, f.grade, g.expected, g.achieved
FROM forms f
JOIN documents d ON d.id = f.document_id
LEFT JOIN funds fu ON fu.form_id = f.id
LEFT JOIN goals g ON g.form_id = f.id
ORDER BY f.id`

// scanForm reads a row of formsQuery into a form without indicators and
// flags.
func scanForm(rows *sql.Rows) (jixiao.Form, error) {
	var (
		f                                  jixiao.Form
		kind                               string
		pageFrom, pageTo, lineFrom, lineTo sql.NullInt64
		title                              sql.NullString
		year                               sql.NullInt64
		fundsUnit                          sql.NullString
		formType, template, headerExtra    sql.NullString
	)
	fu, raw := &f.Funds, &f.FundsRaw
	err := rows.Scan(&f.ID, &f.Source.Path, &f.Source.SHA256, &kind,
		&f.Source.FormIndex, &pageFrom, &pageTo, &lineFrom, &lineTo,
		&title, &year, &f.ProjectName, &f.ProjectNature, &f.ProjectCategory,
		&f.Department, &f.ImplementingUnit, &f.StartDate, &f.EndDate, &fundsUnit,
		&fu.Total, &fu.AnnualTotal, &fu.Fiscal, &fu.Appropriation, &fu.Carryover, &fu.Other, &fu.AnnualOther,
		&raw.Total, &raw.AnnualTotal, &raw.Fiscal, &raw.Appropriation, &raw.Carryover,
		&raw.Other, &raw.AnnualOther,
		&f.Goals.Overall, &f.Goals.Annual,
		&formType, &template, &headerExtra, &f.TotalScore, &f.Grade, &f.Goals.Expected, &f.Goals.Achieved)
	if err != nil {
		return jixiao.Form{}, err
	}
	f.FormType, f.Template = jixiao.FormType(formType.String), template.String
	if headerExtra.Valid {
		if err := json.Unmarshal([]byte(headerExtra.String), &f.HeaderExtra); err != nil {
			return jixiao.Form{}, fmt.Errorf("form %d: decode header_extra: %w", f.ID, err)
		}
	}
	f.Source.Kind = jixiao.SourceKind(kind)
	f.Source.PageFrom, f.Source.PageTo = int(pageFrom.Int64), int(pageTo.Int64)
	f.Source.LineFrom, f.Source.LineTo = int(lineFrom.Int64), int(lineTo.Int64)
	f.Title = title.String
	f.Year = int(year.Int64)
	f.FundsUnit = fundsUnit.String // NULL (stored before schema version 7): unknown, as ""
	return f, nil
}

const indicatorsQuery = `
SELECT form_id, seq, level1, level2, level2_raw, name, name_norm, value,
	target_json, confidence, flag_codes, line, level1_weight, level2_weight,
	period, value_parts, direction, standard, note, actual, actual_json, weight, score, deviation
FROM indicators
ORDER BY form_id, id`

func scanIndicator(rows *sql.Rows) (int64, jixiao.Indicator, error) {
	var (
		formID                    int64
		ind                       jixiao.Indicator
		level1, level2, level2Raw sql.NullString
		nameNorm                  sql.NullString
		target, codes             string
		line                      sql.NullInt64
		period, parts, actual     sql.NullString
	)
	err := rows.Scan(&formID, &ind.Seq, &level1, &level2, &level2Raw, &ind.Name, &nameNorm, &ind.Value,
		&target, &ind.Confidence, &codes, &line, &ind.Level1Weight, &ind.Level2Weight,
		&period, &parts, &ind.Direction, &ind.Standard, &ind.Note, &ind.Actual, &actual,
		&ind.Weight, &ind.Score, &ind.Deviation)
	if err != nil {
		return 0, ind, err
	}
	ind.Period = period.String
	if parts.Valid {
		if err := json.Unmarshal([]byte(parts.String), &ind.ValueParts); err != nil {
			return 0, ind, fmt.Errorf("seq %d: decode value_parts: %w", ind.Seq, err)
		}
	}
	if actual.Valid {
		ind.ActualTarget = new(jixiao.Target)
		if err := json.Unmarshal([]byte(actual.String), ind.ActualTarget); err != nil {
			return 0, ind, fmt.Errorf("seq %d: decode actual_json: %w", ind.Seq, err)
		}
	}
	ind.Level1, ind.Level2 = level1.String, level2.String
	ind.Level2Raw, ind.NameNorm = level2Raw.String, nameNorm.String
	ind.Line = int(line.Int64)
	if err := json.Unmarshal([]byte(target), &ind.Target); err != nil {
		return 0, ind, fmt.Errorf("seq %d: decode target_json: %w", ind.Seq, err)
	}
	if err := json.Unmarshal([]byte(codes), &ind.Flags); err != nil {
		return 0, ind, fmt.Errorf("seq %d: decode flag_codes: %w", ind.Seq, err)
	}
	if ind.Flags == nil { // "null" in a hand-edited database
		ind.Flags = []string{}
	}
	return formID, ind, nil
}

// budgetQuery lists the budget rows of each form.
const budgetQuery = `
SELECT form_id, key, label, initial, adjusted, executed, weight, rate, score
FROM budget ORDER BY form_id, id`

// budgetRow is a row of budget.
type budgetRow struct {
	key string
	row jixiao.BudgetRow
}

func scanBudget(rows *sql.Rows) (int64, budgetRow, error) {
	var (
		formID int64
		b      budgetRow
		label  sql.NullString
	)
	err := rows.Scan(&formID, &b.key, &label, &b.row.Initial, &b.row.Adjusted, &b.row.Executed,
		&b.row.Weight, &b.row.Rate, &b.row.Score)
	b.row.Label = label.String
	return formID, b, err
}

// setBudget sets f's Budget from its rows, leaving it nil when there are
// none (forms other than self-evaluation forms), as it was saved.
func setBudget(f *jixiao.Form, rows []budgetRow) {
	for _, b := range rows {
		if f.Budget == nil {
			f.Budget = make(map[string]jixiao.BudgetRow, len(rows))
		}
		f.Budget[b.key] = b.row
	}
}

// tasksQuery lists the tasks of each form, in printed order.
const tasksQuery = `
SELECT form_id, name, content, amount, amount_raw
FROM tasks ORDER BY form_id, seq`

func scanTask(rows *sql.Rows) (int64, jixiao.Task, error) {
	var (
		formID int64
		t      jixiao.Task
	)
	err := rows.Scan(&formID, &t.Name, &t.Content, &t.Amount, &t.AmountRaw)
	return formID, t, err
}

// requestQuery lists the budget request lines of each form, in printed
// order.
const requestQuery = `
SELECT form_id, basis, label, amount, raw
FROM budget_request ORDER BY form_id, seq`

func scanLine(rows *sql.Rows) (int64, jixiao.BudgetLine, error) {
	var (
		formID int64
		l      jixiao.BudgetLine
		label  sql.NullString
	)
	err := rows.Scan(&formID, &l.Basis, &label, &l.Amount, &l.Raw)
	l.Label = label.String
	return formID, l, err
}

// setDepartment sets f's Tasks and BudgetRequest from their rows, leaving
// each nil when there are none (forms other than whole-department forms),
// as it was saved.
func setDepartment(f *jixiao.Form, tasks []jixiao.Task, lines []jixiao.BudgetLine) {
	if len(tasks) > 0 {
		f.Tasks = tasks
	}
	if len(lines) > 0 {
		f.BudgetRequest = lines
	}
}

const flagsQuery = `SELECT form_id, code, field, message FROM flags ORDER BY form_id, id`

func scanFlag(rows *sql.Rows) (int64, jixiao.Flag, error) {
	var (
		formID int64
		fl     jixiao.Flag
	)
	err := rows.Scan(&formID, &fl.Code, &fl.Field, &fl.Message)
	return formID, fl, err
}

// pagesQuery lists the pages of each form: its document's pages within its
// page span.
const pagesQuery = `
SELECT f.id, p.page, p.width, p.height, p.unit, coalesce(p.file, ''), coalesce(p.file_page, 0), p.turn
FROM forms f
JOIN pages p ON p.document_id = f.document_id AND p.page BETWEEN f.page_from AND f.page_to
ORDER BY f.id, p.page`

func scanPage(rows *sql.Rows) (int64, jixiao.Page, error) {
	var (
		formID int64
		p      jixiao.Page
		unit   string
	)
	err := rows.Scan(&formID, &p.Page, &p.Width, &p.Height, &unit, &p.File, &p.FilePage, &p.Turn)
	p.Unit = jixiao.PageUnit(unit)
	return formID, p, err
}

// boxesQuery lists the field boxes of each form.
const boxesQuery = `SELECT form_id, field, page, x0, y0, x1, y1 FROM field_boxes ORDER BY form_id, id`

// fieldBox is a row of field_boxes.
type fieldBox struct {
	field string
	place jixiao.Place
}

func scanBox(rows *sql.Rows) (int64, fieldBox, error) {
	var (
		formID int64
		b      fieldBox
		x      = &b.place.Box
	)
	err := rows.Scan(&formID, &b.field, &b.place.Page, &x[0], &x[1], &x[2], &x[3])
	return formID, b, err
}

// setGeometry sets f's Pages and Geometry from its rows, leaving them nil
// when there are none (text exports), as they were saved.
func setGeometry(f *jixiao.Form, pages []jixiao.Page, boxes []fieldBox) {
	if len(pages) > 0 {
		f.Pages = pages
	}
	for _, b := range boxes {
		if f.Geometry == nil {
			f.Geometry = make(map[string]jixiao.Place, len(boxes))
		}
		f.Geometry[b.field] = b.place
	}
}

// cursor walks rows ordered by form id, one row ahead, so that the rows of
// one form can be taken off as a group.
type cursor[T any] struct {
	rows   *sql.Rows
	scan   func(*sql.Rows) (int64, T, error)
	ok     bool  // a row is waiting in formID and val
	formID int64 // form id of the waiting row
	val    T
	err    error
}

func newCursor[T any](ctx context.Context, tx *sql.Tx, query string, scan func(*sql.Rows) (int64, T, error)) (*cursor[T], error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c := &cursor[T]{rows: rows, scan: scan}
	c.advance()
	return c, nil
}

func (c *cursor[T]) advance() {
	c.ok = false
	if c.err != nil {
		return
	}
	if !c.rows.Next() {
		c.err = c.rows.Err()
		return
	}
	c.formID, c.val, c.err = c.scan(c.rows)
	c.ok = c.err == nil
}

// take returns the values of the rows of form id, a non-nil slice. Rows of
// smaller form ids (none, with foreign keys on) are skipped.
func (c *cursor[T]) take(id int64) ([]T, error) {
	vals := []T{}
	for c.ok && c.formID <= id {
		if c.formID == id {
			vals = append(vals, c.val)
		}
		c.advance()
	}
	return vals, c.err
}

// Summary counts what a database holds.
type Summary struct {
	Documents  int // documents stored (read successfully)
	Forms      int // forms stored
	Indicators int // indicator rows of all forms
	Flags      int // flags of all forms (jixiao.Form.Flags)
	Failures   int // failed attempts logged by RecordFailure
}

// Summary returns the counts of a database, taken from one snapshot. Safe
// for concurrent use.
func (db *DB) Summary(ctx context.Context) (Summary, error) {
	var s Summary
	err := db.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents),
		(SELECT count(*) FROM forms),
		(SELECT count(*) FROM indicators),
		(SELECT count(*) FROM flags),
		(SELECT count(*) FROM failures)`).
		Scan(&s.Documents, &s.Forms, &s.Indicators, &s.Flags, &s.Failures)
	if err != nil {
		return Summary{}, fmt.Errorf("store: summary: %w", err)
	}
	return s, nil
}
