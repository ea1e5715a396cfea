package render

import (
	"os"
	"path/filepath"
	"testing"
)

// styleExports are the 44 goldens of fixtures/text/forms.txt written in the
// text styles that drop blank cells.
var styleExports = []struct {
	style TextStyle
	path  string
}{
	{TextPipe, "../../../fixtures/styles/forms-pipe.txt"},
	{TextCellPerLine, "../../../fixtures/styles/forms-lines.txt"},
}

// TestStyleExports fails when a committed export of fixtures/styles is not
// what the goldens render to now; -update rewrites them (then run go test
// ./normalize -run GoldenStyles).
func TestStyleExports(t *testing.T) {
	paths, err := filepath.Glob(goldenDir + "/form-*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("goldens: %v", err)
	}
	recs, err := LoadRecords(paths)
	if err != nil {
		t.Fatal(err)
	}
	forms := make([]Form, len(recs))
	for i, r := range recs {
		forms[i] = Build(r)
	}
	for _, e := range styleExports {
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
			t.Errorf("%s is stale: go test ./cmd/internal/render -run StyleExports -update", e.path)
		}
	}
}
