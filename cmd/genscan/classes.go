package main

import (
	"context"
	"fmt"
	"image"
	"math/rand/v2"

	"jixiao/extract/scan"
)

// class is a kind of damage: a resolution, grey or colour, and a named set
// of parameter ranges drawn per page (drawn, not fixed, so that a class is
// a population of pages). desc is what manifest.json says of it.
type class struct {
	name   string
	desc   string
	dpi    int
	colour bool
	backs  bool // every sheet has a back, and forms end on short continuation pages
	// late classes take their cells' forms after every other class's
	// (cells), so that adding one leaves the other cells as they were.
	late bool
}

// The classes, in the order of a corpus's cells.
var classes = []class{
	{name: "clean300", dpi: 300,
		desc: "grey 300 dpi; no damage; JPEG 85–90"},
	{name: "scan200", dpi: 200,
		desc: "grey 200 dpi; rotation ±1.5°, lowered contrast, noise, blur; JPEG 55–90"},
	{name: "low150", dpi: 150,
		desc: "grey 150 dpi; mild noise (1–2) and blur (16–40/256); JPEG 70–90"},
	{name: "skewlight", dpi: 200,
		desc: "grey 200 dpi; rotation 1–3.5° either way; uneven illumination (a linear gradient times a vignette, paper down to 0.68–0.90 at the darkest corner); mild noise and blur; JPEG 60–85"},
	{name: "colourseal", dpi: 200, colour: true,
		desc: "RGB 200 dpi; warm paper tint; on the first page of each form a red round seal (ring, star, the implementing unit's name around the ring, 财务专用章 under the star on the funds), 38–42 mm, partly transparent, multiplied over the header or the funds cells; rotation ±1°, lowered contrast, noise, blur; JPEG 60–85"},
	{name: "bleedrules", dpi: 200,
		desc: "grey 200 dpi; bleed-through of another page of the set (mirrored, box-blurred, 6–16% of its ink); ruling lines faint (25–60% of their ink) or broken (gaps of 4–30 px) or both; on most pages the rule between the 二级指标 and 三级指标 columns faint (8–30%) or broken (30–70% cut away) over 二级 label cells; rotation ±1°, lowered contrast, noise, blur; JPEG 60–85"},
	{name: "backs", dpi: 200, backs: true,
		desc: "grey 200 dpi, image-only PDFs; after every page its back: paper noise, and faint bleed-through of the front (2–7%, mirrored, blurred), a scanner edge shadow or specks on some; every fourth form ending on a continuation page that holds only its last 1 or 2 indicator rows; fronts as scan200; JPEG 60–85"},
	{name: "turned", dpi: 200, late: true,
		desc: "grey 200 dpi; as scan200, then each page turned 90°, 180° or 270° clockwise in its pixels (turn_deg; no /Rotate, no EXIF orientation), the two sideways turns twice as often; JPEG 55–90"},
}

// classNamed returns the class called name, or false.
func classNamed(name string) (class, bool) {
	for _, c := range classes {
		if c.name == name {
			return c, true
		}
	}
	return class{}, false
}

// drawTurn draws how far (degrees clockwise) a page of the turned class
// is turned: 90 or 270 two times in five each, 180 one time in five.
func drawTurn(r *rand.Rand) int {
	return [5]int{90, 90, 180, 270, 270}[r.IntN(5)]
}

// between draws an integer uniform in lo…hi.
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// signed draws an integer whose magnitude is uniform in lo…hi, either sign.
func signed(r *rand.Rand, lo, hi int) int {
	v := between(r, lo, hi)
	if r.IntN(2) == 0 {
		return -v
	}
	return v
}

// pageIn is what degrading one page needs.
type pageIn struct {
	r     *rand.Rand
	dpi   int
	gray  *image.Gray // the clean raster (grey classes)
	rgb   planes      // the clean raster (colour classes)
	page  *docPage    // the page's words and truth
	doc   *renderedDoc
	index int  // the page's index in doc
	first bool // the first page of its form
	form  formRecord
	// ghost returns the clean grey raster of another page of doc, at
	// dpi, for bleed-through.
	ghost func(index int) (*image.Gray, error)
	tmp   string // a directory for temporary files
}

// pageOut is a degraded page.
type pageOut struct {
	img     image.Image // *image.Gray or *image.RGBA
	quality int         // JPEG quality, if it is stored as JPEG
	params  map[string]int
	seal    bool
}

// mm converts millimetres to pixels at dpi.
func mm(v float64, dpi int) int { return int(v*float64(dpi)/25.4 + 0.5) }

// px converts points to pixels at dpi.
func px(v float64, dpi int) int { return int(v*float64(dpi)/72 + 0.5) }

// drawScanner draws the scan200 model's rotation (within ±maxAngle
// millidegrees), contrast, noise and blur, and records them in ps.
func drawScanner(r *rand.Rand, ps map[string]int, maxAngle int) params {
	p := params{
		AngleMilli: between(r, -maxAngle, maxAngle),
		Blur:       between(r, minBlur, maxBlur),
		Black:      between(r, minBlack, maxBlack),
		White:      between(r, minWhite, maxWhite),
		Noise:      between(r, minNoise, maxNoise),
	}
	ps["angle_millideg"], ps["blur"], ps["black"], ps["white"], ps["noise"] = p.AngleMilli, p.Blur, p.Black, p.White, p.Noise
	return p
}

// scanner degrades img as drawScanner draws.
func scanner(img *image.Gray, r *rand.Rand, ps map[string]int, maxAngle int) *image.Gray {
	return degrade(img, drawScanner(r, ps, maxAngle), r)
}

// front degrades a page of a form as class c.
func (c class) front(ctx context.Context, in pageIn) (pageOut, error) {
	r := in.r
	ps := map[string]int{}
	out := pageOut{params: ps}
	switch c.name {
	case "clean300":
		out.img = in.gray
		out.quality = between(r, 85, 90)
	case "scan200":
		out.img = scanner(in.gray, r, ps, maxAngleMilli)
		out.quality = between(r, 55, 90)
	case "low150":
		img := cloneGray(in.gray)
		ps["noise"], ps["blur"] = between(r, 1, 2), between(r, 16, 40)
		contrastNoise(img, 0, 255, ps["noise"], r)
		blur(img, ps["blur"])
		out.img, out.quality = img, between(r, 70, 90)
	case "skewlight":
		ps["angle_millideg"] = signed(r, 1000, 3500)
		ps["light_dir_deg"] = r.IntN(360)
		ps["light_low_permille"] = between(r, 800, 950)
		ps["vignette_permille"] = between(r, 50, 150)
		ps["light_min_permille"] = ps["light_low_permille"] * (1000 - ps["vignette_permille"]) / 1000
		ps["noise"], ps["blur"] = between(r, 1, 3), between(r, 16, 48)
		img := rotate(in.gray, ps["angle_millideg"])
		illuminate(img, ps["light_dir_deg"], ps["light_low_permille"], ps["vignette_permille"])
		contrastNoise(img, 0, 255, ps["noise"], r)
		blur(img, ps["blur"])
		out.img, out.quality = img, between(r, 60, 85)
	case "colourseal":
		return colourSeal(ctx, in, out)
	case "bleedrules":
		return bleedRules(in, out)
	case "backs":
		out.img = scanner(in.gray, r, ps, maxAngleMilli)
		out.quality = between(r, 60, 85)
	case "turned":
		img := scanner(in.gray, r, ps, maxAngleMilli)
		ps["turn_deg"] = drawTurn(r)
		turned, err := scan.Rotate(img, ps["turn_deg"])
		if err != nil {
			return out, err
		}
		out.img, out.quality = turned, between(r, 55, 90)
	default:
		return out, fmt.Errorf("class %s: no damage defined", c.name)
	}
	return out, nil
}

// back makes the back of the sheet whose front's clean raster is front: a
// white page, on two backs in three the front showing through faintly
// (mirrored and blurred), on some an edge shadow of the scanner or a few
// specks, then the scanner's rotation, contrast, noise and blur.
func back(front *image.Gray, r *rand.Rand, dpi int) pageOut {
	ps := map[string]int{}
	w, h := front.Rect.Dx(), front.Rect.Dy()
	img := whitePage(w, h)
	if r.IntN(3) > 0 {
		ps["bleed_permille"] = between(r, 20, 70)
		ps["bleed_radius"] = between(r, 3, 6) * dpi / 200
		g := mirror(front)
		boxBlur(g, ps["bleed_radius"])
		boxBlur(g, ps["bleed_radius"])
		showThrough(img, g, ps["bleed_permille"])
	}
	if r.IntN(3) == 0 {
		ps["specks"] = between(r, 1, 5)
		specks(img, r, ps["specks"])
	}
	img = scanner(img, r, ps, maxAngleMilli)
	if r.IntN(2) == 0 {
		ps["shadow_side"] = r.IntN(4) // 0 left, 1 right, 2 top, 3 bottom
		ps["shadow_px"] = between(r, 8, 60) * dpi / 200
		ps["shadow_depth"] = between(r, 40, 140)
		edgeShadow(img, ps["shadow_side"], ps["shadow_px"], ps["shadow_depth"])
	}
	return pageOut{img: img, quality: between(r, 60, 85), params: ps}
}

// Seal targets.
const (
	sealHeader = 1 // over the header cells, right of 实施单位
	sealFunds  = 2 // over the funds cells, right of 年度资金申请总额
)

// colourSeal: tint the paper; on a form's first page stamp a seal over
// the header or the funds cells, found by their labels' boxes in the PDF's
// text (pdftotext -bbox); then scan.
func colourSeal(ctx context.Context, in pageIn, out pageOut) (pageOut, error) {
	r, ps, dpi := in.r, out.params, in.dpi
	p := planes{cloneGray(in.rgb[0]), cloneGray(in.rgb[1]), cloneGray(in.rgb[2])}
	ps["tint_r"] = between(r, 242, 254)
	ps["tint_g"] = ps["tint_r"] - between(r, 4, 12)
	ps["tint_b"] = ps["tint_g"] - between(r, 10, 28)
	tint(p, [3]int{ps["tint_r"], ps["tint_g"], ps["tint_b"]})
	if in.first {
		target := sealHeader + r.IntN(2)
		label := map[int]string{sealHeader: "实施单位", sealFunds: "年度资金申请总额"}
		wd, ok := in.page.find(label[target])
		if !ok {
			target = sealHeader + sealFunds - target
			wd, ok = in.page.find(label[target])
		}
		if !ok {
			return out, fmt.Errorf("no 实施单位 or 年度资金申请总额 label on the page for the seal")
		}
		s := seal{diameter: float64(between(r, 380, 420)) / 10, angle: float64(between(r, -25, 25))}
		cy := px((wd.y0+wd.y1)/2, dpi)
		var cx int
		if target == sealHeader {
			s.ring = in.form.unit
			cx, cy = px(wd.x1, dpi)+mm(float64(between(r, 15, 45)), dpi), cy+mm(float64(between(r, -5, 5)), dpi)
		} else {
			s.ring, s.bottom = in.form.unit, "财务专用章"
			cx, cy = px(wd.x1, dpi)+mm(float64(between(r, 5, 30)), dpi), cy+mm(float64(between(r, -3, 10)), dpi)
		}
		mask, err := s.mask(ctx, in.tmp, dpi)
		if err != nil {
			return out, err
		}
		ink := [3]int{between(r, 190, 230), between(r, 20, 60), between(r, 30, 70)}
		alpha := between(r, 600, 850)
		composite(p, mask, cx-mask.Rect.Dx()/2, cy-mask.Rect.Dy()/2, ink, alpha, r)
		ps["seal_target"], ps["seal_x"], ps["seal_y"] = target, cx, cy
		ps["seal_diameter_px"], ps["seal_angle_deg"], ps["seal_alpha_permille"] = mm(s.diameter, dpi), int(s.angle), alpha
		ps["ink_r"], ps["ink_g"], ps["ink_b"] = ink[0], ink[1], ink[2]
		out.seal = true
	}
	// The scanner: one rotation, contrast and blur for the three planes,
	// noise of its own in each.
	sp := drawScanner(r, ps, 1000)
	for c := range p {
		p[c] = degrade(p[c], sp, r)
	}
	out.img, out.quality = p.rgba(), between(r, 60, 85)
	return out, nil
}

// bleedRules damages the paper (bleedPaper), then scans it.
func bleedRules(in pageIn, out pageOut) (pageOut, error) {
	img, err := bleedPaper(in, out.params)
	if err != nil {
		return out, err
	}
	out.img = scanner(img, in.r, out.params, 1000)
	out.quality = between(in.r, 60, 85)
	return out, nil
}

// bleedPaper returns the page of bleedrules before the scanner: the ruling
// lines found in the clean raster; the rule between the 二级指标 and 三级指标
// columns faded or broken over 二级 label cells (on three pages in four
// that have such cells); the rules of the whole page faded or broken or
// both; another page showing through. It records what it drew in ps.
func bleedPaper(in pageIn, ps map[string]int) (*image.Gray, error) {
	r, dpi := in.r, in.dpi
	img := cloneGray(in.gray)
	ru := findRules(img, mm(12, dpi), mm(7, dpi))
	cells := level2Cells(in, ru)
	if len(cells) > 0 && r.IntN(4) > 0 {
		ps["rule23"] = ruleFaint + r.IntN(2)
		if ps["rule23"] == ruleFaint {
			ps["rule23_permille"] = between(r, 80, 300)
		} else {
			ps["rule23_permille"] = between(r, 300, 700)
		}
		n := between(r, 1, len(cells))
		ps["rule23_cells"] = n
		for _, k := range r.Perm(len(cells))[:n] {
			c := cells[k]
			ru.damageSpan(img, r, c.x0, c.x1, c.top, c.bottom, ps["rule23"], ps["rule23_permille"])
		}
	}
	ps["rules_mode"] = 1 + r.IntN(3) // 1 faint, 2 broken, 3 both
	if ps["rules_mode"]&ruleBroken != 0 {
		ps["gap_every_px"] = between(r, 60, 240) * dpi / 200
		ps["gap_min_px"] = between(r, 4, 10) * dpi / 200
		ps["gap_max_px"] = ps["gap_min_px"] + between(r, 4, 20)*dpi/200
		ru.cut(img, r, ps["gap_every_px"], ps["gap_min_px"], ps["gap_max_px"])
	}
	if ps["rules_mode"]&ruleFaint != 0 {
		ps["rules_faint_permille"] = between(r, 250, 600)
		ru.fade(img, ps["rules_faint_permille"])
	}
	// Another page of the same set shows through.
	if n := len(in.doc.pages); n > 1 {
		k := r.IntN(n - 1)
		if k >= in.index {
			k++
		}
		g, err := in.ghost(k)
		if err != nil {
			return nil, err
		}
		if g.Rect.Eq(img.Rect) {
			ps["bleed_form"], ps["bleed_page"] = in.doc.formPage(k)
			ps["bleed_permille"] = between(r, 60, 160)
			ps["bleed_radius"] = between(r, 3, 6) * dpi / 200
			g = mirror(g)
			boxBlur(g, ps["bleed_radius"])
			boxBlur(g, ps["bleed_radius"])
			showThrough(img, g, ps["bleed_permille"])
		}
	}
	return img, nil
}

// span23 is a stretch of the vertical rule right of the 二级指标 column:
// columns x0…x1, rows top…bottom (the interior of a 二级 label's cell).
type span23 struct{ x0, x1, top, bottom int }

// level2Cells finds the cells of 二级 labels on a page: the columns of the
// 二级指标 column's rules come from the grid header's words (一级指标,
// 二级指标, 三级指标: on this page, or on another page of the same PDF,
// whose columns are the same) and the raster's vertical rules between
// them; a 二级 label is a word in that column below the header; its cell
// runs between the horizontal rules above and below it.
func level2Cells(in pageIn, ru *rules) []span23 {
	cols := in.doc.cols
	if !cols.ok {
		return nil
	}
	dpi := in.dpi
	_, l12, ok1 := ru.vertical(px(cols.l1x1, dpi), px(cols.l2x0, dpi))
	x0, x1, ok2 := ru.vertical(px(cols.l2x1, dpi), px(cols.l3x0, dpi))
	if !ok1 || !ok2 {
		return nil
	}
	below := 0.0 // words of the column below this are labels
	if hd, ok := in.page.find(level2Mark); ok {
		below = hd.y1
	} else if in.first {
		return nil // the grid has not begun
	}
	mid := (l12 + x0) / 2
	seen := map[[2]int]bool{}
	var out []span23
	for _, w := range in.page.words {
		cx, cy := px((w.x0+w.x1)/2, dpi), px((w.y0+w.y1)/2, dpi)
		if w.y0 <= below || cx <= l12 || cx >= x0 {
			continue
		}
		top, bottom, ok := ru.cellSpan(mid, cy)
		if !ok || seen[[2]int{top, bottom}] || bottom-top < mm(4, dpi) {
			continue
		}
		seen[[2]int{top, bottom}] = true
		out = append(out, span23{x0, x1, top + 2, bottom - 2})
	}
	return out
}
