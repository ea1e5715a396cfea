package render

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// ErrNotCollection is returned by ExtractTTC for data that does not start
// with a TrueType collection header ("ttcf").
var ErrNotCollection = errors.New("not a TrueType collection")

// maxTables bounds the table directory of one font (real fonts have about
// 20 tables; the count is a 16-bit field).
const maxTables = 256

// ExtractTTC returns font index (0-based) of the TrueType/OpenType
// collection ttc as a standalone font file: its offset table, a table
// directory in the collection's order with offsets into the new file, and
// a copy of each table it names, each padded to four bytes. Tables the
// collection shares between its fonts (usually glyf, loca, cmap) are
// copied. The table checksums are recomputed and the head table's
// checkSumAdjustment is set for the new file, as the OpenType
// specification describes. The outlines are not looked at: a collection of
// CFF fonts gives a CFF font ("OTTO").
//
// It returns ErrNotCollection for data without a "ttcf" header, and an
// error for an index out of range or a directory or table that does not
// fit in ttc; it never panics and does not modify ttc. Safe for concurrent
// use.
func ExtractTTC(ttc []byte, index int) ([]byte, error) {
	if len(ttc) < 12 || string(ttc[:4]) != "ttcf" {
		return nil, ErrNotCollection
	}
	be := binary.BigEndian
	n := be.Uint32(ttc[8:])
	if index < 0 || uint64(index) >= uint64(n) {
		return nil, fmt.Errorf("ttc: font %d of %d", index, n)
	}
	at := 12 + 4*uint64(index)
	if at+4 > uint64(len(ttc)) {
		return nil, fmt.Errorf("ttc: offset of font %d beyond the data", index)
	}
	off := uint64(be.Uint32(ttc[at:]))
	if off+12 > uint64(len(ttc)) {
		return nil, fmt.Errorf("ttc: font %d at %d beyond the data", index, off)
	}
	numTables := uint64(be.Uint16(ttc[off+4:]))
	if numTables == 0 || numTables > maxTables {
		return nil, fmt.Errorf("ttc: font %d has %d tables", index, numTables)
	}
	dir := off + 12
	if dir+16*numTables > uint64(len(ttc)) {
		return nil, fmt.Errorf("ttc: table directory of font %d beyond the data", index)
	}
	type table struct {
		tag      [4]byte
		data     []byte
		placedAt uint64
	}
	tables := make([]table, numTables)
	size := 12 + 16*numTables
	for i := range tables {
		rec := ttc[dir+16*uint64(i):]
		start, length := uint64(be.Uint32(rec[8:])), uint64(be.Uint32(rec[12:]))
		if start+length > uint64(len(ttc)) {
			return nil, fmt.Errorf("ttc: table %q of font %d beyond the data", rec[:4], index)
		}
		copy(tables[i].tag[:], rec[:4])
		tables[i].data = ttc[start : start+length]
		tables[i].placedAt = size
		size += (length + 3) &^ 3
	}
	if size > 1<<32-1 {
		return nil, fmt.Errorf("ttc: font %d would be over 4 GiB", index)
	}
	out := make([]byte, size)
	copy(out, ttc[off:off+12]) // sfntVersion, numTables, searchRange, entrySelector, rangeShift
	head := -1
	for i, t := range tables {
		copy(out[t.placedAt:], t.data)
		if string(t.tag[:]) == "head" {
			if len(t.data) < 12 {
				return nil, fmt.Errorf("ttc: head table of font %d is %d bytes", index, len(t.data))
			}
			head = i
			be.PutUint32(out[t.placedAt+8:], 0) // checkSumAdjustment, computed below
		}
		rec := out[12+16*i:]
		copy(rec, t.tag[:])
		be.PutUint32(rec[4:], checksum(out[t.placedAt:t.placedAt+uint64(len(t.data))]))
		be.PutUint32(rec[8:], uint32(t.placedAt))
		be.PutUint32(rec[12:], uint32(len(t.data)))
	}
	if head >= 0 {
		be.PutUint32(out[tables[head].placedAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out, nil
}

// checksum is the OpenType table checksum: the sum of b as big-endian
// 32-bit words, the last one padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
