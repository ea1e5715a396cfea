package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image"
	"io"
)

// tiffWriter writes a multi-page TIFF of 8-bit grayscale (BlackIsZero) or
// RGB pages, one page per call to add, as a chain of IFDs
// (golang.org/x/image/tiff encodes one image per file, and its decoder
// reads only the first). Each page is one strip, Deflate-compressed
// (compression 8) with horizontal differencing (predictor 2), with its
// resolution and PageNumber. The output is little-endian ("II") and
// deterministic. Not safe for concurrent use.
type tiffWriter struct {
	w     io.WriterAt
	off   int64 // end of what was written
	next  int64 // where the offset of the next IFD goes
	pages int   // pages written
	total int   // pages the file will hold (for PageNumber)
	dpi   uint32
	level int // zlib compression level
}

// newTIFFWriter writes the TIFF header to w and returns a writer for total
// pages at dpi dots per inch.
func newTIFFWriter(w io.WriterAt, total, dpi int) (*tiffWriter, error) {
	hdr := []byte{'I', 'I', 42, 0, 0, 0, 0, 0}
	if _, err := w.WriteAt(hdr, 0); err != nil {
		return nil, err
	}
	return &tiffWriter{w: w, off: int64(len(hdr)), next: 4, total: total, dpi: uint32(dpi), level: zlib.DefaultCompression}, nil
}

// TIFF tags and field types used.
const (
	tagNewSubfileType  = 254
	tagImageWidth      = 256
	tagImageLength     = 257
	tagBitsPerSample   = 258
	tagCompression     = 259
	tagPhotometric     = 262
	tagStripOffsets    = 273
	tagSamplesPerPixel = 277
	tagRowsPerStrip    = 278
	tagStripByteCounts = 279
	tagXResolution     = 282
	tagYResolution     = 283
	tagResolutionUnit  = 296
	tagPageNumber      = 297
	tagPredictor       = 317

	typeShort    = 3
	typeLong     = 4
	typeRational = 5
)

// add appends img, an *image.Gray or an *image.RGBA (alpha dropped), as
// the next page.
func (t *tiffWriter) add(img image.Image) error {
	if t.pages >= t.total {
		return fmt.Errorf("tiff: more than %d pages", t.total)
	}
	var (
		pix           []byte
		stride, spp   int
		photometric   uint16
		w, h          = img.Bounds().Dx(), img.Bounds().Dy()
		samplesInFile int
	)
	switch g := img.(type) {
	case *image.Gray:
		pix, stride, spp, photometric, samplesInFile = g.Pix, g.Stride, 1, 1, 1 // BlackIsZero
	case *image.RGBA:
		pix, stride, spp, photometric, samplesInFile = g.Pix, g.Stride, 4, 2, 3 // RGB
	default:
		return fmt.Errorf("tiff: %T pages are not supported", img)
	}
	// Horizontal differencing, sample by sample, then zlib.
	var z bytes.Buffer
	zw, err := zlib.NewWriterLevel(&z, t.level)
	if err != nil {
		return err
	}
	diff := make([]byte, w*samplesInFile)
	for y := 0; y < h; y++ {
		row := pix[y*stride : y*stride+w*spp]
		for x := 0; x < w; x++ {
			for c := 0; c < samplesInFile; c++ {
				var prev byte
				if x > 0 {
					prev = row[(x-1)*spp+c]
				}
				diff[x*samplesInFile+c] = row[x*spp+c] - prev
			}
		}
		if _, err := zw.Write(diff); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	strip := t.align(t.off)
	if err := t.write(strip, z.Bytes()); err != nil {
		return err
	}
	ifd := t.align(strip + int64(z.Len()))
	type entry struct {
		tag, typ uint16
		count    uint32
		value    uint32 // SHORTs are packed left-justified by the caller
	}
	const nEntries = 15
	res := ifd + 2 + nEntries*12 + 4 // the two rationals follow the IFD
	bps := res + 16                  // then, for RGB, the three BitsPerSample
	short := func(v uint16) uint32 { return uint32(v) }
	bpsEntry := entry{tagBitsPerSample, typeShort, 1, short(8)}
	if samplesInFile == 3 {
		bpsEntry = entry{tagBitsPerSample, typeShort, 3, uint32(bps)}
	}
	entries := []entry{
		{tagNewSubfileType, typeLong, 1, 2}, // one page of a multi-page image
		{tagImageWidth, typeLong, 1, uint32(w)},
		{tagImageLength, typeLong, 1, uint32(h)},
		bpsEntry,
		{tagCompression, typeShort, 1, short(8)}, // Deflate (zlib)
		{tagPhotometric, typeShort, 1, short(photometric)},
		{tagStripOffsets, typeLong, 1, uint32(strip)},
		{tagSamplesPerPixel, typeShort, 1, short(uint16(samplesInFile))},
		{tagRowsPerStrip, typeLong, 1, uint32(h)},
		{tagStripByteCounts, typeLong, 1, uint32(z.Len())},
		{tagXResolution, typeRational, 1, uint32(res)},
		{tagYResolution, typeRational, 1, uint32(res + 8)},
		{tagResolutionUnit, typeShort, 1, short(2)}, // inch
		{tagPageNumber, typeShort, 2, uint32(t.pages) | uint32(t.total)<<16},
		{tagPredictor, typeShort, 1, short(2)}, // horizontal differencing
	}
	if len(entries) != nEntries {
		panic("tiff: entry count")
	}
	buf := binary.LittleEndian.AppendUint16(nil, nEntries)
	for _, e := range entries {
		buf = binary.LittleEndian.AppendUint16(buf, e.tag)
		buf = binary.LittleEndian.AppendUint16(buf, e.typ)
		buf = binary.LittleEndian.AppendUint32(buf, e.count)
		buf = binary.LittleEndian.AppendUint32(buf, e.value)
	}
	buf = binary.LittleEndian.AppendUint32(buf, 0) // no next IFD yet
	for range 2 {
		buf = binary.LittleEndian.AppendUint32(buf, t.dpi)
		buf = binary.LittleEndian.AppendUint32(buf, 1)
	}
	if samplesInFile == 3 {
		for range 3 {
			buf = binary.LittleEndian.AppendUint16(buf, 8)
		}
	}
	if err := t.write(ifd, buf); err != nil {
		return err
	}
	// Link the previous IFD (or the header) to this one.
	if err := t.write(t.next, binary.LittleEndian.AppendUint32(nil, uint32(ifd))); err != nil {
		return err
	}
	t.next = ifd + 2 + nEntries*12
	t.off = ifd + int64(len(buf))
	t.pages++
	if t.off > 1<<32-1 {
		return fmt.Errorf("tiff: file over 4 GiB")
	}
	return nil
}

// close checks that every announced page was written.
func (t *tiffWriter) close() error {
	if t.pages != t.total {
		return fmt.Errorf("tiff: %d of %d pages written", t.pages, t.total)
	}
	return nil
}

// align pads the file with a zero byte when off is odd (TIFF offsets are
// word-aligned) and returns the aligned offset.
func (t *tiffWriter) align(off int64) int64 {
	return (off + 1) &^ 1
}

func (t *tiffWriter) write(off int64, b []byte) error {
	if off > t.off {
		// Fill the alignment gap so the file holds no undefined bytes.
		if _, err := t.w.WriteAt(make([]byte, off-t.off), t.off); err != nil {
			return err
		}
	}
	_, err := t.w.WriteAt(b, off)
	if end := off + int64(len(b)); end > t.off {
		t.off = end
	}
	return err
}
