package badinput

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
)

// pngChunk encodes one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	_ = binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	return b.Bytes()
}

// bombPNG is a well-formed PNG header claiming w×h 8-bit grayscale pixels,
// followed by a tiny (and far too short) image data chunk: decoding it
// would allocate w×h bytes before noticing.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8] = 8 // bit depth; colour type 0 (gray), compression, filter, interlace 0
	b.Write(pngChunk("IHDR", ihdr))
	// zlib stream of a few zero bytes: the first rows only.
	b.Write(pngChunk("IDAT", []byte{0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01}))
	b.Write(pngChunk("IEND", nil))
	return b.Bytes()
}

// truncatedJPEG is a 64×64 baseline JPEG cut off in the middle of its
// entropy-coded data.
func truncatedJPEG() []byte {
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			img.SetGray(x, y, color.Gray{Y: uint8((x*7 + y*13) % 251)})
		}
	}
	var b bytes.Buffer
	_ = jpeg.Encode(&b, img, &jpeg.Options{Quality: 75})
	return b.Bytes()[:b.Len()/2]
}

// zeroPageTIFF is a little-endian TIFF header whose first image file
// directory offset is 0: a TIFF without any page.
func zeroPageTIFF() []byte {
	return []byte{'I', 'I', 42, 0, 0, 0, 0, 0}
}

// SharedStripTIFF is a little-endian TIFF of pages 10000×10000 16-bit RGB
// pages, every one pointing at the same small strip: decoded, each page
// would take 800 MB.
func SharedStripTIFF(pages int) []byte {
	const entries = 9
	var b bytes.Buffer
	le := binary.LittleEndian
	b.Write([]byte{'I', 'I', 42, 0})
	_ = binary.Write(&b, le, uint32(16)) // first IFD, after the shared data
	bits := 8                            // BitsPerSample array: 3 × uint16
	strip := 14                          // the strip: 2 bytes
	b.Write([]byte{16, 0, 16, 0, 16, 0, 0, 0})
	for b.Len() < 16 {
		b.WriteByte(0)
	}
	for p := range pages {
		_ = binary.Write(&b, le, uint16(entries))
		for _, e := range [entries][3]uint32{
			{256, 4, 10000},         // ImageWidth, LONG
			{257, 4, 10000},         // ImageLength
			{258, 3, uint32(bits)},  // BitsPerSample, SHORT ×3 at offset
			{259, 3, 1},             // Compression: none
			{262, 3, 2},             // Photometric: RGB
			{273, 4, uint32(strip)}, // StripOffsets
			{277, 3, 3},             // SamplesPerPixel
			{278, 4, 10000},         // RowsPerStrip
			{279, 4, 2},             // StripByteCounts
		} {
			count := uint32(1)
			if e[0] == 258 {
				count = 3
			}
			_ = binary.Write(&b, le, uint16(e[0]))
			_ = binary.Write(&b, le, uint16(e[1]))
			_ = binary.Write(&b, le, count)
			if e[1] == 3 && count == 1 {
				_ = binary.Write(&b, le, uint16(e[2]))
				_ = binary.Write(&b, le, uint16(0))
			} else {
				_ = binary.Write(&b, le, e[2])
			}
		}
		next := uint32(0)
		if p < pages-1 {
			next = uint32(b.Len() + 4)
		}
		_ = binary.Write(&b, le, next)
	}
	return b.Bytes()
}

// bomb16PNG is a PNG header claiming w×h 16-bit RGBA pixels (8 bytes each
// once decoded) with a few bytes of image data.
func bomb16PNG(w, h uint32) []byte {
	p := bombPNG(w, h)
	ihdr := p[16 : 16+13]
	ihdr[8], ihdr[9] = 16, 6 // bit depth 16, colour type RGBA
	copy(p[8:], pngChunk("IHDR", ihdr))
	return p
}
