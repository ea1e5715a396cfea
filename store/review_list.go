package store

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// List statuses of a form, derived from its reviews and corrections.
const (
	ListUnreviewed = "unreviewed" // neither signed off nor corrected
	ListCorrected  = "corrected"  // corrected, not signed off
	ListReviewed   = "reviewed"   // signed off (whether corrected or not)
)

// ListQuery selects and orders forms for the review list. Empty fields do
// not filter.
type ListQuery struct {
	Text       string // words to search for (see SearchForms)
	Department string // department exactly; "-" for forms without one
	Nature     string // project nature exactly; "-" for forms without one
	Status     string // ListUnreviewed, ListCorrected or ListReviewed
	Flag       string // forms with at least one flag of this code that no correction resolved
	Sort       string // "flags" (most flags first, the default), "id", "project", "department"
	Offset     int    // forms to skip
	Limit      int    // forms to return at most; 0 means 50
}

// FormSummary is one line of the review list.
type FormSummary struct {
	ID            int64
	Year          int
	ProjectName   string // "" when absent
	Department    string
	ProjectNature string
	SourceKind    string
	SourcePath    string
	Flags         int      // the flags of the form that no correction resolved (a flag on a corrected field is resolved)
	FlagCodes     []string // their distinct codes, sorted
	Corrections   int      // corrections made
	Status        string   // ListUnreviewed, ListCorrected or ListReviewed
	Reviewer      string   // who signed it off (or reopened it); "" when never marked
}

// Facet is one value of a facet with the number of forms that have it.
type Facet struct {
	Value string // "" for forms without a value
	Count int
}

// ListResult is a page of the review list with the facets of the whole
// selection.
type ListResult struct {
	Forms       []FormSummary
	Total       int     // forms selected (all pages)
	Departments []Facet // each facet counts the forms selected by all other filters
	Natures     []Facet
	Statuses    []Facet
	FlagCodes   []Facet
}

// openFlag is the condition on a row of flags that it is not resolved by a
// correction of its field (as in the view flags_open, which also leaves
// out the flags of forms marked reviewed).
const openFlag = `NOT EXISTS (SELECT 1 FROM corrections AS c WHERE c.form_id = flags.form_id AND c.field = flags.field)`

// listBase gives every form its list columns; the filters and orders below
// refer to them. The header fields are the corrected ones (the view
// forms_current), and only the flags that no correction resolved count.
const listBase = `WITH s AS (
SELECT f.form_id AS id, coalesce(f.year, 0) AS year,
	coalesce(f.project_name, '') AS project_name,
	coalesce(f.department, '') AS department,
	coalesce(f.project_nature, '') AS project_nature,
	f.source_kind AS kind, f.source_path AS path,
	(SELECT count(*) FROM flags WHERE form_id = f.form_id AND ` + openFlag + `) AS nflags,
	(SELECT coalesce(group_concat(code, ' '), '') FROM (SELECT DISTINCT code FROM flags
		WHERE form_id = f.form_id AND ` + openFlag + ` ORDER BY code)) AS codes,
	(SELECT count(*) FROM corrections WHERE form_id = f.form_id) AS ncorr,
	coalesce(f.reviewer, '') AS reviewer,
	CASE WHEN f.review_status = 'reviewed' THEN 'reviewed'
		WHEN f.corrected_fields > 0 THEN 'corrected'
		ELSE 'unreviewed' END AS status
FROM forms_current f)
`

// SearchForms returns a page of the forms that match q, with facets.
//
// Searching: every word of q.Text (split at white space) must occur, as a
// substring, in the form's project name, department, implementing unit, or
// in the name or value of one of its indicators, or in a correction made to
// it (so a corrected name is found; so is the machine's reading, which
// stays what it was). This is a LIKE scan,
// linear in the size of the database; the full-text index replaces it in
// matchText. Safe for concurrent use.
func (db *DB) SearchForms(ctx context.Context, q ListQuery) (ListResult, error) {
	if q.Limit <= 0 {
		q.Limit = 50
	}
	order := "nflags DESC, id"
	switch q.Sort {
	case "id":
		order = "id"
	case "project":
		order = "project_name, id"
	case "department":
		order = "department, id"
	}
	var res ListResult
	// The search runs once; the page, the count and each facet then select
	// from its result.
	matched, err := db.matchForms(ctx, q.Text)
	if err != nil {
		return ListResult{}, fmt.Errorf("store: search forms: %w", err)
	}
	where, args := listWhere(q, matched, "")
	rows, err := db.r.QueryContext(ctx, listBase+`SELECT id, year, project_name, department, project_nature,
		kind, path, nflags, codes, ncorr, status, reviewer FROM s`+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return ListResult{}, fmt.Errorf("store: search forms: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			s     FormSummary
			codes string
		)
		if err := rows.Scan(&s.ID, &s.Year, &s.ProjectName, &s.Department, &s.ProjectNature,
			&s.SourceKind, &s.SourcePath, &s.Flags, &codes, &s.Corrections, &s.Status, &s.Reviewer); err != nil {
			return ListResult{}, fmt.Errorf("store: search forms: %w", err)
		}
		s.FlagCodes = strings.Fields(codes)
		res.Forms = append(res.Forms, s)
	}
	if err := rows.Err(); err != nil {
		return ListResult{}, fmt.Errorf("store: search forms: %w", err)
	}
	if err := db.r.QueryRowContext(ctx, listBase+`SELECT count(*) FROM s`+where, args...).Scan(&res.Total); err != nil {
		return ListResult{}, fmt.Errorf("store: search forms: count: %w", err)
	}
	facets := []struct {
		name, column string
		dst          *[]Facet
	}{
		{"department", jixiao.FieldDepartment, &res.Departments},
		{"nature", jixiao.FieldProjectNature, &res.Natures},
		{"status", "status", &res.Statuses},
	}
	for _, fc := range facets {
		w, a := listWhere(q, matched, fc.name)
		if *fc.dst, err = db.facet(ctx, listBase+`SELECT `+fc.column+`, count(*) FROM s`+w+
			` GROUP BY 1 ORDER BY 2 DESC, 1`, a); err != nil {
			return ListResult{}, fmt.Errorf("store: search forms: facet %s: %w", fc.name, err)
		}
	}
	w, a := listWhere(q, matched, "flag")
	if res.FlagCodes, err = db.facet(ctx, listBase+`SELECT code, count(DISTINCT form_id) FROM flags
		WHERE `+openFlag+` AND form_id IN (SELECT id FROM s`+w+`) GROUP BY 1 ORDER BY 2 DESC, 1`, a); err != nil {
		return ListResult{}, fmt.Errorf("store: search forms: facet flag: %w", err)
	}
	return res, nil
}

// facet runs a query of (value, count) rows.
func (db *DB) facet(ctx context.Context, query string, args []any) ([]Facet, error) {
	rows, err := db.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var fs []Facet
	for rows.Next() {
		var f Facet
		if err := rows.Scan(&f.Value, &f.Count); err != nil {
			return nil, err
		}
		fs = append(fs, f)
	}
	return fs, rows.Err()
}

// listWhere returns the WHERE clause of q over s, leaving out the filter
// named skip (a facet counts the forms selected by the other filters).
// matched is what matchForms found for q.Text.
func listWhere(q ListQuery, matched, skip string) (string, []any) {
	var (
		conds []string
		args  []any
	)
	exact := func(name, column, value string) {
		if value == "" || skip == name {
			return
		}
		if value == "-" {
			value = ""
		}
		conds = append(conds, column+" = ?")
		args = append(args, value)
	}
	exact("department", jixiao.FieldDepartment, q.Department)
	exact("nature", jixiao.FieldProjectNature, q.Nature)
	exact("status", "status", q.Status)
	if q.Flag != "" && skip != "flag" {
		conds = append(conds, "EXISTS (SELECT 1 FROM flags WHERE form_id = s.id AND code = ? AND "+openFlag+")")
		args = append(args, q.Flag)
	}
	if matched != "" {
		conds = append(conds, "s.id IN (SELECT value FROM json_each(?))")
		args = append(args, matched)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// matchForms returns the ids of the forms matching the search words of
// text as a JSON array, or "" when text has none.
func (db *DB) matchForms(ctx context.Context, text string) (string, error) {
	cond, args := matchText(text)
	if cond == "" {
		return "", nil
	}
	var ids string
	err := db.r.QueryRowContext(ctx, `SELECT json_group_array(s.id) FROM (SELECT id FROM forms) s WHERE `+cond, args...).Scan(&ids)
	if err != nil {
		return "", fmt.Errorf("search: %w", err)
	}
	return ids, nil
}

// matchText returns the condition on s.id that selects the forms matching
// the search words of text, or "" when text has none. Each word must occur
// as a substring in the project name, department, implementing unit, an
// indicator's name or value, or a correction's new value. Words of three
// characters or more are looked up in the trigram indexes forms_fts and
// indicators_fts; shorter words (which trigrams cannot find) and the
// columns without an index use LIKE.
func matchText(text string) (string, []any) {
	words := strings.Fields(text)
	if len(words) == 0 {
		return "", nil
	}
	var (
		conds []string
		args  []any
	)
	for _, w := range words {
		p := "%" + escapeLike(w) + "%"
		if utf8.RuneCountInString(w) >= 3 {
			// The trigram indexes find substrings of 3 characters or more;
			// corrected values are not indexed.
			q := `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
			conds = append(conds, `s.id IN (
			SELECT rowid FROM forms_fts WHERE forms_fts MATCH ?
			UNION SELECT i.form_id FROM indicators AS i WHERE i.id IN (SELECT rowid FROM indicators_fts WHERE indicators_fts MATCH ?)
			UNION SELECT form_id FROM indicators WHERE value LIKE ? ESCAPE '\'
			UNION SELECT form_id FROM corrections WHERE new_value LIKE ? ESCAPE '\')`)
			args = append(args, q, q, p, p)
			continue
		}
		conds = append(conds, `s.id IN (
			SELECT id FROM forms WHERE project_name LIKE ? ESCAPE '\' OR department LIKE ? ESCAPE '\'
				OR implementing_unit LIKE ? ESCAPE '\'
			UNION SELECT form_id FROM indicators WHERE name LIKE ? ESCAPE '\' OR value LIKE ? ESCAPE '\'
			UNION SELECT form_id FROM corrections WHERE new_value LIKE ? ESCAPE '\')`)
		args = append(args, p, p, p, p, p, p)
	}
	return strings.Join(conds, " AND "), args
}

// escapeLike escapes the LIKE wildcards of s with a backslash.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// NextOpen returns the form to review after form id: the next form, in the
// list's default order (most flags first, then id), that is not signed off
// and has flags, wrapping around to the first; ok=false when no other form
// is left. Safe for concurrent use.
func (db *DB) NextOpen(ctx context.Context, id int64) (next int64, ok bool, err error) {
	var nflags int
	err = db.r.QueryRowContext(ctx, `SELECT count(*) FROM flags WHERE form_id = ? AND `+openFlag, id).Scan(&nflags)
	if err != nil {
		return 0, false, fmt.Errorf("store: next open form: %w", err)
	}
	for _, cond := range []string{"(nflags < ?2 OR (nflags = ?2 AND id > ?1))", "?2 >= 0"} {
		rows, err := db.r.QueryContext(ctx, listBase+`SELECT id FROM s
			WHERE status != 'reviewed' AND nflags > 0 AND id != ?1 AND `+cond+`
			ORDER BY nflags DESC, id LIMIT 1`, id, nflags)
		if err != nil {
			return 0, false, fmt.Errorf("store: next open form: %w", err)
		}
		found := rows.Next()
		if found {
			err = rows.Scan(&next)
		}
		if err == nil {
			err = rows.Err()
		}
		rows.Close()
		if err != nil {
			return 0, false, fmt.Errorf("store: next open form: %w", err)
		}
		if found {
			return next, true, nil
		}
	}
	return 0, false, nil
}
