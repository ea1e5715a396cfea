package ocr

import "testing"

// glyphs returns a shape of line height h with glyphs of the given widths,
// one pixel apart.
func glyphs(h int, widths ...int) shape {
	s := shape{h: h}
	x := 0
	for _, w := range widths {
		s.glyphs = append(s.glyphs, glyphBox{x0: x, x1: x + w, y0: 0, y1: h})
		x += w + 1
	}
	return s
}

func TestShapeDigits(t *testing.T) {
	for _, tt := range []struct {
		name string
		s    shape
		text string // the number model's reading
		want bool   // digits() and readsAsDigits(text)
		line bool   // digits() alone
	}{
		// widths measured on the fixture scans (line height 23-27)
		{"amount", glyphs(25, 13, 4, 15, 15, 15, 5, 15, 15, 15, 4, 15, 15), "1,000,000.00", true, true},
		{"date", glyphs(23, 14, 15, 14, 15, 8, 15, 13, 7, 15, 13), "2023-01-01", true, true},
		{"percent", glyphs(23, 13, 15, 15, 25), "100%", true, true},
		{"at least", glyphs(23, 19, 15, 15, 25), "=90%", true, true},
		{"zero amount", glyphs(23, 15, 3, 15, 15), "0.00", true, true},
		{"unit read as a letter", glyphs(26, 13, 15, 15, 26), "103A", false, true},
		{"unit read as a digit", glyphs(26, 13, 15, 15, 26), "2128", false, true},
		{"a character too few", glyphs(23, 13, 15, 15, 25), "100", false, true},
		{"not a number", glyphs(23, 13, 15, 15), "lol", false, true},
		{"two digits", glyphs(23, 13, 15), "10", false, false},
		{"CJK label", glyphs(27, 25, 26, 26, 7, 15), "", false, false},
		{"number and unit", glyphs(27, 15, 14, 25), "85", false, false},
		{"wide in the middle", glyphs(23, 13, 26, 15, 15), "1234", false, false},
		{"too wide at the end", glyphs(23, 13, 15, 15, 40), "100%", false, false},
		{"too low", glyphs(6, 3, 3, 3), "111", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.digits(); got != tt.line {
				t.Errorf("digits() = %v, want %v", got, tt.line)
			}
			if got := tt.s.digits() && tt.s.readsAsDigits(tt.text); got != tt.want {
				t.Errorf("digits() && readsAsDigits(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
