package paddle_test

import (
	"context"
	"errors"
	"image"
	"testing"

	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/ocr/paddle"
)

func newClassifier(t testing.TB) *paddle.Classifier {
	t.Helper()
	c, err := paddle.NewClassifier(ocrtest.RequirePaddle(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Lines of Chinese read upright, and upside down when turned; empty crops
// give no verdict.
func TestDirections(t *testing.T) {
	c := newClassifier(t)
	texts := []string{"项目资金总额", "其中：财政资金", "加强党员领导干部、普通党员、预备党员、入党积极", "党员满意度指标", "上海市公安局闵行分局"}
	var crops []*image.Gray
	for _, s := range texts {
		crop, _ := renderLine(t, s, 28, 15)
		crops = append(crops, crop, rotate180(crop))
	}
	crops = append(crops, nil, image.NewGray(image.Rectangle{}))
	dirs, err := c.Directions(context.Background(), crops)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != len(crops) {
		t.Fatalf("%d directions for %d crops", len(dirs), len(crops))
	}
	for i, d := range dirs[:2*len(texts)] {
		down := i%2 == 1
		if d.UpsideDown != down || d.Confidence < 0.9 || d.Confidence > 1 {
			t.Errorf("%q (upside down %v): %+v", texts[i/2], down, d)
		}
	}
	for i, d := range dirs[2*len(texts):] {
		if d != (paddle.Direction{}) {
			t.Errorf("empty crop %d: %+v, want none", i, d)
		}
	}
}

func TestDirectionsCancelled(t *testing.T) {
	c := newClassifier(t)
	crop, _ := renderLine(t, "项目资金", 28, 15)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if dirs, err := c.Directions(ctx, []*image.Gray{crop}); !errors.Is(err, context.Canceled) || dirs != nil {
		t.Errorf("got %v, %v; want no directions and context.Canceled", dirs, err)
	}
}

// rotate180 returns g turned upside down.
func rotate180(g *image.Gray) *image.Gray {
	out := image.NewGray(image.Rect(0, 0, g.Rect.Dx(), g.Rect.Dy()))
	w, h := g.Rect.Dx(), g.Rect.Dy()
	for y := range h {
		for x := range w {
			out.Pix[(h-1-y)*out.Stride+(w-1-x)] = g.GrayAt(g.Rect.Min.X+x, g.Rect.Min.Y+y).Y
		}
	}
	return out
}
