package ocr

import (
	"strings"
	"testing"

	"jixiao/extract/ocr/paddle"
)

// A slanted ≥ (⩾, its bar run into the lower arm) as a Song face prints
// it, taller than the digits, and the bare chevron of the same face.
var (
	slantGE = []string{
		"#.........",
		"###.......",
		".####.....",
		"...####...",
		".....####.",
		".......###",
		".....#####",
		"...#######",
		".########.",
		"########..",
		"#######...",
		"######....",
		"####......",
		"##........",
	}
	slantGT = []string{
		"#.........",
		"###.......",
		".####.....",
		"...####...",
		".....####.",
		".......###",
		".....####.",
		"...####...",
		".####.....",
		"###.......",
		"#.........",
	}
)

func TestSlantComparator(t *testing.T) {
	flip := func(rows []string) []string {
		out := make([]string, len(rows))
		for i, r := range rows {
			b := []byte(r)
			for l, h := 0, len(b)-1; l < h; l, h = l+1, h-1 {
				b[l], b[h] = b[h], b[l]
			}
			out[i] = string(b)
		}
		return out
	}
	for _, c := range []struct {
		name  string
		glyph []string
		want  rune
	}{
		{"slanted ≥", slantGE, '≥'},
		{"slanted ≤", flip(slantGE), '≤'},
		{">", slantGT, '>'},
		{"<", flip(slantGT), '<'},
		{"bar", []string{"##########", "##########"}, 0},
		{"box", []string{"##########", "#........#", "#........#", "#........#", "#........#", "#........#", "#........#", "#........#", "##########"}, 0},
	} {
		ink := inkOf(art(c.glyph...), 128)
		g, _ := glyphAt(ink, 0)
		if got := slantComparator(ink, g); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// pad puts glyph rows on a line of h rows from row top, with w columns of
// paper left and right.
func pad(h, top, w int, rows ...string) []string {
	out := make([]string, h)
	side := strings.Repeat(".", w)
	for y := range out {
		r := strings.Repeat(".", len(rows[0]))
		if y >= top && y-top < len(rows) {
			r = rows[y-top]
		}
		out[y] = side + r + side
	}
	return out
}

// besides joins glyph crops of equal height left to right.
func besides(crops ...[]string) []string {
	out := make([]string, len(crops[0]))
	for _, c := range crops {
		for y := range out {
			out[y] += c[y]
		}
	}
	return out
}

func TestSettleEnds(t *testing.T) {
	nine := []string{
		"..######.", ".##....##", ".##....##", ".##....##", ".##....##", "..#######",
		".......##", ".......##", ".......##", ".......##", ".##....##", "..######.",
	}
	bracket := []string{
		"##...", ".##..", "..##.", "..##.", "..##.", "..##.", "..##.", "..##.", "..##.", "..##.", ".##..", "##...",
	}
	geLine := besides(pad(16, 1, 2, slantGE...), pad(16, 2, 2, nine...))
	geqq := []string{"##......", "..###...", "....###.", "......##", "....###.", "..###...", "##......", "........", "########", "........", "########"}
	geqqLine := besides(pad(16, 2, 2, geqq...), pad(16, 2, 2, nine...))
	nineAt := len(geLine[0]) - 11 // the 9's columns
	tail := besides(pad(16, 2, 2, nine...), pad(16, 2, 4, bracket...))
	innerGE := besides(pad(16, 2, 2, nine...), pad(16, 1, 2, slantGE...), pad(16, 2, 2, nine...))
	innerGT := besides(pad(16, 2, 2, nine...), pad(16, 3, 2, slantGT...), pad(16, 2, 2, nine...))
	inner := []paddle.Char{{Text: "9", X0: 3, X1: 8}, {Text: ">", X0: 16, X1: 19}, {Text: "9", X0: 27, X1: 32}}
	for _, c := range []struct {
		name  string
		img   []string
		text  string
		chars []paddle.Char
		want  string
		doubt bool
	}{
		{"dropped ≥", geLine, "9", []paddle.Char{{Text: "9", X0: nineAt + 3, X1: nineAt + 6}}, "≥9", false},
		{"> read for ≥", geLine, ">9", []paddle.Char{{Text: ">", X0: 5, X1: 8}, {Text: "9", X0: nineAt + 3, X1: nineAt + 6}}, "≥9", false},
		{"≥ read for ≧", geqqLine, "≥9", []paddle.Char{{Text: "≥", X0: 3, X1: 9}, {Text: "9", X0: 15, X1: 20}}, "≧9", false},
		{"≥ read", geLine, "≥9", []paddle.Char{{Text: "≥", X0: 5, X1: 8}, {Text: "9", X0: nineAt + 3, X1: nineAt + 6}}, "≥9", false},
		{"> read for ≥ inside a line", innerGE, "9>9", inner, "9≥9", false},
		{"> inside a line", innerGT, "9>9", inner, "9>9", false},
		{"dropped )", tail, "(9", []paddle.Char{{Text: "(", X0: 0, X1: 1}, {Text: "9", X0: 4, X1: 8}}, "(9", true},
		{"dropped glyph at the end", tail, "9", []paddle.Char{{Text: "9", X0: 4, X1: 8}}, "9", true},
	} {
		l := Line{Img: art(c.img...), Ink: 128}
		got, conf := settleEnds(l, c.chars, c.text, 0.99)
		if got != c.want || (conf < LowConfidence) != c.doubt {
			t.Errorf("%s: got %q (confidence %.2f), want %q (in doubt %v)", c.name, got, conf, c.want, c.doubt)
		}
	}
}

func TestDropPunctSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"及时 （全年）":       "及时（全年）",
		"及时 (每月1次)":     "及时(每月1次)",
		"合格（一次） 验收":     "合格（一次）验收",
		"MPLS-VPN (专线)": "MPLS-VPN (专线)",
		"≥ 90%":         "≥90%",
		"≤ 7工作日":        "≤7工作日",
		"≥ 九成":          "≥ 九成",
		"维护保养、 保险":      "维护保养、 保险",
	} {
		if got := dropPunctSpaces(in); got != want {
			t.Errorf("dropPunctSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAsWritten(t *testing.T) {
	for in, want := range map[string]string{
		"维护丶抢修丶新增": "维护、抢修、新增",
		"维护、抢修":    "维护、抢修",
		"主丶":       "主、",
		"≥90%":     "≥90%",
	} {
		var cs []paddle.Char
		for _, r := range in {
			cs = append(cs, paddle.Char{Text: string(r)})
		}
		asWritten(cs)
		if got := joinChars(cs); got != want {
			t.Errorf("asWritten(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestDroppedBetween: two characters an em apart are neighbours; two
// characters two ems apart with ink between them had a glyph between them
// that the model did not emit; with white between them, nothing was
// dropped.
func TestDroppedBetween(t *testing.T) {
	const em = 20
	line := func(blobs ...[2]int) [][]bool {
		ink := make([][]bool, em)
		for y := range ink {
			ink[y] = make([]bool, 6*em)
		}
		for _, b := range blobs {
			for y := em / 2; y < em-2; y++ {
				for x := b[0]; x < b[1]; x++ {
					ink[y][x] = true
				}
			}
		}
		return ink
	}
	char := func(text string, centre int) paddle.Char {
		return paddle.Char{Text: text, X0: centre - 2, X1: centre + 2}
	}
	for _, c := range []struct {
		name  string
		ink   [][]bool
		chars []paddle.Char
		want  bool
	}{
		{"neighbours", line([2]int{2, 18}, [2]int{22, 38}), []paddle.Char{char("率", 10), char("减", 30)}, false},
		{"a comma skipped", line([2]int{2, 18}, [2]int{22, 26}, [2]int{42, 58}), []paddle.Char{char("率", 10), char("减", 50)}, true},
		{"white between", line([2]int{2, 18}, [2]int{42, 58}), []paddle.Char{char("率", 10), char("减", 50)}, false},
		{"digits apart", line([2]int{2, 18}, [2]int{22, 26}, [2]int{42, 58}), []paddle.Char{char("1", 10), char("2", 50)}, false},
	} {
		if got := droppedBetween(c.ink, c.chars, em); got != c.want {
			t.Errorf("%s: droppedBetween = %v, want %v", c.name, got, c.want)
		}
	}
}
