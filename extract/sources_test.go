package extract_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/sniff"
	"jixiao/fixtures/fixturetest"
	"jixiao/normalize"
)

// TestGoldenSources reads the HTML and spreadsheet copies of the 44 golden
// forms (cmd/genpdf -html, -xlsx, -ods, -fods) and compares each
// reconstructed and normalized form with its golden, as normalize's
// TestGoldenPDF does for PDFs: where a form was found (source, pages,
// geometry) and each indicator's line differ by nature; everything else
// must be equal.
func TestGoldenSources(t *testing.T) {
	goldens, _ := filepath.Glob("../fixtures/golden/form-*.json")
	if len(goldens) != 44 {
		t.Fatalf("%d goldens, want 44", len(goldens))
	}
	for _, tt := range []struct {
		path     string
		detected sniff.Kind
		kind     jixiao.SourceKind
	}{
		{"../fixtures/html/forms.html", sniff.HTML, jixiao.KindHTML},
		{"../fixtures/sheet/forms.xlsx", sniff.XLSX, jixiao.KindSpreadsheet},
		{"../fixtures/sheet/forms.ods", sniff.ODS, jixiao.KindSpreadsheet},
		{"../fixtures/sheet/forms.fods", sniff.FODS, jixiao.KindSpreadsheet},
	} {
		t.Run(filepath.Base(tt.path), func(t *testing.T) {
			data, err := os.ReadFile(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Read(context.Background(), tt.path, data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Detected != tt.detected || doc.Kind != tt.kind {
				t.Errorf("detected %q, kind %q; want %q, %q", doc.Detected, doc.Kind, tt.detected, tt.kind)
			}
			if len(doc.Forms) != len(goldens) {
				t.Errorf("%d forms, want %d", len(doc.Forms), len(goldens))
			}
			for i := range doc.Forms {
				if i >= len(goldens) {
					break
				}
				f := doc.Forms[i]
				normalize.Form(&f)
				if s := f.Source; s.Kind != tt.kind || s.FormIndex != i+1 || s.LineFrom < 1 || s.LineTo < s.LineFrom {
					t.Errorf("form %d: source %+v", i+1, s)
				}
				b, err := json.Marshal(f)
				if err != nil {
					t.Fatal(err)
				}
				var got map[string]any
				if err := json.Unmarshal(b, &got); err != nil {
					t.Fatal(err)
				}
				b, err = os.ReadFile(goldens[i])
				if err != nil {
					t.Fatal(err)
				}
				var want map[string]any
				if err := json.Unmarshal(b, &want); err != nil {
					t.Fatal(err)
				}
				fixturetest.Diff(t, fmt.Sprintf("form-%02d", i+1), placeless(want), placeless(got))
			}
		})
	}
}

// An HTML page whose tables hold no form (a list of links under the
// form's title) fails as "no form": the title alone is not a form.
func TestHTMLWithoutForm(t *testing.T) {
	data, err := os.ReadFile("../fixtures/html/no-form.html")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Read(context.Background(), "no-form.html", data)
	if jixiao.KindOf(err) != jixiao.ErrNoForm || doc.Detected != sniff.HTML || len(doc.Forms) != 0 {
		t.Errorf("detected %q, %d forms, err = %v; want html, no form", doc.Detected, len(doc.Forms), err)
	}
}

// placeless strips a record of what depends on where it was read: form_id,
// source, pages, geometry, indicator lines and flag messages; flags are
// sorted by field and code.
func placeless(m map[string]any) map[string]any {
	for _, k := range []string{"form_id", "source", "pages", "geometry"} {
		delete(m, k)
	}
	if inds, ok := m["indicators"].([]any); ok {
		for _, in := range inds {
			delete(in.(map[string]any), "line")
		}
	}
	fixturetest.Unmessaged(m)
	return m
}
