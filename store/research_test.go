package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"jixiao/store"
)

// golden is the part of a golden record (fixtures/golden/form-NN.json) that
// the views show.
type golden struct {
	ProjectName *string             `json:"project_name"`
	Department  *string             `json:"department"`
	Year        int                 `json:"year"`
	Funds       map[string]*float64 `json:"funds"`
	Goals       struct {
		Overall *string `json:"overall"`
		Annual  *string `json:"annual"`
	} `json:"goals"`
	Indicators []struct {
		Seq        int      `json:"seq"`
		Level1     string   `json:"level1"`
		Level2     string   `json:"level2"`
		Name       *string  `json:"name"`
		Value      *string  `json:"value"`
		Confidence float64  `json:"confidence"`
		Flags      []string `json:"flags"`
		Target     struct {
			Kind      string   `json:"kind"`
			Op        string   `json:"op"`
			Value     *float64 `json:"value"`
			Min       *float64 `json:"min"`
			Max       *float64 `json:"max"`
			Unit      *string  `json:"unit"`
			By        string   `json:"by"`
			From      string   `json:"from"`
			To        string   `json:"to"`
			Times     int      `json:"times"`
			Every     int      `json:"every"`
			Per       string   `json:"per"`
			Label     string   `json:"label"`
			Direction string   `json:"direction"`
			Basis     string   `json:"basis"`
			Detail    string   `json:"detail"`
		} `json:"target"`
	} `json:"indicators"`
	Flags []struct {
		Code  string `json:"code"`
		Field string `json:"field"`
	} `json:"flags"`
}

func readGolden(t *testing.T, n int) golden {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "fixtures", "golden", fmt.Sprintf("form-%02d.json", n)))
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// fixtureDB returns a database holding the 44 fixture forms in one
// document; form n of fixtures/text/forms.txt has form id n.
func fixtureDB(t *testing.T) (*store.DB, string) {
	t.Helper()
	db, path := openDB(t)
	if _, _, err := db.SaveDocument(context.Background(), doc("forms"), fixtureForms(t)); err != nil {
		t.Fatal(err)
	}
	return db, path
}

// queryRows runs query with db.Query and returns its rows as maps from
// column to value.
func queryRows(t *testing.T, db *store.DB, query string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	err := db.Query(context.Background(), query, func(cols []string, vals []any) error {
		if vals == nil {
			return nil
		}
		m := map[string]any{}
		for i, c := range cols {
			m[c] = vals[i]
		}
		rows = append(rows, m)
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return rows
}

// sv is the SQL value of a string pointer; fv of a float pointer; zs of a
// string that is "" when absent; zi of an int that is 0 when absent.
func sv(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func fv(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func zs(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func zi(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

// same compares SQL values, numbers by value (SQLite returns a whole REAL
// as float64 and an INTEGER as int64).
func same(a, b any) bool {
	num := func(v any) (float64, bool) {
		switch x := v.(type) {
		case int64:
			return float64(x), true
		case float64:
			return x, true
		}
		return 0, false
	}
	if x, ok := num(a); ok {
		y, ok := num(b)
		return ok && x == y
	}
	return a == b
}

// TestViewsAgainstGoldens checks the three views, row by row, against the
// hand-checked golden records of all 44 fixture forms.
func TestViewsAgainstGoldens(t *testing.T) {
	db, _ := fixtureDB(t)
	targets := queryRows(t, db, `SELECT * FROM indicator_targets ORDER BY form_id, seq`)
	overview := queryRows(t, db, `SELECT * FROM forms_overview ORDER BY form_id`)
	flags := queryRows(t, db, `SELECT * FROM flags_open ORDER BY form_id, flag_id`)
	if len(overview) != 44 {
		t.Fatalf("forms_overview has %d rows, want 44", len(overview))
	}
	byForm := func(rows []map[string]any) map[int64][]map[string]any {
		m := map[int64][]map[string]any{}
		for _, r := range rows {
			id := r["form_id"].(int64)
			m[id] = append(m[id], r)
		}
		return m
	}
	tf, ff := byForm(targets), byForm(flags)
	var nIndicators, nFlags int
	for n := 1; n <= 44; n++ {
		g := readGolden(t, n)
		id := int64(n)
		check := func(what string, got, want any) {
			t.Helper()
			if !same(got, want) {
				t.Errorf("form %d: %s = %#v, want %#v", n, what, got, want)
			}
		}

		// forms_overview: one row with funds and counts.
		o := overview[n-1]
		check("overview form_id", o["form_id"], id)
		check("overview project_name", o["project_name"], sv(g.ProjectName))
		check("overview department", o["department"], sv(g.Department))
		check("overview year", o["year"], zi(g.Year))
		for _, k := range []string{"total", "annual_total", "fiscal", "other", "appropriation", "carryover", "annual_other"} {
			check("overview funds_"+k, o["funds_"+k], fv(g.Funds[k]))
		}
		counts := map[string]int64{}
		for _, ind := range g.Indicators {
			switch ind.Target.Kind {
			case "quantity", "range", "duration", "frequency":
				counts["quantitative_count"]++
			case "qualitative", "trend":
				counts["qualitative_count"]++
			case "deadline", "window":
				counts["date_count"]++
			case "text":
				counts["text_count"]++
			default:
				t.Errorf("form %d: unknown kind %q in the golden", n, ind.Target.Kind)
			}
		}
		counts["indicator_count"] = int64(len(g.Indicators))
		counts["flag_count"] = int64(len(g.Flags))
		for k, v := range counts {
			check("overview "+k, o[k], v)
		}
		for _, k := range []string{"quantitative_count", "qualitative_count", "date_count", "text_count"} {
			if _, ok := counts[k]; !ok {
				check("overview "+k, o[k], int64(0))
			}
		}

		// indicator_targets: one row per indicator, in seq order.
		rows := tf[id]
		if len(rows) != len(g.Indicators) {
			t.Errorf("form %d: indicator_targets has %d rows, want %d", n, len(rows), len(g.Indicators))
			continue
		}
		for i, ind := range g.Indicators {
			r := rows[i]
			tg := ind.Target
			var flagList any
			if len(ind.Flags) > 0 {
				flagList = strings.Join(ind.Flags, ";")
			}
			want := map[string]any{
				"seq": int64(ind.Seq), "project_name": sv(g.ProjectName), "department": sv(g.Department),
				"year": zi(g.Year), "level1": zs(ind.Level1), "level2": zs(ind.Level2),
				"name": sv(ind.Name), "value": sv(ind.Value), "kind": tg.Kind, "op": zs(tg.Op),
				"number": fv(tg.Value), "min": fv(tg.Min), "max": fv(tg.Max), "unit": sv(tg.Unit),
				"deadline": zs(tg.By), "window_from": zs(tg.From), "window_to": zs(tg.To),
				"times": zi(tg.Times), "every": zi(tg.Every), "per": zs(tg.Per),
				"label": zs(tg.Label), "direction": zs(tg.Direction), "basis": zs(tg.Basis), "detail": zs(tg.Detail),
				"confidence": ind.Confidence, "flags": flagList, "source_kind": "text", "form_index": id,
			}
			for k, v := range want {
				check(fmt.Sprintf("indicator_targets seq %d %s", ind.Seq, k), r[k], v)
			}
			nIndicators++
		}

		// flags_open: the form's flags with their indicator (the goldens
		// list them sorted by code, the database in the form's order).
		frows := ff[id]
		slices.SortStableFunc(frows, func(a, b map[string]any) int {
			return strings.Compare(a["code"].(string)+" "+a["field"].(string), b["code"].(string)+" "+b["field"].(string))
		})
		slices.SortStableFunc(g.Flags, func(a, b struct {
			Code  string `json:"code"`
			Field string `json:"field"`
		}) int {
			return strings.Compare(a.Code+" "+a.Field, b.Code+" "+b.Field)
		})
		if len(frows) != len(g.Flags) {
			t.Errorf("form %d: flags_open has %d rows, want %d", n, len(frows), len(g.Flags))
			continue
		}
		for i, fl := range g.Flags {
			r := frows[i]
			check("flags_open code", r["code"], fl.Code)
			check("flags_open field", r["field"], fl.Field)
			check("flags_open project_name", r["project_name"], sv(g.ProjectName))
			var j int
			if _, err := fmt.Sscanf(fl.Field, "indicators[%d]", &j); err == nil {
				ind := g.Indicators[j]
				check("flags_open indicator_seq", r["indicator_seq"], int64(ind.Seq))
				check("flags_open indicator_name", r["indicator_name"], sv(ind.Name))
				check("flags_open indicator_value", r["indicator_value"], sv(ind.Value))
			} else {
				check("flags_open indicator_id", r["indicator_id"], nil)
			}
			nFlags++
		}
	}
	if nIndicators != 596 || nFlags == 0 {
		t.Errorf("checked %d indicators and %d flags; want 596 and some", nIndicators, nFlags)
	}
	if len(targets) != nIndicators || len(flags) != nFlags {
		t.Errorf("views hold %d indicators and %d flags, the goldens %d and %d", len(targets), len(flags), nIndicators, nFlags)
	}
}

// TestSearch finds fixture projects by substrings of 2 and of 6
// characters, and checks hits against a plain scan of the goldens.
func TestSearch(t *testing.T) {
	ctx := context.Background()
	db, _ := fixtureDB(t)
	tests := []struct {
		query    string
		wantForm int64  // a form that must be among the hits
		field    string // the field it must be found in
	}{
		{"警用", 7, "project_name"},              // 2 characters: LIKE
		{"北斗", 11, "project_name"},             // 2 characters, mid-name
		{"警车安装北斗", 11, "project_name"},         // 6 characters: FTS
		{"网络安全运维", 31, "project_name"},         // 6 characters, another project
		{"满意度", 1, "indicators.name"},          // 3 characters, indicator names
		{"社会治安防控", 7, "goals.annual"},          // 6 characters in a goal text
		{"闵行分局", 7, "department"},              // 4 characters in the department
		{"上海市公安局闵行分局", 7, "implementing_unit"}, // 10 characters
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, total, err := db.Search(ctx, tt.query, 10000)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(hits) {
				t.Errorf("total %d, %d hits", total, len(hits))
			}
			found := false
			for _, h := range hits {
				if !strings.Contains(strings.ToLower(h.Text), strings.ToLower(tt.query)) {
					t.Errorf("hit %+v does not contain %q", h, tt.query)
				}
				if h.FormID == tt.wantForm && h.Field == tt.field {
					found = true
				}
			}
			if !found {
				t.Errorf("form %d (%s) not found; hits %+v", tt.wantForm, tt.field, hits)
			}
			if want := scanGoldens(t, tt.query); total != want {
				t.Errorf("%d hits, a scan of the goldens finds %d", total, want)
			}
		})
	}
}

// scanGoldens counts the fields of the golden records that contain q:
// what Search must find, by a method that shares nothing with it.
func scanGoldens(t *testing.T, q string) int {
	n := 0
	has := func(p *string) {
		if p != nil && strings.Contains(*p, q) {
			n++
		}
	}
	for i := 1; i <= 44; i++ {
		b, err := os.ReadFile(filepath.Join("..", "fixtures", "golden", fmt.Sprintf("form-%02d.json", i)))
		if err != nil {
			t.Fatal(err)
		}
		var g struct {
			ProjectName      *string `json:"project_name"`
			Department       *string `json:"department"`
			ImplementingUnit *string `json:"implementing_unit"`
			Goals            struct {
				Overall *string `json:"overall"`
				Annual  *string `json:"annual"`
			} `json:"goals"`
			Indicators []struct {
				Name *string `json:"name"`
			} `json:"indicators"`
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		has(g.ProjectName)
		has(g.Department)
		has(g.ImplementingUnit)
		has(g.Goals.Overall)
		has(g.Goals.Annual)
		for _, ind := range g.Indicators {
			has(ind.Name)
		}
	}
	return n
}

func TestSearchLimitAndErrors(t *testing.T) {
	ctx := context.Background()
	db, _ := fixtureDB(t)
	hits, total, err := db.Search(ctx, "满意", 5)
	if err != nil || len(hits) != 5 || total <= 5 {
		t.Errorf("limit 5: %d hits of %d, %v", len(hits), total, err)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].FormID < hits[i-1].FormID {
			t.Errorf("hits not in form order: %+v", hits)
		}
	}
	for _, q := range []string{"", "   "} {
		if _, _, err := db.Search(ctx, q, 5); err == nil {
			t.Errorf("Search(%q) succeeded", q)
		}
	}
	if _, _, err := db.Search(ctx, "满意", 0); err == nil {
		t.Error("limit 0 accepted")
	}
	// Quotes, FTS5 syntax and LIKE wildcards are searched literally.
	for _, q := range []string{`"`, `a"b"c`, `%`, `_`, `NEAR(满意 度)`, `满意*`, `100%`} {
		hits, _, err := db.Search(ctx, q, 100)
		if err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
		for _, h := range hits {
			if !strings.Contains(h.Text, q) {
				t.Errorf("Search(%q) hit %q", q, h.Text)
			}
		}
	}
}

// TestSearchIndexInStep deletes a document and checks that the indexes
// forget it (the triggers run on cascading deletes), and that an update of
// a name is found by its new text only.
func TestSearchIndexInStep(t *testing.T) {
	ctx := context.Background()
	db, _ := fixtureDB(t)
	if _, _, err := db.SaveDocument(ctx, doc("second"), fixtureForms(t)[6:7]); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		t.Helper()
		_, n, err := db.Search(ctx, q, 1)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count("警用装备验收"); n != 2 {
		t.Fatalf("警用装备验收: %d hits, want 2", n)
	}
	w := store.WriterPool(db)
	if _, err := w.Exec(`DELETE FROM documents WHERE sha256 = ?`, doc("second").SHA256); err != nil {
		t.Fatal(err)
	}
	if n := count("警用装备验收"); n != 1 {
		t.Errorf("after deleting the second document: %d hits, want 1", n)
	}
	if _, err := w.Exec(`UPDATE indicators SET name = '装备验收质量' WHERE name = '警用装备验收合格率'`); err != nil {
		t.Fatal(err)
	}
	if n := count("警用装备验收"); n != 0 {
		t.Errorf("old name still found after the update: %d hits", n)
	}
	if n := count("装备验收质量"); n != 1 {
		t.Errorf("new name: %d hits, want 1", n)
	}
	for _, fts := range []string{"forms_fts", "goals_fts", "indicators_fts"} {
		if _, err := w.Exec(fmt.Sprintf(`INSERT INTO %s (%s) VALUES ('integrity-check')`, fts, fts)); err != nil {
			t.Errorf("%s integrity check: %v", fts, err)
		}
	}
}

// TestQueryRefusesWrites runs statements that write, attach or change
// settings through Query, on a DB opened for writing and on one opened
// read-only, and checks they are refused before anything changes.
func TestQueryRefusesWrites(t *testing.T) {
	ctx := context.Background()
	rw, path := fixtureDB(t)
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	other := filepath.Join(t.TempDir(), "other.db")
	refused := []string{
		`DELETE FROM forms`,
		`delete from indicators where id = 1`,
		`UPDATE forms SET project_name = 'x'`,
		`INSERT INTO failures (path, error_kind, message, failed_at) VALUES ('a', 'b', 'c', 'd')`,
		`CREATE TABLE t (x)`,
		`CREATE TEMP TABLE t (x)`,
		`DROP VIEW indicator_targets`,
		`ALTER TABLE forms ADD COLUMN x`,
		`ATTACH DATABASE '` + other + `' AS o`,
		`DETACH DATABASE main`,
		`PRAGMA user_version = 9`,
		`PRAGMA query_only = 0`,
		`PRAGMA journal_mode = DELETE`,
		`VACUUM`,
		`REINDEX`,
		`ANALYZE`,
		`SELECT load_extension('x')`,
		`WITH d AS (SELECT 1) DELETE FROM forms`,
		`INSERT INTO forms_fts (forms_fts) VALUES ('delete-all')`,
	}
	for name, db := range map[string]*store.DB{"read-write": rw, "read-only": ro} {
		for _, q := range refused {
			err := db.Query(ctx, q, func([]string, []any) error { return nil })
			if !errors.Is(err, store.ErrNotReadOnly) {
				t.Errorf("%s: %s: error %v, want ErrNotReadOnly", name, q, err)
			}
		}
	}
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("ATTACH created %s", other)
	}
	if s := summary(t, rw); s.Forms != 44 || s.Indicators != 596 {
		t.Errorf("after refused writes: %+v", s)
	}

	// Reading works, with pragmas that read and recursive queries.
	allowed := []string{
		`SELECT count(*) FROM indicator_targets`,
		`PRAGMA table_info(forms)`,
		`SELECT * FROM pragma_table_info('forms')`,
		`PRAGMA user_version`,
		`PRAGMA integrity_check`,
		`WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3) SELECT x FROM n`,
		`SELECT rowid FROM forms_fts WHERE forms_fts MATCH '"警用装备"'`,
		`SELECT json_extract(target_json, '$.kind') FROM indicators LIMIT 1`,
	}
	for _, q := range allowed {
		rows := 0
		err := ro.Query(ctx, q, func(_ []string, vals []any) error {
			if vals != nil {
				rows++
			}
			return nil
		})
		if err != nil || rows == 0 {
			t.Errorf("%s: %d rows, %v", q, rows, err)
		}
	}
	// The connections go back to the pool without the authorizer: the
	// writer still writes.
	if _, _, err := rw.SaveDocument(ctx, doc("after"), fixtureForms(t)[:1]); err != nil {
		t.Errorf("SaveDocument after Query: %v", err)
	}
	// A syntax error is an error, not a refusal.
	err = ro.Query(ctx, `SELEC 1`, func([]string, []any) error { return nil })
	if err == nil || errors.Is(err, store.ErrNotReadOnly) {
		t.Errorf("syntax error: %v", err)
	}
	// fn's error stops the query and comes back unwrapped.
	stop := errors.New("stop")
	if err := ro.Query(ctx, `SELECT * FROM forms`, func(_ []string, vals []any) error {
		if vals != nil {
			return stop
		}
		return nil
	}); err != stop {
		t.Errorf("fn's error: %v", err)
	}
}

// TestMigrateV2 upgrades a copy of testdata/v2.db (written by schema
// version 2) and checks that no row is lost, that the views and the search
// indexes cover the rows stored before the upgrade, and that new documents
// are indexed too.
func TestMigrateV2(t *testing.T) {
	ctx := context.Background()
	b, err := os.ReadFile(filepath.Join("testdata", "v2.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v2.db")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	tables := []string{"documents", "forms", "funds", "goals", "indicators", "flags", "failures"}
	countAll := func(pool *sql.DB) map[string]int {
		t.Helper()
		m := map[string]int{}
		for _, tb := range tables {
			var n int
			if err := pool.QueryRow("SELECT count(*) FROM " + tb).Scan(&n); err != nil {
				t.Fatal(err)
			}
			m[tb] = n
		}
		var v int
		if err := pool.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
			t.Fatal(err)
		}
		m["version"] = v
		return m
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	before := countAll(raw)
	var dump string
	if err := raw.QueryRow(`SELECT group_concat(x, '|') FROM (SELECT json_array(f.id, f.project_name, i.seq, i.name, i.value, i.target_json) AS x
		FROM indicators i JOIN forms f ON f.id = i.form_id ORDER BY i.id)`).Scan(&dump); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if before["version"] != 2 || before["forms"] != 3 || before["failures"] != 1 {
		t.Fatalf("testdata/v2.db: %v; want version 2 with 3 forms and a failure", before)
	}

	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pool := store.ReaderPool(db)
	after := countAll(pool)
	before["version"] = store.SchemaVersion
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("after the upgrade %v, before %v", after, before)
	}
	var dumpAfter string
	if err := pool.QueryRow(`SELECT group_concat(x, '|') FROM (SELECT json_array(f.id, f.project_name, i.seq, i.name, i.value, i.target_json) AS x
		FROM indicators i JOIN forms f ON f.id = i.form_id ORDER BY i.id)`).Scan(&dumpAfter); err != nil {
		t.Fatal(err)
	}
	if dumpAfter != dump {
		t.Error("indicator rows changed in the upgrade")
	}
	if n := len(queryRows(t, db, `SELECT * FROM indicator_targets`)); n != before["indicators"] {
		t.Errorf("indicator_targets: %d rows, want %d", n, before["indicators"])
	}
	if n := len(queryRows(t, db, `SELECT * FROM forms_overview`)); n != before["forms"] {
		t.Errorf("forms_overview: %d rows, want %d", n, before["forms"])
	}
	// Forms stored before version 7 have no funds unit (NULL: unknown),
	// read back as "", and indicators no weights.
	var units, weights int
	if err := pool.QueryRow(`SELECT (SELECT count(*) FROM forms WHERE funds_unit IS NULL),
		(SELECT count(*) FROM indicators WHERE level1_weight IS NOT NULL OR level2_weight IS NOT NULL)`).Scan(&units, &weights); err != nil {
		t.Fatal(err)
	}
	if units != before["forms"] || weights != 0 {
		t.Errorf("after the upgrade %d forms with funds_unit NULL (want %d), %d indicators with weights (want 0)", units, before["forms"], weights)
	}
	for _, f := range allForms(t, db) {
		if f.FundsUnit != "" || f.Indicators[0].Level1Weight != nil {
			t.Errorf("form %d stored by version 2: funds_unit %q, level1_weight %v", f.ID, f.FundsUnit, f.Indicators[0].Level1Weight)
		}
	}
	// Rows stored by version 2 are in the search indexes.
	for q, want := range map[string]int{"警用装备": 2, "车辆更新": 1, "档案": 2} {
		_, n, err := db.Search(ctx, q, 10)
		if err != nil || n < want {
			t.Errorf("search %q after the upgrade: %d hits, %v; want at least %d", q, n, err, want)
		}
	}
	// New documents are indexed as they are saved.
	if _, _, err := db.SaveDocument(ctx, doc("new"), fixtureForms(t)[10:11]); err != nil {
		t.Fatal(err)
	}
	if hits, _, err := db.Search(ctx, "北斗定位", 10); err != nil || len(hits) == 0 {
		t.Errorf("a form saved after the upgrade is not found: %v, %v", hits, err)
	}
}

// TestNewerSchemaRefused checks the message a user sees for a database
// written by a newer jixiao.
func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	openClose(t, path)
	rawExec(t, path, fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1))
	for name, open := range map[string]func(context.Context, string) (*store.DB, error){"Open": store.Open, "OpenReadOnly": store.OpenReadOnly} {
		db, err := open(context.Background(), path)
		if err == nil {
			db.Close()
			t.Fatalf("%s accepted a newer schema", name)
		}
		want := fmt.Sprintf("schema version %d, but this jixiao knows versions up to %d (upgrade jixiao)", store.SchemaVersion+1, store.SchemaVersion)
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %q lacks %q", name, err, want)
		}
	}
}

// TestDatasetteConventions runs, on a fixture database, the SQL by which
// Datasette finds a table's FTS table (its detect_fts) and the SQL of its
// ?_search= on a table (each word of the search wrapped in double quotes),
// and checks that forms, goals and indicators are searchable that way.
func TestDatasetteConventions(t *testing.T) {
	_, path := fixtureDB(t)
	raw, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for table, want := range map[string]string{"forms": "forms_fts", "goals": "goals_fts", "indicators": "indicators_fts"} {
		// Datasette's detect_fts_sql, with the table name substituted.
		q := fmt.Sprintf(`select name from sqlite_master
			where rootpage = 0
			and (
				sql like '%%VIRTUAL TABLE%%USING FTS%%content="%[1]s"%%'
				or sql like '%%VIRTUAL TABLE%%USING FTS%%content=[%[1]s]%%'
				or (tbl_name = "%[1]s" and sql like '%%VIRTUAL TABLE%%USING FTS%%')
			)`, table)
		var got []string
		rows, err := raw.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n string
			rows.Scan(&n)
			got = append(got, n)
		}
		rows.Close()
		if len(got) != 1 || got[0] != want {
			t.Errorf("Datasette finds FTS tables %v for %s, want [%s]", got, table, want)
		}
	}
	for _, tt := range []struct {
		table, search string
		like          string // the rows the search must find
	}{
		{"forms", `"警用装备"`, `project_name LIKE '%警用装备%'`},
		{"forms", `"闵行分局" "北斗定位"`, `department LIKE '%闵行分局%' AND project_name LIKE '%北斗定位%'`},
		{"goals", `"社会治安防控"`, `overall LIKE '%社会治安防控%' OR annual LIKE '%社会治安防控%'`},
		{"indicators", `"验收合格率"`, `name LIKE '%验收合格率%'`},
	} {
		var n, want int
		q := fmt.Sprintf(`select count(*) from %[1]s where rowid in (select rowid from %[1]s_fts where %[1]s_fts match :search)`, tt.table)
		if err := raw.QueryRow(q, sql.Named("search", tt.search)).Scan(&n); err != nil {
			t.Fatalf("%s ?_search=%s: %v", tt.table, tt.search, err)
		}
		if err := raw.QueryRow(`select count(*) from ` + tt.table + ` where ` + tt.like).Scan(&want); err != nil || want == 0 {
			t.Fatalf("%s: %d rows, %v", tt.like, want, err)
		}
		if n != want {
			t.Errorf("%s ?_search=%s: %d rows, want %d", tt.table, tt.search, n, want)
		}
	}
}

// TestRebuildSearch inserts rows by SQL, as a merge of databases would,
// and checks that Search finds them once RebuildSearch has run.
func TestRebuildSearch(t *testing.T) {
	ctx := context.Background()
	db, path := fixtureDB(t)
	w := store.WriterPool(db)
	if _, err := w.Exec(`INSERT INTO documents (path, sha256, kind, size, ingested_at, form_count) VALUES ('x', 'x', 'text', 1, 'now', 1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec(`INSERT INTO forms (document_id, form_index, project_name) VALUES (last_insert_rowid(), 1, '海绵城市试点工程')`); err != nil {
		t.Fatal(err)
	}
	if _, n, _ := db.Search(ctx, "海绵城市", 10); n != 0 {
		t.Fatalf("found %d before the rebuild: the test does not test", n)
	}
	if err := db.RebuildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	if _, n, err := db.Search(ctx, "海绵城市", 10); n != 1 || err != nil {
		t.Errorf("after the rebuild: %d hits, %v", n, err)
	}
	if _, n, _ := db.Search(ctx, "警用装备", 100); n == 0 {
		t.Error("the rebuild lost the fixture")
	}
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.RebuildSearch(ctx); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("RebuildSearch on a read-only DB: %v", err)
	}
}
