package render

import (
	"os"
	"path/filepath"
	"testing"
)

// selfEvalExports are the text exports rendered from the self-evaluation
// goldens, one file per style.
var selfEvalExports = []struct {
	path  string
	style TextStyle
}{
	{"../../../fixtures/selfeval/tab.txt", TextTab},
	{"../../../fixtures/selfeval/pipe.txt", TextPipe},
	{"../../../fixtures/selfeval/lines.txt", TextCellPerLine},
}

// TestSelfEvalExports renders the self-evaluation goldens
// (fixtures/golden/selfeval) in each text style and compares the result
// with the committed export: it fails when an export is stale, and
// -update-selfeval rewrites them.
func TestSelfEvalExports(t *testing.T) {
	paths, _ := filepath.Glob("../../../fixtures/golden/selfeval/form-*.json")
	if len(paths) < 10 {
		t.Fatalf("%d self-evaluation goldens, want at least 10", len(paths))
	}
	recs, err := LoadRecords(paths)
	if err != nil {
		t.Fatal(err)
	}
	var forms []Form
	for i, r := range recs {
		if r.Source.FormIndex != i+1 {
			t.Fatalf("%s: form_index %d, want its position %d", paths[i], r.Source.FormIndex, i+1)
		}
		forms = append(forms, Build(r))
	}
	for _, e := range selfEvalExports {
		got := Text(forms, e.style)
		if *update {
			if err := os.WriteFile(e.path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(e.path)
		if err != nil {
			t.Fatal(err)
		}
		if string(want) != got {
			t.Errorf("%s is stale: run go test ./cmd/internal/render -run SelfEvalExports -update-selfeval", e.path)
		}
	}
}
