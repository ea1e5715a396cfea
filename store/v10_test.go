package store_test

import (
	"testing"

	"jixiao/store"
)

// v10Rows are the rows of a database of schema version 10 that
// TestMigrateV10 upgrades: a target form in 万元 whose funds a reviewer
// corrected (as a bare number, with its unit, and as something that is
// not an amount), a self-evaluation form whose total score, grade and
// expected goal were corrected, and a department form, which prints no
// project name.
var v10Rows = []string{
	`INSERT INTO documents (id, path, sha256, kind, size, ingested_at, form_count)
		VALUES (1, 'in/v10.txt', 'bb', 'text', 10, '2024-01-01T00:00:00.000000000Z', 3)`,
	`INSERT INTO forms (id, document_id, form_index, year, project_name, department, funds_unit, form_type, template,
		header_extra, total_score, grade)
		VALUES (1, 1, 1, 2023, '警用装备', '公安局', '万元', 'target', 'target', NULL, NULL, NULL),
		       (2, 1, 2, 2023, '培训项目', '教育局', '元', 'self_evaluation', 'selfeval', '{"项目编码":"P-1"}', 88, '良'),
		       (3, 1, 3, 2024, NULL, '交通局', '万元', 'department_target', 'department', NULL, NULL, NULL)`,
	`INSERT INTO funds (form_id, total, total_raw, fiscal, fiscal_raw, other, other_raw)
		VALUES (1, 2000000, '200', 1500000, '150', 500000, '50'), (2, NULL, NULL, NULL, NULL, NULL, NULL),
		       (3, NULL, NULL, NULL, NULL, NULL, NULL)`,
	`INSERT INTO goals (form_id, overall, annual, expected, achieved)
		VALUES (1, NULL, NULL, NULL, NULL), (2, NULL, NULL, '完成培训', '完成'), (3, NULL, '保障畅通', NULL, NULL)`,
	`INSERT INTO budget (form_id, key, label, initial, adjusted, executed, weight, rate, score)
		VALUES (2, 'total', '年度资金总额', 100000, 120000, 103200, 10, 86, 8.6)`,
	`INSERT INTO budget_request (form_id, seq, basis, label, amount, raw) VALUES (3, 1, '', '资金总额', 1000000, '100')`,
	`INSERT INTO corrections (form_id, field, old_value, new_value, reviewer, corrected_at)
		VALUES (1, 'funds.total', '200', '２５０', 'r', '2024-01-02T00:00:00.000000000Z'),
		       (1, 'funds.fiscal', '150', '1,800.5万元', 'r', '2024-01-02T00:00:01.000000000Z'),
		       (1, 'funds.other', '50', '约50', 'r', '2024-01-02T00:00:02.000000000Z'),
		       (2, 'total_score', '88', '90', 'r', '2024-01-02T00:00:03.000000000Z'),
		       (2, 'grade', '良', '优', 'r', '2024-01-02T00:00:04.000000000Z'),
		       (2, 'goals.expected', '完成培训', '完成培训500人次', 'r', '2024-01-02T00:00:05.000000000Z')`,
}

// TestMigrateV10 upgrades a database of schema version 10 in place and
// checks that the funds corrections stored before get their amount in the
// form's unit, that the views show the corrections version 10 could
// already make of a self-evaluation form (total score, grade, goals), that
// the new views show the stored rows, and that a department form now has
// an identity key.
func TestMigrateV10(t *testing.T) {
	db := upgraded(t, 10, v10Rows)
	checkValues(t, db, []valueCheck{
		{"version", `SELECT user_version AS v FROM pragma_user_version`, int64(store.SchemaVersion)},
		{"funds amounts backfilled", `SELECT group_concat(coalesce(amount, 'NULL'), ' ') AS v FROM (SELECT amount FROM corrections ORDER BY id)`,
			"2500000.0 18005000.0 NULL NULL NULL NULL"},
		{"funds as corrected", `SELECT funds_total || ' ' || funds_fiscal || ' ' || coalesce(funds_other, 'NULL') AS v
			FROM forms_current WHERE form_id = 1`, "2500000.0 18005000.0 NULL"},
		{"scores as corrected", `SELECT total_score || ' ' || grade || ' ' || total_score_read || ' ' || grade_read AS v
			FROM forms_current WHERE form_id = 2`, "90.0 优 88.0 良"},
		{"overview as corrected", `SELECT total_score || ' ' || grade AS v FROM forms_overview WHERE form_id = 2`, "90.0 优"},
		{"goals as corrected", `SELECT goals_expected || ' ' || goals_expected_read || ' ' || goals_achieved AS v
			FROM forms_current WHERE form_id = 2`, "完成培训500人次 完成培训 完成"},
		{"header_extra", `SELECT json_extract(header_extra, '$.项目编码') AS v FROM forms_current WHERE form_id = 2`, "P-1"},
		{"budget_current", `SELECT label || ' ' || executed || ' ' || score || ' ' || executed_read AS v FROM budget_current`,
			"年度资金总额 103200.0 8.6 103200.0"},
		{"budget_request_current", `SELECT label || ' ' || amount || ' ' || raw AS v FROM budget_request_current`, "资金总额 1000000.0 100"},
		{"no tasks", `SELECT count(*) AS v FROM tasks_current`, int64(0)},
		{"department key", `SELECT identity_key AS v FROM forms_current WHERE form_id = 3`, "2024||交通局||0.00|department_target"},
		{"form_values", `SELECT count(*) AS v FROM form_values WHERE field = 'budget.total.executed'`, int64(1)},
	})
}
