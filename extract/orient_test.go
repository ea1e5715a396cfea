package extract_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/ocr/paddle"
	"jixiao/extract/scan"
	"jixiao/extract/scan/scantest"
	"jixiao/normalize"
)

// A page stored turned (the pixels themselves, nothing in the file saying
// so) is read as its upright original is: as a PNG turned by 90° and as
// an image-only PDF page turned by 270°, it gives the same form record,
// header fields, indicators, page size and geometry boxes included (the
// boxes are in the upright page's pixels), and its page says the turn.
func TestReadTurnedScans(t *testing.T) {
	needTesseract(t)
	if _, err := paddle.Locate(""); err != nil {
		t.Skipf("PP-OCR not installed (the text-direction model decides up from down): %v", err)
	}
	if raceEnabled {
		t.Skip("slow under the race detector")
	}
	data, err := os.ReadFile(filepath.Join("../fixtures/scan/small", "genpdf-a-004.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := scan.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	page, err := d.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	upright, ok := page.(*image.Gray)
	if !ok {
		t.Fatalf("fixture page is a %T, want a gray JPEG", page)
	}
	turn := func(deg int) *image.Gray {
		img, err := scan.Rotate(upright, deg)
		if err != nil {
			t.Fatal(err)
		}
		return img.(*image.Gray)
	}
	pngOf := func(g *image.Gray) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, g); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	pdfOf := func(g *image.Gray) []byte {
		w, h := g.Rect.Dx(), g.Rect.Dy()
		return scantest.PDF("", scantest.Flate(w, h, "/DeviceGray", 8, g.Pix, ""))
	}
	ex := extract.New(extract.Options{OCRWorkers: 1})
	defer ex.Close()
	// record returns the form's record with its pages' turns cleared,
	// and the turns.
	record := func(name string, data []byte) (string, []int) {
		t.Helper()
		doc, err := ex.Read(context.Background(), name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(doc.Forms) != 1 || len(doc.Problems) != 0 {
			t.Fatalf("%s: %d forms, problems %v; want 1 form", name, len(doc.Forms), doc.Problems)
		}
		f := doc.Forms[0]
		normalize.Form(&f)
		if f.ProjectName == nil || len(f.Indicators) < 5 {
			t.Errorf("%s: project name %v, %d indicators", name, f.ProjectName, len(f.Indicators))
		}
		f.Source = jixiao.Source{}
		var turns []int
		for i := range f.Pages {
			turns = append(turns, f.Pages[i].Turn)
			f.Pages[i].Turn = 0
		}
		b, err := json.MarshalIndent(f, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		return string(b), turns
	}
	want, _ := record("upright.png", pngOf(upright))
	for _, c := range []struct {
		name string
		data []byte
		turn int // the turn that makes it upright
	}{
		{"turned-90.png", pngOf(turn(90)), 270},
		{"turned-270.pdf", pdfOf(turn(270)), 90},
	} {
		got, turns := record(c.name, c.data)
		if len(turns) != 1 || turns[0] != c.turn {
			t.Errorf("%s: pages turned %v, want [%d]", c.name, turns, c.turn)
		}
		if got != want {
			t.Errorf("%s: record differs from the upright page's:\n%s\nwant\n%s", c.name, got, want)
		}
	}
}
