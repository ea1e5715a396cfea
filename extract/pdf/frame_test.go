package pdf

import (
	"math"
	"testing"

	"jixiao"
)

func TestFrameBox(t *testing.T) {
	a4 := frame{x1: 595.28, y1: 841.89}
	shifted := frame{x0: 10, y0: 20, x1: 605.28, y1: 861.89} // a media box not at the origin
	tests := []struct {
		name                string
		f                   frame
		x0, top, x1, bottom float64
		want                jixiao.Box
	}{
		{"top left cell", a4, 100, 800, 200, 775, jixiao.Box{100, 41.89, 200, 66.89}},
		{"shifted media box", shifted, 110, 820, 210, 795, jixiao.Box{100, 41.89, 200, 66.89}},
		{"clamped to the page", a4, -5, 900, 700, -1, jixiao.Box{0, 0, 595.28, 841.89}},
		{"not a number", a4, math.NaN(), 800, 200, 775, jixiao.Box{}},
	}
	for _, tt := range tests {
		if got := tt.f.box(tt.x0, tt.top, tt.x1, tt.bottom); got != tt.want {
			t.Errorf("%s: box = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := shifted.size(3); got != (jixiao.Page{Page: 3, Width: 595.28, Height: 841.89, Unit: jixiao.UnitPoint}) {
		t.Errorf("size = %+v", got)
	}
}
