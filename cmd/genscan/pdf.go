package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // for image.DecodeConfig
	"strings"
)

// A4 in points, as cmd/genpdf writes it.
const a4W, a4H = "595.28", "841.89"

// imagePDF returns an image-only PDF 1.4 with one A4 portrait page per JPEG,
// the JPEG embedded as is (an image XObject with /Filter /DCTDecode)
// filling the page: no text layer, no font, as a scanner writes. Output is
// deterministic. It fails on data that is not a grayscale or YCbCr JPEG.
//
// The file is written by hand rather than with github.com/go-pdf/fpdf:
// fpdf v0.9.0 orders image objects by width with a stable sort over a map,
// so same-size scans come out in a random order (different bytes on each
// run), and it always writes a /Font resource.
func imagePDF(jpegs [][]byte) ([]byte, error) {
	var b bytes.Buffer
	var offsets []int // of objects 1, 2, …
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	// Objects: 1 catalog, 2 page tree, 3 info, then per page i (0-based)
	// 4+3i page, 5+3i content stream, 6+3i image.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, len(jpegs))
	for i := range jpegs {
		kids[i] = fmt.Sprintf("%d 0 R", 4+3*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(jpegs)))
	obj("<< /Producer (jixiao genscan) /Creator (jixiao genscan) /CreationDate (D:20240101000000Z) >>")
	for i, j := range jpegs {
		cfg, format, err := image.DecodeConfig(bytes.NewReader(j))
		if err != nil || format != "jpeg" {
			return nil, fmt.Errorf("page %d: not a JPEG (%v)", i+1, err)
		}
		var cs string
		switch cfg.ColorModel {
		case color.GrayModel:
			cs = "/DeviceGray"
		case color.YCbCrModel:
			cs = "/DeviceRGB"
		default:
			return nil, fmt.Errorf("page %d: unsupported JPEG colour model", i+1)
		}
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>",
			a4W, a4H, 6+3*i, 5+3*i))
		content := fmt.Sprintf("q %s 0 0 %s 0 0 cm /Im0 Do Q\n", a4W, a4H)
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content))
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n",
			len(offsets), cfg.Width, cfg.Height, cs, len(j))
		b.Write(j)
		b.WriteString("\nendstream\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R /Info 3 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes(), nil
}
