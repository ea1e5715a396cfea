package ocr

import (
	"image"
	"testing"
)

// TestBrokenRule: at the faint level a horizontal rule broken into
// pieces is bridged into one rule (marked wide), and the tops of a line
// of characters, as far apart, are bridged too but lie along text.
func TestBrokenRule(t *testing.T) {
	const w, h, dpi = 600, 200, 200
	p := &pageImg{w: w, h: h, dpi: dpi, bin: make([]uint8, w*h), mask: make([]uint8, w*h)}
	inkAt := func(r image.Rectangle) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				p.bin[y*w+x] = 1
			}
		}
	}
	for x := 20; x < 580; x += 45 { // a rule at y 40, 25 px gaps
		inkAt(image.Rect(x, 40, x+20, 42))
	}
	for x := 20; x < 580; x += 45 { // characters' top strokes at y 120, their bodies below
		inkAt(image.Rect(x, 120, x+20, 122))
		inkAt(image.Rect(x, 125, x+20, 150))
	}
	var found []rule
	for _, r := range findRules(p.bin, w, h, dpi, int(dpi*ruleReach)) {
		if !r.transposed {
			found = append(found, r)
		}
	}
	if len(found) != 2 {
		t.Fatalf("%d horizontal rules, want 2 (the broken rule and the tops): %+v", len(found), found)
	}
	for _, r := range found {
		rule, along := r.pos < 80, p.alongText(r)
		if !r.wide || r.b-r.a < 500 {
			t.Errorf("rule at %.0f: wide %v, %.0f px long; want bridged across the page", r.pos, r.wide, r.b-r.a)
		}
		if along == rule {
			t.Errorf("rule at %.0f: alongText %v", r.pos, along)
		}
	}
	if rs := findRules(p.bin, w, h, dpi, 0); len(rs) != 0 {
		t.Errorf("without the wide bridge, %d rules found in pieces of 20 px", len(rs))
	}
}
