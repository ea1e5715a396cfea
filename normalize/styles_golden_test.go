package normalize_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao/fixtures/fixturetest"
)

// TestGoldenStyles reads the 44 goldens as written in the text styles that
// drop blank cells (fixtures/styles: cells between |, one cell per line;
// cmd/internal/render writes them) and compares each form with its golden.
// Where the form was found (source) and each indicator's line differ by
// nature; everything else must be equal.
func TestGoldenStyles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(goldenDir, "form-*.json"))
	for _, path := range []string{"../fixtures/styles/forms-pipe.txt", "../fixtures/styles/forms-lines.txt"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			forms := pipeline(t, path)
			if len(forms) != len(files) {
				t.Fatalf("%d forms, want %d", len(forms), len(files))
			}
			for i, f := range forms {
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
					for _, ind := range m["indicators"].([]any) {
						delete(ind.(map[string]any), "line")
					}
				}
				fixturetest.Diff(t, fmt.Sprintf("form-%02d", i+1), want, got)
			}
		})
	}
}
