package ocr

import (
	"testing"

	"jixiao/extract/ocr/paddle"
)

// Square brackets take the width the white across them shows (an em is
// 20 px here): across the opening one, or the closing one when the
// opening one starts the line.
func TestSquareBrackets(t *testing.T) {
	chars := func(texts []string, spans ...[2]int) []paddle.Char {
		cs := make([]paddle.Char, len(texts))
		for i, s := range texts {
			cs[i] = paddle.Char{Text: s, X0: spans[i][0], X1: spans[i][1]}
		}
		return cs
	}
	// [0]部: a bracket, a digit, a bracket, a character
	half := [][2]int{{0, 3}, {6, 16}, {19, 22}, {25, 43}}
	full := [][2]int{{6, 9}, {16, 26}, {36, 39}, {48, 66}}
	for _, tt := range []struct {
		name  string
		ink   [][]bool
		chars []paddle.Char
		want  string
	}{
		{"first on its line, ］ read for ]", inkLine(80, half...), chars([]string{"［", "0", "］", "部"}, half...), "[0]部"},
		{"first on its line, ［ read for [", inkLine(80, half...), chars([]string{"［", "0", "]", "部"}, half...), "[0]部"},
		{"full-width", inkLine(80, full...), chars([]string{"[", "0", "]", "部"}, full...), "［0］部"},
		{"nothing after the pair: as read", inkLine(80, half[:3]...), chars([]string{"［", "0", "]"}, half[:3]...), "［0]"},
	} {
		if got := joinChars(squareBrackets(tt.ink, tt.chars)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
