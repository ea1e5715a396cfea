package main

import (
	"image"
	"math"
	"math/rand/v2"
)

// Damage of the corpus classes beyond degrade's: uneven illumination,
// paper tint, seals, bleed-through, faint and broken ruling lines, scanner
// edge shadows, specks. Like degrade, everything after a few sines and
// cosines of drawn angles is integer arithmetic, so a page comes out the
// same on every platform; images are modified in place unless said
// otherwise.

// planes is an RGB image as three 8-bit planes of one size, so that the
// grey operations apply to colour pages plane by plane.
type planes [3]*image.Gray

// rgbPlanes splits an RGBA image (alpha ignored) into planes.
func rgbPlanes(src *image.RGBA) planes {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	var p planes
	for c := range p {
		p[c] = image.NewGray(image.Rect(0, 0, w, h))
	}
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		for x := 0; x < w; x++ {
			for c := range p {
				p[c].Pix[y*p[c].Stride+x] = row[4*x+c]
			}
		}
	}
	return p
}

// rgba joins the planes into an opaque RGBA image.
func (p planes) rgba() *image.RGBA {
	w, h := p[0].Rect.Dx(), p[0].Rect.Dy()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		for x := 0; x < w; x++ {
			for c := range p {
				row[4*x+c] = p[c].Pix[y*p[c].Stride+x]
			}
			row[4*x+3] = 255
		}
	}
	return img
}

// cloneGray returns a copy of g starting at (0, 0).
func cloneGray(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	c := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		copy(c.Pix[y*c.Stride:y*c.Stride+w], g.Pix[(y)*g.Stride:(y)*g.Stride+w])
	}
	return c
}

// whitePage returns a white page of w × h pixels.
func whitePage(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g
}

// mirror returns src flipped left to right: the back of a sheet shows its
// front so.
func mirror(src *image.Gray) *image.Gray {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	dst := image.NewGray(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		s := src.Pix[y*src.Stride : y*src.Stride+w]
		d := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		for x := range d {
			d[x] = s[w-1-x]
		}
	}
	return dst
}

// boxBlur averages each pixel over the (2r+1)² square around it, edge
// pixels repeated, as a horizontal then a vertical pass of running sums.
func boxBlur(img *image.Gray, r int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if r <= 0 || w == 0 || h == 0 {
		return
	}
	n := 2*r + 1
	// One line of samples at a time: pix[off + k*step] for k in 0…length-1.
	line := make([]int, max(w, h))
	pass := func(off, step, length int) {
		pix := img.Pix
		for k := 0; k < length; k++ {
			line[k] = int(pix[off+k*step])
		}
		sum := 0
		for k := -r; k <= r; k++ {
			sum += line[min(max(k, 0), length-1)]
		}
		for k := 0; k < length; k++ {
			pix[off+k*step] = uint8((sum + n/2) / n)
			sum += line[min(k+r+1, length-1)] - line[max(k-r, 0)]
		}
	}
	for y := 0; y < h; y++ {
		pass(y*img.Stride, 1, w)
	}
	for x := 0; x < w; x++ {
		pass(x, img.Stride, h)
	}
}

// showThrough darkens img where ghost is dark, as paper lets the ink of
// the other side show: each pixel is multiplied by 1 − s·(255−g)/255 with
// s = permille/1000. ghost must have img's size.
func showThrough(img, ghost *image.Gray, permille int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		g := ghost.Pix[y*ghost.Stride : y*ghost.Stride+w]
		for x, v := range row {
			d := (255 - int(g[x])) * permille / 1000
			row[x] = uint8((int(v)*(255-d) + 127) / 255)
		}
	}
}

// illuminate multiplies img by the light of an uneven scanner lamp: a
// linear gradient across the page in direction dirDeg (0: brighter to the
// right… the light falls off against the direction) from 1 down to
// low/1000, times a vignette that dims the corners by vig/1000. The page
// is at its darkest, about low·(1−vig)/1000², in a far corner.
func illuminate(img *image.Gray, dirDeg, low, vig int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	theta := float64(dirDeg) * math.Pi / 180
	ux := int64(math.Round(math.Cos(theta) * 4096))
	uy := int64(math.Round(math.Sin(theta) * 4096))
	abs := func(v int64) int64 {
		if v < 0 {
			return -v
		}
		return v
	}
	// In twice-pixel offsets from the centre, so that all are integers.
	e2 := abs(ux)*int64(w-1) + abs(uy)*int64(h-1)
	if e2 == 0 {
		e2 = 1
	}
	r2 := int64(w-1)*int64(w-1) + int64(h-1)*int64(h-1)
	if r2 == 0 {
		r2 = 1
	}
	lo := int64(low) * 65536 / 1000
	vk := int64(vig) * 65536 / 1000
	for y := 0; y < h; y++ {
		dy := int64(2*y + 1 - h)
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		for x := range row {
			dx := int64(2*x + 1 - w)
			p := ux*dx + uy*dy // −e2…e2
			grad := lo + (65536-lo)*(p+e2)/(2*e2)
			v := 65536 - vk*(dx*dx+dy*dy)/r2
			gain := grad * v >> 16
			row[x] = uint8((int64(row[x])*gain + 32768) >> 16)
		}
	}
}

// tint multiplies the planes by a paper colour (each 0…255).
func tint(p planes, paper [3]int) {
	for c, g := range p {
		for i, v := range g.Pix {
			g.Pix[i] = uint8((int(v)*paper[c] + 127) / 255)
		}
	}
}

// edgeShadow darkens a band along one side of img (0 left, 1 right, 2 top,
// 3 bottom) width pixels wide, by depth grey levels at the edge falling off
// quadratically to nothing: the shadow of a scanner lid or of a sheet's
// edge.
func edgeShadow(img *image.Gray, side, width, depth int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if width <= 0 {
		return
	}
	for y := 0; y < h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		for x := range row {
			var i int
			switch side {
			case 0:
				i = x
			case 1:
				i = w - 1 - x
			case 2:
				i = y
			default:
				i = h - 1 - y
			}
			if i >= width {
				continue
			}
			d := depth * (width - i) * (width - i) / (width * width)
			row[x] = uint8((int(row[x])*(255-d) + 127) / 255)
		}
	}
}

// specks puts n small dark dots (dust, a pencil touch) at random places:
// each a disc of radius 1–3 pixels, 60–200 grey levels below paper.
func specks(img *image.Gray, r *rand.Rand, n int) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for range n {
		cx, cy := r.IntN(w), r.IntN(h)
		rad := 1 + r.IntN(3)
		v := uint8(255 - (60 + r.IntN(141)))
		for y := max(cy-rad, 0); y <= min(cy+rad, h-1); y++ {
			for x := max(cx-rad, 0); x <= min(cx+rad, w-1); x++ {
				if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= rad*rad {
					img.Pix[y*img.Stride+x] = min(img.Pix[y*img.Stride+x], v)
				}
			}
		}
	}
}

// rules marks the pixels of a page's ruling lines: dark runs along a row
// (horizontal rules) or a column (vertical rules) longer than any stroke
// of text, with the lighter anti-aliased pixels on either side.
type rules struct {
	w, h   int
	hr, vr []bool // pixel (x, y) at y*w+x is part of a horizontal, a vertical rule
}

// Thresholds of findRules: a rule pixel is darker than ruleDark; the
// anti-aliased fringe (up to 2 pixels across the rule) darker than
// ruleFringe.
const (
	ruleDark   = 200
	ruleFringe = 250
)

// findRules finds the ruling lines of img: horizontal dark runs of at
// least minH pixels, vertical ones of at least minV.
func findRules(img *image.Gray, minH, minV int) *rules {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	ru := &rules{w: w, h: h, hr: make([]bool, w*h), vr: make([]bool, w*h)}
	at := func(x, y int) uint8 { return img.Pix[y*img.Stride+x] }
	core := make([]bool, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; {
			if at(x, y) >= ruleDark {
				x++
				continue
			}
			e := x
			for e < w && at(e, y) < ruleDark {
				e++
			}
			if e-x >= minH {
				for k := x; k < e; k++ {
					core[y*w+k] = true
				}
			}
			x = e
		}
	}
	for i, c := range core {
		if !c {
			continue
		}
		x, y := i%w, i/w
		for d := -2; d <= 2; d++ {
			if yy := y + d; yy >= 0 && yy < h && at(x, yy) < ruleFringe {
				ru.hr[yy*w+x] = true
			}
		}
	}
	clear(core)
	for x := 0; x < w; x++ {
		for y := 0; y < h; {
			if at(x, y) >= ruleDark {
				y++
				continue
			}
			e := y
			for e < h && at(x, e) < ruleDark {
				e++
			}
			if e-y >= minV {
				for k := y; k < e; k++ {
					core[k*w+x] = true
				}
			}
			y = e
		}
	}
	for i, c := range core {
		if !c {
			continue
		}
		x, y := i%w, i/w
		for d := -2; d <= 2; d++ {
			if xx := x + d; xx >= 0 && xx < w && at(xx, y) < ruleFringe {
				ru.vr[y*w+xx] = true
			}
		}
	}
	return ru
}

// count returns how many rule pixels there are.
func (ru *rules) count() int {
	n := 0
	for i := range ru.hr {
		if ru.hr[i] || ru.vr[i] {
			n++
		}
	}
	return n
}

// fade lightens every rule pixel of img to permille/1000 of its darkness.
func (ru *rules) fade(img *image.Gray, permille int) {
	for i := range ru.hr {
		if ru.hr[i] || ru.vr[i] {
			p := &img.Pix[(i/ru.w)*img.Stride+i%ru.w]
			*p = uint8(255 - (255-int(*p))*permille/1000)
		}
	}
}

// lines groups the rows (or columns) that hold rule pixels of mask into
// runs of neighbours: one run per rule, as [first, last].
func lines(n int, has func(i int) bool) [][2]int {
	var out [][2]int
	for i := 0; i < n; i++ {
		if !has(i) {
			continue
		}
		j := i
		for j+1 < n && has(j+1) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// cut breaks every rule: along each rule, gaps of gmin…gmax pixels, one
// every every/2…3·every/2 pixels, drawn from r; a gap turns the rule's
// pixels to paper (255).
func (ru *rules) cut(img *image.Gray, r *rand.Rand, every, gmin, gmax int) {
	w, h := ru.w, ru.h
	rowHas := func(y int) bool {
		for x := 0; x < w; x++ {
			if ru.hr[y*w+x] {
				return true
			}
		}
		return false
	}
	colHas := func(x int) bool {
		for y := 0; y < h; y++ {
			if ru.vr[y*w+x] {
				return true
			}
		}
		return false
	}
	gaps := func(length int, clearAt func(k int)) {
		for pos := every/2 + r.IntN(every+1); pos < length; {
			n := gmin + r.IntN(gmax-gmin+1)
			for k := pos; k < min(pos+n, length); k++ {
				clearAt(k)
			}
			pos += n + every/2 + r.IntN(every+1)
		}
	}
	for _, l := range lines(h, rowHas) {
		gaps(w, func(x int) {
			for y := l[0]; y <= l[1]; y++ {
				if ru.hr[y*w+x] {
					img.Pix[y*img.Stride+x] = 255
				}
			}
		})
	}
	for _, l := range lines(w, colHas) {
		gaps(h, func(y int) {
			for x := l[0]; x <= l[1]; x++ {
				if ru.vr[y*w+x] {
					img.Pix[y*img.Stride+x] = 255
				}
			}
		})
	}
}

// vertical returns the column range [first, last] of the vertical rule
// with the most pixels whose columns lie in x0…x1, and false if there is
// none there.
func (ru *rules) vertical(x0, x1 int) (first, last int, ok bool) {
	x0, x1 = max(x0, 0), min(x1, ru.w-1)
	count := func(x int) int {
		n := 0
		for y := 0; y < ru.h; y++ {
			if ru.vr[y*ru.w+x] {
				n++
			}
		}
		return n
	}
	best := 0
	for x := x0; x <= x1; x++ {
		if n := count(x); n > best {
			best, first = n, x
		}
	}
	if best == 0 {
		return 0, 0, false
	}
	last = first
	for first > 0 && count(first-1) > 0 {
		first--
	}
	for last < ru.w-1 && count(last+1) > 0 {
		last++
	}
	return first, last, true
}

// cellSpan returns the rows between the horizontal rules above and below
// (x, y): the interior of the cell at (x, y), in column x. ok is false if
// either rule is missing.
func (ru *rules) cellSpan(x, y int) (top, bottom int, ok bool) {
	if x < 0 || x >= ru.w || y < 0 || y >= ru.h {
		return 0, 0, false
	}
	top, bottom = y, y
	for top > 0 && !ru.hr[(top-1)*ru.w+x] {
		top--
	}
	for bottom < ru.h-1 && !ru.hr[(bottom+1)*ru.w+x] {
		bottom++
	}
	if top == 0 || bottom == ru.h-1 {
		return 0, 0, false
	}
	return top, bottom, true
}

// damageSpan fades (mode ruleFaint, to permille/1000) or breaks (mode
// ruleBroken: gaps of permille/1000 of the span in all, in 1–3 pieces drawn
// from r) the vertical rule in columns x0…x1 over rows top…bottom.
func (ru *rules) damageSpan(img *image.Gray, r *rand.Rand, x0, x1, top, bottom, mode, permille int) {
	set := func(y int, f func(p *uint8)) {
		for x := x0; x <= x1; x++ {
			if ru.vr[y*ru.w+x] {
				f(&img.Pix[y*img.Stride+x])
			}
		}
	}
	if mode == ruleFaint {
		for y := top; y <= bottom; y++ {
			set(y, func(p *uint8) { *p = uint8(255 - (255-int(*p))*permille/1000) })
		}
		return
	}
	pieces := 1 + r.IntN(3)
	seg := (bottom - top + 1) / pieces
	for k := range pieces {
		n := seg * permille / 1000
		start := top + k*seg + r.IntN(seg-n+1)
		for y := start; y < start+n; y++ {
			set(y, func(p *uint8) { *p = 255 })
		}
	}
}

// Modes of rule damage.
const (
	ruleFaint  = 1
	ruleBroken = 2
)

// composite stamps ink of colour ink through mask (0 no ink … 255 full;
// mask's origin at (x0, y0) of the page) at opacity alpha/1000, varied by
// a smooth random texture drawn from r (70–100%, as a stamp inks
// unevenly), multiplied over the page's planes.
func composite(p planes, mask *image.Gray, x0, y0 int, ink [3]int, alpha int, r *rand.Rand) {
	mw, mh := mask.Rect.Dx(), mask.Rect.Dy()
	tex := newTexture(mw, mh, 24, 700, r)
	w, h := p[0].Rect.Dx(), p[0].Rect.Dy()
	for y := 0; y < mh; y++ {
		py := y0 + y
		if py < 0 || py >= h {
			continue
		}
		for x := 0; x < mw; x++ {
			px := x0 + x
			m := int(mask.Pix[y*mask.Stride+x])
			if px < 0 || px >= w || m == 0 {
				continue
			}
			a := m * alpha / 1000 * tex.at(x, y) / 1000 // 0…255
			for c, g := range p {
				v := &g.Pix[py*g.Stride+px]
				*v = uint8((int(*v)*(255*255-a*(255-ink[c])) + 255*255/2) / (255 * 255))
			}
		}
	}
}

// texture is a smooth random field over w × h pixels: values in lo…1000,
// drawn on a grid of cell pixels and interpolated bilinearly.
type texture struct {
	cell, gw int
	v        []int
}

func newTexture(w, h, cell, lo int, r *rand.Rand) texture {
	gw, gh := w/cell+2, h/cell+2
	t := texture{cell: cell, gw: gw, v: make([]int, gw*gh)}
	for i := range t.v {
		t.v[i] = lo + r.IntN(1000-lo+1)
	}
	return t
}

func (t texture) at(x, y int) int {
	gx, gy := x/t.cell, y/t.cell
	fx, fy := x%t.cell, y%t.cell
	v := func(i, j int) int { return t.v[j*t.gw+i] }
	top := v(gx, gy)*(t.cell-fx) + v(gx+1, gy)*fx
	bot := v(gx, gy+1)*(t.cell-fx) + v(gx+1, gy+1)*fx
	return (top*(t.cell-fy) + bot*fy) / (t.cell * t.cell)
}
