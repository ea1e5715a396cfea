package scan

import (
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"

	"golang.org/x/image/tiff"
)

// openTIFF walks the IFD chain of a TIFF: one page per IFD. A chain that
// loops, points outside the file or is longer than MaxPages is malformed;
// a file whose first IFD offset is 0 has no pages.
func openTIFF(data []byte) (*Document, error) {
	ifds, err := tiffIFDs(data)
	if err != nil {
		return nil, err
	}
	d := &Document{Format: "tiff", pages: len(ifds)}
	d.page = func(n int) (image.Image, error) {
		v := newTIFFView(data, ifds[n-1])
		cfg, err := tiff.DecodeConfig(v)
		if err != nil {
			return nil, tiffError(err)
		}
		if err := checkImage("tiff", cfg); err != nil {
			return nil, err
		}
		img, err := tiff.Decode(newTIFFView(data, ifds[n-1]))
		if err != nil {
			return nil, tiffError(err)
		}
		return img, nil
	}
	// Check the first page's size now, as for other formats.
	cfg, err := tiff.DecodeConfig(newTIFFView(data, ifds[0]))
	if err != nil {
		return nil, tiffError(err)
	}
	if err := checkImage("tiff", cfg); err != nil {
		return nil, err
	}
	return d, nil
}

// tiffError marks the decoder's UnsupportedError as ErrUnsupported.
func tiffError(err error) error {
	var u tiff.UnsupportedError
	if errors.As(err, &u) {
		return fmt.Errorf("%w: tiff %s", ErrUnsupported, string(u))
	}
	return fmt.Errorf("decode tiff: %w", err)
}

// tiffIFDs returns the offsets of the IFDs of a classic TIFF, in order.
func tiffIFDs(data []byte) ([]uint32, error) {
	if len(data) < 8 {
		return nil, errors.New("tiff: header cut short")
	}
	var bo binary.ByteOrder
	switch string(data[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return nil, errors.New("tiff: bad byte order mark")
	}
	switch bo.Uint16(data[2:4]) {
	case 42:
	case 43:
		return nil, fmt.Errorf("%w: BigTIFF", ErrUnsupported)
	default:
		return nil, errors.New("tiff: bad magic number")
	}
	var ifds []uint32
	seen := map[uint32]bool{}
	for off := bo.Uint32(data[4:8]); off != 0; {
		switch {
		case seen[off]:
			return nil, fmt.Errorf("tiff: the IFD chain loops back to offset %d", off)
		case len(ifds) >= MaxPages:
			return nil, fmt.Errorf("%w: more than %d pages", ErrTooLarge, MaxPages)
		case int64(off)+2 > int64(len(data)):
			return nil, fmt.Errorf("tiff: IFD %d at offset %d is outside the file", len(ifds)+1, off)
		}
		seen[off] = true
		n := int64(bo.Uint16(data[off:]))
		end := int64(off) + 2 + 12*n
		if end+4 > int64(len(data)) {
			return nil, fmt.Errorf("tiff: IFD %d at offset %d is cut short", len(ifds)+1, off)
		}
		ifds = append(ifds, off)
		off = bo.Uint32(data[end:])
	}
	if len(ifds) == 0 {
		return nil, fmt.Errorf("%w: the TIFF has no IFD (zero pages)", ErrNoPages)
	}
	return ifds, nil
}

// tiffView is the file with its first-IFD offset replaced, so that a
// decoder reading "the first page" reads the chosen one.
type tiffView struct {
	data []byte
	hdr  [8]byte
	pos  int64
}

func newTIFFView(data []byte, ifd uint32) *tiffView {
	v := &tiffView{data: data}
	copy(v.hdr[:], data[:8])
	if string(data[:2]) == "II" {
		binary.LittleEndian.PutUint32(v.hdr[4:], ifd)
	} else {
		binary.BigEndian.PutUint32(v.hdr[4:], ifd)
	}
	return v
}

func (v *tiffView) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("tiff view: negative offset")
	}
	if off >= int64(len(v.data)) {
		return 0, io.EOF
	}
	n := copy(p, v.data[off:])
	if off < 8 {
		copy(p, v.hdr[off:])
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (v *tiffView) Read(p []byte) (int, error) {
	n, err := v.ReadAt(p, v.pos)
	v.pos += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}
