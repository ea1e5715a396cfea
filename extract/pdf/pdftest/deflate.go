package pdftest

import (
	"bytes"
	"encoding/binary"
	"hash/adler32"
	"sort"
)

// bombStream returns a zlib stream (for /FlateDecode) that inflates to
// prefix followed by period repeated up to n bytes in all, written as one
// dynamic-Huffman deflate block of 258-byte copies at 1 bit each for the
// length and the distance code: about 1,000:1, so that a stream of
// gigabytes takes a megabyte or two and is written in milliseconds.
func bombStream(prefix, period string, n int64) []byte {
	p := len(period)
	start := prefix + period
	// Distance p: its code and extra bits (RFC 1951, 3.2.5).
	dcode, dextra, dbits := distCode(p)

	// Literal/length code: 285 (length 258) 1 bit, 256 (end) 2 bits, the
	// literals of start at equal length filling the rest of the code.
	lits := map[byte]bool{}
	for i := range len(start) {
		lits[start[i]] = true
	}
	lbits := 3
	for 1<<(lbits-2) < len(lits) {
		lbits++
	}
	litLen := make([]int, 286)
	litLen[285], litLen[256] = 1, 2
	var syms []int
	for c := range lits {
		syms = append(syms, int(c))
	}
	for c := 0; len(syms) < 1<<(lbits-2); c++ { // unused literals complete the code
		if !lits[byte(c)] {
			syms = append(syms, c)
		}
	}
	sort.Ints(syms)
	for _, c := range syms {
		litLen[c] = lbits
	}
	distLen := make([]int, dcode+1)
	distLen[dcode] = 1 // a single distance code of one bit
	litCodes, distCodes := canonical(litLen), canonical(distLen)

	var w bitWriter
	w.bytes(0x78, 0x01) // zlib header: deflate, 32 KiB window, no dictionary
	w.bits(1, 1)        // final block
	w.bits(2, 2)        // dynamic Huffman
	w.bits(286-257, 5)  // HLIT
	w.bits(uint32(len(distLen)-1), 5)
	// Code-length code: the symbols used (0, 1, 2, lbits, 17, 18) and
	// unused ones up to 8, at 3 bits each.
	order := []int{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}
	clLen := make([]int, 19)
	used := 0
	for _, s := range []int{0, 1, 2, lbits, 17, 18, 3, 4, 5, 6} {
		if clLen[s] == 0 && used < 8 {
			clLen[s] = 3
			used++
		}
	}
	w.bits(18-4, 4) // HCLEN: through symbol 1, the 18th in order
	for _, s := range order[:18] {
		w.bits(uint32(clLen[s]), 3)
	}
	clCodes := canonical(clLen)
	// The code lengths, runs of zeros as 17 (3-10) and 18 (11-138).
	lengths := append(append([]int{}, litLen...), distLen...)
	for i := 0; i < len(lengths); {
		if lengths[i] != 0 {
			w.code(clCodes[lengths[i]], 3)
			i++
			continue
		}
		run := 0
		for i+run < len(lengths) && lengths[i+run] == 0 && run < 138 {
			run++
		}
		switch {
		case run >= 11:
			w.code(clCodes[18], 3)
			w.bits(uint32(run-11), 7)
		case run >= 3:
			w.code(clCodes[17], 3)
			w.bits(uint32(run-3), 3)
		default:
			run = 1
			w.code(clCodes[0], 3)
		}
		i += run
	}
	for i := range len(start) {
		w.code(litCodes[start[i]], lbits)
	}
	copies := (n - int64(len(start))) / 258
	for range copies {
		w.code(litCodes[285], 1)
		w.code(distCodes[dcode], 1)
		w.bits(dextra, dbits)
	}
	w.code(litCodes[256], 2)
	w.flush()
	total := int64(len(start)) + 258*copies
	w.buf.Write(binary.BigEndian.AppendUint32(nil, periodicAdler(prefix, period, total)))
	return w.buf.Bytes()
}

// distCode returns the deflate distance code of d, its extra bits' value
// and count.
func distCode(d int) (code int, extra uint32, nbits int) {
	if d <= 4 {
		return d - 1, 0, 0
	}
	base, code, nbits := 5, 4, 1
	for {
		for range 2 {
			if d < base+1<<nbits {
				return code, uint32(d - base), nbits
			}
			base += 1 << nbits
			code++
		}
		nbits++
	}
}

// canonical returns the canonical Huffman codes of the given code lengths
// (RFC 1951, 3.2.2).
func canonical(lengths []int) []uint32 {
	maxLen := 0
	for _, l := range lengths {
		maxLen = max(maxLen, l)
	}
	count := make([]uint32, maxLen+1)
	for _, l := range lengths {
		if l > 0 {
			count[l]++
		}
	}
	next := make([]uint32, maxLen+2)
	code := uint32(0)
	for b := 1; b <= maxLen; b++ {
		code = (code + count[b-1]) << 1
		next[b] = code
	}
	codes := make([]uint32, len(lengths))
	for i, l := range lengths {
		if l > 0 {
			codes[i] = next[l]
			next[l]++
		}
	}
	return codes
}

// bitWriter writes a deflate bit stream: values least significant bit
// first, Huffman codes most significant bit first.
type bitWriter struct {
	buf  bytes.Buffer
	acc  uint64
	nacc int
}

func (w *bitWriter) bytes(b ...byte) { w.buf.Write(b) }

func (w *bitWriter) bits(v uint32, n int) {
	w.acc |= uint64(v) << w.nacc
	w.nacc += n
	for w.nacc >= 8 {
		w.buf.WriteByte(byte(w.acc))
		w.acc >>= 8
		w.nacc -= 8
	}
}

func (w *bitWriter) code(c uint32, n int) {
	rev := uint32(0)
	for i := range n {
		rev |= (c >> i & 1) << (n - 1 - i)
	}
	w.bits(rev, n)
}

func (w *bitWriter) flush() {
	if w.nacc > 0 {
		w.bits(0, 8-w.nacc)
	}
}

// periodicAdler returns the Adler-32 checksum of the first n bytes of
// prefix followed by period repeated, in O(log n).
func periodicAdler(prefix, period string, n int64) uint32 {
	sum := adler32.Checksum([]byte(prefix))
	n -= int64(len(prefix))
	p := int64(len(period))
	reps, rest := n/p, n%p
	unit, unitLen := adler32.Checksum([]byte(period)), p
	for ; reps > 0; reps >>= 1 {
		if reps&1 == 1 {
			sum = adlerCombine(sum, unit, unitLen)
		}
		unit = adlerCombine(unit, unit, unitLen)
		unitLen *= 2
	}
	return adlerCombine(sum, adler32.Checksum([]byte(period[:rest])), rest)
}

// adlerCombine returns the Adler-32 of A followed by B from theirs and
// B's length (zlib's adler32_combine).
func adlerCombine(a, b uint32, lenB int64) uint32 {
	const base = 65521
	rem := uint64(lenB % base)
	s1 := uint64(a & 0xffff)
	s2 := rem * s1 % base
	s1 += uint64(b&0xffff) + base - 1
	s2 += uint64(a>>16) + uint64(b>>16) + base - rem
	if s1 >= base {
		s1 -= base
	}
	if s1 >= base {
		s1 -= base
	}
	if s2 >= base<<1 {
		s2 -= base << 1
	}
	if s2 >= base {
		s2 -= base
	}
	return uint32(s1 | s2<<16)
}
