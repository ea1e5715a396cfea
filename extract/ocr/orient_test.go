package ocr

import (
	"context"
	"image"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"jixiao/extract/ocr/paddle"
	"jixiao/extract/scan"
	"jixiao/extract/scan/scantest"
)

// orientReader returns a Reader that has only PP-OCR's text-direction
// model: all Upright needs. It skips the test without PP-OCR.
func orientReader(t *testing.T) *Reader {
	t.Helper()
	m, err := paddle.Locate("")
	if err != nil {
		t.Skipf("PP-OCR not installed: %v", err)
	}
	cls, err := paddle.NewClassifier(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cls.Close() })
	return &Reader{cls: cls}
}

// smallScan decodes page n of a checked-in scan fixture.
func smallScan(t *testing.T, name string, n int) image.Image {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "scan", "small", name))
	if err != nil {
		t.Fatal(err)
	}
	d, err := scan.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.Page(n)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestUpright turns pages of the checked-in scans (a whole form in JPEG
// and PNG, a form's first page and its continuation page in a TIFF, a
// three-page PDF) by each quarter turn and checks that Upright turns each
// back exactly: the pixels it returns are the original's.
func TestUpright(t *testing.T) {
	r := orientReader(t)
	pages := []struct {
		file string
		page int
	}{
		{"genpdf-a-004.jpg", 1}, {"genpdf-a-002.png", 1}, {"genpdf-a-017.jpg", 1},
		{"genpdf-a-016-017.tif", 1}, {"genpdf-a-016-017.tif", 2},
		{"genpdf-a-001-003.pdf", 1}, {"genpdf-a-001-003.pdf", 3},
	}
	for _, p := range pages {
		orig := scan.Gray(smallScan(t, p.file, p.page))
		for _, rot := range []int{0, 90, 180, 270} {
			turned, err := scan.Rotate(orig, rot)
			if err != nil {
				t.Fatal(err)
			}
			up, o, err := r.Upright(context.Background(), turned)
			if err != nil {
				t.Fatalf("%s p%d turned %d°: %v", p.file, p.page, rot, err)
			}
			if want := (360 - rot) % 360; o.Turn != want {
				t.Errorf("%s p%d turned %d°: turn %d°, want %d° (%d lines, by %q)", p.file, p.page, rot, o.Turn, want, o.Lines, o.By)
				continue
			}
			if g, ok := up.(*image.Gray); !ok || !g.Rect.Eq(orig.Rect) || string(g.Pix) != string(orig.Pix) {
				t.Errorf("%s p%d turned %d°: the upright image is not the original", p.file, p.page, rot)
			}
		}
	}
}

// TestUprightBlank checks that pages without print (white paper, paper
// noise, a few specks, a scanner's edge shadow) are left as they are,
// without error.
func TestUprightBlank(t *testing.T) {
	r := orientReader(t)
	rng := rand.New(rand.NewPCG(1, 2))
	w, h := 1654, 2339
	pages := map[string]*image.Gray{
		"white": scantest.Gray(w, h, func(x, y int) uint8 { return 255 }),
		"noise": scantest.Gray(w, h, func(x, y int) uint8 { return uint8(235 + rng.IntN(21)) }),
		"specks": scantest.Gray(w, h, func(x, y int) uint8 {
			if (x/9)%97 == 3 && (y/9)%131 == 5 {
				return 40
			}
			return 250
		}),
		"edge shadow": scantest.Gray(w, h, func(x, y int) uint8 {
			if x < 30 {
				return uint8(90 + 3*x)
			}
			return 250
		}),
	}
	for name, g := range pages {
		for _, img := range []image.Image{g, rotateGrayForTest(t, g)} {
			up, o, err := r.Upright(context.Background(), img)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if o.Turn != 0 || up != img {
				t.Errorf("%s: turned %d° (%d lines), want left as it is", name, o.Turn, o.Lines)
			}
		}
	}
}

func rotateGrayForTest(t *testing.T, g *image.Gray) image.Image {
	t.Helper()
	img, err := scan.Rotate(g, 90)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestDirectionVote checks the vote over a page's lines: an upright-looking
// page is turned over only on a clear majority of sure verdicts; a
// sideways page goes whichever way more lines say.
func TestDirectionVote(t *testing.T) {
	up := Direction{Confidence: 0.99}
	down := Direction{UpsideDown: true, Confidence: 0.99}
	unsure := Direction{UpsideDown: true, Confidence: 0.6}
	for _, c := range []struct {
		name          string
		dirs          []Direction
		must          bool
		down, decided bool
	}{
		{"none", nil, false, false, false},
		{"all up", []Direction{up, up, up, up}, false, false, true},
		{"all down", []Direction{down, down, down, down}, false, true, true},
		{"two down only", []Direction{down, down}, false, false, true},
		{"down but unsure", []Direction{unsure, unsure, unsure, unsure, up}, false, false, true},
		{"mixed", []Direction{down, down, down, up, up}, false, false, true},
		{"mostly down", []Direction{down, down, down, down, down, down, up}, false, true, true},
		{"sideways majority down", []Direction{down, down, up}, true, true, true},
		{"sideways majority up", []Direction{down, up, up}, true, false, true},
		{"sideways unsure", []Direction{unsure}, true, false, false},
	} {
		down, decided := directionVote(c.dirs, c.must)
		if down != c.down || decided != c.decided {
			t.Errorf("%s: down %v decided %v, want %v %v", c.name, down, decided, c.down, c.decided)
		}
	}
}
