package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/normalize"
	"jixiao/review"
	"jixiao/store"
)

// readFixture reads and normalises the text fixture's forms.
func readFixture(t *testing.T) (store.Document, []jixiao.Form) {
	t.Helper()
	path := filepath.Join("..", "fixtures", "text", "forms.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := extract.Read(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Forms {
		normalize.Form(&d.Forms[i])
	}
	return store.Document{Path: path, SHA256: d.SHA256, Kind: d.Kind, Size: d.Size}, d.Forms
}

// currentViews are the views of the corrected record, and an ORDER BY
// that makes their rows' order stable.
var currentViews = []string{
	"latest_corrections", "review_status", "forms_current", "forms_overview", "flags_open",
	"indicator_targets", "forms_distinct", "form_values", "form_disagreements",
	"budget_current", "tasks_current", "budget_request_current",
}

// dumpViews returns every row of every view of currentViews, as text.
func dumpViews(t *testing.T, db *store.DB) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, v := range currentViews {
		rows, err := store.ReaderPool(db).Query(`SELECT * FROM ` + v)
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for i, x := range vals {
				if b, ok := x.([]byte); ok {
					x = string(b)
				}
				fmt.Fprintf(&b, "%s=%#v ", cols[i], x)
			}
			out[v] = append(out[v], b.String())
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		rows.Close()
		slices.Sort(out[v])
	}
	return out
}

// queryOne scans one row of query into dst.
func queryOne(t *testing.T, db *store.DB, query string, args []any, dst ...any) {
	t.Helper()
	if err := store.ReaderPool(db).QueryRow(query, args...).Scan(dst...); err != nil {
		t.Fatalf("%s %v: %v", query, args, err)
	}
}

func count(t *testing.T, db *store.DB, query string, args ...any) int {
	t.Helper()
	var n int
	queryOne(t, db, query, args, &n)
	return n
}

// TestCurrentViewsAndMerge saves the fixture twice, as two documents of
// which the second is a "pdf" reading differing in one field; corrects and
// reviews forms through package review, as the workbench does; checks that
// the views show the corrected record, open flags, review status, one row
// per real form and the disagreement; then merges into a second database
// (twice) and finds every view's rows equal.
func TestCurrentViewsAndMerge(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	docA, formsA := readFixture(t)
	docB, formsB := readFixture(t)
	docB.Path, docB.SHA256, docB.Kind = "scan/forms.pdf", fmt.Sprintf("%064x", "pdf reading"), jixiao.KindPDF
	formsB[0].ProjectNature = ptr("另一种性质")
	if _, _, err := db.SaveDocument(ctx, docA, formsA); err != nil {
		t.Fatal(err)
	}
	realForms := count(t, db, `SELECT count(DISTINCT coalesce(identity_key, 'form ' || form_id)) FROM forms_current`)
	if _, _, err := db.SaveDocument(ctx, docB, formsB); err != nil {
		t.Fatal(err)
	}
	n := len(formsA)
	idA := func(i int) int64 { return int64(i + 1) }     // form ids of document A
	idB := func(i int) int64 { return int64(n + i + 1) } // and of B
	if got := count(t, db, `SELECT count(*) FROM forms_distinct`); got != realForms {
		t.Errorf("forms_distinct: %d rows, want %d (one per real form)", got, realForms)
	}
	if got := count(t, db, `SELECT sum(readings) FROM forms_distinct`); got != 2*n {
		t.Errorf("forms_distinct: %d readings in all, want %d", got, 2*n)
	}
	// The text reading is chosen over the pdf one.
	var chosen int64
	var others string
	queryOne(t, db, `SELECT form_id, other_form_ids FROM forms_distinct WHERE ',' || other_form_ids || ',' LIKE ?`,
		[]any{"%," + strconv.FormatInt(idB(0), 10) + ",%"}, &chosen, &others)
	if chosen != idA(0) {
		t.Errorf("forms_distinct chose form %d (others %s), want the text reading %d", chosen, others, idA(0))
	}
	// The one field the readings disagree on.
	var va, vb, pa, pb string
	queryOne(t, db, `SELECT value_a, source_path_a, value_b, source_path_b FROM form_disagreements
		WHERE form_id_a = ? AND form_id_b = ?`, []any{idA(0), idB(0)}, &va, &pa, &vb, &pb)
	if vb != "另一种性质" || va != deref(formsA[0].ProjectNature) || pa != docA.Path || pb != docB.Path {
		t.Errorf("disagreement: %q (%s) vs %q (%s)", va, pa, vb, pb)
	}
	if got := count(t, db, `SELECT count(*) FROM form_disagreements WHERE form_id_a = ? AND form_id_b = ?`, idA(0), idB(0)); got != 1 {
		t.Errorf("%d disagreements between the two readings of form 1, want 1", got)
	}

	// Corrections, as the workbench makes them.
	correct := func(id int64, field, value string) {
		t.Helper()
		if _, changed, err := review.Correct(ctx, db, review.Edit{FormID: id, Field: field, Value: value, Reviewer: "王芳"}); err != nil || !changed {
			t.Fatalf("correct form %d %s: %v, changed %v", id, field, err, changed)
		}
	}
	// A project name, in both readings: they stay one form.
	correct(idA(1), "project_name", "更正后的项目名称")
	correct(idB(1), "project_name", "更正后的项目名称")
	var name, nameRead string
	queryOne(t, db, `SELECT project_name, project_name_read FROM forms_overview WHERE form_id = ?`, []any{idA(1)}, &name, &nameRead)
	if name != "更正后的项目名称" || nameRead != deref(formsA[1].ProjectName) {
		t.Errorf("forms_overview: project_name %q, read %q", name, nameRead)
	}
	for _, v := range []string{"indicator_targets", "flags_open", "forms_distinct"} {
		if got := count(t, db, `SELECT count(*) FROM `+v+` WHERE form_id = ? AND project_name != '更正后的项目名称'`, idA(1)); got != 0 {
			t.Errorf("%s: %d rows of form %d without the corrected name", v, got, idA(1))
		}
	}
	if got := count(t, db, `SELECT readings FROM forms_distinct WHERE project_name = '更正后的项目名称'`); got != 2 {
		t.Errorf("corrected form: %d readings, want 2", got)
	}
	// Search finds the corrected name, not the machine's reading.
	hits, _, err := db.Search(ctx, "更正后的项目", 100)
	if err != nil || len(hits) != 2 || hits[0].FormID != idA(1) || hits[0].Field != "project_name" || hits[0].ProjectName != "更正后的项目名称" {
		t.Errorf("Search corrected name: %+v, %v", hits, err)
	}
	hits, _, err = db.Search(ctx, deref(formsA[1].ProjectName), 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if (h.FormID == idA(1) || h.FormID == idB(1)) && h.Field == "project_name" {
			t.Errorf("Search finds the machine's reading of a corrected name: %+v", h)
		}
	}
	// An amount, written with full-width digits and a separator.
	correct(idA(2), "funds.fiscal", "１,２３４.５")
	var fiscal float64
	var fiscalRead sql.NullFloat64
	queryOne(t, db, `SELECT funds_fiscal, funds_fiscal_read FROM forms_current WHERE form_id = ?`, []any{idA(2)}, &fiscal, &fiscalRead)
	if fiscal != 1234.5 || fiscalRead.Valid != (formsA[2].Funds.Fiscal != nil) {
		t.Errorf("forms_current: funds_fiscal %v, read %v", fiscal, fiscalRead)
	}
	// A flagged indicator value: its flags are no longer open.
	f, i := findIndicator(t, formsA, func(ind jixiao.Indicator) bool { return ind.Value == nil })
	field := "indicators[" + strconv.Itoa(i) + "].value"
	before := count(t, db, `SELECT open_flag_count FROM forms_overview WHERE form_id = ?`, f.ID)
	onField := count(t, db, `SELECT count(*) FROM flags WHERE form_id = ? AND field = ?`, f.ID, field)
	if onField == 0 {
		t.Fatalf("no flag on %s of form %d", field, f.ID)
	}
	correct(f.ID, field, "≥90%")
	if got := count(t, db, `SELECT open_flag_count FROM forms_overview WHERE form_id = ?`, f.ID); got != before-onField {
		t.Errorf("open_flag_count %d after correcting %s, want %d", got, field, before-onField)
	}
	if got := count(t, db, `SELECT count(*) FROM flags_open WHERE form_id = ? AND field = ?`, f.ID, field); got != 0 {
		t.Errorf("flags_open keeps %d flags of the corrected field", got)
	}
	var value, kind string
	var number float64
	queryOne(t, db, `SELECT value, kind, number FROM indicator_targets WHERE form_id = ? AND seq = ?`,
		[]any{f.ID, f.Indicators[i].Seq}, &value, &kind, &number)
	if value != "≥90%" || kind != "quantity" || number != 90 {
		t.Errorf("indicator_targets: %q %q %v", value, kind, number)
	}
	// A review of the pdf reading of form 4: it is then the one chosen.
	if _, err := review.Mark(ctx, db, idB(3), jixiao.StatusReviewed, "李雷"); err != nil {
		t.Fatal(err)
	}
	var status, reviewer string
	var reviewedAt sql.NullString
	queryOne(t, db, `SELECT review_status, coalesce(reviewer, ''), reviewed_at FROM forms_overview WHERE form_id = ?`,
		[]any{idB(3)}, &status, &reviewer, &reviewedAt)
	if status != "reviewed" || reviewer != "李雷" || !reviewedAt.Valid {
		t.Errorf("forms_overview: %q %q %v", status, reviewer, reviewedAt)
	}
	if got := count(t, db, `SELECT count(*) FROM flags_open WHERE form_id = ?`, idB(3)); got != 0 {
		t.Errorf("flags_open: %d flags of a reviewed form", got)
	}
	if got := count(t, db, `SELECT count(*) FROM forms_overview WHERE review_status = 'open'`); got != 2*n-1 {
		t.Errorf("%d open forms, want %d", got, 2*n-1)
	}
	if _, chosen, err := db.Readings(ctx, idA(3)); err != nil || chosen != idB(3) {
		t.Errorf("Readings(%d): chosen %d, %v; want the reviewed reading %d", idA(3), chosen, err, idB(3))
	}
	// The review list counts open flags of the corrected record too.
	res, err := db.SearchForms(ctx, store.ListQuery{Text: "更正后的项目名称"})
	if err != nil || res.Total != 2 || res.Forms[0].ProjectName != "更正后的项目名称" || res.Forms[0].Status != store.ListCorrected {
		t.Errorf("SearchForms: %+v, %v", res, err)
	}
	res, err = db.SearchForms(ctx, store.ListQuery{Sort: "id", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range res.Forms {
		if s.ID == f.ID && s.Flags != before-onField {
			t.Errorf("review list: form %d has %d flags, want %d open ones", s.ID, s.Flags, before-onField)
		}
	}

	// Merge into a new database, twice.
	want := dumpViews(t, db)
	other, _ := openDB(t)
	for round := range 2 {
		err := db.Documents(ctx, func(d store.Document, forms []jixiao.Form) error {
			_, _, err := other.SaveDocument(ctx, d, forms)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		st, err := other.MergeReviews(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if wantSt := []store.ReviewMerge{{Corrections: 4, Reviews: 1}, {}}[round]; st != wantSt {
			t.Errorf("round %d: merged %+v, want %+v", round, st, wantSt)
		}
		got := dumpViews(t, other)
		for _, v := range currentViews {
			if !slices.Equal(got[v], want[v]) {
				t.Errorf("round %d: view %s differs after merge: %d rows, want %d", round, v, len(got[v]), len(want[v]))
				for j := range min(len(got[v]), len(want[v])) {
					if got[v][j] != want[v][j] {
						t.Errorf("first difference:\n got %s\nwant %s", got[v][j], want[v][j])
						break
					}
				}
			}
		}
	}

	// Into a database that lacks document A: its rows are named, not dropped silently.
	third, _ := openDB(t)
	if _, _, err := third.SaveDocument(ctx, docB, formsB); err != nil {
		t.Fatal(err)
	}
	st, err := third.MergeReviews(ctx, db)
	if !errors.Is(err, store.ErrNotFound) || !strings.Contains(fmt.Sprint(err), docA.Path+" form 2: correction of project_name") {
		t.Errorf("merge without document A: %v", err)
	}
	if st != (store.ReviewMerge{Corrections: 1, Reviews: 1}) {
		t.Errorf("merge without document A: copied %+v, want B's correction and review", st)
	}
}

// TestViewColumnTypes checks that every view column that holds a number
// declares a numeric type, so that tools reading PRAGMA table_info see
// numbers as numbers.
func TestViewColumnTypes(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	ingestFixture(t, db)
	if _, _, err := review.Correct(ctx, db, review.Edit{FormID: 1, Field: "funds.total", Value: "100", Reviewer: "x"}); err != nil {
		t.Fatal(err)
	}
	pool := store.ReaderPool(db)
	for _, v := range currentViews {
		types := map[string]string{}
		rows, err := pool.Query(`SELECT name, type FROM pragma_table_info(?)`, v)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, typ string
			if err := rows.Scan(&name, &typ); err != nil {
				t.Fatal(err)
			}
			types[name] = typ
		}
		rows.Close()
		if len(types) == 0 {
			t.Fatalf("view %s has no columns", v)
		}
		for col, typ := range types {
			numeric := count(t, db, `SELECT count(*) FROM `+v+` WHERE typeof(`+col+`) IN ('integer', 'real')`)
			if numeric > 0 && typ != "INT" && typ != "INTEGER" && typ != "REAL" {
				t.Errorf("%s.%s holds numbers but declares type %q", v, col, typ)
			}
		}
	}
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// TestMergeFamilyCorrections corrects a budget cell, a task's amount, a
// budget line and a header field of the family's forms, merges the
// corrections into a copy of the database, and finds them there with
// their amounts in 元, every view of the corrected record equal.
func TestMergeFamilyCorrections(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, _, err := db.SaveDocument(ctx, doc("family"), []jixiao.Form{selfEvalForm(), departmentForm()}); err != nil {
		t.Fatal(err)
	}
	for _, e := range []review.Edit{
		{FormID: 1, Field: jixiao.BudgetField(jixiao.BudgetTotal, jixiao.BudgetLeafExecuted), Value: "2,240,000"},
		{FormID: 1, Field: jixiao.HeaderExtraField("项目期"), Value: "5年"},
		{FormID: 2, Field: jixiao.TaskField(3, jixiao.TaskAmount), Value: "125"},
		{FormID: 2, Field: jixiao.BudgetLineField(5, jixiao.LineAmount), Value: "20000"},
	} {
		e.Reviewer = "王芳"
		if _, _, err := review.Correct(ctx, db, e); err != nil {
			t.Fatalf("correct %s: %v", e.Field, err)
		}
	}
	const q = `SELECT field, new_value, CASE WHEN amount IS NULL THEN 'NULL' ELSE printf('%.2f', amount) END FROM corrections ORDER BY id`
	want := "budget.total.executed 2240000 2240000.00|header_extra.项目期 5年 NULL|" +
		"tasks[3].amount 125 1250000.00|budget_request[5].amount 20000 200000000.00"
	if got := joinRows(t, db, q); got != want {
		t.Errorf("corrections:\n%s\nwant\n%s", got, want)
	}
	other, _ := openDB(t)
	err := db.Documents(ctx, func(d store.Document, forms []jixiao.Form) error {
		_, _, err := other.SaveDocument(ctx, d, forms)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.MergeReviews(ctx, db); err != nil {
		t.Fatal(err)
	}
	if got := joinRows(t, other, q); got != want {
		t.Errorf("merged corrections:\n%s\nwant\n%s", got, want)
	}
	a, b := dumpViews(t, db), dumpViews(t, other)
	for _, v := range currentViews {
		if strings.Join(a[v], "\n") != strings.Join(b[v], "\n") {
			t.Errorf("%s differs after the merge", v)
		}
	}
}
