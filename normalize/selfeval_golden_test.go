package normalize_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao/fixtures/fixturetest"
)

const selfEvalGoldens = "../fixtures/golden/selfeval"

// TestGoldenSelfEval reads the text exports of the self-evaluation
// goldens, one file per style (cmd/internal/render writes them from the
// goldens), and compares every field of every record with its golden.
// The goldens' source spans and indicator lines are the tab export's;
// those of the other styles differ by nature and are not compared. With
// -update the goldens are rewritten from the tab export's reading (then
// read every changed line against the source, and render the exports
// again).
func TestGoldenSelfEval(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(selfEvalGoldens, "form-*.json"))
	if len(files) < 10 {
		t.Fatalf("%d goldens, want at least 10", len(files))
	}
	for _, style := range []string{"tab", "pipe", "lines"} {
		t.Run(style, func(t *testing.T) {
			forms := pipeline(t, "../fixtures/selfeval/"+style+".txt")
			if len(forms) != len(files) {
				t.Errorf("%d forms, want %d", len(forms), len(files))
			}
			for i, f := range forms {
				if i >= len(files) {
					break
				}
				got := comparable(t, f)
				if *update && style == "tab" {
					writeJSON(t, files[i], got)
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
				if style != "tab" {
					for _, m := range []map[string]any{got, want} {
						delete(m, "source")
						for _, ind := range m["indicators"].([]any) {
							delete(ind.(map[string]any), "line")
						}
					}
				}
				fixturetest.Diff(t, fmt.Sprintf("form-%02d", i+1), want, got)
			}
		})
	}
}
