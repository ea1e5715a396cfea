package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/ocr/paddle"
)

func runPPOCR(args ...string) (code int, stdout, stderr string) {
	var out, errs bytes.Buffer
	code = run(context.Background(), args, &out, &errs)
	return code, out.String(), errs.String()
}

func TestUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"help", []string{"--help"}, 0, "Exit status:", ""},
		{"no image", nil, 2, "", "no image given"},
		{"bad flag", []string{"--bogus", "a.png"}, 2, "", "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runPPOCR(tt.args...)
			if code != tt.code || !strings.Contains(out, tt.inStdout) || !strings.Contains(errs, tt.inStderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q, %q", code, out, errs, tt.code, tt.inStdout, tt.inStderr)
			}
		})
	}
}

func TestMissingModels(t *testing.T) {
	t.Setenv(paddle.EnvLib, "")
	dir := t.TempDir()
	code, _, errs := runPPOCR("--models", dir, "page.png")
	if code != 1 || !strings.Contains(errs, filepath.Join(dir, paddle.RecFile)) || !strings.Contains(errs, "make deps") {
		t.Errorf("exit %d, stderr %q; want 1 and the missing files", code, errs)
	}
}

// A scanned fixture page reads as its lines; a file that is not an image
// is named on stderr, and the other pages are still read.
func TestReadPages(t *testing.T) {
	m := ocrtest.RequirePaddle(t)
	bad := filepath.Join(t.TempDir(), "bad.png")
	if err := os.WriteFile(bad, []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join("..", "..", "fixtures", "scan", "small", "genpdf-a-004.jpg")
	code, out, errs := runPPOCR("--models", m.Dir, bad, page)
	if code != 1 || !strings.Contains(errs, bad) {
		t.Errorf("exit %d, stderr %q; want 1 and the bad file named", code, errs)
	}
	for _, want := range []string{"==> " + page + " <==", "财政项目支出绩效目标申报表", "项目名称", "项目资金总额"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if i, j := strings.Index(out, "财政项目支出绩效目标申报表"), strings.Index(out, "项目资金总额"); i > j {
		t.Errorf("title after 项目资金总额: lines not top to bottom")
	}
}
