package ocr

import "jixiao/extract/grid"

// run is a stretch of ink along one row (or column, transposed); b is
// exclusive. wide says a gap wider than the default bridge (findRules)
// was bridged in it.
type run struct {
	line, a, b int
	wide       bool
}

// rules finds ruling lines along the rows of a binary image (w × h): runs of
// ink at least minLen long (gaps up to gap bridged; a run that bridged one
// wider than narrow is marked wide), grouped with the runs they overlap in
// the neighbouring rows, each group no thicker than maxThick.
func rules(bin []uint8, w, h, minLen, gap, narrow, maxThick int, transposed bool) []rule {
	var runs []run
	rowStart := make([]int, h+1)
	for y := 0; y < h; y++ {
		rowStart[y] = len(runs)
		row := bin[y*w : y*w+w]
		for x := 0; x < w; {
			if row[x] == 0 {
				x++
				continue
			}
			s, e, wide := x, x, false
			for x < w {
				if row[x] != 0 {
					x++
					e = x
					continue
				}
				// bridge short gaps
				g := x
				for g < w && row[g] == 0 && g-e < gap {
					g++
				}
				if g < w && row[g] != 0 && g-e < gap {
					wide = wide || g-e >= narrow
					x = g
					continue
				}
				break
			}
			if e-s >= minLen {
				runs = append(runs, run{y, s, e, wide})
			}
			x = max(x, e+1)
		}
	}
	rowStart[h] = len(runs)
	sets := grid.NewDisjointSets(len(runs))
	for y := 1; y < h; y++ {
		i, j := rowStart[y-1], rowStart[y]
		for i < rowStart[y] && j < rowStart[y+1] {
			a, b := runs[i], runs[j]
			if a.a < b.b && b.a < a.b {
				sets.Union(i, j)
			}
			if a.b < b.b {
				i++
			} else {
				j++
			}
		}
	}
	type agg struct {
		lo, hi, a, b int
		wsum, n      float64
	}
	groups := map[int]*agg{}
	var order []int
	for i, r := range runs {
		root := sets.Find(i)
		g := groups[root]
		if g == nil {
			g = &agg{lo: r.line, hi: r.line, a: r.a, b: r.b}
			groups[root] = g
			order = append(order, root)
		}
		g.lo, g.hi = min(g.lo, r.line), max(g.hi, r.line)
		g.a, g.b = min(g.a, r.a), max(g.b, r.b)
		l := float64(r.b - r.a)
		g.wsum += float64(r.line) * l
		g.n += l
	}
	var out []rule
	byRoot := map[int]int{}
	for _, root := range order {
		g := groups[root]
		if g.hi-g.lo+1 > maxThick {
			continue
		}
		byRoot[root] = len(out)
		out = append(out, rule{pos: g.wsum / g.n, a: float64(g.a), b: float64(g.b - 1), transposed: transposed})
	}
	for i, r := range runs {
		if k, ok := byRoot[sets.Find(i)]; ok && r.wide {
			out[k].wide = true
		}
	}
	for i, r := range runs {
		if k, ok := byRoot[sets.Find(i)]; ok {
			out[k].runs = append(out[k].runs, r)
		}
	}
	return out
}

// rule is a ruling line found by rules: its position across, its extent
// along, and its runs of pixels.
type rule struct {
	pos, a, b  float64
	runs       []run
	transposed bool // a vertical line: runs are columns
	wide       bool // some run bridged a gap wider than the default
}

// segment returns the rule as a grid segment.
func (r rule) segment() grid.Segment {
	if r.transposed {
		return grid.Segment{X1: r.pos, Y1: r.a, X2: r.pos, Y2: r.b}
	}
	return grid.Segment{X1: r.a, Y1: r.pos, X2: r.b, Y2: r.pos}
}

// markRule sets the rule's pixels, one pixel wider all round, to v in the
// w × h mask; a table's rule is marked over a stray one, not the other
// way.
func markRule(mask []uint8, w, h int, r rule, v uint8) {
	for _, ru := range r.runs {
		for l := max(0, ru.line-1); l <= ru.line+1; l++ {
			for p := max(0, ru.a-1); p <= ru.b; p++ {
				x, y := p, l
				if r.transposed {
					x, y = l, p
				}
				if x < w && y < h && (mask[y*w+x] == 0 || v == tableRule) {
					mask[y*w+x] = v
				}
			}
		}
	}
}

// transpose returns the w × h binary image turned into h × w (columns
// become rows).
func transpose(bin []uint8, w, h int) []uint8 {
	out := make([]uint8, len(bin))
	const blk = 64
	for y0 := 0; y0 < h; y0 += blk {
		for x0 := 0; x0 < w; x0 += blk {
			for y := y0; y < min(h, y0+blk); y++ {
				for x := x0; x < min(w, x0+blk); x++ {
					out[x*h+y] = bin[y*w+x]
				}
			}
		}
	}
	return out
}

// findRules finds the horizontal and vertical ruling lines of a w × h
// binary page, bridging gaps of up to a fiftieth of an inch along a line,
// or of up to hgap pixels along a horizontal one when hgap is larger.
func findRules(bin []uint8, w, h int, dpi float64, hgap int) []rule {
	gap := max(3, int(dpi/50))
	thick := max(4, int(dpi*0.04))
	rs := rules(bin, w, h, int(dpi*0.3), max(gap, hgap), gap, thick, false)
	return append(rs, rules(transpose(bin, w, h), h, w, int(dpi*0.25), gap, gap, thick, true)...)
}
