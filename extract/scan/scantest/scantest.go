// Package scantest builds small scanned documents for tests: image-only
// PDFs with chosen image encodings, multi-page TIFFs and crafted image
// headers.
package scantest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"strings"
)

// Image is one page's image XObject: its size, the dictionary entries
// other than /Type, /Subtype, /Width, /Height and /Length, and its stream.
type Image struct {
	W, H int
	Dict string
	Data []byte
}

// JPEG returns g as a DCTDecode gray image.
func JPEG(g *image.Gray) Image {
	var b bytes.Buffer
	_ = jpeg.Encode(&b, g, &jpeg.Options{Quality: 90})
	return Image{W: g.Rect.Dx(), H: g.Rect.Dy(), Dict: "/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", Data: b.Bytes()}
}

// Flate returns samples (rows of packed components, no predictor)
// compressed with FlateDecode, with the given colour space and bits.
func Flate(w, h int, colorSpace string, bpc int, samples []byte, extra string) Image {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	_, _ = zw.Write(samples)
	_ = zw.Close()
	return Image{W: w, H: h, Data: z.Bytes(),
		Dict: fmt.Sprintf("/ColorSpace %s /BitsPerComponent %d /Filter /FlateDecode %s", colorSpace, bpc, extra)}
}

// PDF returns an image-only PDF with one page per image, each drawn over
// an A4 page; pageExtra is added to every page dictionary (e.g.
// "/Rotate 90").
func PDF(pageExtra string, imgs ...Image) []byte {
	return WritePDF(Layout{Width: "595", Height: "842", PageExtra: pageExtra}, imgs...)
}

// Layout is the frame of an image-only PDF written by WritePDF.
type Layout struct {
	Width, Height string // page size in points, as written in /MediaBox
	PageExtra     string // added to every page dictionary; "" for nothing
	Info          string // the /Info dictionary; "" for none
	Binary        bool   // a comment of high bytes after the header line, as producers write
}

// WritePDF returns an image-only PDF with one page per image, each image
// drawn over the whole page. Objects: 1 catalog, 2 page tree, 3 the info
// dictionary when there is one, then for each page its dictionary, its
// content stream and its image.
func WritePDF(l Layout, imgs ...Image) []byte {
	var b bytes.Buffer
	var offsets []int // of objects 1, 2, …
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n")
	if l.Binary {
		b.WriteString("%\xe2\xe3\xcf\xd3\n")
	}
	first, info := 3, "" // the first page's object number; the trailer's /Info
	if l.Info != "" {
		first, info = 4, "/Info 3 0 R "
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, len(imgs))
	for i := range imgs {
		kids[i] = fmt.Sprintf("%d 0 R", first+3*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(imgs)))
	if l.Info != "" {
		obj(l.Info)
	}
	extra := ""
	if l.PageExtra != "" {
		extra = l.PageExtra + " "
	}
	for i, im := range imgs {
		page := first + 3*i
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R %s>>",
			l.Width, l.Height, page+2, page+1, extra))
		content := fmt.Sprintf("q %s 0 0 %s 0 0 cm /Im0 Do Q\n", l.Width, l.Height)
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(content), content))
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d %s /Length %d >>\nstream\n",
			len(offsets), im.W, im.H, im.Dict, len(im.Data))
		b.Write(im.Data)
		b.WriteString("\nendstream\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, info, xref)
	return b.Bytes()
}

// PNGHeader returns the signature and IHDR chunk (valid CRC) of a PNG that
// claims w × h 8-bit gray pixels, and no pixel data: what a decompression
// bomb shows before its data.
func PNGHeader(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0) // 8-bit gray, deflate, no filter, no interlace
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)-4))
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}

// TIFF returns a little-endian TIFF of 8-bit gray pages, uncompressed, one
// strip each, its IFDs chained in order. No pages gives a header whose
// first IFD offset is 0.
func TIFF(pages ...*image.Gray) []byte {
	b := []byte{'I', 'I', 42, 0, 0, 0, 0, 0}
	next := 4 // where the offset of the next IFD goes
	for _, g := range pages {
		w, h := g.Rect.Dx(), g.Rect.Dy()
		strip := len(b)
		for y := 0; y < h; y++ {
			b = append(b, g.Pix[y*g.Stride:y*g.Stride+w]...)
		}
		if len(b)%2 == 1 {
			b = append(b, 0)
		}
		ifd := len(b)
		binary.LittleEndian.PutUint32(b[next:], uint32(ifd))
		entries := [][3]uint32{ // tag, type, value
			{256, 4, uint32(w)}, {257, 4, uint32(h)}, {258, 3, 8}, {259, 3, 1}, {262, 3, 1},
			{273, 4, uint32(strip)}, {277, 3, 1}, {278, 4, uint32(h)}, {279, 4, uint32(w * h)},
		}
		b = binary.LittleEndian.AppendUint16(b, uint16(len(entries)))
		for _, e := range entries {
			b = binary.LittleEndian.AppendUint16(b, uint16(e[0]))
			b = binary.LittleEndian.AppendUint16(b, uint16(e[1]))
			b = binary.LittleEndian.AppendUint32(b, 1)
			b = binary.LittleEndian.AppendUint32(b, e[2])
		}
		next = len(b)
		b = binary.LittleEndian.AppendUint32(b, 0)
	}
	return b
}

// Gray returns a w × h gray image whose pixel (x, y) is f(x, y).
func Gray(w, h int, f func(x, y int) uint8) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g.Pix[y*g.Stride+x] = f(x, y)
		}
	}
	return g
}
