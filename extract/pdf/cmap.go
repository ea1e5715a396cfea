package pdf

import (
	"io"
	"iter"
	"strings"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
)

// cmap is a ToUnicode map read once into a table: code → text.
type cmap struct {
	spaces   [][2]string // codespace ranges (byte strings of equal length)
	hasSpace bool
	m        map[uint64]string // key: code length << 32 | code
}

const maxCMapEntries = 1 << 17

func cmapKey(n int, v uint32) uint64 { return uint64(n)<<32 | uint64(v) }

func codeOf(b string) uint32 {
	var v uint32
	for i := 0; i < len(b) && i < 4; i++ {
		v = v<<8 | uint32(b[i])
	}
	return v
}

// maxCMapBytes caps how much of a ToUnicode stream is read.
const maxCMapBytes = 8 << 20

// readCMap reads a ToUnicode stream: its codespace ranges and its bfchar
// and bfrange mappings. Anything else in it is ignored; malformed parts are
// skipped. It reports whether the stream was cut at maxCMapBytes.
func readCMap(v lpdf.Value) (*cmap, bool) {
	rc := v.Reader()
	data, _ := io.ReadAll(io.LimitReader(rc, maxCMapBytes+1))
	rc.Close()
	cut := len(data) > maxCMapBytes
	return parseCMapTokens(cmapTokens(data[:min(len(data), maxCMapBytes)])), cut
}

// parseCMapTokens builds the map from a CMap's tokens.
// Tokens outside a section are dropped, and a section's tokens past
// 3×maxCMapEntries are: what is kept stays bounded whatever the stream.
func parseCMapTokens(toks iter.Seq[cmapToken]) *cmap {
	m := &cmap{m: map[uint64]string{}}
	section := ""
	var args []cmapToken
	for t := range toks {
		if t.kind != 'k' {
			if section != "" && len(args) < 3*maxCMapEntries {
				args = append(args, t)
			}
			continue
		}
		switch t.s {
		case "begincodespacerange", "beginbfchar", "beginbfrange":
			section, args = t.s, nil
		case "endcodespacerange":
			for i := 0; i+1 < len(args); i += 2 {
				lo, hi := args[i].s, args[i+1].s
				if len(lo) == len(hi) && len(lo) >= 1 && len(lo) <= 4 {
					m.spaces = append(m.spaces, [2]string{lo, hi})
				}
			}
			m.hasSpace = len(m.spaces) > 0
			section, args = "", nil
		case "endbfchar":
			for i := 0; i+1 < len(args) && len(m.m) < maxCMapEntries; i += 2 {
				if src := args[i].s; len(src) >= 1 && len(src) <= 4 {
					m.m[cmapKey(len(src), codeOf(src))] = utf16Text(args[i+1].s)
				}
			}
			section, args = "", nil
		case "endbfrange":
			m.bfrange(args)
			section, args = "", nil
		default:
			if section == "" {
				args = nil
			}
		}
	}
	return m
}

func (m *cmap) bfrange(args []cmapToken) {
	for i := 0; i+2 < len(args) && len(m.m) < maxCMapEntries; {
		lo, hi := args[i].s, args[i+1].s
		dst := args[i+2]
		var list []string
		next := i + 3
		if dst.kind == '[' { // an array of strings up to the matching ]
			for next < len(args) && args[next].kind != ']' {
				list = append(list, args[next].s)
				next++
			}
			next++
		}
		i = next
		if len(lo) != len(hi) || len(lo) < 1 || len(lo) > 4 {
			continue
		}
		a, b := codeOf(lo), codeOf(hi)
		for c := a; c <= b && c-a < maxCMapEntries && len(m.m) < maxCMapEntries; c++ {
			k := cmapKey(len(lo), c)
			switch {
			case dst.kind == '<':
				if u := []rune(utf16Text(dst.s)); len(u) > 0 {
					u[len(u)-1] += rune(c - a)
					m.m[k] = string(u)
				}
			case dst.kind == '[' && int(c-a) < len(list):
				m.m[k] = utf16Text(list[c-a])
			}
			if c == ^uint32(0) {
				break
			}
		}
	}
}

// cmapToken is a token of a CMap: '<' a hex string (decoded), '[' and ']',
// 'k' a keyword, 'o' anything else (numbers, names, literal strings).
type cmapToken struct {
	kind byte
	s    string
}

// cmapTokens splits a CMap program into tokens.
func cmapTokens(b []byte) iter.Seq[cmapToken] {
	return func(yield func(cmapToken) bool) { tokenize(b, yield) }
}

// tokenize calls yield for each token of b, until it returns false.
func tokenize(b []byte, yield func(cmapToken) bool) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			if !yield(cmapToken{'o', string(b[i : i+2])}) {
				return
			}
			i += 2
		case c == '<':
			j := i + 1
			var hex []byte
			for j < len(b) && b[j] != '>' {
				if h := b[j]; (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F') {
					hex = append(hex, h)
				}
				j++
			}
			if len(hex)%2 == 1 {
				hex = append(hex, '0')
			}
			dec := make([]byte, len(hex)/2)
			for k := range dec {
				dec[k] = unhex(hex[2*k])<<4 | unhex(hex[2*k+1])
			}
			if !yield(cmapToken{'<', string(dec)}) {
				return
			}
			i = j + 1
		case c == '[' || c == ']':
			if !yield(cmapToken{c, ""}) {
				return
			}
			i++
		case c == '(':
			depth, j := 1, i+1
			for j < len(b) && depth > 0 {
				switch b[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
				j++
			}
			if !yield(cmapToken{'o', ""}) {
				return
			}
			i = j
		case c <= ' ':
			i++
		default:
			j := i
			for j < len(b) && b[j] > ' ' && !strings.ContainsRune("<>[]()/%", rune(b[j])) || j == i {
				j++
			}
			w := string(b[i:j])
			kind := byte('k')
			if c == '/' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
				kind = 'o'
			}
			if !yield(cmapToken{kind, w}) {
				return
			}
			i = j
		}
	}
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

// codeLen returns how many bytes the code at the start of raw has, per the
// codespace ranges (1 when none matches).
func (m *cmap) codeLen(raw string) int {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, sp := range m.spaces {
			if len(sp[0]) == n && sp[0] <= raw[:n] && raw[:n] <= sp[1] {
				return n
			}
		}
	}
	return 1
}

func (m *cmap) lookup(c charCode) (string, bool) {
	s, ok := m.m[cmapKey(c.n, c.v)]
	return s, ok
}

// utf16Text decodes a UTF-16BE byte string.
func utf16Text(s string) string {
	if len(s)%2 == 1 {
		return string([]rune{0xFFFD})
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}
