package store_test

import (
	"context"
	"reflect"
	"testing"

	"jixiao"
	"jixiao/store"
)

// v9Rows are the rows of a database of schema version 9 that
// TestMigrateV9 upgrades: two target forms as jixiao of that version
// stored them, a reviewer's correction of a value, and a flag.
var v9Rows = []string{
	`INSERT INTO documents (id, path, sha256, kind, size, ingested_at, form_count)
		VALUES (1, 'in/old.txt', 'aa', 'text', 10, '2024-01-01T00:00:00.000000000Z', 2)`,
	`INSERT INTO forms (id, document_id, form_index, title, year, project_name, department, funds_unit)
		VALUES (1, 1, 1, '2023年度财政项目支出绩效目标申报表', 2023, '警用装备', '公安局', '元'),
		       (2, 1, 2, NULL, 2023, '档案数字化', NULL, NULL)`,
	`INSERT INTO funds (form_id, total, total_raw) VALUES (1, 762206, '762,206.00'), (2, NULL, NULL)`,
	`INSERT INTO goals (form_id, overall, annual) VALUES (1, '总目标', '年度目标'), (2, NULL, NULL)`,
	`INSERT INTO indicators (id, form_id, seq, level1, level2, name, value, target_kind, target_json, confidence,
		target_op, target_value, target_unit, line)
		VALUES (1, 1, 1, '产出指标', '数量指标', '装备购买完成数', '约1360件', 'quantity',
			'{"kind":"quantity","op":"~","value":1360,"unit":"件"}', 1, '~', 1360, '件', 10),
		       (2, 1, 2, '满意度指标', '服务对象满意度指标', '满意度', '≥90%', 'quantity',
			'{"kind":"quantity","op":">=","value":90,"unit":"%"}', 1, '>=', 90, '%', 11),
		       (3, 2, 1, '产出指标', '质量指标', '合格率', NULL, 'text', '{"kind":"text"}', 1, NULL, NULL, NULL, NULL)`,
	`INSERT INTO flags (form_id, indicator_id, code, field, message)
		VALUES (2, 3, 'value_missing', 'indicators[0].value', 'no value')`,
	`INSERT INTO corrections (form_id, field, indicator_id, old_value, new_value, target_json, reviewer, corrected_at)
		VALUES (2, 'indicators[0].value', 3, NULL, '≥95%', '{"kind":"quantity","op":">=","value":95,"unit":"%"}',
			'r', '2024-01-02T00:00:00.000000000Z')`,
}

// TestMigrateV9 upgrades a database of schema version 9 in place and
// checks what version 10 backfills (Shanghai target forms of one annual
// grid), that the new columns are NULL, that the recreated views cover
// the old rows with the corrections applied, and that the upgraded
// database takes a self-evaluation form.
func TestMigrateV9(t *testing.T) {
	ctx := context.Background()
	db := upgraded(t, 9, v9Rows)
	checkValues(t, db, []valueCheck{
		{"version", `SELECT user_version AS v FROM pragma_user_version`, int64(store.SchemaVersion)},
		{"forms backfilled", `SELECT count(*) AS v FROM forms WHERE form_type = 'target' AND template = 'shanghai'`, int64(2)},
		{"indicators backfilled", `SELECT count(*) AS v FROM indicators WHERE period = 'annual'`, int64(3)},
		{"new form columns NULL", `SELECT count(*) AS v FROM forms
			WHERE header_extra IS NULL AND total_score IS NULL AND grade IS NULL`, int64(2)},
		{"new goal columns NULL", `SELECT count(*) AS v FROM goals WHERE expected IS NULL AND achieved IS NULL`, int64(2)},
		{"new indicator columns NULL", `SELECT count(*) AS v FROM indicators
			WHERE value_parts IS NULL AND direction IS NULL AND actual IS NULL AND actual_json IS NULL
			AND weight IS NULL AND score IS NULL AND deviation IS NULL`, int64(3)},
		{"no budget", `SELECT count(*) AS v FROM budget`, int64(0)},
		{"no tasks", `SELECT count(*) AS v FROM tasks`, int64(0)},
		{"no budget request", `SELECT count(*) AS v FROM budget_request`, int64(0)},
		{"indicator_targets rows", `SELECT count(*) AS v FROM indicator_targets WHERE period = 'annual' AND form_type = 'target'`, int64(3)},
		{"indicator_targets corrected", `SELECT value || ' ' || kind || ' ' || number AS v FROM indicator_targets WHERE indicator_id = 3`, "≥95% quantity 95.0"},
		{"indicator_results undecided", `SELECT group_concat(rule) AS v FROM indicator_results WHERE met IS NULL`, "no_actual,no_actual,no_actual"},
		{"forms_overview", `SELECT group_concat(template) AS v FROM forms_overview`, "shanghai,shanghai"},
		{"forms_distinct still works", `SELECT count(*) AS v FROM forms_distinct`, int64(2)},
		{"open flags", `SELECT count(*) AS v FROM flags_open`, int64(0)},
	})
	for _, f := range allForms(t, db) {
		if f.FormType != jixiao.FormTarget || f.Template != jixiao.TemplateShanghai || f.HeaderExtra != nil || f.Budget != nil ||
			f.Tasks != nil || f.BudgetRequest != nil {
			t.Errorf("form %d read back as %q %q %v %v %v %v", f.ID, f.FormType, f.Template, f.HeaderExtra, f.Budget,
				f.Tasks, f.BudgetRequest)
		}
		for _, ind := range f.Indicators {
			if ind.Period != jixiao.PeriodAnnual || ind.ActualTarget != nil || ind.ValueParts != nil {
				t.Errorf("form %d indicator %d: period %q, actual %v, parts %v", f.ID, ind.Seq, ind.Period, ind.ActualTarget, ind.ValueParts)
			}
		}
	}

	// The upgraded database takes a self-evaluation form and a
	// whole-department form.
	if _, _, err := db.SaveDocument(ctx, doc("self"), []jixiao.Form{selfEvalForm()}); err != nil {
		t.Fatal(err)
	}
	if rows := queryRows(t, db, `SELECT count(*) AS n FROM budget JOIN forms f ON f.id = budget.form_id WHERE f.form_type = 'self_evaluation'`); rows[0]["n"] != int64(3) {
		t.Errorf("budget rows of the new form: %v", rows)
	}
	dept := departmentForm()
	if _, _, err := db.SaveDocument(ctx, doc("dept"), []jixiao.Form{dept}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		table string
		want  int
	}{{"tasks", len(dept.Tasks)}, {"budget_request", len(dept.BudgetRequest)}} {
		rows := queryRows(t, db, `SELECT count(*) AS n FROM `+c.table+` JOIN forms f ON f.id = form_id WHERE f.form_type = 'department_target'`)
		if rows[0]["n"] != int64(c.want) {
			t.Errorf("%s rows of the department form: %v, want %d", c.table, rows, c.want)
		}
	}
}

// TestIdentityKeyFormType checks that a project's self-evaluation form
// and its target form have different identity keys, and that a target
// form's key is as before version 10.
func TestIdentityKeyFormType(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	target := jixiao.Form{FormType: jixiao.FormTarget, Year: 2023, ProjectName: ptr("社区养老服务"), Department: ptr("民政局")}
	old := target
	old.FormType, old.Source.FormIndex = "", 2
	self := target
	self.FormType, self.Source.FormIndex = jixiao.FormSelfEvaluation, 3
	target.Source.FormIndex = 1
	if _, _, err := db.SaveDocument(ctx, doc("keys"), []jixiao.Form{target, old, self}); err != nil {
		t.Fatal(err)
	}
	var keys []any
	for _, r := range queryRows(t, db, `SELECT identity_key FROM forms_current ORDER BY form_id`) {
		keys = append(keys, r["identity_key"])
	}
	// (A missing total is printed 0.00, as before version 10.)
	want := []any{"2023|社区养老服务|民政局||0.00", "2023|社区养老服务|民政局||0.00", "2023|社区养老服务|民政局||0.00|self_evaluation"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("identity keys %q, want %q", keys, want)
	}
	if rows := queryRows(t, db, `SELECT readings FROM forms_distinct ORDER BY form_id`); len(rows) != 2 || rows[0]["readings"] != int64(2) {
		t.Errorf("forms_distinct: %v, want the target form (2 readings) and the self-evaluation", rows)
	}
}
