package jixiao

import "testing"

func TestBoxUnion(t *testing.T) {
	tests := []struct {
		a, b, want Box
		empty      bool // of a
	}{
		{Box{0, 0, 10, 10}, Box{5, 5, 20, 8}, Box{0, 0, 20, 10}, false},
		{Box{}, Box{1, 2, 3, 4}, Box{1, 2, 3, 4}, true},
		{Box{1, 2, 3, 4}, Box{}, Box{1, 2, 3, 4}, false},
		{Box{5, 5, 5, 9}, Box{1, 1, 2, 2}, Box{1, 1, 2, 2}, true}, // no width
		{Box{5, 9, 6, 5}, Box{}, Box{5, 9, 6, 5}, true},           // upside down: empty, kept as it is
	}
	for _, tt := range tests {
		if got := tt.a.Union(tt.b); got != tt.want {
			t.Errorf("%v.Union(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := tt.a.Empty(); got != tt.empty {
			t.Errorf("%v.Empty() = %v, want %v", tt.a, got, tt.empty)
		}
	}
}
