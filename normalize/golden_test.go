package normalize_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/fixtures/fixturetest"
	"jixiao/normalize"
)

var update = flag.Bool("update", false, "rewrite the golden records from the pipeline's output (then read every changed line against the source)")

const (
	fixture   = "../fixtures/text/forms.txt"
	goldenDir = "../fixtures/golden"
)

// pipeline reads a fixture file the way ingest does: extract, then normalize.
func pipeline(t testing.TB, path string) []jixiao.Form {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extract.Read(context.Background(), path, data)
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	for i := range doc.Forms {
		normalize.Form(&doc.Forms[i])
	}
	return doc.Forms
}

// comparable turns a record into the generic JSON a golden holds: without
// form_id, source path and hash, and flag messages (which must not be empty);
// flags sorted by field and code.
func comparable(t testing.TB, f jixiao.Form) map[string]any {
	t.Helper()
	for _, fl := range f.Flags {
		if fl.Message == "" {
			t.Errorf("form %d: flag %s on %s has no message", f.Source.FormIndex, fl.Code, fl.Field)
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
	return strip(m)
}

func strip(m map[string]any) map[string]any {
	delete(m, "form_id")
	if src, ok := m["source"].(map[string]any); ok {
		delete(src, "path")
		delete(src, "sha256")
	}
	fixturetest.Unmessaged(m)
	return m
}

func TestGolden(t *testing.T) {
	forms := pipeline(t, fixture)
	files, _ := filepath.Glob(filepath.Join(goldenDir, "form-*.json"))
	if !*update && len(forms) != len(files) {
		t.Errorf("pipeline found %d forms, there are %d goldens", len(forms), len(files))
	}
	for i, f := range forms {
		name := fmt.Sprintf("form-%02d.json", i+1)
		t.Run(name, func(t *testing.T) {
			got := comparable(t, f)
			path := filepath.Join(goldenDir, name)
			if *update {
				writeJSON(t, path, got)
				return
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			fixturetest.Diff(t, "", strip(want), got)
		})
	}
}

// TestGoldenPDF reads every fixture PDF (each renders the 44 golden forms,
// in order, by some producer and layout) and compares each form with the
// golden it was rendered from. Where a form was found (source, pages,
// geometry) and the text line of each indicator differ by nature;
// everything else must be equal.
func TestGoldenPDF(t *testing.T) {
	pdfs, _ := filepath.Glob("../fixtures/pdf/*.pdf")
	if len(pdfs) == 0 {
		t.Fatal("no fixture PDFs")
	}
	for _, path := range pdfs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			forms := pipeline(t, path)
			files, _ := filepath.Glob(filepath.Join(goldenDir, "form-*.json"))
			if len(forms) != len(files) {
				t.Errorf("%d forms, want %d", len(forms), len(files))
			}
			for i, f := range forms {
				if i >= len(files) {
					break
				}
				if f.Source.Kind != jixiao.KindPDF || f.Source.PageFrom < 1 || f.Source.PageTo < f.Source.PageFrom {
					t.Errorf("form %d: source %+v", i+1, f.Source)
				}
				got := comparable(t, f)
				data, err := os.ReadFile(files[i])
				if err != nil {
					t.Fatal(err)
				}
				var want map[string]any
				if err := json.Unmarshal(data, &want); err != nil {
					t.Fatal(err)
				}
				want = strip(want)
				for _, m := range []map[string]any{got, want} {
					delete(m, "source")
					delete(m, "pages")
					delete(m, "geometry")
					for _, ind := range m["indicators"].([]any) {
						delete(ind.(map[string]any), "line")
					}
				}
				fixturetest.Diff(t, fmt.Sprintf("form-%02d", i+1), want, got)
			}
		})
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
