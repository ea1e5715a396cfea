package scan_test

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/extract/scan"
	"jixiao/extract/scan/scantest"
)

// The checked-in scans open with the right number of A4 pages at 200 dpi.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file   string
		format string
		pages  int
	}{
		{"genpdf-a-004.jpg", "jpeg", 1},
		{"genpdf-a-002.png", "png", 1},
		{"genpdf-a-016-017.tif", "tiff", 2},
		{"genpdf-a-001-003.pdf", "pdf", 3},
		{"genpdf-a-016-017-flate.pdf", "pdf", 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("../../fixtures/scan/small", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			d, err := scan.Open(data)
			if err != nil {
				t.Fatal(err)
			}
			if d.Format != tt.format || d.Pages() != tt.pages {
				t.Fatalf("format %q, %d pages; want %q, %d", d.Format, d.Pages(), tt.format, tt.pages)
			}
			var first image.Image
			for p := 1; p <= d.Pages(); p++ {
				img, err := d.Page(p)
				if err != nil {
					t.Fatalf("page %d: %v", p, err)
				}
				if b := img.Bounds(); b.Dx() != 1654 || b.Dy() != 2339 {
					t.Errorf("page %d is %v, want 1654x2339", p, b)
				}
				if p == 1 {
					first = img
				} else if sameGray(first, img) {
					t.Errorf("page %d has the pixels of page 1", p)
				}
			}
		})
	}
}

// The FlateDecode fixture (Paeth predictor) decodes to exactly the pixels
// of the TIFF of the same pages (both lossless, written from the same
// degraded pages): a wrong predictor smears rows, a stream cut short
// leaves zero rows.
func TestFlateFixture(t *testing.T) {
	open := func(name string) *scan.Document {
		t.Helper()
		data, err := os.ReadFile("../../fixtures/scan/small/" + name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := scan.Open(data)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	pdf, tif := open("genpdf-a-016-017-flate.pdf"), open("genpdf-a-016-017.tif")
	for p := 1; p <= 2; p++ {
		a, err := pdf.Page(p)
		if err != nil {
			t.Fatalf("pdf page %d: %v", p, err)
		}
		b, err := tif.Page(p)
		if err != nil {
			t.Fatalf("tiff page %d: %v", p, err)
		}
		if !sameGray(scan.Gray(a), scan.Gray(b)) {
			t.Errorf("page %d: the Flate PDF and the TIFF decode to different pixels", p)
		}
	}
}

func sameGray(a, b image.Image) bool {
	ga, ok1 := a.(*image.Gray)
	gb, ok2 := b.(*image.Gray)
	return ok1 && ok2 && ga.Rect == gb.Rect && bytes.Equal(ga.Pix, gb.Pix)
}

// pattern is a test page: a gradient with a dark bar, so that rotations
// and inversions show.
func pattern(w, h int) *image.Gray {
	return scantest.Gray(w, h, func(x, y int) uint8 {
		if y < h/4 && x < w/2 {
			return 0
		}
		return uint8(128 + (x*7+y*3)%128)
	})
}

// pack packs 8-bit gray values into bpc-bit samples, rows padded to bytes.
func pack(g *image.Gray, bpc int) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var out []byte
	for y := 0; y < h; y++ {
		var acc, n int
		for x := 0; x < w; x++ {
			v := int(g.Pix[y*g.Stride+x]) >> (8 - bpc)
			acc, n = acc<<bpc|v, n+bpc
			for n >= 8 {
				out = append(out, byte(acc>>(n-8)))
				n -= 8
			}
		}
		if n > 0 {
			out = append(out, byte(acc<<(8-n)))
		}
	}
	return out
}

// quantise returns g reduced to bpc bits and scaled back, as a decoder of
// bpc-bit samples gives it.
func quantise(g *image.Gray, bpc int) *image.Gray {
	maxv := 1<<bpc - 1
	return scantest.Gray(g.Rect.Dx(), g.Rect.Dy(), func(x, y int) uint8 {
		return uint8(int(g.Pix[y*g.Stride+x]) >> (8 - bpc) * 255 / maxv)
	})
}

// pngPredict encodes rows of 1-byte pixels with PNG row filter ft.
func pngPredict(g *image.Gray, ft byte) []byte {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	var out []byte
	prev := make([]byte, w)
	for y := 0; y < h; y++ {
		cur := g.Pix[y*g.Stride : y*g.Stride+w]
		out = append(out, ft)
		for x, v := range cur {
			var a, c byte
			if x > 0 {
				a, c = cur[x-1], prev[x-1]
			}
			b := prev[x]
			var p byte
			switch ft {
			case 1:
				p = a
			case 2:
				p = b
			case 3:
				p = byte((int(a) + int(b)) / 2)
			case 4:
				pa, pb, pc := abs(int(a)+int(b)-int(c)-int(a)), abs(int(a)+int(b)-int(c)-int(b)), abs(int(a)+int(b)-int(c)-int(c))
				switch {
				case pa <= pb && pa <= pc:
					p = a
				case pb <= pc:
					p = b
				default:
					p = c
				}
			}
			out = append(out, v-p)
		}
		prev = cur
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Each supported PDF image encoding decodes to the pixels it encodes.
func TestPDFEncodings(t *testing.T) {
	const w, h = 37, 23 // odd sizes: rows of packed bits end mid-byte
	g := pattern(w, h)
	rgb := func(g *image.Gray) []byte {
		var out []byte
		for _, v := range g.Pix {
			out = append(out, v, v, v)
		}
		return out
	}
	cmyk := func(g *image.Gray) []byte {
		var out []byte
		for _, v := range g.Pix {
			out = append(out, 0, 0, 0, 255-v)
		}
		return out
	}
	inverted := scantest.Gray(w, h, func(x, y int) uint8 { return 255 - g.Pix[y*w+x] })
	// Indexed: the palette maps index i to gray 255-i.
	var lookup strings.Builder
	for i := 0; i < 256; i++ {
		fmt.Fprintf(&lookup, "%02x", 255-i)
	}
	tests := []struct {
		name string
		img  scantest.Image
		want *image.Gray
	}{
		{"gray 8", scantest.Flate(w, h, "/DeviceGray", 8, g.Pix, ""), g},
		{"gray 4", scantest.Flate(w, h, "/DeviceGray", 4, pack(g, 4), ""), quantise(g, 4)},
		{"gray 2", scantest.Flate(w, h, "/DeviceGray", 2, pack(g, 2), ""), quantise(g, 2)},
		{"gray 1", scantest.Flate(w, h, "/DeviceGray", 1, pack(g, 1), ""), quantise(g, 1)},
		{"gray 1 inverted by /Decode", scantest.Flate(w, h, "/DeviceGray", 1, pack(quantise(inverted, 1), 1), "/Decode [1 0]"), quantise(g, 1)},
		{"rgb 8", scantest.Flate(w, h, "/DeviceRGB", 8, rgb(g), ""), g},
		{"cal rgb", scantest.Flate(w, h, "[/CalRGB << /WhitePoint [0.95 1 1.09] >>]", 8, rgb(g), ""), g},
		{"cmyk 8", scantest.Flate(w, h, "/DeviceCMYK", 8, cmyk(g), ""), g},
		{"indexed", scantest.Flate(w, h, "[/Indexed /DeviceGray 255 <"+lookup.String()+">]", 8, inverted.Pix, ""), g},
		{"png predictor none", scantest.Flate(w, h, "/DeviceGray", 8, pngPredict(g, 0), fmt.Sprintf("/DecodeParms << /Predictor 10 /Columns %d >>", w)), g},
		{"png predictor sub", scantest.Flate(w, h, "/DeviceGray", 8, pngPredict(g, 1), fmt.Sprintf("/DecodeParms << /Predictor 11 /Columns %d >>", w)), g},
		{"png predictor up", scantest.Flate(w, h, "/DeviceGray", 8, pngPredict(g, 2), fmt.Sprintf("/DecodeParms << /Predictor 12 /Columns %d >>", w)), g},
		{"png predictor average", scantest.Flate(w, h, "/DeviceGray", 8, pngPredict(g, 3), fmt.Sprintf("/DecodeParms << /Predictor 13 /Columns %d >>", w)), g},
		{"png predictor paeth", scantest.Flate(w, h, "/DeviceGray", 8, pngPredict(g, 4), fmt.Sprintf("/DecodeParms << /Predictor 15 /Columns %d >>", w)), g},
		{"image mask", scantest.Flate(w, h, "/DeviceGray", 1, pack(g, 1), "/ImageMask true"), quantise(g, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := scan.Open(scantest.PDF("", tt.img))
			if err != nil {
				t.Fatal(err)
			}
			img, err := d.Page(1)
			if err != nil {
				t.Fatal(err)
			}
			if !grayClose(img, tt.want, 1) {
				t.Errorf("decoded pixels differ from the encoded ones")
			}
		})
	}
}

// grayClose reports whether img is a gray image within tol of want.
func grayClose(img image.Image, want *image.Gray, tol int) bool {
	g, ok := img.(*image.Gray)
	if !ok || g.Rect.Size() != want.Rect.Size() {
		return false
	}
	for y := 0; y < want.Rect.Dy(); y++ {
		for x := 0; x < want.Rect.Dx(); x++ {
			if abs(int(g.Pix[y*g.Stride+x])-int(want.Pix[y*want.Stride+x])) > tol {
				return false
			}
		}
	}
	return true
}

// A JPEG page and a page turned by /Rotate.
func TestPDFJPEGAndRotate(t *testing.T) {
	g := pattern(40, 20)
	d, err := scan.Open(scantest.PDF("/Rotate 90", scantest.JPEG(g)))
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.Page(1)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 20 || b.Dy() != 40 {
		t.Fatalf("rotated page is %v, want 20x40", b)
	}
	// The dark bar at the top left of the image is at the top right of
	// the page turned clockwise.
	gi := img.(*image.Gray)
	if gi.GrayAt(17, 5).Y > 60 || gi.GrayAt(2, 35).Y < 100 {
		t.Errorf("rotation wrong: top right %d, bottom left %d", gi.GrayAt(17, 5).Y, gi.GrayAt(2, 35).Y)
	}
}

// Encodings not decoded here are named in the error, page by page; the
// other pages still decode.
func TestPDFUnsupported(t *testing.T) {
	for _, filter := range []string{"JBIG2Decode", "JPXDecode", "CCITTFaxDecode"} {
		t.Run(filter, func(t *testing.T) {
			bad := scantest.Image{W: 10, H: 10, Dict: "/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /" + filter, Data: []byte{1, 2, 3}}
			d, err := scan.Open(scantest.PDF("", scantest.JPEG(pattern(10, 10)), bad))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.Page(1); err != nil {
				t.Errorf("page 1: %v", err)
			}
			_, err = d.Page(2)
			if !errors.Is(err, scan.ErrUnsupported) || !strings.Contains(err.Error(), filter) || !strings.Contains(err.Error(), "page 2") {
				t.Errorf("page 2: err = %v, want ErrUnsupported naming %s and the page", err, filter)
			}
		})
	}
}

// Decompression bombs are refused before decoding, and a PDF stream is
// never inflated beyond what the image's size calls for.
func TestBombs(t *testing.T) {
	if _, err := scan.Open(scantest.PNGHeader(100000, 100000)); !errors.Is(err, scan.ErrTooLarge) {
		t.Errorf("PNG claiming 100000x100000: err = %v, want ErrTooLarge", err)
	}
	huge := scantest.Image{W: 100000, H: 100000, Dict: "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", Data: []byte{0x78, 0x9c}}
	d, err := scan.Open(scantest.PDF("", huge))
	if err == nil {
		_, err = d.Page(1)
	}
	if !errors.Is(err, scan.ErrTooLarge) {
		t.Errorf("PDF image of 100000x100000: err = %v, want ErrTooLarge", err)
	}
	// 10x10 pixels whose stream inflates to 16 MiB: only 100 bytes are read.
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	zero := make([]byte, 1<<20)
	for range 16 {
		_, _ = zw.Write(zero)
	}
	_ = zw.Close()
	d, err = scan.Open(scantest.PDF("", scantest.Image{W: 10, H: 10, Dict: "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", Data: z.Bytes()}))
	if err != nil {
		t.Fatal(err)
	}
	img, err := d.Page(1)
	if err != nil || img.Bounds().Dx() != 10 {
		t.Errorf("flate bomb: %v, %v", img, err)
	}
}

// Broken inputs give errors, never panics.
func TestBroken(t *testing.T) {
	jpg, err := os.ReadFile("../../fixtures/scan/small/genpdf-a-017.jpg")
	if err != nil {
		t.Fatal(err)
	}
	var pngBuf bytes.Buffer
	_ = png.Encode(&pngBuf, pattern(20, 20))
	selfLoop := scantest.TIFF(pattern(4, 4))
	// Point the IFD's next-IFD offset back at the IFD itself.
	ifd := int(selfLoop[4]) | int(selfLoop[5])<<8
	n := int(selfLoop[ifd]) | int(selfLoop[ifd+1])<<8
	copy(selfLoop[ifd+2+12*n:], selfLoop[4:8])

	tests := []struct {
		name    string
		data    []byte
		atOpen  bool // the error comes from Open, not Page
		wantErr error
		msg     string
	}{
		{"truncated JPEG", jpg[:len(jpg)/2], false, nil, "decode jpeg"},
		{"JPEG header only", jpg[:20], true, nil, ""},
		{"truncated PNG", pngBuf.Bytes()[:pngBuf.Len()-30], false, nil, ""},
		{"TIFF with zero pages", scantest.TIFF(), true, scan.ErrNoPages, "zero pages"},
		{"TIFF whose IFD chain loops", selfLoop, true, nil, "loops"},
		{"TIFF cut short", scantest.TIFF(pattern(30, 30))[:100], false, nil, ""},
		{"PDF without images", scantest.PDF(""), true, nil, ""},
		{"PDF image stream cut short", scantest.PDF("", scantest.Image{W: 50, H: 50, Dict: "/ColorSpace /DeviceGray /BitsPerComponent 8", Data: make([]byte, 100)}), false, nil, "want 2500"},
		{"not an image", []byte("hello"), true, scan.ErrUnsupported, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := scan.Open(tt.data)
			if err == nil {
				if tt.atOpen {
					t.Fatalf("Open succeeded, want an error")
				}
				_, err = d.Page(1)
			} else if !tt.atOpen {
				t.Logf("(failed at Open: %v)", err)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want it to mention %q", err, tt.msg)
			}
		})
	}
}

// Every page of a multi-page TIFF is read, each with its own pixels and
// size.
func TestMultiPageTIFF(t *testing.T) {
	pages := []*image.Gray{pattern(30, 20), scantest.Gray(25, 40, func(x, y int) uint8 { return uint8(x * 10) }), pattern(8, 8)}
	d, err := scan.Open(scantest.TIFF(pages...))
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "tiff" || d.Pages() != 3 {
		t.Fatalf("%s with %d pages, want tiff with 3", d.Format, d.Pages())
	}
	for i, want := range pages {
		img, err := d.Page(i + 1)
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		if !grayClose(img, want, 0) {
			t.Errorf("page %d: pixels differ", i+1)
		}
	}
	if _, err := d.Page(4); err == nil {
		t.Error("page 4 of 3: no error")
	}
}

// FuzzOpen feeds anything to the image entry point: Open and Page of every
// page return errors, never panic.
func FuzzOpen(f *testing.F) {
	for _, name := range []string{"genpdf-a-017.jpg", "genpdf-a-001-003.pdf"} {
		if data, err := os.ReadFile(filepath.Join("../../fixtures/scan/small", name)); err == nil {
			f.Add(data)
		}
	}
	g := pattern(12, 9)
	var pngBuf bytes.Buffer
	_ = png.Encode(&pngBuf, g)
	f.Add(pngBuf.Bytes())
	f.Add(scantest.TIFF(g, pattern(5, 5)))
	f.Add(scantest.PDF("/Rotate 270", scantest.JPEG(g), scantest.Flate(12, 9, "/DeviceGray", 8, pngPredict(g, 4), "/DecodeParms << /Predictor 15 /Columns 12 >>")))
	f.Add(scantest.PNGHeader(100000, 100000))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := scan.Open(data)
		if err != nil {
			return
		}
		for p := 1; p <= min(d.Pages(), 3); p++ {
			_, _ = d.Page(p)
		}
	})
}
