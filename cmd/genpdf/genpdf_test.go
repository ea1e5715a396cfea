package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const golden1 = "../../fixtures/golden/form-01.json"

// render runs genpdf on form 1 and returns the PDF it wrote.
func render(t *testing.T, layout string) []byte {
	t.Helper()
	for _, f := range []string{layouts[layout].font, fallbackFont} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("font missing (make fixtures-pdf installs it): %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "form.pdf")
	var stderr bytes.Buffer
	if code := run([]string{"-layout", layout, "-out", out, golden1}, &stderr); code != 0 {
		t.Fatalf("genpdf exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRender(t *testing.T) {
	for _, layout := range []string{"a", "b"} {
		t.Run(layout, func(t *testing.T) {
			b := render(t, layout)
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("output starts with %q, want %%PDF-", b[:min(len(b), 8)])
			}
			if !bytes.Contains(b, []byte("/ToUnicode")) {
				t.Error("no /ToUnicode map")
			}
			if again := render(t, layout); !bytes.Equal(b, again) {
				t.Error("two renders differ")
			}
		})
	}
}

func TestPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext missing (apt poppler-utils)")
	}
	pdf := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(pdf, render(t, "a"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Names may wrap inside their cell: compare without line breaks.
	text := strings.NewReplacer("\n", "", " ", "").Replace(string(out))
	recs, err := loadRecords([]string{golden1})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range recs[0].Indicators {
		if !strings.Contains(text, strings.ReplaceAll(str(in.Name), " ", "")) {
			t.Errorf("pdftotext output lacks indicator %q", str(in.Name))
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"-layout", "c", "-out", "x.pdf", golden1}, {golden1}} {
		if code := run(args, &bytes.Buffer{}); code != 2 {
			t.Errorf("run %q = %d, want 2", args, code)
		}
	}
}
