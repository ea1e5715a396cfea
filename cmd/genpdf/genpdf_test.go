package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/cmd/internal/render"
)

const golden1 = "../../fixtures/golden/form-01.json"

// renderForm runs genpdf on form 1 and returns the PDF it wrote.
func renderForm(t *testing.T, layout string, flags ...string) []byte {
	t.Helper()
	for _, f := range []string{render.Layouts[layout].Font, render.FallbackFont} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("font missing (make fixtures-pdf installs it): %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "form.pdf")
	var stderr bytes.Buffer
	args := append(append([]string{"-layout", layout, "-out", out}, flags...), golden1)
	if code := run(args, &stderr); code != 0 {
		t.Fatalf("genpdf exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRender(t *testing.T) {
	for _, layout := range []string{"a", "b", "m"} {
		t.Run(layout, func(t *testing.T) {
			b := renderForm(t, layout)
			if !bytes.HasPrefix(b, []byte("%PDF-")) {
				t.Errorf("output starts with %q, want %%PDF-", b[:min(len(b), 8)])
			}
			if !bytes.Contains(b, []byte("/ToUnicode")) {
				t.Error("no /ToUnicode map")
			}
			if again := renderForm(t, layout); !bytes.Equal(b, again) {
				t.Error("two renders differ")
			}
		})
	}
}

// -borderless draws the same text without a single rectangle.
func TestBorderless(t *testing.T) {
	for _, layout := range []string{"a", "b", "m"} {
		ruled := renderForm(t, layout, "-uncompressed")
		plain := renderForm(t, layout, "-uncompressed", "-borderless")
		if !bytes.Contains(ruled, []byte(" re S")) {
			t.Errorf("layout %s: no rectangle drawn", layout)
		}
		if bytes.Contains(plain, []byte(" re S")) {
			t.Errorf("layout %s -borderless: a rectangle is drawn", layout)
		}
		if n, m := bytes.Count(ruled, []byte(" Tj")), bytes.Count(plain, []byte(" Tj")); n != m || n == 0 {
			t.Errorf("layout %s: %d text runs with borders, %d without", layout, n, m)
		}
	}
}

// Layout m turns every second form: two forms give an A4 portrait page
// and an A4 landscape page.
func TestMixedOrientation(t *testing.T) {
	if _, err := os.Stat(render.Layouts["m"].Font); err != nil {
		t.Skipf("font missing (make fixtures-pdf installs it): %v", err)
	}
	out := filepath.Join(t.TempDir(), "m.pdf")
	if code := run([]string{"-layout", "m", "-uncompressed", "-out", out, golden1, "../../fixtures/golden/form-02.json"}, &bytes.Buffer{}); code != 0 {
		t.Fatalf("genpdf exit %d", code)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, box := range []string{"/MediaBox [0 0 595.28 841.89]", "/MediaBox [0 0 841.89 595.28]"} {
		if !bytes.Contains(b, []byte(box)) {
			t.Errorf("no page with %s", box)
		}
	}
}

func TestPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext missing (apt poppler-utils)")
	}
	pdf := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(pdf, renderForm(t, "a"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Names may wrap inside their cell: compare without line breaks.
	text := strings.NewReplacer("\n", "", " ", "").Replace(string(out))
	recs, err := render.LoadRecords([]string{golden1})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range recs[0].Indicators {
		if !strings.Contains(text, strings.ReplaceAll(render.Str(in.Name), " ", "")) {
			t.Errorf("pdftotext output lacks indicator %q", render.Str(in.Name))
		}
	}
}

// -xlsx and -ods write zip archives of the right kind, the same bytes each
// time.
func TestSpreadsheets(t *testing.T) {
	dir := t.TempDir()
	var first [2][]byte
	for k := 0; k < 2; k++ {
		x, o := filepath.Join(dir, "f.xlsx"), filepath.Join(dir, "f.ods")
		if code := run([]string{"-xlsx", x, "-ods", o, golden1}, &bytes.Buffer{}); code != 0 {
			t.Fatalf("genpdf exit %d", code)
		}
		for i, p := range []string{x, o} {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
				t.Errorf("%s is not a zip archive", p)
			}
			if k == 0 {
				first[i] = b
			} else if !bytes.Equal(first[i], b) {
				t.Errorf("%s: two runs differ", p)
			}
		}
	}
	if !bytes.Contains(first[1][:100], []byte("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")) {
		t.Error("the ODS does not start with its mimetype")
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"-layout", "c", "-out", "x.pdf", golden1}, {golden1}} {
		if code := run(args, &bytes.Buffer{}); code != 2 {
			t.Errorf("run %q = %d, want 2", args, code)
		}
	}
}
