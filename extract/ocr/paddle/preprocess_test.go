package paddle

import (
	"image"
	"image/color"
	"testing"
)

func TestScaledWidth(t *testing.T) {
	tests := []struct {
		name       string
		w, h, want int
	}{
		{"empty", 0, 0, 0},
		{"no height", 10, 0, 0},
		{"no width", 0, 10, 0},
		{"same height", 100, 48, 100},
		{"rounds up", 44, 51, 42}, // 41.4
		{"exact", 96, 24, 192},
		{"one pixel wide, tall", 1, 1000, 1},
		{"one pixel tall, wide", 1000, 1, recMaxWidth},
		{"capped", 10000, 48, recMaxWidth},
		{"at the cap", recMaxWidth, 48, recMaxWidth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scaledWidth(tt.w, tt.h, recHeight, recMaxWidth); got != tt.want {
				t.Errorf("scaledWidth(%d, %d) = %d, want %d", tt.w, tt.h, got, tt.want)
			}
		})
	}
}

func TestNormalized(t *testing.T) {
	for _, tt := range []struct {
		v    uint8
		want float32
	}{{0, -1}, {255, 1}, {51, -0.6}} {
		if got := normalized[tt.v]; got < tt.want-1e-6 || got > tt.want+1e-6 {
			t.Errorf("normalized[%d] = %v, want %v", tt.v, got, tt.want)
		}
	}
}

// fillSample writes the same plane into the three channels, normalized,
// and pads the columns beyond the image with 0.
func TestFillSample(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 3, 2))
	copy(img.Pix, []uint8{0, 255, 51, 255, 0, 255})
	const width = 5
	dst := make([]float32, 3*2*width)
	for i := range dst {
		dst[i] = 42 // must all be overwritten
	}
	fillSample(dst, img, width)
	plane := []float32{-1, 1, normalized[51], 0, 0, 1, -1, 1, 0, 0}
	for c := range 3 {
		for i, want := range plane {
			if got := dst[c*len(plane)+i]; got != want {
				t.Errorf("channel %d, value %d = %v, want %v", c, i, got, want)
			}
		}
	}
}

// resize scales a sub-image (origin not at 0,0) to the size asked, keeping
// white white and black black, and reuses its buffer.
func TestResize(t *testing.T) {
	page := image.NewGray(image.Rect(0, 0, 100, 100))
	for i := range page.Pix {
		page.Pix[i] = 255
	}
	for y := 40; y < 60; y++ {
		for x := 50; x < 60; x++ {
			page.SetGray(x, y, color.Gray{})
		}
	}
	crop := page.SubImage(image.Rect(40, 30, 80, 70)).(*image.Gray) // 40×40, black square in its middle-left
	var s scaler
	got := s.resize(crop, 48, 48)
	if got.Rect != image.Rect(0, 0, 48, 48) {
		t.Fatalf("size %v, want 48×48", got.Rect)
	}
	if v := got.GrayAt(2, 2).Y; v != 255 {
		t.Errorf("corner %d, want white", v)
	}
	if v := got.GrayAt(18, 24).Y; v != 0 {
		t.Errorf("inside the square %d, want black", v)
	}
	first := &got.Pix[0]
	small := s.resize(crop, 10, 48)
	if small.Rect.Dx() != 10 || &small.Pix[0] != first {
		t.Errorf("second resize: %v, buffer reused %v", small.Rect, &small.Pix[0] == first)
	}
}

func TestCheckGray(t *testing.T) {
	ok := []*image.Gray{nil, {}, image.NewGray(image.Rect(0, 0, 10, 5)),
		image.NewGray(image.Rect(0, 0, 10, 5)).SubImage(image.Rect(2, 2, 8, 5)).(*image.Gray)}
	for i, g := range ok {
		if err := checkGray(g); err != nil {
			t.Errorf("image %d: %v", i, err)
		}
	}
	bad := []*image.Gray{
		{Pix: make([]uint8, 49), Stride: 10, Rect: image.Rect(0, 0, 10, 5)},
		{Pix: make([]uint8, 50), Stride: 5, Rect: image.Rect(0, 0, 10, 5)},
	}
	for i, g := range bad {
		if err := checkGray(g); err == nil {
			t.Errorf("malformed image %d: no error", i)
		}
	}
}
