package ocr

import "testing"

// A comparator alone in its cell, read by PP-OCR as a letter, is put back
// from its shape; a letter shaped as a letter, a line of two glyphs and a
// reading that is not one letter are left as read.
func TestLoneComparator(t *testing.T) {
	ge := []string{"##......", "..###...", "....###.", "......##", "....###.", "..###...", "##......", "........", "########"}
	le := []string{"......##", "...###..", ".###....", "##......", ".###....", "...###..", "......##", "........", "########"}
	geqq := append(append([]string(nil), ge...), "........", "########")
	eq := []string{"........", "#######.", "........", "........", "#######."}
	two := []string{"..#####.", "........", "........", "........", "########"}
	n := []string{"##.....##", "###....##", "####...##", "##.##..##", "##..##.##", "##...####", "##....###", "##.....##", "##.....##"}
	for _, c := range []struct {
		name string
		img  []string
		text string
		want rune
	}{
		{"≥ read as N", pad(15, 3, 3, ge...), "N", '≥'},
		{"≥ read as M", pad(15, 3, 3, ge...), "M", '≥'},
		{"≤ read as И", pad(15, 3, 3, le...), "И", '≤'},
		{"≧ read as W", pad(15, 2, 3, geqq...), "W", '≧'},
		{"= read as 二", pad(15, 5, 3, eq...), "二", '='},
		{"a 二", pad(15, 5, 3, two...), "二", 0},
		{"= read", pad(15, 5, 3, eq...), "=", 0},
		{"an N", pad(15, 3, 3, n...), "N", 0},
		{"two glyphs", besides(pad(15, 3, 3, ge...), pad(15, 3, 3, n...)), "N", 0},
		{"not one letter", pad(15, 3, 3, ge...), "N9", 0},
		{"≥ read as 三", pad(15, 3, 3, ge...), "三", '≥'},
		{"a digit", pad(15, 3, 3, ge...), "2", 0},
	} {
		l := Line{Img: art(c.img...), Ink: 128}
		if got := loneComparator(l, c.text); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
