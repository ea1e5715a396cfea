package badinput

import (
	"bytes"
	"jixiao/extract/pdf/pdftest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCorpusUpToDate checks that fixtures/bad holds exactly what Files
// generates, and that its README describes every file. Regenerate with
// go run ./cmd/genbad fixtures/text/forms.txt.
func TestCorpusUpToDate(t *testing.T) {
	forms, err := os.ReadFile("../../../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(forms)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../../fixtures/bad/README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join("../../../fixtures/bad", f.Name))
		if err != nil {
			t.Errorf("%s: %v (run go run ./cmd/genbad fixtures/text/forms.txt)", f.Name, err)
			continue
		}
		if !bytes.Equal(got, f.Data) {
			t.Errorf("%s differs from the generator's output (run go run ./cmd/genbad fixtures/text/forms.txt)", f.Name)
		}
		if !strings.Contains(string(readme), "`"+f.Name+"`") {
			t.Errorf("fixtures/bad/README.md does not describe %s", f.Name)
		}
	}
}

// TestDeterministic checks that two generations give the same bytes.
func TestDeterministic(t *testing.T) {
	forms, err := os.ReadFile("../../../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Files(forms)
	b, _ := Files(forms)
	for i := range a {
		if !bytes.Equal(a[i].Data, b[i].Data) {
			t.Errorf("%s: two generations differ", a[i].Name)
		}
	}
	if !bytes.Equal(pdftest.DeepTreePDF(300), pdftest.DeepTreePDF(300)) {
		t.Error("DeepTreePDF differs between calls")
	}
}
