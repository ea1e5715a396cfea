package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"image"
	"math/rand/v2"
	"os"
	"os/exec"
	"testing"

	"golang.org/x/image/tiff"
)

// ruled draws a white w × h page with 2-pixel rules: horizontal at ys
// from x0 to x1, vertical at xs from y0 to y1.
func ruled(w, h int, xs, ys []int, x0, x1, y0, y1 int) *image.Gray {
	g := whitePage(w, h)
	for _, y := range ys {
		for x := x0; x <= x1; x++ {
			g.Pix[y*g.Stride+x], g.Pix[(y+1)*g.Stride+x] = 0, 0
		}
	}
	for _, x := range xs {
		for y := y0; y <= y1; y++ {
			g.Pix[y*g.Stride+x], g.Pix[y*g.Stride+x+1] = 0, 0
		}
	}
	return g
}

// glyph draws a small dark block, a stand-in for a character: strokes
// shorter than any rule.
func glyph(g *image.Gray, x, y int) {
	for yy := y; yy < y+12; yy++ {
		for xx := x; xx < x+12; xx++ {
			if (xx-x)%4 < 2 || (yy-y)%5 == 0 {
				g.Pix[yy*g.Stride+xx] = 20
			}
		}
	}
}

func darkCount(g *image.Gray, x0, y0, x1, y1, below int) int {
	n := 0
	for y := y0; y <= y1; y++ {
		for x := x0; x <= x1; x++ {
			if int(g.Pix[y*g.Stride+x]) < below {
				n++
			}
		}
	}
	return n
}

func TestFindRules(t *testing.T) {
	g := ruled(400, 300, []int{20, 200, 378}, []int{20, 150, 278}, 20, 379, 20, 279)
	glyph(g, 60, 60)
	glyph(g, 250, 200)
	ru := findRules(g, 40, 30)
	if !ru.hr[150*400+100] || !ru.vr[100*400+200] {
		t.Error("a rule pixel is not found")
	}
	for _, p := range [][2]int{{62, 62}, {252, 205}} {
		if ru.hr[p[1]*400+p[0]] || ru.vr[p[1]*400+p[0]] {
			t.Errorf("glyph pixel %v taken for a rule", p)
		}
	}
	// The rule's columns, and the fringe where horizontal rules cross it.
	if x0, x1, ok := ru.vertical(150, 250); !ok || x0 < 198 || x0 > 200 || x1 < 201 || x1 > 203 {
		t.Errorf("vertical(150, 250) = %d, %d, %v; want 198-200, 201-203", x0, x1, ok)
	}
	if top, bottom, ok := ru.cellSpan(100, 100); !ok || top != 22 || bottom != 149 {
		t.Errorf("cellSpan(100, 100) = %d, %d, %v; want 22, 149", top, bottom, ok)
	}
}

// Each damage does what it says, and only there.
func TestDamage(t *testing.T) {
	base := func() *image.Gray {
		g := ruled(400, 300, []int{20, 200, 378}, []int{20, 150, 278}, 20, 379, 20, 279)
		glyph(g, 60, 60)
		return g
	}
	glyphDark := func(g *image.Gray) int { return darkCount(g, 60, 60, 71, 71, 128) }
	tests := []struct {
		name  string
		apply func(g *image.Gray, r *rand.Rand)
		check func(t *testing.T, before, after *image.Gray)
	}{
		{"fade", func(g *image.Gray, r *rand.Rand) { findRules(g, 40, 30).fade(g, 300) },
			func(t *testing.T, before, after *image.Gray) {
				if v := after.Pix[150*400+100]; v < 170 || v > 190 {
					t.Errorf("faded rule pixel %d, want 255-255*0.3 ≈ 179", v)
				}
				if glyphDark(after) != glyphDark(before) {
					t.Error("the glyph changed")
				}
			}},
		{"cut", func(g *image.Gray, r *rand.Rand) { findRules(g, 40, 30).cut(g, r, 60, 5, 10) },
			func(t *testing.T, before, after *image.Gray) {
				// Along the middle horizontal rule, between the vertical
				// ones, some columns are paper now: gaps.
				gaps := 0
				for x := 30; x < 190; x++ {
					if after.Pix[150*400+x] == 255 && after.Pix[151*400+x] == 255 {
						gaps++
					}
				}
				if gaps < 5 || gaps > 80 {
					t.Errorf("%d of 160 rule columns cut, want some (gaps of 5-10 every 30-90)", gaps)
				}
				vgaps := 0
				for y := 30; y < 140; y++ {
					if after.Pix[y*400+200] == 255 {
						vgaps++
					}
				}
				if vgaps == 0 {
					t.Error("no gap in the vertical rule")
				}
				if glyphDark(after) != glyphDark(before) {
					t.Error("the glyph changed")
				}
			}},
		{"broken span", func(g *image.Gray, r *rand.Rand) {
			findRules(g, 40, 30).damageSpan(g, r, 198, 203, 30, 140, ruleBroken, 500)
		},
			func(t *testing.T, before, after *image.Gray) {
				cut := 0
				for y := 30; y <= 140; y++ {
					if after.Pix[y*400+200] == 255 {
						cut++
					}
				}
				if cut < 40 || cut > 60 {
					t.Errorf("%d of 111 rows cut, want about half", cut)
				}
				if darkCount(after, 198, 160, 203, 270, 128) != darkCount(before, 198, 160, 203, 270, 128) {
					t.Error("the rule changed outside the span")
				}
			}},
		{"faint span", func(g *image.Gray, r *rand.Rand) {
			findRules(g, 40, 30).damageSpan(g, r, 198, 203, 30, 140, ruleFaint, 100)
		},
			func(t *testing.T, before, after *image.Gray) {
				if v := after.Pix[80*400+200]; v < 225 {
					t.Errorf("faint rule pixel %d, want ≥ 229", v)
				}
				if after.Pix[200*400+200] != 0 {
					t.Error("the rule changed outside the span")
				}
			}},
		{"illuminate", func(g *image.Gray, r *rand.Rand) { illuminate(g, 0, 800, 100) },
			func(t *testing.T, before, after *image.Gray) {
				// Light falls off against direction 0: the left edge is
				// darkest, the left corners at about 0.8 × 0.9 = 0.72;
				// the vignette dims the middle of the sides by 6.4%.
				left, right, corner := after.Pix[100*400+1], after.Pix[100*400+398], after.Pix[1*400+1]
				near := func(v uint8, want int) bool { return int(v) >= want-3 && int(v) <= want+3 }
				if !near(left, 191) || !near(right, 239) || !near(corner, 184) {
					t.Errorf("left %d, right %d, corner %d; want 191, 239, 184", left, right, corner)
				}
			}},
		{"show through", func(g *image.Gray, r *rand.Rand) {
			ghost := whitePage(400, 300)
			for i := 0; i < 400*100; i++ {
				ghost.Pix[i] = 0
			}
			showThrough(g, ghost, 100)
		},
			func(t *testing.T, before, after *image.Gray) {
				if v := after.Pix[50*400+300]; v < 227 || v > 231 {
					t.Errorf("paper under the ghost's ink %d, want 255 × 0.9 ≈ 229", v)
				}
				if v := after.Pix[200*400+300]; v != 255 {
					t.Errorf("paper where the ghost is white %d, want 255", v)
				}
			}},
		{"edge shadow", func(g *image.Gray, r *rand.Rand) { edgeShadow(g, 2, 30, 120) },
			func(t *testing.T, before, after *image.Gray) {
				if v := after.Pix[0*400+300]; v < 130 || v > 140 {
					t.Errorf("top edge %d, want 255 − 120 = 135", v)
				}
				if v := after.Pix[40*400+300]; v != 255 {
					t.Errorf("below the shadow %d, want 255", v)
				}
			}},
		{"box blur", func(g *image.Gray, r *rand.Rand) { boxBlur(g, 3) },
			func(t *testing.T, before, after *image.Gray) {
				if after.Pix[80*400+300] != 255 {
					t.Error("blurring white paper changed it")
				}
				if v := after.Pix[150*400+100]; v < 140 || v > 190 {
					t.Errorf("a 2-pixel rule blurred over 7 rows: %d, want about 255 × 5/7 ≈ 182", v)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := base()
			after := base()
			tc.apply(after, rand.New(rand.NewPCG(1, 2)))
			tc.check(t, before, after)
			again := base()
			tc.apply(again, rand.New(rand.NewPCG(1, 2)))
			if !bytes.Equal(again.Pix, after.Pix) {
				t.Error("not deterministic")
			}
		})
	}
}

// gridPage is a synthetic first page of a form at 72 dpi (a pixel a point):
// the grid header (一级指标 | 二级指标 | 三级指标) and two 二级 label cells,
// 数量指标 over rows 130-270 and 质量指标 over 270-340.
func gridPage() pageIn {
	g := whitePage(600, 400)
	rule := func(x0, y0, x1, y1 int) {
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				g.Pix[y*g.Stride+x] = 0
			}
		}
	}
	for _, x := range []int{20, 100, 200, 450, 580} {
		rule(x, 100, x+1, 341)
	}
	for _, y := range []int{100, 130, 270, 340} {
		rule(20, y, 581, y+1)
	}
	rule(200, 200, 581, 201) // between the 三级 rows of 数量指标
	for _, x := range []int{130, 160, 310} {
		glyph(g, x, 108)
	}
	p := &docPage{pdfPage: pdfPage{w: 600, h: 400, words: []word{
		{30, 105, 90, 125, "一级指标"}, {120, 105, 180, 125, "二级指标"}, {300, 105, 360, 125, "三级指标"},
		{120, 190, 180, 210, "数量指标"}, {120, 295, 180, 315, "质量指标"},
	}}}
	doc := &renderedDoc{pages: []*docPage{p}, cols: columns{l1x1: 90, l2x0: 120, l2x1: 180, l3x0: 300, ok: true}}
	return pageIn{dpi: 72, gray: g, page: p, doc: doc, first: true}
}

func TestLevel2Cells(t *testing.T) {
	in := gridPage()
	cells := level2Cells(in, findRules(in.gray, 34, 20))
	want := []span23{{200, 201, 132 + 2, 269 - 2}, {200, 201, 272 + 2, 339 - 2}}
	if len(cells) != len(want) {
		t.Fatalf("cells %v, want %v", cells, want)
	}
	for i := range want {
		c := cells[i]
		if c.top != want[i].top || c.bottom != want[i].bottom || c.x0 > 200 || c.x1 < 201 {
			t.Errorf("cell %d = %+v, want rows %d-%d around x 200-201", i, c, want[i].top, want[i].bottom)
		}
	}
}

// The bleedrules paper: on a page drawn with the 二级/三级 rule broken, the
// rule has gaps over a 二级 label's cell; with it faint, it is lighter.
func TestBleedPaper(t *testing.T) {
	seen := map[int]bool{}
	for seed := uint64(1); seed < 60 && len(seen) < 2; seed++ {
		in := gridPage()
		in.r = rand.New(rand.NewPCG(seed, 1))
		ps := map[string]int{}
		img, err := bleedPaper(in, ps)
		if err != nil {
			t.Fatal(err)
		}
		mode := ps["rule23"]
		if mode == 0 || seen[mode] || ps["rules_mode"] != ruleFaint {
			continue // keep the rest of the page's rules whole, to see this one
		}
		seen[mode] = true
		light := 0 // rows of the 数量指标 or 质量指标 cell where the rule is gone or faint
		for y := 134; y <= 337; y++ {
			if y >= 268 && y <= 274 {
				continue
			}
			if v := img.Pix[y*img.Stride+200]; (mode == ruleBroken && v == 255) || (mode == ruleFaint && v > 150 && v < 255) {
				light++
			}
		}
		min := (337 - 134 - 7) * 3 / 10 / ps["rule23_cells"] / 2 // the least a broken or faint span leaves
		if light < min {
			t.Errorf("seed %d, rule23 %d (%d‰, %d cells): %d rows of the rule damaged, want ≥ %d", seed, mode, ps["rule23_permille"], ps["rule23_cells"], light, min)
		}
		if v, want := int(img.Pix[115*img.Stride+200]), 255-255*ps["rules_faint_permille"]/1000; v != want {
			t.Errorf("seed %d: the rule in the header row is %d, want it faded with the page only, to %d", seed, v, want)
		}
	}
	if !seen[ruleBroken] || !seen[ruleFaint] {
		t.Errorf("modes drawn %v: want both a broken and a faint 二级/三级 rule", seen)
	}
}

func TestComposite(t *testing.T) {
	p := planes{whitePage(100, 100), whitePage(100, 100), whitePage(100, 100)}
	mask := image.NewGray(image.Rect(0, 0, 40, 40))
	for i := range mask.Pix {
		mask.Pix[i] = 255
	}
	composite(p, mask, 30, 30, [3]int{210, 40, 50}, 800, rand.New(rand.NewPCG(1, 1)))
	in, out := 50*100+50, 10*100+10
	if r, g, b := p[0].Pix[in], p[1].Pix[in], p[2].Pix[in]; r < 200 || g > 150 || b > 150 {
		t.Errorf("inked pixel %d,%d,%d: want red", r, g, b)
	}
	if r, g, b := p[0].Pix[out], p[1].Pix[out], p[2].Pix[out]; r != 255 || g != 255 || b != 255 {
		t.Errorf("pixel outside the mask %d,%d,%d: want white", r, g, b)
	}
}

// A seal rasterised: ink on its ring, its star, and nowhere outside.
func TestSealMask(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm missing (apt poppler-utils)")
	}
	if _, err := os.Stat(sealFont); err != nil {
		t.Skipf("seal font missing (make corpus installs it): %v", err)
	}
	s := seal{diameter: 40, angle: 10, ring: "上海市公安局闵行分局", bottom: "财务专用章"}
	m, err := s.mask(context.Background(), t.TempDir(), 200)
	if err != nil {
		t.Fatal(err)
	}
	side := mm(44, 200)
	if b := m.Rect; b.Dx() < side-2 || b.Dx() > side+2 {
		t.Fatalf("mask is %v, want about %d px square", b, side)
	}
	c := m.Rect.Dx() / 2
	ring := mm(20-0.7, 200) // the ring's middle, from the centre
	inked := func(x, y int) bool { return m.Pix[y*m.Stride+x] > 128 }
	for _, p := range [][2]int{{c + ring, c}, {c - ring, c}, {c, c + ring}, {c, c}} {
		if !inked(p[0], p[1]) {
			t.Errorf("no ink at %v (ring or star)", p)
		}
	}
	if inked(2, 2) || inked(c+mm(21.5, 200), c) {
		t.Error("ink outside the ring")
	}
	// The text: ink between the ring and the star, above the centre.
	if n := darkCount(invert(m), c-mm(12, 200), c-mm(17, 200), c+mm(12, 200), c-mm(10, 200), 128); n < 500 {
		t.Errorf("%d inked pixels where the ring text goes, want many", n)
	}
	if again, err := s.mask(context.Background(), t.TempDir(), 200); err != nil || !bytes.Equal(again.Pix, m.Pix) {
		t.Errorf("two rasterisations of a seal differ (%v)", err)
	}
}

func invert(g *image.Gray) *image.Gray {
	c := cloneGray(g)
	for i, v := range c.Pix {
		c.Pix[i] = 255 - v
	}
	return c
}

func TestTIFFRGB(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 37, 21))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
		if i%4 == 3 {
			img.Pix[i] = 255
		}
	}
	path := t.TempDir() + "/rgb.tif"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tw, err := newTIFFWriter(f, 2, 200)
	if err != nil {
		t.Fatal(err)
	}
	if err := tw.add(img); err != nil {
		t.Fatal(err)
	}
	if err := tw.add(form(30, 20)); err != nil {
		t.Fatal(err)
	}
	if err := tw.close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	b, _ := os.ReadFile(path)
	got, err := tiff.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rgba, ok := got.(*image.RGBA)
	if !ok || !bytes.Equal(rgba.Pix, img.Pix) {
		t.Errorf("page 1 decodes as %T, not to what was written", got)
	}
	// Page 2, grey, through its IFD.
	ifd2 := binary.LittleEndian.Uint32(b[binary.LittleEndian.Uint32(b[4:])+2+15*12:])
	c := bytes.Clone(b)
	binary.LittleEndian.PutUint32(c[4:], ifd2)
	if g, err := tiff.Decode(bytes.NewReader(c)); err != nil || !bytes.Equal(g.(*image.Gray).Pix, form(30, 20).Pix) {
		t.Errorf("page 2: %v", err)
	}
}
