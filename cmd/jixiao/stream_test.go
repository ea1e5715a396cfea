package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/extract/scan"
	"jixiao/extract/scan/scantest"
)

// scanPDF is an image-only PDF of three JPEG pages (genpdf-a pages 1–3):
// form 1 on pages 1 and 2, form 2 on page 3.
const scanPDF = "../../fixtures/scan/small/genpdf-a-001-003.pdf"

// pdfJPEGs returns the JPEG files a PDF's DCTDecode images are, in order:
// the bytes of each page of scanPDF as a scanner wrote them.
func pdfJPEGs(t *testing.T, data []byte) [][]byte {
	t.Helper()
	var out [][]byte
	for rest := data; ; {
		i := bytes.Index(rest, []byte("\xff\xd8\xff"))
		if i < 0 {
			return out
		}
		j := bytes.Index(rest[i:], []byte("endstream"))
		if j < 0 {
			t.Fatal("a JPEG without endstream")
		}
		out = append(out, bytes.TrimRight(rest[i:i+j], "\r\n"))
		rest = rest[i+j:]
	}
}

// streamPage is one file of a generated page stream: a page of scanPDF
// (1-based), or a blank back (page 0); turn, in quarter turns clockwise, is
// how a page was stored turned (as a PNG of the JPEG's exact pixels).
type streamPage struct {
	page int
	turn int
}

// turnedPNG returns the image of jpg turned clockwise by quarter turns,
// as a PNG.
func turnedPNG(t *testing.T, jpg []byte, quarters int) []byte {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(jpg))
	if err != nil {
		t.Fatal(err)
	}
	turned, err := scan.Rotate(img, 90*quarters)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, turned); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// blankBack returns a PNG of an empty sheet's back: paper with scanner
// noise and a few specks.
func blankBack(t *testing.T, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	g := scantest.Gray(1654, 2339, func(x, y int) uint8 { return uint8(232 + r.IntN(22)) })
	for range 30 {
		x, y := r.IntN(1600), r.IntN(2300)
		for d := range 3 {
			g.Pix[(y+d)*g.Stride+x] = 60
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// writeStream writes the files of pages into dir as scan_NNNN.(jpg|png),
// numbered from 1, and returns their paths.
func writeStream(t *testing.T, dir string, jpegs [][]byte, pages []streamPage) []string {
	t.Helper()
	var paths []string
	for i, p := range pages {
		name, data := fmt.Sprintf("scan_%04d.png", i+1), []byte(nil)
		switch {
		case p.page == 0:
			data = blankBack(t, uint64(i))
		case p.turn != 0:
			data = turnedPNG(t, jpegs[p.page-1], p.turn)
		default:
			name, data = fmt.Sprintf("scan_%04d.jpg", i+1), jpegs[p.page-1]
		}
		path := filepath.Join(dir, name)
		copyFile(t, path, data)
		paths = append(paths, path)
	}
	return paths
}

// records returns the exported records of db, without what depends on
// where they were read (id, source, pages, geometry, flag messages).
func records(t *testing.T, db string) []string {
	t.Helper()
	code, out, errOut := runCLI(t, "", "export", "--db", db)
	if code != 0 {
		t.Fatalf("export: %s", errOut)
	}
	var recs []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"form_id", "source", "pages", "geometry"} {
			delete(m, k)
		}
		if fl, ok := m["flags"].([]any); ok {
			for _, f := range fl {
				delete(f.(map[string]any), "message")
			}
		}
		b, _ := json.Marshal(m)
		recs = append(recs, string(b))
	}
	return recs
}

// sourceOf returns the exported source and pages of db's forms, one line
// each: the path and each page's file, and its turn when it was read
// turned (@degrees).
func sourceOf(t *testing.T, db string) []string {
	t.Helper()
	_, out, _ := runCLI(t, "", "export", "--db", db)
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Source struct {
				Path string
			}
			Pages []struct {
				Page     int
				File     string
				FilePage int `json:"file_page"`
				Turn     int
			}
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatal(err)
		}
		s := filepath.Base(r.Source.Path)
		for _, p := range r.Pages {
			s += fmt.Sprintf(" %d=%s#%d", p.Page, filepath.Base(p.File), p.FilePage)
			if p.Turn != 0 {
				s += fmt.Sprintf("@%d", p.Turn)
			}
		}
		lines = append(lines, s)
	}
	return lines
}

// withoutNotice drops the line that says which OCR engine reads scans.
func withoutNotice(stderr string) string {
	var keep []string
	for _, l := range strings.SplitAfter(stderr, "\n") {
		if !strings.HasPrefix(l, "jixiao: reading scans with ") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "")
}

// Image files of a directory, one per page with blank backs between them
// and pages stored sideways or upside down, are stored as the same forms
// as the same pages in one image-only PDF;
// ingesting them again stores nothing; --no-join reads each file alone.
func TestPageStream(t *testing.T) {
	data, err := os.ReadFile(scanPDF)
	if err != nil {
		t.Fatal(err)
	}
	jpegs := pdfJPEGs(t, data)
	if len(jpegs) != 3 {
		t.Fatalf("%s holds %d JPEGs, want 3", scanPDF, len(jpegs))
	}
	tmp := t.TempDir()
	pdfDB := filepath.Join(tmp, "pdf.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--db", pdfDB, "-j", "2", scanPDF); code != 0 {
		t.Fatalf("ingest the PDF: exit %d: %s", code, errOut)
	}
	want := records(t, pdfDB)
	if len(want) != 2 {
		t.Fatalf("the PDF gives %d forms, want 2", len(want))
	}

	// Form 1 on two sheets with a blank back each, form 2 on one.
	dir := filepath.Join(tmp, "scans")
	// Page 2 went through the feeder sideways, page 3 upside down.
	writeStream(t, dir, jpegs, []streamPage{{page: 1}, {page: 0}, {page: 2, turn: 1}, {page: 0}, {page: 3, turn: 2}})
	db := filepath.Join(tmp, "stream.db")
	code, out, errOut := runCLI(t, "", "ingest", "--db", db, "-j", "2", dir)
	if code != 0 || withoutNotice(errOut) != "" {
		t.Fatalf("ingest the stream: exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "ingested 2 document(s) (5 scanned page(s), 2 blank pages skipped): 2 form(s)") ||
		!strings.Contains(out, "; 0 failed") {
		t.Errorf("summary %q", out)
	}
	got := records(t, db)
	if len(got) != len(want) {
		t.Fatalf("the stream gives %d forms, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("form %d from the files:\n%s\nfrom the PDF:\n%s", i+1, got[i], want[i])
		}
	}
	wantSrc := []string{"scan_0001.jpg 1=scan_0001.jpg#1 3=scan_0003.png#1@270", "scan_0005.png 1=scan_0005.png#1@180"}
	if src := sourceOf(t, db); strings.Join(src, "\n") != strings.Join(wantSrc, "\n") {
		t.Errorf("sources:\n%s\nwant\n%s", strings.Join(src, "\n"), strings.Join(wantSrc, "\n"))
	}

	// Again: nothing is read or stored.
	code, out, _ = runCLI(t, "", "ingest", "--db", db, dir)
	if code != 0 || !strings.Contains(out, "ingested 0 document(s)") || !strings.Contains(out, "now holds 2 document(s), 2 form(s)") {
		t.Errorf("re-ingest: exit %d, %q", code, out)
	}

	// --no-join: the continuation page and the blank backs fail alone,
	// and form 1 is stored without its second page.
	alone := filepath.Join(tmp, "alone.db")
	code, out, errOut = runCLI(t, "", "ingest", "--db", alone, "--no-join", dir)
	if code != exitSomeFailed || !strings.Contains(out, "2 form(s)") || !strings.Contains(out, "3 failed") ||
		!strings.Contains(errOut, "scan_0003.png: no form") {
		t.Errorf("--no-join: exit %d, %q, %q", code, out, errOut)
	}
	if got := records(t, alone); len(got) == 2 && got[0] == want[0] {
		t.Errorf("--no-join stored form 1 whole: the files were joined")
	}
}

// A continuation page whose predecessor cannot be read fails, naming it.
func TestPageStreamLostPredecessor(t *testing.T) {
	data, err := os.ReadFile(scanPDF)
	if err != nil {
		t.Fatal(err)
	}
	jpegs := pdfJPEGs(t, data)
	dir := filepath.Join(t.TempDir(), "scans")
	paths := writeStream(t, dir, jpegs, []streamPage{{page: 1}, {page: 2}})
	copyFile(t, paths[0], jpegs[0][:600]) // the first page, truncated
	code, out, errOut := runCLI(t, "", "ingest", "--db", filepath.Join(dir, "..", "j.db"), dir)
	wantErr := fmt.Sprintf("extract %s: no form: this page has no title and continues the form of %s, which could not be read", paths[1], paths[0])
	if code != exitSomeFailed || !strings.Contains(out, "2 failed") || !strings.Contains(errOut, wantErr) {
		t.Errorf("exit %d, %q, stderr %q; want 1, 2 failed, %q", code, out, errOut, wantErr)
	}
}
