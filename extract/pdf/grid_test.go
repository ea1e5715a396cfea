package pdf

import (
	"strings"
	"testing"
)

// box returns the four ruling lines of a rectangle.
func box(x1, y1, x2, y2 float64) []segment {
	return []segment{{x1, y1, x2, y1}, {x1, y2, x2, y2}, {x1, y1, x1, y2}, {x2, y1, x2, y2}}
}

// text places a string's glyphs from (x, y), 10pt, 10pt apart.
func text(s string, x, y float64) []glyph {
	var gs []glyph
	for _, r := range s {
		gs = append(gs, glyph{r: string(r), x: x, y: y, w: 10, size: 10})
		x += 10
	}
	return gs
}

// A level-1 label merged over three rows, printed in the middle one, is
// reported on the first row it covers.
func TestMergedCellOnFirstRow(t *testing.T) {
	var segs []segment
	// columns at 0, 100, 200, 300; rows at 300, 280, 260, 240 (top first)
	segs = append(segs, box(0, 240, 300, 300)...)
	segs = append(segs, segment{100, 240, 100, 300}, segment{200, 240, 200, 300})
	// inner horizontal lines only right of x=100: the first column is merged
	segs = append(segs, segment{100, 280, 300, 280}, segment{100, 260, 300, 260})
	var gs []glyph
	gs = append(gs, text("产出指标", 5, 265)...) // middle row
	gs = append(gs, text("甲", 105, 285)...)
	gs = append(gs, text("1", 205, 285)...)
	gs = append(gs, text("乙", 105, 265)...)
	gs = append(gs, text("2", 205, 265)...)
	gs = append(gs, text("丙", 105, 245)...)
	gs = append(gs, text("3", 205, 245)...)
	gs = append(gs, text("标题", 100, 320)...) // outside the table
	rows := pageRows(content{glyphs: gs, segs: segs}, 1)
	var got []string
	for _, r := range rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	want := []string{"标题", "产出指标|甲|1", "乙|2", "丙|3"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCellTextJoinsWrappedLines(t *testing.T) {
	var gs []glyph
	gs = append(gs, text("完成VPD", 0, 100)...)
	gs = append(gs, text("N专网", 0, 88)...)
	if got := cellText(gs); got != "完成VPDN专网" {
		t.Errorf("cellText = %q", got)
	}
	// A gap wider than a third of the font size is a space.
	gs = append(text("A", 0, 50), glyph{r: "B", x: 20, y: 50, w: 10, size: 10})
	if got := cellText(gs); got != "A B" {
		t.Errorf("cellText = %q", got)
	}
}

func TestCMapTokens(t *testing.T) {
	src := []byte(`/CIDInit /ProcSet findresource begin
12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <4E2D> <4E2D> endbfchar
1 beginbfrange <0010> <0012> <0041> endbfrange
1 beginbfrange <0020> <0021> [<6C49> <5B57>] endbfrange
endcmap`)
	m := parseCMapTokens(cmapTokens(src))
	for code, want := range map[uint32]string{3: " ", 0x4E2D: "中", 0x10: "A", 0x12: "C", 0x20: "汉", 0x21: "字"} {
		if got, ok := m.lookup(charCode{v: code, n: 2}); !ok || got != want {
			t.Errorf("code %#x = %q, want %q", code, got, want)
		}
	}
	if m.codeLen("\x4e\x2d") != 2 {
		t.Error("codespace says 2 bytes")
	}
}
