package jixiao

import "testing"

// TestPathParsers: each parser reads back the paths its builder makes and
// refuses the others.
func TestPathParsers(t *testing.T) {
	for _, tt := range []struct {
		path      string
		key, leaf string
		ok        bool
	}{
		{BudgetField(BudgetTotal, BudgetLeafScore), BudgetTotal, BudgetLeafScore, true},
		{BudgetField("1.财政专户管理资金", BudgetLeafInitial), "1.财政专户管理资金", BudgetLeafInitial, true},
		{BudgetField(BudgetOther, ""), "", "", false},
		{FieldBudget + "..score", "", "", false},
		{FieldBudget + ".total.", "", "", false},
		{FieldBudget, "", "", false},
		{FieldFundsTotal, "", "", false},
	} {
		key, leaf, ok := BudgetCell(tt.path)
		if key != tt.key || leaf != tt.leaf || ok != tt.ok {
			t.Errorf("BudgetCell(%q) = %q, %q, %v; want %q, %q, %v", tt.path, key, leaf, ok, tt.key, tt.leaf, tt.ok)
		}
	}
	for _, tt := range []struct {
		path, label string
		ok          bool
	}{
		{HeaderExtraField("项目期"), "项目期", true},
		{HeaderExtraField("a.b"), "a.b", true},
		{HeaderExtraField(""), "", false},
		{FieldHeaderExtra, "", false},
		{FieldProjectName, "", false},
	} {
		if label, ok := HeaderExtraLabel(tt.path); label != tt.label || ok != tt.ok {
			t.Errorf("HeaderExtraLabel(%q) = %q, %v; want %q, %v", tt.path, label, ok, tt.label, tt.ok)
		}
	}
	for _, tt := range []struct {
		parse func(string) (int, bool)
		path  string
		i     int
		ok    bool
	}{
		{IndicatorIndex, IndicatorField(3, IndicatorValue), 3, true},
		{IndicatorIndex, TaskField(3, TaskName), 0, false},
		{TaskIndex, TaskField(12, TaskAmount), 12, true},
		{TaskIndex, TaskField(0, ""), 0, true},
		{TaskIndex, BudgetLineField(1, LineAmount), 0, false},
		{BudgetLineIndex, BudgetLineField(5, LineLabel), 5, true},
		{BudgetLineIndex, FieldBudgetRequest + "[].amount", 0, false},
		{BudgetLineIndex, FieldBudgetRequest + "[-1].amount", 0, false},
		{BudgetLineIndex, FieldBudgetRequest + "[99999999999999999999].amount", 0, false},
	} {
		if i, ok := tt.parse(tt.path); i != tt.i || ok != tt.ok {
			t.Errorf("index of %q = %d, %v; want %d, %v", tt.path, i, ok, tt.i, tt.ok)
		}
	}
}

// TestFormFields: HeaderText and FundsCell give a field of its own for
// each of their paths, and nothing for another.
func TestFormFields(t *testing.T) {
	var f Form
	seen := map[any]string{}
	for _, p := range []string{FieldProjectName, FieldProjectNature, FieldProjectCategory, FieldDepartment,
		FieldImplementingUnit, FieldStartDate, FieldEndDate} {
		q := f.HeaderText(p)
		if q == nil || seen[q] != "" {
			t.Errorf("HeaderText(%s) = %v (also %q)", p, q, seen[q])
		}
		seen[q] = p
		if raw, amount := f.FundsCell(p); raw != nil || amount != nil {
			t.Errorf("FundsCell(%s) is a funds cell", p)
		}
	}
	for _, p := range []string{FieldFundsTotal, FieldFundsAnnualTotal, FieldFundsFiscal, FieldFundsAppropriation,
		FieldFundsCarryover, FieldFundsOther, FieldFundsAnnualOther} {
		raw, amount := f.FundsCell(p)
		if raw == nil || amount == nil || seen[raw] != "" || seen[amount] != "" {
			t.Errorf("FundsCell(%s) = %v, %v", p, raw, amount)
		}
		seen[raw], seen[amount] = p, p
		if f.HeaderText(p) != nil {
			t.Errorf("HeaderText(%s) is a header field", p)
		}
	}
	if f.HeaderText(FieldGoalAnnual) != nil || f.HeaderText(FieldFunds) != nil {
		t.Errorf("HeaderText of a goal or the funds block")
	}
}
