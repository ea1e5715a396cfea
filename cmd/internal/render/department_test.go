package render

import (
	"os"
	"path/filepath"
	"testing"

	golden "jixiao"
)

// departmentExports are the text exports of the whole-department goldens
// (fixtures/golden/department), one file per style.
var departmentExports = []struct {
	style TextStyle
	path  string
}{
	{TextTab, "../../../fixtures/department/tab.txt"},
	{TextPipe, "../../../fixtures/department/pipe.txt"},
	{TextCellPerLine, "../../../fixtures/department/lines.txt"},
}

func departmentForms(t *testing.T) []Form {
	t.Helper()
	paths, err := filepath.Glob("../../../fixtures/golden/department/dept-*.json")
	if err != nil || len(paths) < 10 {
		t.Fatalf("department goldens: %d (%v), want at least 10", len(paths), err)
	}
	recs, err := LoadRecords(paths)
	if err != nil {
		t.Fatal(err)
	}
	forms := make([]Form, len(recs))
	for i, r := range recs {
		if r.Template != golden.TemplateDepartment {
			t.Fatalf("%s: template %q, want %q", paths[i], r.Template, golden.TemplateDepartment)
		}
		forms[i] = Build(r)
	}
	return forms
}

// departmentPDF is the department goldens rendered by layout a.
const departmentPDF = "../../../fixtures/department/genpdf-a.pdf"

// TestDepartmentExports fails when a committed export of the department
// goldens (the text exports; the PDF, when its fonts are installed) is not
// what they render to now; -update rewrites them (then run the goldens'
// test: go test ./normalize -run Department).
func TestDepartmentExports(t *testing.T) {
	forms := departmentForms(t)
	exports := map[string]string{}
	for _, e := range departmentExports {
		exports[e.path] = Text(forms, e.style)
	}
	if fontsPresent(Layouts["a"].Font) {
		pdf, err := PDF(Layouts["a"], forms, true)
		if err != nil {
			t.Fatal(err)
		}
		exports[departmentPDF] = string(pdf)
	} else {
		t.Logf("fonts missing: %s not checked", departmentPDF)
	}
	for path, want := range exports {
		if *update {
			if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is stale: go test ./cmd/internal/render -run DepartmentExports -update", path)
		}
	}
}

// fontsPresent reports whether the font files (and the fallback) exist.
func fontsPresent(paths ...string) bool {
	for _, p := range append(paths, FallbackFont) {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}
