package paddle_test

import (
	"context"
	"fmt"
	"image"
	"testing"
)

// benchCrops are crops like a page's: labels, values and long lines.
func benchCrops(b *testing.B) []*image.Gray {
	var crops []*image.Gray
	for _, size := range renderSizes {
		for _, s := range renderedLines {
			c, _ := renderLine(b, s, size, 15)
			crops = append(crops, c)
		}
	}
	return crops
}

// BenchmarkRead reads the same crops one per Read call and in runs of
// several crops; ms/crop is the figure to compare (one thread).
func BenchmarkRead(b *testing.B) {
	r := newRecognizer(b)
	crops := benchCrops(b)
	ctx := context.Background()
	b.Run("one-by-one", func(b *testing.B) {
		r.SetBatchSize(1)
		for b.Loop() {
			for _, c := range crops {
				if _, err := r.Read(ctx, []*image.Gray{c}); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(crops)), "ms/crop")
	})
	for _, n := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("batch=%d", n), func(b *testing.B) {
			r.SetBatchSize(n)
			for b.Loop() {
				if _, err := r.Read(ctx, crops); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N*len(crops)), "ms/crop")
		})
	}
}

// BenchmarkReadWidth reads one crop of each width (pixels at the model's
// height, unpadded): the recogniser's cost grows with the width, about
// linearly, which is what a page's reading costs (ms/kcol).
func BenchmarkReadWidth(b *testing.B) {
	r := newRecognizer(b)
	r.SetMinWidth(0)
	ctx := context.Background()
	for _, w := range []int{100, 320, 1280} {
		c := image.NewGray(image.Rect(0, 0, w, 48))
		for i := range c.Pix {
			c.Pix[i] = 255
		}
		for x := 3; x < w-3; x += 7 { // strokes, so that the model has ink to read
			for y := 10; y < 38; y++ {
				c.Pix[y*w+x] = 0
			}
		}
		b.Run(fmt.Sprint(w), func(b *testing.B) {
			for b.Loop() {
				if _, err := r.Read(ctx, []*image.Gray{c}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*w), "ms/kcol")
		})
	}
}
