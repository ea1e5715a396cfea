package render

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/fixtures/fixturetest"
	"jixiao/normalize"
)

// familyTemplates are the templates whose goldens live in
// fixtures/golden/<template>/ and whose text exports this test writes.
var familyTemplates = []string{jixiao.TemplateMOF88, jixiao.TemplateTarget}

// sourceTemplates are the templates TestFamilySources renders: every
// template with goldens in fixtures/golden/<template>/.
var sourceTemplates = []string{jixiao.TemplateMOF88, jixiao.TemplateTarget, jixiao.TemplateSelfEval, jixiao.TemplateDepartment}

// familyStyles are the text export styles, by the suffix of their file.
var familyStyles = []struct {
	name  string
	style TextStyle
}{{"tab", TextTab}, {"pipe", TextPipe}, {"cells", TextCellPerLine}}

const familyDir = "../../../fixtures/family"

// loadFamily returns the goldens of a template, in file order.
func loadFamily(t *testing.T, template string) ([]string, []jixiao.Form) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(goldenDir, template, "*.json"))
	if len(paths) < 10 {
		t.Fatalf("%d goldens of %s, want at least 10", len(paths), template)
	}
	recs, err := LoadRecords(paths)
	if err != nil {
		t.Fatal(err)
	}
	return paths, recs
}

// TestFamilyExports checks that the committed text exports of each
// template and style are what the renderer writes from the goldens today
// (-update rewrites them), then reads each export through extract and
// normalize and compares every field of every form with its golden. The
// lines a form and its indicators were read from differ by style and are
// not compared; the goldens hold none.
func TestFamilyExports(t *testing.T) {
	for _, tpl := range familyTemplates {
		paths, recs := loadFamily(t, tpl)
		forms := make([]Form, len(recs))
		for i, r := range recs {
			if r.Template != tpl || r.Source.FormIndex != i+1 {
				t.Fatalf("%s: template %q, form_index %d; want %q, %d", paths[i], r.Template, r.Source.FormIndex, tpl, i+1)
			}
			forms[i] = Build(r)
		}
		for _, st := range familyStyles {
			name := tpl + "-" + st.name + ".txt"
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(familyDir, name)
				want := Text(forms, st.style)
				if *update {
					if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if string(data) != want {
					t.Fatalf("%s is stale: go test ./cmd/internal/render -run TestFamilyExports -update rewrites it", path)
				}
				gots, wants := readFamily(t, path, data, paths)
				for i := range gots {
					fixturetest.Diff(t, fmt.Sprintf("%s form-%02d", tpl, i+1), wants[i], gots[i])
				}
			})
		}
	}
}

// readFamily reads the document data (named name) and returns each form
// read as compared (familyComparable) beside its golden at paths, stripped
// alike (familyStrip). It reports a count of forms other than the
// goldens'.
func readFamily(t *testing.T, name string, data []byte, paths []string) (gots, wants []map[string]any) {
	t.Helper()
	doc, err := extract.Read(context.Background(), name, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Forms) != len(paths) {
		t.Errorf("%d forms, want %d", len(doc.Forms), len(paths))
	}
	for i := range doc.Forms {
		if i >= len(paths) {
			break
		}
		f := doc.Forms[i]
		normalize.Form(&f)
		b, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		var want map[string]any
		if err := json.Unmarshal(b, &want); err != nil {
			t.Fatal(err)
		}
		gots, wants = append(gots, familyComparable(t, f)), append(wants, familyStrip(want))
	}
	return gots, wants
}

// familyComparable turns a record into the JSON of a family golden: no
// form id, no lines, no path or hash, flags without messages (which must
// not be empty).
func familyComparable(t *testing.T, f jixiao.Form) map[string]any {
	t.Helper()
	for _, fl := range f.Flags {
		if fl.Message == "" {
			t.Errorf("flag %s on %s has no message", fl.Code, fl.Field)
		}
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return familyStrip(m)
}

func familyStrip(m map[string]any) map[string]any {
	delete(m, "form_id")
	if src, ok := m["source"].(map[string]any); ok {
		for _, k := range []string{"path", "sha256", "line_from", "line_to"} {
			delete(src, k)
		}
	}
	if inds, ok := m["indicators"].([]any); ok {
		for _, x := range inds {
			delete(x.(map[string]any), "line")
		}
	}
	fixturetest.Unmessaged(m)
	return m
}

// TestFamilySources renders the goldens of each template as PDF in every
// layout, as HTML and as spreadsheets (FODS, ODS, XLSX), reads each back
// through its extractor and compares every field with the golden, except
// where the form was found (source, pages, geometry), which differs by
// nature.
func TestFamilySources(t *testing.T) {
	type source struct {
		name   string
		font   string // "" when no font is needed
		render func([]Form) ([]byte, error)
	}
	var sources []source
	for name, l := range Layouts {
		sources = append(sources, source{"pdf-" + name + ".pdf", l.Font, func(fs []Form) ([]byte, error) { return PDF(l, fs, true) }})
	}
	sources = append(sources,
		source{"page.html", "", func(fs []Form) ([]byte, error) { return HTML(fs, HTMLOptions{}), nil }},
		source{"sheet.fods", "", func(fs []Form) ([]byte, error) { return FODS(fs), nil }},
		source{"sheet.ods", "", ODS},
		source{"sheet.xlsx", "", XLSX},
	)
	for _, src := range sources {
		for _, tpl := range sourceTemplates {
			t.Run(src.name+"/"+tpl, func(t *testing.T) {
				if src.font != "" {
					needFonts(t, src.font)
				}
				paths, recs := loadFamily(t, tpl)
				forms := make([]Form, len(recs))
				for i, r := range recs {
					forms[i] = Build(r)
				}
				b, err := src.render(forms)
				if err != nil {
					t.Fatal(err)
				}
				gots, wants := readFamily(t, tpl+"-"+src.name, b, paths)
				for i := range gots {
					got, want := gots[i], wants[i]
					for _, m := range []map[string]any{got, want} {
						delete(m, "source")
						delete(m, "pages")
						delete(m, "geometry")
					}
					fixturetest.Diff(t, fmt.Sprintf("%s form-%02d", tpl, i+1), want, got)
				}
			})
		}
	}
}
