package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/store"
)

var writeV1 = flag.Bool("write-v1", false, "rewrite testdata/v1.db, a database of schema version 1 holding v1Forms")

// targetFields returns the JSON names of the fields of jixiao.Target other
// than kind: each has a column target_<name>.
func targetFields() []string {
	var names []string
	typ := reflect.TypeFor[jixiao.Target]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name != "kind" {
			names = append(names, name)
		}
	}
	return names
}

// checkTargetColumns checks, in the database of pool, that target_kind and
// every target_<field> column of every indicator equal
// json_extract(target_json, '$.<field>'), and that there is no other
// target_ column. It returns the number of rows checked.
func checkTargetColumns(t *testing.T, pool *sql.DB) int {
	t.Helper()
	ctx := context.Background()
	fields := targetFields()
	var cols []string
	rows, err := pool.QueryContext(ctx, `SELECT name FROM pragma_table_info('indicators') WHERE name LIKE 'target\_%' ESCAPE '\'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wantCols := []string{"target_kind", "target_json"}
	for _, f := range fields {
		wantCols = append(wantCols, "target_"+f)
	}
	slices.Sort(cols)
	slices.Sort(wantCols)
	if !slices.Equal(cols, wantCols) {
		t.Errorf("target columns of indicators:\n got %q\nwant %q (one per field of jixiao.Target)", cols, wantCols)
	}

	// One query counting, per column, the rows where it differs. IS compares
	// NULLs too, and numbers by value (REAL 90.0 IS INTEGER 90).
	exprs := []string{"count(*)", "count(*) FILTER (WHERE target_kind IS NOT json_extract(target_json, '$.kind'))"}
	for _, f := range fields {
		exprs = append(exprs, fmt.Sprintf("count(*) FILTER (WHERE target_%s IS NOT json_extract(target_json, '$.%s'))", f, f))
	}
	vals := make([]int, len(exprs))
	dest := make([]any, len(exprs))
	for i := range vals {
		dest[i] = &vals[i]
	}
	if err := pool.QueryRowContext(ctx, "SELECT "+strings.Join(exprs, ", ")+" FROM indicators").Scan(dest...); err != nil {
		t.Fatal(err)
	}
	for i, f := range append([]string{"kind"}, fields...) {
		if n := vals[i+1]; n != 0 {
			t.Errorf("%d of %d rows: target_%s differs from json_extract(target_json, '$.%s')", n, vals[0], f, f)
		}
	}
	return vals[0]
}

// TestTargetColumns saves the sample forms and the normalized fixture
// forms, which have targets of every kind, and checks the target_* and
// name_norm columns.
func TestTargetColumns(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	fixture := fixtureForms(t)
	if _, _, err := db.SaveDocument(ctx, doc("sample"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveDocument(ctx, doc("fixture"), fixture); err != nil {
		t.Fatal(err)
	}
	kinds := map[jixiao.TargetKind]bool{}
	for _, f := range fixture {
		for _, ind := range f.Indicators {
			kinds[ind.Target.Kind] = true
		}
	}
	if len(kinds) < 8 {
		t.Errorf("the fixture has targets of %d kinds, want at least 8: the test covers less than it should", len(kinds))
	}

	pool := store.ReaderPool(db)
	if n := checkTargetColumns(t, pool); n == 0 {
		t.Fatal("no indicator rows")
	}

	// The sample's fully populated target, column by column.
	var (
		op, unit, by, from, to, per, dir, basis, label, detail string
		value, lo, hi                                          float64
		times, every                                           int
	)
	err := pool.QueryRowContext(ctx, `
		SELECT target_op, target_value, target_min, target_max, target_unit, target_by, target_from, target_to,
			target_times, target_every, target_per, target_direction, target_basis, target_label, target_detail
		FROM indicators i JOIN forms f ON f.id = i.form_id JOIN documents d ON d.id = f.document_id
		WHERE d.sha256 = ? AND i.seq = 1 AND f.form_index = 1`, doc("sample").SHA256).
		Scan(&op, &value, &lo, &hi, &unit, &by, &from, &to, &times, &every, &per, &dir, &basis, &label, &detail)
	if err != nil {
		t.Fatal(err)
	}
	ft := fullTarget()
	got := jixiao.Target{Kind: ft.Kind, Op: op, Value: &value, Min: &lo, Max: &hi, Unit: &unit, By: by, From: from, To: to,
		Times: times, Every: every, Per: per, Direction: dir, Basis: basis, Label: label, Detail: detail}
	if !reflect.DeepEqual(got, ft) {
		t.Errorf("columns of the full target:\n got %s\nwant %s", jsonOf(t, got), jsonOf(t, ft))
	}

	// name_norm: NULL exactly when NameNorm is "".
	var nameNorms []sql.NullString
	rows, err := pool.QueryContext(ctx, `SELECT name_norm FROM indicators ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s sql.NullString
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		nameNorms = append(nameNorms, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var want []sql.NullString
	for _, f := range append(sampleForms(), fixture...) {
		for _, ind := range f.Indicators {
			want = append(want, sql.NullString{String: ind.NameNorm, Valid: ind.NameNorm != ""})
		}
	}
	if !reflect.DeepEqual(nameNorms, want) {
		t.Errorf("name_norm column = %v,\nwant %v", nameNorms, want)
	}
}

// v1Docs returns what testdata/v1.db holds: two documents and their forms,
// as a jixiao of schema version 1 saved them (no NameNorm; targets typed,
// as the builds just before version 2 wrote them). Do not change them
// without rewriting the file (go test -run TestWriteV1 -write-v1), which
// must then be done with migration 1 as released.
func v1Docs() []struct {
	doc   store.Document
	forms []jixiao.Form
} {
	return []struct {
		doc   store.Document
		forms []jixiao.Form
	}{
		{doc("v1-a"), []jixiao.Form{
			{
				Source: jixiao.Source{FormIndex: 1, LineFrom: 1, LineTo: 40},
				Title:  "2022年度财政项目支出绩效目标申报表", Year: 2022,
				ProjectName: ptr("老旧小区改造"), Department: ptr("市住建局"), StartDate: ptr("2022-01-01"),
				Funds:    jixiao.Funds{Total: ptr(120.5), Fiscal: ptr(0.0)},
				FundsRaw: jixiao.FundsRaw{Total: ptr("120.5"), Fiscal: ptr("0"), Other: ptr("—")},
				Goals:    jixiao.Goals{Overall: ptr("改造小区12个。")},
				Indicators: []jixiao.Indicator{
					{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: ptr("改造小区数量"), Value: ptr("≥12个"),
						Target: jixiao.Target{Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(12.0), Unit: ptr("个")}, Confidence: 1, Line: 20},
					{Seq: 2, Level1: jixiao.L1Output, Level2: "质量指标", Name: ptr("验收合格率"), Value: ptr("90%-100%"),
						Target: jixiao.Target{Kind: jixiao.TargetRange, Min: ptr(90.0), Max: ptr(100.0), Unit: ptr("%")}, Confidence: 1, Line: 21},
					{Seq: 3, Level1: jixiao.L1Output, Level2: "时效指标", Name: ptr("完成时间"), Value: ptr("2022年12月底前"),
						Target: jixiao.Target{Kind: jixiao.TargetDeadline, By: "2022-12-31"}, Confidence: 1, Line: 22},
					{Seq: 4, Level1: jixiao.L1Benefit, Level2: "社会效益指标", Name: ptr("居住条件"), Value: ptr("明显改善"),
						Target: jixiao.Target{Kind: jixiao.TargetTrend, Direction: "increase", Detail: "明显"}, Confidence: 1, Line: 23,
						Flags: []string{jixiao.FlagValueMissing}},
				},
				Flags: []jixiao.Flag{
					{Code: jixiao.FlagValueMissing, Field: "indicators[3].value", Message: "odd"},
					{Code: jixiao.FlagAmountMissing, Field: "funds.other", Message: "blank"},
				},
			},
			{Source: jixiao.Source{FormIndex: 2, LineFrom: 41, LineTo: 60}, ProjectName: ptr("老旧小区改造"),
				Indicators: []jixiao.Indicator{
					{Seq: 1, Name: ptr("巡查频次"), Value: ptr("每月2次"),
						Target: jixiao.Target{Kind: jixiao.TargetFrequency, Times: 2, Every: 1, Per: "month"}, Confidence: 1},
					{Seq: 2, Name: ptr("整改时限"), Value: ptr("及时（24小时以内）"),
						Target: jixiao.Target{Kind: jixiao.TargetDuration, Op: "<=", Value: ptr(24.0), Unit: ptr("hour"), Label: "及时"}, Confidence: 1},
				}},
		}},
		{doc("v1-b"), []jixiao.Form{
			{Source: jixiao.Source{FormIndex: 1, PageFrom: 2, PageTo: 3}, Title: "空表",
				Indicators: []jixiao.Indicator{
					{Seq: 1, Name: ptr("群众满意度"), Value: ptr("≥90%"),
						Target: jixiao.Target{Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(90.0), Unit: ptr("%")}, Confidence: 0.5},
					{Seq: 2, Name: ptr("实施周期"), Value: ptr("9-10月"),
						Target: jixiao.Target{Kind: jixiao.TargetWindow, From: "2022-09-01", To: "2022-10-31"}, Confidence: 0.5},
					{Seq: 3, Name: nil, Value: ptr("合格"),
						Target: jixiao.Target{Kind: jixiao.TargetQualitative, Label: "合格"}, Confidence: 0.5},
					{Seq: 4, Name: ptr("其他"), Value: nil, Target: jixiao.Target{Kind: jixiao.TargetText}, Confidence: 0},
				}},
		}},
	}
}

// saveV1 stores the forms of d as SaveDocument of schema version 1 did,
// into a database of that version.
func saveV1(t *testing.T, db *sql.DB, d store.Document, forms []jixiao.Form) {
	t.Helper()
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	must := func(res sql.Result, err error) int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	str := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	num := func(n int) any {
		if n == 0 {
			return nil
		}
		return n
	}
	ingested := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC).Format("2006-01-02T15:04:05.000000000Z07:00")
	docID := must(tx.Exec(`INSERT INTO documents (path, sha256, kind, size, mod_time, ingested_at, form_count)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.Path, d.SHA256, string(d.Kind), d.Size,
		d.ModTime.UTC().Format("2006-01-02T15:04:05.000000000Z07:00"), ingested, len(forms)))
	for _, f := range forms {
		src := f.Source
		formID := must(tx.Exec(`INSERT INTO forms (document_id, form_index, line_from, line_to, page_from, page_to,
			title, year, project_name, project_nature, project_category, department, implementing_unit, start_date, end_date)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			docID, src.FormIndex, num(src.LineFrom), num(src.LineTo), num(src.PageFrom), num(src.PageTo),
			str(f.Title), num(f.Year), f.ProjectName, f.ProjectNature, f.ProjectCategory, f.Department,
			f.ImplementingUnit, f.StartDate, f.EndDate))
		fu, raw := f.Funds, f.FundsRaw
		must(tx.Exec(`INSERT INTO funds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, formID,
			fu.Total, raw.Total, fu.AnnualTotal, raw.AnnualTotal, fu.Fiscal, raw.Fiscal,
			fu.Appropriation, raw.Appropriation, fu.Carryover, raw.Carryover,
			fu.Other, raw.Other, fu.AnnualOther, raw.AnnualOther))
		must(tx.Exec(`INSERT INTO goals VALUES (?, ?, ?)`, formID, f.Goals.Overall, f.Goals.Annual))
		var indIDs []int64
		for _, ind := range f.Indicators {
			target, err := json.Marshal(ind.Target)
			if err != nil {
				t.Fatal(err)
			}
			codes, err := json.Marshal(append([]string{}, ind.Flags...))
			if err != nil {
				t.Fatal(err)
			}
			indIDs = append(indIDs, must(tx.Exec(`INSERT INTO indicators (form_id, seq, level1, level2, level2_raw,
				name, value, target_kind, target_json, confidence, flag_codes, line)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				formID, ind.Seq, str(ind.Level1), str(ind.Level2), str(ind.Level2Raw), ind.Name, ind.Value,
				string(ind.Target.Kind), string(target), ind.Confidence, string(codes), num(ind.Line))))
		}
		for _, fl := range f.Flags {
			var indID any
			if rest, ok := strings.CutPrefix(fl.Field, "indicators["); ok {
				num, _, _ := strings.Cut(rest, "]")
				if i, err := strconv.Atoi(num); err == nil && i < len(indIDs) {
					indID = indIDs[i]
				}
			}
			must(tx.Exec(`INSERT INTO flags (form_id, indicator_id, code, field, message) VALUES (?, ?, ?, ?, ?)`,
				formID, indID, fl.Code, fl.Field, fl.Message))
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestWriteV1 writes testdata/v1.db when run with -write-v1: a database
// brought to schema version 1 only, holding v1Docs.
func TestWriteV1(t *testing.T) {
	if !*writeV1 {
		t.Skip("rewrites testdata/v1.db with -write-v1 only")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite3", "file:"+path+"?_journal_mode=WAL&_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := store.MigrateTo(ctx, db, 1); err != nil {
		t.Fatal(err)
	}
	for _, d := range v1Docs() {
		saveV1(t, db, d.doc, d.forms)
	}
	if _, err := db.Exec("VACUUM"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil { // checkpoints and removes the WAL
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Fatalf("WAL left beside %s: %v", path, err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join("testdata", "v1.db.tmp")
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join("testdata", "v1.db")); err != nil {
		t.Fatal(err)
	}
}

// TestMigrateV1 upgrades a copy of testdata/v1.db in place and checks that
// nothing was lost: the same rows, the target columns backfilled, and Forms
// giving back the forms stored by version 1.
func TestMigrateV1(t *testing.T) {
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join("testdata", "v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v1.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	// Before: version 1, which OpenReadOnly refuses.
	if db, err := store.OpenReadOnly(ctx, path); err == nil {
		db.Close()
		t.Fatal("OpenReadOnly of a version 1 database succeeded")
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var before struct{ version, docs, forms, funds, goals, indicators, flags, linked int }
	err = raw.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM documents), (SELECT count(*) FROM forms), (SELECT count(*) FROM funds),
		(SELECT count(*) FROM goals), (SELECT count(*) FROM indicators), (SELECT count(*) FROM flags),
		(SELECT count(indicator_id) FROM flags)`).
		Scan(&before.version, &before.docs, &before.forms, &before.funds, &before.goals, &before.indicators,
			&before.flags, &before.linked)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	if before.version != 1 || before.indicators == 0 || before.linked == 0 {
		t.Fatalf("testdata/v1.db: %+v; want version 1 with indicators and linked flags", before)
	}

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pool := store.ReaderPool(db)
	after := before
	err = pool.QueryRow(`SELECT (SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM documents), (SELECT count(*) FROM forms), (SELECT count(*) FROM funds),
		(SELECT count(*) FROM goals), (SELECT count(*) FROM indicators), (SELECT count(*) FROM flags),
		(SELECT count(indicator_id) FROM flags)`).
		Scan(&after.version, &after.docs, &after.forms, &after.funds, &after.goals, &after.indicators,
			&after.flags, &after.linked)
	if err != nil {
		t.Fatal(err)
	}
	before.version = store.SchemaVersion
	if after != before {
		t.Errorf("after the upgrade: %+v, want %+v", after, before)
	}

	// The backfill, checked against json_extract, and a few values by hand.
	checkTargetColumns(t, pool)
	var nonNull, nameNorms int
	err = pool.QueryRow(`SELECT count(*) FILTER (WHERE coalesce(target_op, target_value, target_min, target_max,
			target_unit, target_by, target_from, target_to, target_times, target_every, target_per,
			target_direction, target_basis, target_label, target_detail) IS NOT NULL),
		count(name_norm) FROM indicators`).Scan(&nonNull, &nameNorms)
	if err != nil {
		t.Fatal(err)
	}
	if nonNull != before.indicators-1 { // all but the one text target
		t.Errorf("%d of %d rows have a target column set, want %d", nonNull, before.indicators, before.indicators-1)
	}
	if nameNorms != 0 {
		t.Errorf("%d rows have name_norm set, want none: version 1 had no folded names", nameNorms)
	}
	var unit string
	var value float64
	err = pool.QueryRow(`SELECT target_unit, target_value FROM indicators
		WHERE target_kind = 'quantity' AND target_value >= 90`).Scan(&unit, &value)
	if err != nil || unit != "%" || value != 90 {
		t.Errorf("the ≥90%% target: unit %q, value %v, %v", unit, value, err)
	}
	var indexed int
	if err := pool.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'indicators_target_unit'`).
		Scan(&indexed); err != nil || indexed != 1 {
		t.Errorf("index indicators_target_unit: %d, %v", indexed, err)
	}

	// Forms gives back what version 1 stored, with what version 10
	// backfills: every form so far is a Shanghai target form, of one
	// annual grid.
	var wantForms []jixiao.Form
	got := allForms(t, db)
	i := 0
	for _, d := range v1Docs() {
		for _, f := range d.forms {
			if i < len(got) {
				w := want(t, f, got[i].ID, d.doc)
				w.FormType, w.Template = jixiao.FormTarget, jixiao.TemplateShanghai
				for j := range w.Indicators {
					w.Indicators[j].Period = jixiao.PeriodAnnual
				}
				wantForms = append(wantForms, w)
			}
			i++
		}
	}
	if len(got) != i {
		t.Fatalf("Forms gave %d forms, want %d", len(got), i)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], wantForms[i]) {
			t.Errorf("form %d:\n got %s\nwant %s", i, jsonOf(t, got[i]), jsonOf(t, wantForms[i]))
		}
	}

	// The upgraded database takes new documents, and opening it again
	// changes nothing.
	if _, added, err := db.SaveDocument(ctx, doc("new"), sampleForms()); err != nil || !added {
		t.Fatalf("SaveDocument after the upgrade = %v, %v", added, err)
	}
	checkTargetColumns(t, pool)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := summary(t, ro); got.Documents != before.docs+1 || got.Forms != before.forms+2 {
		t.Errorf("after reopening: %+v", got)
	}
}
