package pdf

import (
	"fmt"
	"strings"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"
)

// charCode is one character code of a show-text string.
type charCode struct {
	v      uint32
	n      int  // bytes
	single bool // a one-byte code (word spacing applies to 32)
}

// font is what showing text needs of a PDF font: how to cut a string into
// codes, each code's width and its Unicode text.
type font struct {
	composite bool               // Type0: codes of 1-4 bytes per the CMap, usually 2
	toUni     *cmap              // ToUnicode, or nil
	enc       lpdf.TextEncoding  // the library's decoder for simple fonts
	widths    map[uint32]float64 // glyph widths in 1/1000 em
	dw        float64            // default width
	first     int                // simple fonts: FirstChar
	simpleW   []float64          // simple fonts: Widths
}

// fontCache reads each font of a document once. Resolving a font and
// reading its maps is costly, and some producers switch fonts at every run
// of text.
type fontCache struct {
	page   lpdf.Page        // the page whose names byName holds
	byName map[string]*font // this page's fonts, by resource name
	byKey  map[string]*font // the document's fonts, by identity (see fontKey)
}

func newFontCache() *fontCache {
	return &fontCache{byName: map[string]*font{}, byKey: map[string]*font{}}
}

// newPage forgets the resource names of the previous page.
func (fc *fontCache) newPage() { fc.byName = map[string]*font{} }

// get returns the font named name in the page's resources.
func (fc *fontCache) get(p lpdf.Page, name string) *font {
	if f, ok := fc.byName[name]; ok {
		return f
	}
	fv := p.Resources().Key("Font").Key(name)
	key := fontKey(fv)
	f, ok := fc.byKey[key]
	if !ok {
		f = loadFont(p, name, fv)
		fc.byKey[key] = f
	}
	fc.byName[name] = f
	return f
}

// fontKey identifies a font across pages without printing its dictionary:
// its names, its encoding and the size of its Unicode map and widths.
func fontKey(fv lpdf.Value) string {
	d := fv.Key("DescendantFonts").Index(0)
	return fmt.Sprint(fv.Key("BaseFont").Name(), "|", fv.Key("Subtype").Name(), "|", fv.Key("Encoding").Name(),
		"|", fv.Key("FirstChar").Int64(), "|", fv.Key("LastChar").Int64(), "|", fv.Key("Widths").Len(),
		"|", d.Key("BaseFont").Name(), "|", d.Key("W").Len(), "|", fv.Key("ToUnicode").Key("Length").Int64())
}

func loadFont(p lpdf.Page, name string, fv lpdf.Value) *font {
	f := &font{widths: map[uint32]float64{}, dw: 1000}
	cut := false
	if tu := fv.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		f.toUni, cut = readCMap(tu)
	}
	if fv.Key("Subtype").Name() == "Type0" {
		f.composite = true
		d := fv.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
			f.dw = dw.Float64()
		}
		readCIDWidths(d.Key("W"), f.widths)
		return f
	}
	lf := p.Font(name)
	// The library's encoder of a font without /Encoding (or Identity-H)
	// reads its whole ToUnicode stream, unbounded: not for one past
	// maxCMapBytes.
	if enc := fv.Key("Encoding"); !cut || enc.Kind() != lpdf.Null && enc.Name() != "Identity-H" {
		f.enc = lf.Encoder()
	}
	f.first = lf.FirstChar()
	f.simpleW = lf.Widths()
	f.dw = 500
	return f
}

// readCIDWidths reads a /W array: c [w1 w2 …] or c1 c2 w.
func readCIDWidths(w lpdf.Value, out map[uint32]float64) {
	const maxEntries = 1 << 17
	for i := 0; i < w.Len() && len(out) < maxEntries; {
		c := w.Index(i)
		if i+1 >= w.Len() {
			return
		}
		next := w.Index(i + 1)
		if next.Kind() == lpdf.Array {
			start := uint32(c.Int64())
			for j := 0; j < next.Len() && len(out) < maxEntries; j++ {
				out[start+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			return
		}
		lo, hi, wd := c.Int64(), next.Int64(), w.Index(i+2).Float64()
		for k := lo; k <= hi && k-lo < maxEntries && len(out) < maxEntries; k++ {
			out[uint32(k)] = wd
		}
		i += 3
	}
}

// codes cuts a show-text string into character codes.
func (f *font) codes(raw string) []charCode {
	var out []charCode
	for len(raw) > 0 {
		n := 1
		switch {
		case f.toUni != nil && f.toUni.hasSpace:
			n = f.toUni.codeLen(raw)
		case f.composite:
			n = 2
		}
		if n > len(raw) {
			n = len(raw)
		}
		var v uint32
		for i := 0; i < n; i++ {
			v = v<<8 | uint32(raw[i])
		}
		out = append(out, charCode{v: v, n: n, single: n == 1})
		raw = raw[n:]
	}
	return out
}

// width returns a code's width in 1/1000 em.
func (f *font) width(c charCode) float64 {
	if f.composite {
		if w, ok := f.widths[c.v]; ok {
			return w
		}
		return f.dw
	}
	if i := int(c.v) - f.first; i >= 0 && i < len(f.simpleW) && f.simpleW[i] > 0 {
		return f.simpleW[i]
	}
	return f.dw
}

// decode returns a code's Unicode text; U+FFFD when the font does not say.
func (f *font) decode(c charCode) string {
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(c); ok {
			return s
		}
	}
	if !f.composite && f.enc != nil {
		s := f.enc.Decode(string([]byte{byte(c.v)}))
		if s != "" && utf8.ValidString(s) {
			return s
		}
	}
	return "\uFFFD"
}

// garbled reports whether a glyph's text looks undecoded: a replacement
// character, a private-use code point or a control character.
func garbled(s string) bool {
	return strings.IndexFunc(s, func(c rune) bool {
		return c == utf8.RuneError || (c >= 0xE000 && c <= 0xF8FF) || (c < 0x20 && c != '\t')
	}) >= 0
}
