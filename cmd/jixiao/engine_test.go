package main

import (
	"path/filepath"
	"strings"
	"testing"

	"jixiao/extract/ocr/ocrtest"
)

// A scan is read with PP-OCR where it is installed, and with Tesseract
// where it is not; either way stderr says once which engine reads, and,
// without PP-OCR, how to install it.
func TestOCREngineNotice(t *testing.T) {
	ocrtest.Require(t, "HanS", "chi_sim", "eng")
	scan := "../../fixtures/scan/small/genpdf-a-004.jpg"
	t.Run("without PP-OCR", func(t *testing.T) {
		t.Setenv("JIXIAO_OCR_MODELS", t.TempDir())
		db := filepath.Join(t.TempDir(), "t.db")
		code, out, errOut := runCLI(t, "", "ingest", "--db", db, scan)
		if code != 0 || !strings.Contains(out, "1 scanned page") {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
		if n := strings.Count(errOut, "reading scans with Tesseract"); n != 1 || !strings.Contains(errOut, "make deps") {
			t.Errorf("stderr %q: want one notice that Tesseract reads, with how to install PP-OCR", errOut)
		}
		if code, _, errOut := runCLI(t, "", "ingest", "--db", db, "--ocr-engine", "paddle", scan); code != exitUsage || !strings.Contains(errOut, "--ocr-engine paddle") {
			t.Errorf("--ocr-engine paddle without PP-OCR: exit %d, stderr %q", code, errOut)
		}
	})
	t.Run("with PP-OCR", func(t *testing.T) {
		ocrtest.RequirePaddle(t)
		db := filepath.Join(t.TempDir(), "t.db")
		code, _, errOut := runCLI(t, "", "ingest", "--db", db, scan)
		if code != 0 || strings.Count(errOut, "reading scans with PP-OCR") != 1 {
			t.Errorf("exit %d, stderr %q: want one notice that PP-OCR reads", code, errOut)
		}
	})
	if code, _, errOut := runCLI(t, "", "ingest", "--ocr-engine", "easyocr", scan); code != exitUsage || !strings.Contains(errOut, "unknown OCR engine") {
		t.Errorf("--ocr-engine easyocr: exit %d, stderr %q", code, errOut)
	}
}
