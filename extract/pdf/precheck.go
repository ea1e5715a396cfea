package pdf

import (
	"bytes"
	"fmt"
	"strconv"

	"jixiao"
)

// Checks of the raw bytes before the library reads them.
//
// github.com/ledongthuc/pdf believes what a cross-reference section claims:
// it allocates a table of an xref stream's /Size entries, grows it to the
// highest object number of a subsection or /Index pair, follows /Prev
// without remembering where it has been, and, looking an object up in an
// object stream, reads /N index pairs and follows /Extends without either
// bound. A file of a few hundred bytes can so make it allocate gigabytes or
// loop forever. precheck reads the same entries itself and refuses claims
// the file cannot back.

const (
	// maxXrefSections is the longest /Prev chain of cross-reference
	// sections read (one per incremental update).
	maxXrefSections = 1024
	// maxFlateRatio bounds how much a compressed stream can inflate: the
	// deflate format cannot do better than about 1032:1.
	maxFlateRatio = 1032
	// maxEntryWidth is the widest field of an xref stream entry (/W).
	maxEntryWidth = 8
)

// maxObjects is the highest object count a file of size bytes is believed
// to have: an object takes a few bytes at the very least, and a table
// entry (classic or in a stream) is allocated for each.
func maxObjects(size int) int64 { return int64(size)/4 + 4096 }

// precheck refuses data whose cross-reference sections or object streams
// make claims the file cannot back (see above). It returns nil for what it
// cannot make sense of, leaving that to the library (and repairXref).
func precheck(data []byte) error {
	if err := checkXref(data); err != nil {
		return err
	}
	return checkObjectStreams(data)
}

// checkXref walks the cross-reference sections from the last startxref.
func checkXref(data []byte) error {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil
	}
	p := &objParser{data: data, pos: i + len("startxref")}
	off, ok := p.object(0).(int64)
	if !ok {
		return nil
	}
	limit := maxObjects(len(data))
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if off < 0 || off >= int64(len(data)) {
			return nil
		}
		if seen[off] {
			return malformed("cross-reference section at offset %d: /Prev leads back to it (a loop)", off)
		}
		if n >= maxXrefSections {
			return malformed("more than %d cross-reference sections (/Prev chain)", maxXrefSections)
		}
		seen[off] = true
		p := &objParser{data: data, pos: int(off)}
		var trailer map[string]any
		if p.keyword("xref") {
			t, err := p.xrefTable(off, limit)
			if err != nil || t == nil {
				return err
			}
			trailer = t
		} else {
			t, err := p.xrefStream(off, limit)
			if err != nil || t == nil {
				return err
			}
			trailer = t
		}
		prev, ok := trailer["Prev"].(int64)
		if !ok {
			return nil
		}
		off = prev
	}
}

// xrefTable reads a classic table's subsection headers (checking each
// claims no more entries than the rest of the file can hold, and no object
// number above limit) and returns its trailer, nil when it cannot be read.
func (p *objParser) xrefTable(off, limit int64) (map[string]any, error) {
	for {
		if p.keyword("trailer") {
			d, _ := p.object(0).(map[string]any)
			return d, nil
		}
		start, ok1 := p.object(0).(int64)
		count, ok2 := p.object(0).(int64)
		if !ok1 || !ok2 {
			return nil, nil
		}
		// An entry is three tokens, at least 6 bytes.
		if room := int64(len(p.data)-p.pos)/6 + 1; count < 0 || count > room {
			return nil, malformed("cross-reference table at offset %d: subsection %d %d claims %d entries, the rest of the file has room for %d", off, start, count, count, room)
		}
		if start < 0 || start+count > limit {
			return nil, malformed("cross-reference table at offset %d: subsection %d %d reaches object %d, more than a file of %d bytes can hold (%d)", off, start, count, start+count, len(p.data), limit)
		}
		for range 3 * count {
			if p.object(0) == nil {
				return nil, nil
			}
		}
	}
}

// xrefStream reads an xref stream's dictionary, checks /Size, /W and
// /Index against the file, and returns the dictionary, nil when there is
// none to read at p.
func (p *objParser) xrefStream(off, limit int64) (map[string]any, error) {
	if _, ok := p.object(0).(int64); !ok {
		return nil, nil
	}
	if _, ok := p.object(0).(int64); !ok || !p.keyword("obj") {
		return nil, nil
	}
	d, ok := p.object(0).(map[string]any)
	if !ok || d["Type"] != pdfName("XRef") {
		return nil, nil
	}
	where := fmt.Sprintf("cross-reference stream at offset %d", off)
	size, ok := d["Size"].(int64)
	if !ok {
		return nil, nil
	}
	if size < 0 || size > limit {
		return nil, malformed("%s: /Size %d claims more objects than a file of %d bytes can hold (%d)", where, size, len(p.data), limit)
	}
	w, _ := d["W"].([]any)
	width := int64(0)
	for _, x := range w {
		n, ok := x.(int64)
		if !ok || n < 0 || n > maxEntryWidth {
			return nil, malformed("%s: /W %v: each field must be 0 to %d bytes", where, w, maxEntryWidth)
		}
		width += n
	}
	index, ok := d["Index"].([]any)
	if !ok {
		index = []any{int64(0), size}
	}
	// What the stream's data can inflate to (its /Length, if direct, else
	// the rest of the file).
	stored := int64(len(p.data) - p.pos)
	if l, ok := d["Length"].(int64); ok && l >= 0 && l < stored {
		stored = l
	}
	inflated := stored*maxFlateRatio + 1024
	var entries int64
	for i := 0; i+1 < len(index); i += 2 {
		start, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 {
			return nil, nil
		}
		if start < 0 || count < 0 || start+count > limit {
			return nil, malformed("%s: /Index pair %d %d reaches object %d, more than a file of %d bytes can hold (%d)", where, start, count, start+count, len(p.data), limit)
		}
		if entries += count; width > 0 && entries > inflated/width {
			return nil, malformed("%s: /Index claims %d entries of %d bytes, more than its %d bytes of data can hold", where, entries, width, stored)
		}
	}
	return d, nil
}

// checkObjectStreams checks every object stream's /N and /Extends chain.
func checkObjectStreams(data []byte) error {
	type objStm struct{ extends int64 }
	streams := map[int64]objStm{}
	limit := maxObjects(len(data))
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte("/ObjStm"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("/ObjStm")
		// The object header before it, and the dictionary after that.
		window := data[max(0, at-4096):at]
		hs := objHeaderRE.FindAllSubmatchIndex(window, -1)
		if len(hs) == 0 {
			continue
		}
		h := hs[len(hs)-1]
		num, err := strconv.ParseInt(string(window[h[2]:h[3]]), 10, 64)
		if err != nil {
			continue
		}
		p := &objParser{data: data, pos: max(0, at-4096) + h[1]}
		d, ok := p.object(0).(map[string]any)
		if !ok || d["Type"] != pdfName("ObjStm") {
			continue
		}
		where := fmt.Sprintf("object stream %d", num)
		n, _ := d["N"].(int64)
		if n < 0 || n > limit {
			return malformed("%s: /N %d claims more objects than a file of %d bytes can hold (%d)", where, n, len(data), limit)
		}
		if first, ok := d["First"].(int64); ok && 4*n > first+4 {
			return malformed("%s: /N %d index pairs cannot fit before /First %d", where, n, first)
		}
		s := objStm{extends: -1}
		if r, ok := d["Extends"].(pdfRef); ok {
			s.extends = r.num
		}
		streams[num] = s
	}
	for num := range streams {
		seen := map[int64]bool{}
		for at := num; at >= 0; at = streams[at].extends {
			if seen[at] {
				return malformed("object stream %d: its /Extends chain loops back to object stream %d", num, at)
			}
			seen[at] = true
			if _, ok := streams[at]; !ok {
				break
			}
		}
	}
	return nil
}

// pdfName and pdfRef are what objParser reads for a name and a reference.
type (
	pdfName string
	pdfRef  struct{ num, gen int64 }
)

// objParser reads PDF objects from data at pos, for precheck: integers
// (int64), reals (float64), names (pdfName), strings (string),
// references (pdfRef), arrays ([]any), dictionaries (map[string]any), and
// keywords (true, false, null, and others as keyword). It returns nil at
// the end of data or where it makes no sense, and reads at most
// maxNesting levels.
type objParser struct {
	data []byte
	pos  int
}

type keyword string

func (p *objParser) skipSpace() {
	for p.pos < len(p.data) {
		c := p.data[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.data) && p.data[p.pos] != '\n' && p.data[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword consumes the keyword kw if it comes next.
func (p *objParser) keyword(kw string) bool {
	save := p.pos
	if k, ok := p.token().(keyword); ok && string(k) == kw {
		return true
	}
	p.pos = save
	return false
}

// regular returns the run of regular characters at pos.
func (p *objParser) regular() string {
	start := p.pos
	for p.pos < len(p.data) && !isSpace(p.data[p.pos]) && !isDelim(p.data[p.pos]) {
		p.pos++
	}
	return string(p.data[start:p.pos])
}

// token reads one token: a delimiter as a keyword, or a simple object.
func (p *objParser) token() any {
	p.skipSpace()
	if p.pos >= len(p.data) {
		return nil
	}
	c := p.data[p.pos]
	switch c {
	case '[', ']', '{', '}':
		p.pos++
		return keyword(c)
	case '<':
		if p.pos+1 < len(p.data) && p.data[p.pos+1] == '<' {
			p.pos += 2
			return keyword("<<")
		}
		end := bytes.IndexByte(p.data[p.pos:], '>')
		if end < 0 {
			return nil
		}
		s := string(p.data[p.pos+1 : p.pos+end])
		p.pos += end + 1
		return s
	case '>':
		if p.pos+1 < len(p.data) && p.data[p.pos+1] == '>' {
			p.pos += 2
			return keyword(">>")
		}
		return nil
	case '(':
		depth := 0
		for start := p.pos; p.pos < len(p.data); p.pos++ {
			switch p.data[p.pos] {
			case '\\':
				p.pos++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					p.pos++
					return string(p.data[start+1 : p.pos-1])
				}
			}
		}
		return nil
	case '/':
		p.pos++
		return pdfName(unescapeName(p.regular()))
	case ')':
		return nil
	}
	s := p.regular()
	if s == "" {
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return keyword(s)
}

// object reads one object.
func (p *objParser) object(depth int) any {
	if depth > maxNesting {
		return nil
	}
	t := p.token()
	switch t := t.(type) {
	case int64:
		// "N G R" is a reference.
		save := p.pos
		if g, ok := p.token().(int64); ok {
			if p.keyword("R") {
				return pdfRef{t, g}
			}
		}
		p.pos = save
		return t
	case keyword:
		switch t {
		case "[":
			var a []any
			for {
				save := p.pos
				if p.token() == keyword("]") {
					return a
				}
				p.pos = save
				x := p.object(depth + 1)
				if x == nil {
					return nil
				}
				a = append(a, x)
			}
		case "<<":
			d := map[string]any{}
			for {
				k := p.token()
				if k == keyword(">>") {
					return d
				}
				name, ok := k.(pdfName)
				if !ok {
					return nil
				}
				v := p.object(depth + 1)
				if v == nil {
					return nil
				}
				d[string(name)] = v
			}
		}
	}
	return t
}

// malformed returns an error of kind jixiao.ErrMalformed.
func malformed(format string, args ...any) error {
	return &jixiao.Error{Op: "extract", Kind: jixiao.ErrMalformed, Err: fmt.Errorf(format, args...)}
}
