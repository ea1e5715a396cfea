package paddle

import (
	"image"
	"reflect"
	"testing"
)

// probMap is a w×h map, 0 but for the given rectangles filled with v.
type probMap struct {
	w, h int
	p    []float32
}

func newProbMap(w, h int) *probMap { return &probMap{w: w, h: h, p: make([]float32, w*h)} }

func (m *probMap) fill(r image.Rectangle, v float32) *probMap {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			m.p[y*m.w+x] = v
		}
	}
	return m
}

func TestDBBoxes(t *testing.T) {
	page := image.Rect(0, 0, 100, 100)
	tests := []struct {
		name string
		m    *probMap
		dst  image.Rectangle
		want []image.Rectangle
	}{
		{"nothing", newProbMap(100, 100), page, nil},
		// A 41×9 bar: sides 40 and 8 between pixel centres; grown by
		// 40·8·1.5/(2·48) = 5 on each side.
		{"one bar", newProbMap(100, 100).fill(image.Rect(10, 20, 51, 29), 0.9), page,
			[]image.Rectangle{image.Rect(5, 15, 55, 33)}},
		{"scaled to the image", newProbMap(100, 100).fill(image.Rect(10, 20, 51, 29), 0.9), image.Rect(0, 0, 200, 300),
			[]image.Rectangle{image.Rect(10, 45, 110, 99)}},
		{"image origin kept", newProbMap(100, 100).fill(image.Rect(10, 20, 51, 29), 0.9), page.Add(image.Pt(1000, 2000)),
			[]image.Rectangle{image.Rect(1005, 2015, 1055, 2033)}},
		{"clipped to the image", newProbMap(100, 100).fill(image.Rect(0, 0, 41, 9), 0.9), page,
			[]image.Rectangle{image.Rect(0, 0, 45, 13)}},
		{"under the box threshold", newProbMap(100, 100).fill(image.Rect(10, 20, 51, 29), 0.5), page, nil},
		{"under the pixel threshold", newProbMap(100, 100).fill(image.Rect(10, 20, 51, 29), 0.3), page, nil},
		{"too thin", newProbMap(100, 100).fill(image.Rect(10, 20, 51, 23), 0.9), page, nil},
		{"two lines, top first", newProbMap(100, 100).
			fill(image.Rect(10, 60, 51, 69), 0.9).fill(image.Rect(10, 20, 51, 29), 0.9), page,
			[]image.Rectangle{image.Rect(5, 15, 55, 33), image.Rect(5, 55, 55, 73)}},
		{"one line of two, left first", newProbMap(100, 100).
			fill(image.Rect(60, 19, 91, 28), 0.9).fill(image.Rect(10, 20, 51, 29), 0.9), page,
			[]image.Rectangle{image.Rect(5, 15, 55, 33), image.Rect(55, 14, 95, 32)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dbBoxes(tt.m.p, tt.m.w, tt.m.h, tt.dst, dbDefaults)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// A slanted line is as thick as a straight one: kept, scored by its own
// pixels, and grown by its thickness, not by the height its slant spans.
func TestDBBoxesSlantedLine(t *testing.T) {
	m := newProbMap(200, 100)
	for x := 10; x < 171; x++ { // 161 long, 6 thick, rising 8 pixels
		y := 40 - (x-10)/20
		m.fill(image.Rect(x, y, x+1, y+6), 0.9)
	}
	got := dbBoxes(m.p, m.w, m.h, image.Rect(0, 0, 200, 100), dbDefaults)
	if len(got) != 1 {
		t.Fatalf("got %v, want one box", got)
	}
	// Sides 160 and 5 between pixel centres: grown by 160·5·1.5/(2·165) ≈
	// 3.6 around x 10..170, y 32..45.
	if want := image.Rect(6, 28, 174, 49); got[0] != want {
		t.Errorf("got %v, want %v", got[0], want)
	}
}

func TestDBBoxesBadInput(t *testing.T) {
	for _, tt := range []struct {
		name string
		p    []float32
		w, h int
		dst  image.Rectangle
	}{
		{"no map", nil, 0, 0, image.Rect(0, 0, 10, 10)},
		{"short map", make([]float32, 5), 10, 10, image.Rect(0, 0, 10, 10)},
		{"empty image", make([]float32, 100), 10, 10, image.Rectangle{}},
	} {
		if got := dbBoxes(tt.p, tt.w, tt.h, tt.dst, dbDefaults); got != nil {
			t.Errorf("%s: got %v, want none", tt.name, got)
		}
	}
}

func TestDBBoxesMaxRegions(t *testing.T) {
	m := newProbMap(200, 20)
	for i := range 20 {
		m.fill(image.Rect(i*10, 5, i*10+8, 15), 0.9)
	}
	p := dbDefaults
	p.maxRegions = 3
	if got := dbBoxes(m.p, m.w, m.h, image.Rect(0, 0, 200, 20), p); len(got) != 3 {
		t.Errorf("got %d boxes, want 3", len(got))
	}
}

func TestSortLines(t *testing.T) {
	r := func(x, y int) image.Rectangle { return image.Rect(x, y, x+10, y+10) }
	got := []image.Rectangle{r(50, 100), r(0, 0), r(10, 105), r(90, 3), r(40, 8), r(0, 120)}
	sortLines(got, 10)
	want := []image.Rectangle{r(0, 0), r(40, 8), r(90, 3), r(10, 105), r(50, 100), r(0, 120)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestDetSize(t *testing.T) {
	tests := []struct{ w, h, ww, wh int }{
		{1654, 2339, 672, 960}, // 678.8 → 672
		{960, 640, 960, 640},
		{100, 50, 96, 64}, // not scaled up; rounded to 32
		{10, 10, 32, 32},
		{100000, 1, 960, 32},
	}
	for _, tt := range tests {
		if w, h := detSize(tt.w, tt.h, detMaxSide); w != tt.ww || h != tt.wh {
			t.Errorf("detSize(%d, %d) = %d×%d, want %d×%d", tt.w, tt.h, w, h, tt.ww, tt.wh)
		}
	}
}
