package ocr

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"jixiao/extract/scan"
)

// TestDebugLattice prints what preparePage finds on one image file
// (JIXIAO_OCR_LATTICE=path): the page's levels, its deskew, and each
// table's lines and merged cells.
func TestDebugLattice(t *testing.T) {
	path := os.Getenv("JIXIAO_OCR_LATTICE")
	if path == "" {
		t.Skip("set JIXIAO_OCR_LATTICE to an image file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("levels %+v", pageLevels(g))
	p, err := preparePage(scan.Gray(g), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("deskew %.2f°, dpi %.0f, %d tables", p.angle, p.dpi, len(p.lats))
	for _, l := range p.lats {
		t.Logf("%d cells", len(l.Cells))
	}
	if out := os.Getenv("JIXIAO_OCR_LATTICE_PNG"); out != "" {
		img := image.NewRGBA(p.g.Rect)
		for i, v := range p.g.Pix {
			img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = v, v, v, 255
		}
		red := color.RGBA{220, 0, 0, 255}
		for _, l := range p.lats {
			for i := range l.Cells {
				x0, x1, y0, y1 := l.Bounds(i)
				for x := int(x0) + 3; x < int(x1)-3; x++ {
					img.Set(x, int(y0)+3, red)
					img.Set(x, int(y1)-3, red)
				}
				for y := int(y0) + 3; y < int(y1)-3; y++ {
					img.Set(int(x0)+3, y, red)
					img.Set(int(x1)-3, y, red)
				}
			}
		}
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range p.lats {
		t.Logf("Xs %.0f", l.Xs)
		t.Logf("Ys %.0f", l.Ys)
		for i, c := range l.Cells {
			if c.R0 != c.R1 || c.C0 != c.C1 {
				x0, x1, y0, y1 := l.Bounds(i)
				t.Logf("merged %+v  x %.0f-%.0f y %.0f-%.0f", c, x0, x1, y0, y1)
			}
		}
	}
}
