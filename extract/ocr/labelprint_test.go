package ocr

import (
	"image"
	"math/rand/v2"
	"testing"
)

// bars draws glyphs of horizontal bars side by side on white with a
// margin, each glyph sz pixels square with a stem on its left: glyph k has
// glyphs[k] bars, and one more under them when k is extra. Noise of the
// given amplitude and a jitter of a pixel up or down (by seed) stand for a
// scan. Labels that differ in one bar are the closest pair of the form's
// vocabulary (二级指标, 三级指标).
func bars(sz int, glyphs []int, extra int, noise int, seed uint64) *image.Gray {
	m := sz / 2
	g := image.NewGray(image.Rect(0, 0, 2*m+len(glyphs)*sz, 2*m+sz+2))
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range g.Pix {
		g.Pix[i] = uint8(235 + rng.IntN(noise+1)/2)
	}
	dy := int(seed%3) - 1
	ink := func(x, y int) { g.Pix[(y+dy+1)*g.Stride+x] = uint8(30 + rng.IntN(noise+1)) }
	for k, n := range glyphs {
		x0, x1 := m+k*sz+sz/10, m+(k+1)*sz-sz/10
		bar := func(y, x1 int) {
			for yy := y - sz/16; yy <= y+sz/16; yy++ {
				for x := x0; x < x1; x++ {
					ink(x, yy)
				}
			}
		}
		for b := range n {
			bar(m+(b+1)*sz/(n+2), x1)
		}
		if k == extra {
			bar(m+(n+1)*sz/(n+2), x1)
		}
		for y := m; y < m+sz; y++ {
			ink(x0, y)
		}
	}
	return g
}

func TestLabelPrints(t *testing.T) {
	const inkT = 128
	print := func(glyphs []int, extra, noise int, seed uint64) (int, []uint8) {
		w, pix, ok := fingerprint(bars(27, glyphs, extra, noise, seed), inkT)
		if !ok {
			t.Fatalf("no print of %v", glyphs)
		}
		return w, pix
	}
	label := []int{2, 1, 1, 1}
	const same, other = -1, 0 // other: a bar more in the first glyph

	var lp labelPrints
	w, pix := print(label, same, 20, 1)
	lp.learn(w, pix, "二级指标", 0.95)
	if _, _, ok := lp.lookup(print(label, same, 20, 2)); ok {
		t.Fatal("a print read once stands for its label")
	}
	w, pix = print(label, same, 20, 3)
	lp.learn(w, pix, "二级指标", 0.93)
	for seed := uint64(10); seed < 20; seed++ {
		text, conf, ok := lp.lookup(print(label, same, 40, seed))
		if !ok || text != "二级指标" || conf != 0.93 {
			t.Fatalf("the same label, other noise: %q %v %v; want 二级指标 0.93 (the lower confidence)", text, conf, ok)
		}
		if text, _, ok := lp.lookup(print(label, other, 40, seed)); ok {
			t.Fatalf("a label with a bar more taken for %q", text)
		}
	}
	if _, _, ok := lp.lookup(print([]int{2, 1, 1}, same, 20, 5)); ok {
		t.Error("a shorter label matched")
	}

	// A reading that disagrees with a print forgets it.
	w, pix = print(label, same, 20, 30)
	lp.learn(w, pix, "三级指标", 0.97)
	if _, _, ok := lp.lookup(print(label, same, 20, 31)); ok {
		t.Error("a print kept after a disagreeing reading")
	}
}

func TestLabelPrintsBounded(t *testing.T) {
	var lp labelPrints
	for i := range 2 * maxPrints {
		pix := make([]uint8, printH*(i+1))
		lp.learn(i+1, pix, "x", 1)
	}
	if len(lp.prints) > maxPrints {
		t.Errorf("%d prints kept, want at most %d", len(lp.prints), maxPrints)
	}
}

func TestFingerprintTooLittleInk(t *testing.T) {
	g := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	if _, _, ok := fingerprint(g, 128); ok {
		t.Error("a blank crop has a print")
	}
	g.Pix[20*40+20] = 0
	if _, _, ok := fingerprint(g, 128); ok {
		t.Error("a speck has a print")
	}
}
