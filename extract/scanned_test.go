package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/ocr"
	"jixiao/extract/ocr/ocrtest"
	"jixiao/normalize"
)

// needTesseract skips the test when a model is missing (ocrtest.Require) or
// in -short mode (each page takes about a second).
func needTesseract(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("OCR is slow; skipped in -short mode")
	}
	ocrtest.Require(t, ocr.Models...)
}

// Scans of every kind go through OCR into forms: the kind and page span
// of each form, a form continued onto the next page, and indicator
// confidences measured by OCR. (Several forms in one scan, and lost pages,
// are tested with a fake reader: scanned_internal_test.go.)
func TestReadScans(t *testing.T) {
	needTesseract(t)
	ex := extract.New(extract.Options{OCRWorkers: 2})
	defer ex.Close()
	type span struct{ from, to int }
	tests := []struct {
		file  string
		kind  jixiao.SourceKind
		pages int
		forms []span
		race  bool // also run under the race detector
	}{
		{"genpdf-a-004.jpg", jixiao.KindImage, 1, []span{{1, 1}}, false},
		{"genpdf-a-016-017.tif", jixiao.KindImage, 2, []span{{1, 2}}, false},
		{"genpdf-a-016-017-flate.pdf", jixiao.KindPDFOCR, 2, []span{{1, 2}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if raceEnabled && !tt.race {
				t.Skip("slow under the race detector; the two pages read in parallel below are raced")
			}
			data, err := os.ReadFile(filepath.Join("../fixtures/scan/small", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			doc, err := ex.Read(context.Background(), tt.file, data)
			if err != nil {
				t.Fatal(err)
			}
			for i := range doc.Forms {
				normalize.Form(&doc.Forms[i])
			}
			t.Logf("%d page(s) in %v", doc.Pages, time.Since(start).Round(time.Millisecond))
			if doc.Kind != tt.kind || doc.Pages != tt.pages || len(doc.Problems) != 0 {
				t.Errorf("kind %q, %d pages, problems %v; want %q, %d pages", doc.Kind, doc.Pages, doc.Problems, tt.kind, tt.pages)
			}
			if len(doc.Forms) != len(tt.forms) {
				t.Fatalf("%d forms, want %d", len(doc.Forms), len(tt.forms))
			}
			for i, f := range doc.Forms {
				s := f.Source
				if s.Kind != tt.kind || s.FormIndex != i+1 || s.PageFrom != tt.forms[i].from || s.PageTo != tt.forms[i].to {
					t.Errorf("form %d source %+v, want pages %v", i+1, s, tt.forms[i])
				}
				if f.ProjectName == nil || len(f.Indicators) < 5 {
					t.Errorf("form %d: project name %v, %d indicators", i+1, f.ProjectName, len(f.Indicators))
				}
				measured := 0
				for _, ind := range f.Indicators {
					if ind.Confidence <= 0 || ind.Confidence > 1 {
						t.Errorf("form %d indicator %d: confidence %v outside (0, 1]", i+1, ind.Seq, ind.Confidence)
					}
					if ind.Confidence < 1 {
						measured++
					}
				}
				if measured == 0 {
					t.Errorf("form %d: every indicator has confidence 1: OCR confidences were lost", i+1)
				}
				// Every field below the threshold is flagged with its
				// confidence.
				for _, ind := range f.Indicators {
					low := false
					for _, c := range ind.Flags {
						low = low || c == jixiao.FlagLowConfidence
					}
					if (ind.Confidence < ocr.LowConfidence) != low {
						t.Errorf("form %d indicator %d: confidence %.2f, flags %v", i+1, ind.Seq, ind.Confidence, ind.Flags)
					}
				}
			}
		})
	}
}
