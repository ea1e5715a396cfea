package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // for image.DecodeConfig
	"jixiao/extract/scan/scantest"
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
	imgs := make([]scantest.Image, len(jpegs))
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
		imgs[i] = scantest.Image{W: cfg.Width, H: cfg.Height, Data: j,
			Dict: "/ColorSpace " + cs + " /BitsPerComponent 8 /Filter /DCTDecode"}
	}
	return writeImagePDF(imgs), nil
}

// flatePDF returns an image-only PDF like imagePDF, each page's image
// stored losslessly: 8-bit DeviceGray samples, /FlateDecode with the PNG
// Paeth predictor (/Predictor 15, each row's filter byte 4), as scanning
// software writes lossless pages.
func flatePDF(pages []*image.Gray) ([]byte, error) {
	imgs := make([]scantest.Image, len(pages))
	for i, g := range pages {
		w, h := g.Rect.Dx(), g.Rect.Dy()
		var z bytes.Buffer
		zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
		if err != nil {
			return nil, err
		}
		row := make([]byte, 1+w)
		prev := make([]byte, w)
		for y := 0; y < h; y++ {
			cur := g.Pix[y*g.Stride : y*g.Stride+w]
			row[0] = 4 // Paeth
			for x, v := range cur {
				var left, upLeft byte
				if x > 0 {
					left, upLeft = cur[x-1], prev[x-1]
				}
				row[1+x] = v - paeth(left, prev[x], upLeft)
			}
			if _, err := zw.Write(row); err != nil {
				return nil, err
			}
			prev = cur
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		imgs[i] = scantest.Image{W: w, H: h, Data: z.Bytes(),
			Dict: fmt.Sprintf("/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 8 /Columns %d >>", w)}
	}
	return writeImagePDF(imgs), nil
}

// writeImagePDF writes one A4 page per image, the image filling the page,
// with genscan's /Info dictionary.
func writeImagePDF(imgs []scantest.Image) []byte {
	return scantest.WritePDF(scantest.Layout{Width: a4W, Height: a4H, Binary: true,
		Info: "<< /Producer (jixiao genscan) /Creator (jixiao genscan) /CreationDate (D:20240101000000Z) >>"}, imgs...)
}

// paeth is the PNG Paeth predictor of a pixel from its left, upper and
// upper-left neighbours.
func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := p-int(a), p-int(b), p-int(c)
	if pa < 0 {
		pa = -pa
	}
	if pb < 0 {
		pb = -pb
	}
	if pc < 0 {
		pc = -pc
	}
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}
