package store

import (
	"database/sql/driver"
	"fmt"
	"math/bits"
	"strings"

	"jixiao"
)

// table names the columns SaveDocument inserts into a table, in the order
// of insertRow's values; column 0 is the parent's id. The columns of forms
// that hold the record's header fields are named as the fields.
type table struct {
	name string
	cols []string
}

var (
	formsTable = table{"forms", []string{"document_id", "form_index", "line_from", "line_to",
		"page_from", "page_to", jixiao.FieldTitle, jixiao.FieldYear, jixiao.FieldProjectName,
		jixiao.FieldProjectNature, jixiao.FieldProjectCategory, jixiao.FieldDepartment,
		jixiao.FieldImplementingUnit, jixiao.FieldStartDate, jixiao.FieldEndDate, jixiao.FieldFundsUnit,
		// Schema version 10.
		jixiao.FieldFormType, jixiao.FieldTemplate, jixiao.FieldHeaderExtra, jixiao.FieldTotalScore, jixiao.FieldGrade}}
	fundsTable = table{"funds", []string{"form_id",
		"total", "total_raw", "annual_total", "annual_total_raw", "fiscal", "fiscal_raw",
		"appropriation", "appropriation_raw", "carryover", "carryover_raw",
		"other", "other_raw", "annual_other", "annual_other_raw"}}
	goalsTable      = table{"goals", []string{"form_id", "overall", "annual", "expected", "achieved"}}
	indicatorsTable = table{"indicators", []string{"form_id", "seq", "level1", "level2", "level2_raw",
		"name", "name_norm", "value", "target_kind", "target_json", "confidence", "flag_codes", "line",
		"target_op", "target_value", "target_unit", "target_min", "target_max",
		"target_by", "target_from", "target_to", "target_times", "target_every", "target_per",
		"target_direction", "target_basis", "target_label", "target_detail",
		"level1_weight", "level2_weight",
		// Schema version 10.
		"period", jixiao.IndicatorValueParts, "direction", "standard", "note",
		"actual", "actual_kind", "actual_json", "actual_op", "actual_value", "actual_unit", "actual_min", "actual_max",
		"actual_by", "actual_from", "actual_to", "actual_times", "actual_every", "actual_per",
		"actual_direction", "actual_basis", "actual_label", "actual_detail",
		"weight", "score", "deviation"}}
	budgetTable = table{"budget", []string{"form_id", "key", "label",
		"initial", "adjusted", "executed", "weight", "rate", "score"}}
	// A whole-department form's tasks and budget request (schema version
	// 10); the tables are named as the record's fields.
	tasksTable         = table{jixiao.FieldTasks, []string{"form_id", "seq", "name", "content", "amount", "amount_raw"}}
	budgetRequestTable = table{jixiao.FieldBudgetRequest, []string{"form_id", "seq", "basis", "label", "amount", "raw"}}
)

// all returns the set of all of t's columns.
func (t *table) all() uint64 { return 1<<len(t.cols) - 1 }

// insertSQL returns the INSERT of the columns cols of t.
func (t *table) insertSQL(cols uint64) string {
	var names []string
	for i, c := range t.cols {
		if cols&(1<<i) != 0 {
			names = append(names, c)
		}
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.name, strings.Join(names, ", "),
		strings.TrimSuffix(strings.Repeat("?, ", len(names)), ", "))
}

// variant is an INSERT of some of a table's columns.
type variant struct {
	t    *table
	cols uint64
}

// maxVariants bounds the statements prepared for the sets of columns
// rows give; rows of other sets use the INSERT of all columns.
const maxVariants = 256

// insertRow inserts r into t under the parent id parent, with the
// statement for r's columns (all: the statement of all of t's columns),
// and returns the new row's id. It sets r.args[0].
func (s *saver) insertRow(t *table, all driver.Stmt, r insertRow, parent int64) (int64, error) {
	r.args[0] = parent
	if r.cols == t.all() {
		return s.insert(all, r.args)
	}
	v := variant{t, r.cols}
	stmt, ok := s.variants[v]
	if !ok && len(s.variants) < maxVariants {
		var err error
		if stmt, err = s.conn.(driverConn).PrepareContext(s.ctx, t.insertSQL(r.cols)); err != nil {
			return 0, fmt.Errorf("prepare: %w", err)
		}
		if s.variants == nil {
			s.variants = map[variant]driver.Stmt{}
		}
		s.variants[v] = stmt
		ok = true
	}
	if ok {
		return s.insert(stmt, r.args)
	}
	// Too many sets of columns: all of them, NULL where not given.
	if n := bits.OnesCount64(r.cols); n != len(r.args) {
		return 0, fmt.Errorf("%d values for %d columns", len(r.args), n)
	}
	full := make([]any, len(t.cols))
	for i, k := 0, 0; i < len(t.cols); i++ {
		if r.cols&(1<<i) != 0 {
			full[i] = r.args[k]
			k++
		}
	}
	return s.insert(all, full)
}
