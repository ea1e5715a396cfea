package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// MinTrigramQuery is the shortest query, in characters, that the trigram
// full-text indexes can answer; [DB.Search] answers shorter ones by
// scanning the tables with LIKE.
const MinTrigramQuery = 3

// SearchHit is one text field that contains the query.
type SearchHit struct {
	FormID      int64
	ProjectName string // 项目名称 of the form as corrected; "" when it has none
	Department  string // 主管部门 of the form as corrected; "" when it has none
	// Field names where the text was found: "project_name", "department",
	// "implementing_unit", "goals.overall", "goals.annual",
	// "goals.expected", "goals.achieved", "indicators.name" or
	// "indicators.deviation" ([SearchFieldDeviations]).
	Field string
	Seq   int    // the indicator's seq for "indicators.name" and "indicators.deviation"; else 0
	Text  string // the whole text of the field
}

// SearchFieldDeviations is the SearchHit.Field of a hit in an indicator's
// deviation reason (偏差原因分析及改进措施), as "indicators.name"
// (jixiao.FieldIndicatorNames) is of one in its name.
const SearchFieldDeviations = jixiao.FieldIndicators + "." + jixiao.IndicatorDeviation

// searchFields are the searched columns, in the order hits are listed
// within a form: the field, the table, its alias and the key that is the
// rowid of its FTS table, the FTS table and the column. The columns of
// forms are named as the fields they hold, and those of indicators as
// the indicator fields (jixiao.IndicatorField). The indicators' fields
// come last.
var searchFields = []struct {
	field, table, alias, key, fts, column, seq string
}{
	{jixiao.FieldProjectName, "forms", "f", "id", "forms_fts", jixiao.FieldProjectName, "0"},
	{jixiao.FieldDepartment, "forms", "f", "id", "forms_fts", jixiao.FieldDepartment, "0"},
	{jixiao.FieldImplementingUnit, "forms", "f", "id", "forms_fts", jixiao.FieldImplementingUnit, "0"},
	{jixiao.FieldGoalOverall, "goals", "g", "form_id", "goals_fts", "overall", "0"},
	{jixiao.FieldGoalAnnual, "goals", "g", "form_id", "goals_fts", "annual", "0"},
	{jixiao.FieldGoalExpected, "goals", "g", "form_id", "goals_fts", "expected", "0"},
	{jixiao.FieldGoalAchieved, "goals", "g", "form_id", "goals_fts", "achieved", "0"},
	{jixiao.FieldIndicatorNames, "indicators", "i", "id", "indicators_fts", jixiao.IndicatorName, "i.seq"},
	{SearchFieldDeviations, "indicators", "i", "id", "indicators_fts", jixiao.IndicatorDeviation, "i.seq"},
}

// SearchFields returns the fields [DB.Search] looks in, in the order it
// lists the hits of a form (SearchHit.Field). Each call returns a new
// slice.
func SearchFields() []string {
	fs := make([]string, len(searchFields))
	for i, f := range searchFields {
		fs[i] = f.field
	}
	return fs
}

// indicatorPath returns the path of field leaf of indicator i as the
// text before and after i (jixiao.IndicatorField): the SQL below builds
// and matches it.
func indicatorPath(leaf string) [2]string {
	before, after, _ := strings.Cut(jixiao.IndicatorField(0, leaf), "0")
	return [2]string{before, after}
}

// globEscaper escapes the GLOB wildcards of a literal.
var globEscaper = strings.NewReplacer(`*`, `[*]`, `?`, `[?]`, `[`, `[[]`)

// correctedHits is the part of Search's query that finds the latest
// corrections of the searched fields (not indexed: LIKE ?2), as rows of
// (form id, order, seq, field, text).
var correctedHits = func() string {
	var ords, fields, plain, globs []string
	for ord, f := range searchFields {
		if f.table != "indicators" {
			ords = append(ords, fmt.Sprintf("WHEN lc.field = '%s' THEN %d", f.field, ord))
			plain = append(plain, "'"+f.field+"'")
			continue
		}
		p := indicatorPath(f.column)
		glob := fmt.Sprintf("lc.field GLOB '%s[0-9]*%s'", globEscaper.Replace(p[0]), globEscaper.Replace(p[1]))
		ords = append(ords, fmt.Sprintf("WHEN %s THEN %d", glob, ord))
		fields = append(fields, fmt.Sprintf("WHEN %s THEN '%s'", glob, f.field))
		globs = append(globs, glob)
	}
	prefix := indicatorPath("")[0]
	return fmt.Sprintf(`SELECT lc.form_id,
			CASE %[1]s END,
			CASE WHEN lc.field GLOB '%[2]s*' THEN CAST(substr(lc.field, %[3]d, instr(lc.field, ']') - %[3]d) AS INTEGER) + 1 ELSE 0 END,
			CASE %[4]s ELSE lc.field END,
			lc.new_value
		FROM latest_corrections AS lc
		WHERE (lc.field IN (%[5]s) OR %[6]s)
			AND lc.new_value LIKE ?2 ESCAPE '\'`,
		strings.Join(ords, " "), globEscaper.Replace(prefix), len(prefix)+1,
		strings.Join(fields, " "), strings.Join(plain, ", "), strings.Join(globs, " OR "))
}()

// Search finds the project names, departments, implementing units, goal
// texts (a self-evaluation form's too), indicator names and deviation
// reasons that contain query as a substring (ASCII letters match either
// case), and returns the first limit hits in form id order (within a
// form: header fields, goals, indicator names by seq, then deviation
// reasons by seq), with the number of hits in all. It searches the
// corrected record: a field a reviewer corrected is matched by its latest
// correction (with LIKE, the corrections not being indexed), not by the
// machine's reading, and each hit's project name and department are the
// corrected ones.
//
// A query of at least [MinTrigramQuery] characters is looked up in the
// trigram FTS5 indexes (forms_fts, goals_fts, indicators_fts) as one
// phrase; a shorter one, which a trigram index cannot answer, is matched
// with LIKE against every row, which is slower on a large database but
// finds the same hits. It returns an error for an empty query, one that is
// not valid UTF-8 or holds a NUL character, or a limit below 1. Safe for concurrent use.
func (db *DB) Search(ctx context.Context, query string, limit int) (hits []SearchHit, total int, err error) {
	query = strings.TrimSpace(query)
	if query == "" {
		return nil, 0, errors.New("store: search: empty query")
	}
	switch {
	case !utf8.ValidString(query):
		return nil, 0, fmt.Errorf("store: search %q: the query is not valid UTF-8", query)
	case strings.ContainsRune(query, 0):
		// SQLite would cut the pattern there (a C string) and match all.
		return nil, 0, fmt.Errorf("store: search %q: the query contains a NUL character", query)
	}
	if limit < 1 {
		return nil, 0, fmt.Errorf("store: search %q: limit %d, want at least 1", query, limit)
	}
	var parts []string
	var arg string
	trigram := utf8.RuneCountInString(query) >= MinTrigramQuery
	if trigram {
		// One FTS5 phrase: "…" with " doubled.
		arg = `"` + strings.ReplaceAll(query, `"`, `""`) + `"`
	} else {
		arg = "%" + likeEscaper.Replace(query) + "%"
	}
	for ord, f := range searchFields {
		formID := f.alias + ".id"
		if f.table != "forms" {
			formID = f.alias + ".form_id"
		}
		var cond string
		if trigram {
			// Restricted to the column: 'column : "…"'.
			cond = fmt.Sprintf("%s.%s IN (SELECT rowid FROM %s WHERE %s MATCH '%s : ' || ?1)",
				f.alias, f.key, f.fts, f.fts, f.column)
		} else {
			cond = fmt.Sprintf(`%s.%s LIKE ?1 ESCAPE '\'`, f.alias, f.column)
		}
		// A field a reviewer corrected is found by its correction (below).
		corrected := "'" + f.field + "'"
		if f.table == "indicators" {
			p := indicatorPath(f.column)
			corrected = fmt.Sprintf("'%s' || (i.seq - 1) || '%s'", p[0], p[1])
		}
		cond += fmt.Sprintf(" AND NOT EXISTS (SELECT 1 FROM corrections AS c WHERE c.form_id = %s AND c.field = %s)", formID, corrected)
		parts = append(parts, fmt.Sprintf("SELECT %s, %d, %s, '%s', %s.%s FROM %s AS %s WHERE %s",
			formID, ord, f.seq, f.field, f.alias, f.column, f.table, f.alias, cond))
	}
	parts = append(parts, correctedHits)
	like := "%" + likeEscaper.Replace(query) + "%"
	union := strings.Join(parts, "\nUNION ALL\n")
	if err := db.r.QueryRowContext(ctx, "WITH h AS ("+union+") SELECT count(*) FROM h", arg, like).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: search %q: %w", query, err)
	}
	rows, err := db.r.QueryContext(ctx, `WITH h(form_id, ord, seq, field, text) AS (`+union+`)
		SELECT h.form_id, f.project_name, f.department, h.field, h.seq, h.text
		FROM h
		JOIN forms_current AS f ON f.form_id = h.form_id
		ORDER BY h.form_id, h.ord, h.seq
		LIMIT ?3`, arg, like, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search %q: %w", query, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h SearchHit
		var project, dept *string
		if err := rows.Scan(&h.FormID, &project, &dept, &h.Field, &h.Seq, &h.Text); err != nil {
			return nil, 0, fmt.Errorf("store: search %q: %w", query, err)
		}
		if project != nil {
			h.ProjectName = *project
		}
		if dept != nil {
			h.Department = *dept
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: search %q: %w", query, err)
	}
	return hits, total, nil
}

// likeEscaper escapes the LIKE wildcards of a literal, for ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// RebuildSearch rebuilds the full-text indexes (forms_fts, goals_fts,
// indicators_fts) from their tables, in one transaction. SaveDocument keeps
// them up to date; code that inserts rows into forms, goals or indicators
// by other means (a merge of databases, an import) must call it afterwards,
// or the new rows are not found by Search. It takes about as long as
// indexing the rows on ingest. It returns an error wrapping [ErrReadOnly]
// on a read-only DB. Safe for concurrent use; writes are serialized.
func (db *DB) RebuildSearch(ctx context.Context) error {
	w, err := db.writer("rebuild search indexes")
	if err != nil {
		return err
	}
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: rebuild search indexes: %w", err)
	}
	defer tx.Rollback()
	for _, fts := range []string{"forms_fts", "goals_fts", "indicators_fts"} {
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %[1]s (%[1]s) VALUES ('rebuild')", fts)); err != nil {
			return fmt.Errorf("store: rebuild %s: %w", fts, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: rebuild search indexes: %w", err)
	}
	return nil
}
