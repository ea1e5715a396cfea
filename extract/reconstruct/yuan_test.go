package reconstruct

import "testing"

func TestYuanAfterNumber(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"59.8万兀", "59.8万元"},
		{"≤500万兀", "≤500万元"},
		{"≥20亿兀", "≥20亿元"},
		{"1,200兀", "1,200元"},
		{"突兀", "突兀"},
		{"万兀", "万兀"}, // no number before it
		{"500万元", "500万元"},
	} {
		if got := yuanAfterNumber(tt.in); got != tt.want {
			t.Errorf("yuanAfterNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
