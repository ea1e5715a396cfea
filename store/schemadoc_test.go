package store_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"jixiao/store"
)

// TestSchemaDocumented checks that every table, view and full-text index
// of the schema, and every column of each, has a meaning in the
// migrations' comments, which "jixiao schema" and docs/schema.md print.
func TestSchemaDocumented(t *testing.T) {
	objs, err := store.Schema(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"documents": "table", "forms": "table", "funds": "table", "goals": "table", "indicators": "table",
		"flags": "table", "failures": "table", "indicator_targets": "view", "forms_overview": "view",
		"flags_open": "view", "forms_fts": "fts", "goals_fts": "fts", "indicators_fts": "fts",
		"latest_corrections": "view", "review_status": "view", "forms_current": "view",
		"forms_distinct": "view", "form_values": "view", "form_disagreements": "view",
		"budget": "table", "indicator_results": "view", "tasks": "table", "budget_request": "table",
		"budget_current": "view", "tasks_current": "view", "budget_request_current": "view",
	}
	seen := map[string]bool{}
	for _, o := range objs {
		seen[o.Name] = true
		if typ, ok := want[o.Name]; ok && typ != o.Type {
			t.Errorf("%s: type %q, want %q", o.Name, o.Type, typ)
		}
		if strings.Contains(o.Name, "_fts_") {
			t.Errorf("shadow table %s listed", o.Name)
		}
		if o.Doc == "" {
			t.Errorf("%s has no description (comment lines after its CREATE line)", o.Name)
		}
		if len(o.Columns) == 0 {
			t.Errorf("%s has no columns", o.Name)
		}
		for _, c := range o.Columns {
			if c.Doc == "" {
				t.Errorf("%s.%s has no description (a comment ending its line)", o.Name, c.Name)
			}
		}
		if o.Type == "table" {
			for _, ix := range o.Indexes {
				if ix.Doc == "" {
					t.Errorf("index %s has no description", ix.Name)
				}
			}
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s missing from the schema", name)
		}
	}
	// Spot checks of what SQLite reports and what the comments say.
	find := func(obj, col string) store.Column {
		for _, o := range objs {
			if o.Name == obj {
				for _, c := range o.Columns {
					if c.Name == col {
						return c
					}
				}
			}
		}
		t.Fatalf("no column %s.%s", obj, col)
		return store.Column{}
	}
	if c := find("forms", "document_id"); c.References != "documents(id)" || !c.NotNull || c.Type != "INTEGER" {
		t.Errorf("forms.document_id = %+v", c)
	}
	if c := find("indicators", "target_unit"); !strings.Contains(c.Doc, "unit as printed") {
		t.Errorf("indicators.target_unit (added by ALTER TABLE) = %+v", c)
	}
	if c := find("indicator_targets", "number"); !strings.Contains(c.Doc, "magnitude applied") {
		t.Errorf("indicator_targets.number = %+v", c)
	}
	// Views declare the types of their numeric columns (migration 7).
	for _, oc := range [][2]string{{"indicator_targets", "number"}, {"indicator_targets", "page"},
		{"forms_overview", "funds_total"}, {"forms_overview", "open_flag_count"}, {"forms_distinct", "readings"}} {
		if c := find(oc[0], oc[1]); c.Type == "" {
			t.Errorf("%s.%s has no declared type", oc[0], oc[1])
		}
	}
	if c := find("indicator_results", "met"); c.Type == "" || !strings.Contains(c.Doc, "undecided") {
		t.Errorf("indicator_results.met = %+v", c)
	}
	if c := find("indicators", "actual_json"); !strings.Contains(c.Doc, "as target_json") {
		t.Errorf("indicators.actual_json (added by ALTER TABLE) = %+v", c)
	}
	for _, table := range []string{"budget", "tasks", "budget_request"} {
		if c := find(table, "form_id"); c.References != "forms(id)" || !c.NotNull {
			t.Errorf("%s.form_id = %+v", table, c)
		}
	}
	if c := find("budget_request", "basis"); !c.NotNull || !strings.Contains(c.Doc, "'' for the total") {
		t.Errorf("budget_request.basis = %+v", c)
	}
	if c := find("forms_current", "identity_key"); !strings.Contains(c.Doc, "year|name|department|unit|total") {
		t.Errorf("forms_current.identity_key = %+v", c)
	}
	if c := find("corrections", "amount"); c.Type != "REAL" || !strings.Contains(c.Doc, "in 元") {
		t.Errorf("corrections.amount (added by ALTER TABLE) = %+v", c)
	}
	for _, oc := range [][2]string{{"budget_current", "executed"}, {"tasks_current", "amount"},
		{"budget_request_current", "amount"}, {"forms_current", "total_score"}} {
		if c := find(oc[0], oc[1]); c.Type != "REAL" {
			t.Errorf("%s.%s is not declared REAL: %+v", oc[0], oc[1], c)
		}
	}
	if c := find("forms_fts", "project_name"); c.Doc != "项目名称" {
		t.Errorf("forms_fts.project_name = %+v", c)
	}
}

// TestParseDocs checks the reading of comments on a made-up migration set:
// a later migration's DROP and CREATE replace what an earlier one said.
func TestParseDocs(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/0001_a.sql": {Data: []byte(`CREATE TABLE t (
    -- A thing.
    -- Two lines.
    id INTEGER PRIMARY KEY, -- its id
    x  TEXT,                -- the x
    UNIQUE (x)
);
CREATE INDEX t_x ON t(x); -- by x
CREATE VIEW v AS
    -- Old view.
SELECT id AS a -- old a
FROM t;
`)},
		"migrations/0002_b.sql": {Data: []byte(`ALTER TABLE t ADD COLUMN y REAL; -- the y
DROP VIEW v;
CREATE VIEW v AS
    -- New view.
SELECT
    coalesce(x, (SELECT 1 AS one)) AS b, -- new b
    id AS c                              -- new c
FROM t;
`)},
	}
	ms, err := store.LoadMigrationsN(fsys, 2)
	if err != nil {
		t.Fatal(err)
	}
	docs := store.ParseDocs(ms)
	got := map[string]string{
		"t": docs["t"].Doc, "t.id": docs["t"].Columns["id"], "t.x": docs["t"].Columns["x"], "t.y": docs["t"].Columns["y"],
		"t_x": docs["t"].Indexes["t_x"], "v": docs["v"].Doc, "v.b": docs["v"].Columns["b"], "v.c": docs["v"].Columns["c"],
		"v.a": docs["v"].Columns["a"],
	}
	want := map[string]string{
		"t": "A thing. Two lines.", "t.id": "its id", "t.x": "the x", "t.y": "the y", "t_x": "by x",
		"v": "New view.", "v.b": "new b", "v.c": "new c", "v.a": "",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: %q, want %q", k, got[k], w)
		}
	}
}
