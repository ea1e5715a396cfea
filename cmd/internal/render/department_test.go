package render

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	golden "jixiao"
)

var update = flag.Bool("update", false, "rewrite the committed text exports of the fixtures from the goldens")

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

// TestDepartmentExports fails when a committed text export of the
// department goldens is not what they render to now; -update rewrites
// them (then read the goldens' test: go test ./normalize -run Department).
func TestDepartmentExports(t *testing.T) {
	forms := departmentForms(t)
	for _, e := range departmentExports {
		want := Text(forms, e.style)
		if *update {
			if err := os.WriteFile(e.path, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(e.path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is stale: go test ./cmd/internal/render -run DepartmentExports -update", e.path)
		}
	}
}
