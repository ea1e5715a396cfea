package review_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/review"
)

// TestDocsListCorrectableFields checks that the table of correctable
// fields in docs/review.md lists every field a reviewer can correct: each
// path of review.CorrectableFields, and each leaf of an item's fields on
// a row of its list's paths (written whole, or as ".leaf" after the
// first).
func TestDocsListCorrectableFields(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "review.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "## What a reviewer can correct")
	if !ok {
		t.Fatal("docs/review.md has no section What a reviewer can correct")
	}
	// rows returns the table's rows whose paths start with prefix.
	rows := func(prefix string) string {
		var out []string
		for _, l := range strings.Split(table, "\n") {
			if strings.HasPrefix(l, "| `"+prefix) {
				out = append(out, strings.SplitN(l, " | ", 2)[0])
			}
		}
		return strings.Join(out, "\n")
	}
	listed := func(prefix, leaf string) bool {
		r := rows(prefix)
		return strings.Contains(r, "`"+prefix+leaf+"`") || strings.Contains(r, "`."+leaf+"`")
	}
	for _, f := range review.CorrectableFields {
		prefix, leaf := "", f
		if i := strings.LastIndex(f, "."); i >= 0 {
			prefix, leaf = f[:i+1], f[i+1:]
		}
		if !listed(prefix, leaf) {
			t.Errorf("docs/review.md does not list %s", f)
		}
	}
	for _, l := range []struct {
		prefix string
		leaves []string
	}{
		{jixiao.FieldIndicators + "[i].", review.IndicatorFields},
		{jixiao.FieldBudget + ".<key>.", review.BudgetFields},
		{jixiao.FieldTasks + "[i].", review.TaskFields},
		{jixiao.FieldBudgetRequest + "[i].", review.BudgetLineFields},
	} {
		for _, leaf := range l.leaves {
			if !listed(l.prefix, leaf) {
				t.Errorf("docs/review.md does not list %s%s", l.prefix, leaf)
			}
		}
	}
	if !strings.Contains(table, "`"+jixiao.HeaderExtraField("<label>")+"`") {
		t.Errorf("docs/review.md does not list %s", jixiao.HeaderExtraField("<label>"))
	}
}
