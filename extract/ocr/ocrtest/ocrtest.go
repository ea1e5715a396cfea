// Package ocrtest holds what tests of OCR code share.
package ocrtest

import (
	"os"
	"strings"
	"testing"

	"github.com/otiai10/gosseract/v2"
)

// Require skips t when Tesseract lacks one of models (give ocr.Models), or
// fails it when JIXIAO_REQUIRE_OCR=1 (set by `make test`, which installs the
// models: there, a missing model is a broken set-up, not a reason to skip).
func Require(t testing.TB, models ...string) {
	t.Helper()
	have, err := gosseract.GetAvailableLanguages()
	if err != nil {
		skipOrFail(t, "listing Tesseract's models: %v", err)
		return
	}
	var missing []string
	for _, m := range models {
		found := false
		for _, h := range have {
			found = found || h == m
		}
		if !found {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		skipOrFail(t, "Tesseract models not installed: %s (make deps installs them)", strings.Join(missing, ", "))
	}
}

func skipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("JIXIAO_REQUIRE_OCR") == "1" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}
