package render

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
)

// fakeTable is one table of a font of a fake collection.
type fakeTable struct {
	tag  string
	data []byte
}

// fakeTTC builds a TrueType collection of fonts, each a list of tables;
// tables with the same tag and data are stored once and shared, as in
// real collections.
func fakeTTC(fonts ...[]fakeTable) []byte {
	be := binary.BigEndian
	var b []byte
	b = append(b, "ttcf"...)
	b = be.AppendUint32(b, 0x00010000)
	b = be.AppendUint32(b, uint32(len(fonts)))
	offsetsAt := len(b)
	b = append(b, make([]byte, 4*len(fonts))...)
	dirs := make([]int, len(fonts))
	for i, f := range fonts {
		dirs[i] = len(b)
		be.PutUint32(b[offsetsAt+4*i:], uint32(len(b)))
		b = be.AppendUint32(b, 0x00010000)
		b = be.AppendUint16(b, uint16(len(f)))
		b = append(b, 0, 0, 0, 0, 0, 0) // searchRange etc., not checked
		b = append(b, make([]byte, 16*len(f))...)
	}
	stored := map[string]int{}
	for i, f := range fonts {
		for j, t := range f {
			key := t.tag + string(t.data)
			at, ok := stored[key]
			if !ok {
				at = len(b)
				stored[key] = at
				b = append(b, t.data...)
				for len(b)%4 != 0 {
					b = append(b, 0)
				}
			}
			rec := b[dirs[i]+12+16*j:]
			copy(rec, t.tag)
			be.PutUint32(rec[4:], 0xdeadbeef) // wrong on purpose: recomputed
			be.PutUint32(rec[8:], uint32(at))
			be.PutUint32(rec[12:], uint32(len(t.data)))
		}
	}
	return b
}

func TestExtractTTC(t *testing.T) {
	head := make([]byte, 54)
	for i := range head {
		head[i] = byte(i)
	}
	shared := fakeTable{"glyf", []byte("shared outlines")}
	ttc := fakeTTC(
		[]fakeTable{{"cmap", []byte("cmap0")}, shared, {"head", head}},
		[]fakeTable{{"OS/2", []byte("os2 of font 1!")}, {"cmap", []byte("cmap1")}, shared, {"head", head}, {"name", []byte("x")}},
	)
	orig := bytes.Clone(ttc)
	for _, tc := range []struct {
		index int
		want  []fakeTable
	}{
		{0, []fakeTable{{"cmap", []byte("cmap0")}, shared, {"head", head}}},
		{1, []fakeTable{{"OS/2", []byte("os2 of font 1!")}, {"cmap", []byte("cmap1")}, shared, {"head", head}, {"name", []byte("x")}}},
	} {
		font, err := ExtractTTC(ttc, tc.index)
		if err != nil {
			t.Fatalf("font %d: %v", tc.index, err)
		}
		be := binary.BigEndian
		if got := be.Uint32(font); got != 0x00010000 {
			t.Errorf("font %d: sfnt version %#x", tc.index, got)
		}
		if n := int(be.Uint16(font[4:])); n != len(tc.want) {
			t.Fatalf("font %d: %d tables, want %d", tc.index, n, len(tc.want))
		}
		for i, w := range tc.want {
			rec := font[12+16*i:]
			sum, off, n := be.Uint32(rec[4:]), be.Uint32(rec[8:]), be.Uint32(rec[12:])
			if string(rec[:4]) != w.tag || off%4 != 0 || int(off+n) > len(font) {
				t.Fatalf("font %d table %d: %q at %d, %d bytes", tc.index, i, rec[:4], off, n)
			}
			data := font[off : off+n]
			if w.tag == "head" {
				c := bytes.Clone(data)
				be.PutUint32(c[8:], 0)
				if !bytes.Equal(c[:8], head[:8]) || !bytes.Equal(c[12:], head[12:]) {
					t.Errorf("font %d: head changed beyond checkSumAdjustment", tc.index)
				}
				data = c
			} else if !bytes.Equal(data, w.data) {
				t.Errorf("font %d table %s = %q, want %q", tc.index, w.tag, data, w.data)
			}
			if sum != checksum(data) {
				t.Errorf("font %d table %s: checksum %#x, want %#x", tc.index, w.tag, sum, checksum(data))
			}
		}
		if sum := checksum(font); sum != 0xB1B0AFBA {
			t.Errorf("font %d: file checksum %#x, want 0xB1B0AFBA", tc.index, sum)
		}
	}
	if !bytes.Equal(ttc, orig) {
		t.Error("ExtractTTC modified its input")
	}

	// Malformed collections: an error each, never a panic.
	cut := func(n int) []byte { return ttc[:n] }
	badTable := bytes.Clone(ttc)
	binary.BigEndian.PutUint32(badTable[binary.BigEndian.Uint32(ttc[12:])+12+8:], uint32(len(ttc))) // cmap of font 0 at the end
	noTables := bytes.Clone(ttc)
	binary.BigEndian.PutUint16(noTables[binary.BigEndian.Uint32(ttc[12:])+4:], 0)
	for _, tc := range []struct {
		name  string
		data  []byte
		index int
	}{
		{"index past the end", ttc, 2},
		{"negative index", ttc, -1},
		{"header only", cut(12), 0},
		{"directory cut", cut(int(binary.BigEndian.Uint32(ttc[12:])) + 20), 0},
		{"table beyond the data", badTable, 0},
		{"no tables", noTables, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ExtractTTC(tc.data, tc.index); err == nil {
				t.Error("no error")
			}
		})
	}
	if _, err := ExtractTTC([]byte("\x00\x01\x00\x00 a plain TrueType font"), 0); !errors.Is(err, ErrNotCollection) {
		t.Errorf("plain font: %v, want ErrNotCollection", err)
	}
}

// The first font of each TrueType collection the corpus uses comes out as
// a font that fpdf and x/image/font/sfnt read (sfnt refuses the
// collections themselves: some of their tables are not 4-byte aligned),
// named as fc-scan names the collection's first font, with its CJK and
// Latin glyphs.
func TestExtractTTCReal(t *testing.T) {
	for _, tc := range []struct{ path, family string }{
		{"/usr/share/fonts/truetype/arphic/ukai.ttc", "AR PL UKai CN"},
		{"/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL UMing CN"},
		{"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "WenQuanYi Zen Hei"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			ttc, err := os.ReadFile(tc.path)
			if err != nil {
				t.Skipf("font missing (make corpus installs it): %v", err)
			}
			font, err := ExtractTTC(ttc, 0)
			if err != nil {
				t.Fatal(err)
			}
			f, err := sfnt.Parse(font)
			if err != nil {
				t.Fatalf("sfnt cannot read the extracted font: %v", err)
			}
			var buf sfnt.Buffer
			if got, err := f.Name(&buf, sfnt.NameIDFamily); err != nil || got != tc.family {
				t.Errorf("extracted font is %q (%v), want %q", got, err, tc.family)
			}
			for _, c := range "财政项目绩效A1" {
				if g, err := f.GlyphIndex(&buf, c); err != nil || g == 0 {
					t.Errorf("sfnt: no glyph for %q (%v)", c, err)
				}
			}
			tmp := filepath.Join(t.TempDir(), "font.ttf")
			if err := os.WriteFile(tmp, font, 0o644); err != nil {
				t.Fatal(err)
			}
			ttf, err := fpdf.TtfParse(tmp)
			if err != nil {
				t.Fatalf("fpdf cannot read the extracted font: %v", err)
			}
			for _, c := range "财政项目绩效A1%" {
				if _, ok := ttf.Chars[uint16(c)]; !ok {
					t.Errorf("no glyph for %q", c)
				}
			}
		})
	}
}
