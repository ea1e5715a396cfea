package scan

import (
	"image"
	"image/color"
	"testing"
)

// TestRotate checks quarter turns pixel by pixel on a gray and a colour
// image: where a marked corner goes, that four turns give the original,
// and that other angles are refused.
func TestRotate(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 3, 2))
	for i := range g.Pix {
		g.Pix[i] = uint8(10 * (i + 1)) // 10 20 30 / 40 50 60
	}
	want := map[int][]uint8{
		90:  {40, 10, 50, 20, 60, 30},
		180: {60, 50, 40, 30, 20, 10},
		270: {30, 60, 20, 50, 10, 40},
	}
	for deg, pix := range want {
		img, err := Rotate(g, deg)
		if err != nil {
			t.Fatal(err)
		}
		r := img.(*image.Gray)
		w, h := turnedSize(3, 2, deg)
		if r.Rect != image.Rect(0, 0, w, h) || string(r.Pix) != string(pix) {
			t.Errorf("%d°: %v %v, want %dx%d %v", deg, r.Rect, r.Pix, w, h, pix)
		}
	}
	c := image.NewNRGBA(image.Rect(5, 5, 8, 7)) // origin not at 0
	c.Set(5, 5, color.NRGBA{200, 10, 20, 255})
	img := image.Image(c)
	for range 4 {
		var err error
		if img, err = Rotate(img, 90); err != nil {
			t.Fatal(err)
		}
	}
	if img.Bounds() != image.Rect(0, 0, 3, 2) {
		t.Fatalf("four turns: bounds %v", img.Bounds())
	}
	if r, gg, b, _ := img.At(0, 0).RGBA(); r>>8 != 200 || gg>>8 != 10 || b>>8 != 20 {
		t.Errorf("four turns: corner %v", img.At(0, 0))
	}
	if same, _ := Rotate(c, 0); same != image.Image(c) {
		t.Error("0°: not the image itself")
	}
	for _, deg := range []int{45, -90, 360} {
		if _, err := Rotate(g, deg); err == nil {
			t.Errorf("%d°: no error", deg)
		}
	}
}
