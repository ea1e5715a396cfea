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
