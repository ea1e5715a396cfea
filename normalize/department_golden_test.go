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

// departmentExports are the exports of the department goldens: the text
// exports, one per style, and a PDF (cmd/internal/render writes them).
// lines says whether the export keeps the lines of the tab export, so
// that the goldens' line numbers hold for it.
var departmentExports = []struct {
	path  string
	lines bool
}{
	{"../fixtures/department/tab.txt", true},
	{"../fixtures/department/pipe.txt", true},
	{"../fixtures/department/lines.txt", false},
	{"../fixtures/department/genpdf-a.pdf", false},
}

// dropLines removes what depends on the lines of the export or its pages:
// the source's line and page span, pages and geometry, and each
// indicator's line.
func dropLines(m map[string]any) {
	delete(m, "pages")
	delete(m, "geometry")
	if src, ok := m["source"].(map[string]any); ok {
		for _, k := range []string{"line_from", "line_to", "page_from", "page_to", "kind"} {
			delete(src, k)
		}
	}
	if inds, ok := m["indicators"].([]any); ok {
		for _, x := range inds {
			delete(x.(map[string]any), "line")
		}
	}
}

// TestDepartmentGolden reads each export of the whole-department fixtures
// through the pipeline and compares every field of every form
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
				if f.Source.Kind == jixiao.KindPDF {
					placed(t, f)
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

// placed checks that a department form read from a PDF says where its
// fields were read: its name, goal, first task, each budget amount, and
// each indicator's name, value and levels.
func placed(t *testing.T, f jixiao.Form) {
	t.Helper()
	paths := []string{jixiao.FieldDepartment, jixiao.FieldGoalAnnual, jixiao.TaskField(0, jixiao.TaskName)}
	for i, l := range f.BudgetRequest {
		if l.Raw != nil {
			paths = append(paths, jixiao.BudgetLineField(i, jixiao.LineAmount))
		}
	}
	for i := range f.Indicators {
		for _, leaf := range []string{jixiao.IndicatorName, jixiao.IndicatorValue, jixiao.IndicatorLevel1, jixiao.IndicatorLevel2} {
			paths = append(paths, jixiao.IndicatorField(i, leaf))
		}
	}
	for _, p := range paths {
		if g, ok := f.Geometry[p]; !ok || g.Page < f.Source.PageFrom || g.Page > f.Source.PageTo || g.Box.Empty() {
			t.Errorf("form %d: %s at %+v (ok %v), pages %d-%d", f.Source.FormIndex, p, g, ok, f.Source.PageFrom, f.Source.PageTo)
		}
	}
}
