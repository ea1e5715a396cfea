package ocrtest

import (
	"testing"

	"jixiao/extract/ocr/paddle"
)

// RequirePaddle returns the PP-OCR models and ONNX Runtime library that
// paddle.Locate finds ($JIXIAO_OCR_MODELS, $JIXIAO_ORT_LIB, or the default
// directory `make deps` installs them in). It skips t when one is missing,
// or fails it when JIXIAO_REQUIRE_OCR=1 (set by `make test`).
func RequirePaddle(t testing.TB) paddle.Models {
	t.Helper()
	m, err := paddle.Locate("")
	if err != nil {
		skipOrFail(t, "%v", err)
	}
	return m
}

// Unavailable skips t, or fails it when JIXIAO_REQUIRE_OCR=1, for a piece
// of the OCR set-up that is missing (a font the tests render with, say).
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	skipOrFail(t, format, args...)
}
