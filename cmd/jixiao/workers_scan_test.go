package main

import (
	"path/filepath"
	"testing"

	"jixiao/extract/ocr/ocrtest"
)

// The checked-in scans ingested with one worker and with two give the same
// export, byte for byte: what a worker reads does not depend on which
// worker reads it, or on what the others read before.
func TestScanWorkersAgree(t *testing.T) {
	ocrtest.Require(t, "HanS", "chi_sim", "eng")
	var scans []string // the whole documents among them: a JPEG, a TIFF, two image-only PDFs
	for _, f := range []string{"genpdf-a-004.jpg", "genpdf-a-016-017.tif", "genpdf-a-001-003.pdf", "genpdf-a-016-017-flate.pdf"} {
		scans = append(scans, filepath.Join("../../fixtures/scan/small", f))
	}
	export := func(workers string) string {
		db := filepath.Join(t.TempDir(), "t.db")
		args := append([]string{"ingest", "--db", db, "-j", workers}, scans...)
		if code, out, errOut := runCLI(t, "", args...); code != 0 {
			t.Fatalf("-j %s: exit %d, stdout %q, stderr %q", workers, code, out, errOut)
		}
		code, out, errOut := runCLI(t, "", "export", "--db", db)
		if code != 0 || out == "" {
			t.Fatalf("export after -j %s: exit %d, stderr %q", workers, code, errOut)
		}
		return out
	}
	if one, two := export("1"), export("2"); one != two {
		t.Errorf("-j 1 and -j 2 exports differ:\n-j 1: %s\n-j 2: %s", one, two)
	}
}
