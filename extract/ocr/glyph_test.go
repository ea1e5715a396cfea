package ocr

import (
	"bytes"
	"fmt"
	"image"
	"os"
	"strings"
	"testing"

	"github.com/otiai10/gosseract/v2"

	"jixiao/extract/ocr/ocrtest"
)

// art draws a crop from lines of '#' (ink) and '.' (paper).
func art(lines ...string) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, len(lines[0]), len(lines)))
	for y, l := range lines {
		for x, c := range l {
			v := uint8(230)
			if c == '#' {
				v = 40
			}
			g.Pix[y*g.Stride+x] = v
		}
	}
	return g
}

// A ≥ (chevron, bar joined to it by blur) before a 9, a = and a 2 before a 9.
func TestComparator(t *testing.T) {
	nine := []string{
		"..######.",
		".##....##",
		".##....##",
		".##....##",
		".##....##",
		"..#######",
		".......##",
		".......##",
		".......##",
		".......##",
		".......##",
		".##....##",
		"..######.",
	}
	for _, c := range []struct {
		name  string
		glyph []string // rows 6.. of a 16-row line
		want  rune
	}{
		{"≥", []string{"##......", "..###...", "....###.", "......##", "....###.", "..###...", "##......", "########", "########"}, '≥'},
		{"≤", []string{"......##", "...###..", ".###....", "##......", ".###....", "...###..", "......##", "........", "########"}, '≤'},
		{">", []string{"##......", "..###...", "....###.", "......##", "....###.", "..###...", "##......", "........", "........"}, '>'},
		{"=", []string{"........", "........", "########", "........", "........", "########", "........", "........", "........"}, '='},
	} {
		lines := make([]string, 16)
		for y := range lines {
			g := strings.Repeat(".", 8)
			if y >= 6 && y-6 < len(c.glyph) {
				g = c.glyph[y-6]
			}
			d := strings.Repeat(".", 9)
			if y >= 2 && y-2 < len(nine) {
				d = nine[y-2]
			}
			lines[y] = "..." + g + "..." + d + "..."
		}
		crop := art(lines...)
		ink := inkOf(crop, 128)
		g, _ := glyphAt(ink, 0)
		y0, y1 := lineRows(ink, 0, crop.Rect.Dx())
		got := rune(0)
		if lowerThanNext(ink, g) {
			got = comparator(ink, g, y0, y1)
		}
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	// A 2 as tall as the 9 after it is no comparator.
	two := []string{".######.", "##....##", "##....##", "......##", "......##", ".....##.", "....##..", "...##...", "..##....", ".##.....", "##......", "########", "########"}
	lines := make([]string, 16)
	for y := range lines {
		g, d := strings.Repeat(".", 8), strings.Repeat(".", 9)
		if y >= 2 && y-2 < len(two) {
			g, d = two[y-2], nine[y-2]
		}
		lines[y] = "..." + g + "..." + d + "..."
	}
	ink := inkOf(art(lines...), 128)
	if g, _ := glyphAt(ink, 0); lowerThanNext(ink, g) {
		t.Error("a 2 taken for a comparator")
	}
}

// A ≤ inside a value, which Tesseract reads as =, < or 二, is restored
// (a crop of the fixture scans, read by the main model).
func TestRestoreComparatorInside(t *testing.T) {
	requireTesseract(t)
	d, err := os.ReadFile("testdata/le-inside.pgm")
	if err != nil {
		t.Fatal(err)
	}
	parts := bytes.SplitN(d, []byte("\n"), 4)
	var w, h int
	if _, err := fmt.Sscan(string(parts[1]), &w, &h); err != nil {
		t.Fatal(err)
	}
	crop := image.NewGray(image.Rect(0, 0, w, h))
	copy(crop.Pix, parts[3])
	r, err := newTesseract(Options{DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := r.setDPI(200); err != nil {
		t.Fatal(err)
	}
	r.inkT = 170
	read, conf, err := r.readCrop(crop, gosseract.PSM_SINGLE_LINE)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(read, "≤") {
		t.Fatalf("Tesseract read %q: the test needs a misread comparator", read)
	}
	got, _, err := r.restoreComparators(crop, 170, read, conf)
	if err != nil || !strings.Contains(got, "动≤80人") {
		t.Errorf("restoreComparators(%q) = %q, %v; want 年均流动≤80人…", read, got, err)
	}
}

func requireTesseract(t *testing.T) {
	t.Helper()
	ocrtest.Require(t, Models...)
}

// A 和 read at a wide gap, one character more than the glyphs on the
// crop, is dropped; digits count as one glyph each.
func TestDropPhantomHe(t *testing.T) {
	r := &tesseract{inkT: 128}
	two := bars(27, []int{1, 2}, -1, 0, 0) // two glyphs
	for _, tt := range []struct {
		text, want string
		dropped    bool
	}{
		{"1和套", "1套", true},
		{"人和民", "人民", true},
		{"民和", "民和", false},     // as many characters as glyphs
		{"a和套", "a和套", false},   // a letter: its glyphs are not counted
		{"1和2和", "1和2和", false}, // two 和
	} {
		got, dropped := r.dropPhantomHe(two, tt.text)
		if got != tt.want || dropped != tt.dropped {
			t.Errorf("dropPhantomHe(%q) = %q, %v; want %q, %v", tt.text, got, dropped, tt.want, tt.dropped)
		}
	}
}

// inkLine builds a line of ink 20 rows high from glyph spans [x0, x1).
func inkLine(w int, spans ...[2]int) [][]bool {
	ink := make([][]bool, 20)
	for y := range ink {
		ink[y] = make([]bool, w)
		for _, s := range spans {
			for x := s[0]; x < s[1]; x++ {
				ink[y][x] = true
			}
		}
	}
	return ink
}

// The width of a bracket comes from the white across it: about an em
// (20 px here) for （, half of one for (.
func TestBracketsByGap(t *testing.T) {
	for _, tt := range []struct {
		name string
		ink  [][]bool
		text string
		near []int
		want string
	}{
		{"half-width after a character", inkLine(120, [2]int{0, 18}, [2]int{22, 26}, [2]int{29, 47}, [2]int{50, 54}), "局（汇）", []int{24}, "局(汇)"},
		{"full-width after a character", inkLine(120, [2]int{0, 18}, [2]int{30, 34}, [2]int{41, 59}, [2]int{61, 65}), "室(二)", []int{32}, "室（二）"},
		{"first on its line: as read", inkLine(120, [2]int{10, 14}, [2]int{20, 38}), "（元", []int{12}, "（元"},
		{"last on its line, far from the character", inkLine(120, [2]int{0, 18}, [2]int{28, 32}), "费(", []int{30}, "费（"},
		{"no bracket found: unchanged", inkLine(40), "a(b)", []int{5}, "a(b)"},
	} {
		if got := bracketsByGap(tt.ink, tt.text, tt.near); got != tt.want {
			t.Errorf("%s: bracketsByGap(%q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}
