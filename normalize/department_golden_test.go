package normalize_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/fixtures/fixturetest"
)

const departmentGoldens = "../fixtures/golden/department"

// departmentExports are the text exports of the department goldens, one
// per style (cmd/internal/render writes them). lines says whether the
// style keeps the lines of the tab export, so that the goldens' line
// numbers hold for it.
var departmentExports = []struct {
	path  string
	lines bool
}{
	{"../fixtures/department/tab.txt", true},
	{"../fixtures/department/pipe.txt", true},
	{"../fixtures/department/lines.txt", false},
}

// dropLines removes what depends on the lines of the export: the source's
// line span and each indicator's line.
func dropLines(m map[string]any) {
	if src, ok := m["source"].(map[string]any); ok {
		delete(src, "line_from")
		delete(src, "line_to")
	}
	if inds, ok := m["indicators"].([]any); ok {
		for _, x := range inds {
			delete(x.(map[string]any), "line")
		}
	}
}

// TestDepartmentGolden reads each text export of the whole-department
// fixtures through the pipeline and compares every field of every form
// with its golden (fixtures/golden/department/dept-NN.json). -update
// rewrites the goldens from the tab export (then read every changed line
// against the source).
func TestDepartmentGolden(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(departmentGoldens, "dept-*.json"))
	if len(files) < 10 {
		t.Fatalf("%d department goldens, want at least 10", len(files))
	}
	for _, e := range departmentExports {
		t.Run(filepath.Base(e.path), func(t *testing.T) {
			forms := pipeline(t, e.path)
			if len(forms) != len(files) {
				t.Fatalf("pipeline found %d forms, there are %d goldens", len(forms), len(files))
			}
			for i, f := range forms {
				if f.FormType != jixiao.FormDepartmentTarget {
					t.Errorf("form %d: form_type %q", i+1, f.FormType)
				}
				got := comparable(t, f)
				if *update {
					if e.path == departmentExports[0].path {
						writeJSON(t, files[i], got)
					}
					continue
				}
				data, err := os.ReadFile(files[i])
				if err != nil {
					t.Fatal(err)
				}
				var want map[string]any
				if err := json.Unmarshal(data, &want); err != nil {
					t.Fatalf("%s: %v", files[i], err)
				}
				want = strip(want)
				if !e.lines {
					dropLines(want)
					dropLines(got)
				}
				fixturetest.Diff(t, filepath.Base(files[i]), want, got)
			}
		})
	}
}
