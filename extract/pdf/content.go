package pdf

import (
	"fmt"
	"io"
	"math"

	lpdf "github.com/ledongthuc/pdf"
)

// matrix is a PDF transformation matrix [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// apply transforms the point (x, y).
func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// glyph is one character on a page, in page space (origin bottom left).
type glyph struct {
	r       string  // the Unicode text of the glyph (usually one rune)
	x, y    float64 // origin on the baseline
	w, size float64 // advance width and font size, in page units
}

// segment is a horizontal or vertical ruling line in page space.
type segment struct {
	x1, y1, x2, y2 float64 // x1 <= x2, y1 <= y2
}

func (s segment) horizontal() bool { return s.y2-s.y1 <= s.x2-s.x1 }

// content is what a page holds.
type content struct {
	glyphs []glyph
	segs   []segment
}

type textState struct {
	font                *font
	size, cs, ws, scale float64 // Tfs, Tc, Tw, Th
	leading, rise       float64
	tm, tlm             matrix
}

type gstate struct {
	ctm  matrix
	text textState
}

// thinRect is how thick a filled rectangle may be to count as a line.
const thinRect = 2.0

// readContent interprets a page's content streams. A page without
// /Contents (or whose contents are not streams) is blank. It returns an
// error wrapping errLimit for a page past one of the interpreter's limits
// (lex.go). The library's Values may panic on malformed objects (fonts,
// resources); the caller recovers.
func readContent(p lpdf.Page, fonts *fontCache) (content, error) {
	fonts.newPage()
	var c content
	g := gstate{ctm: identity, text: textState{scale: 1, tm: identity, tlm: identity}}
	var stack []gstate
	var path []segment         // the current path, in page space
	var cx, cy, sx, sy float64 // current point and subpath start, user space
	segments := 0              // drawn on the page so far

	addLine := func(x1, y1, x2, y2 float64) error {
		if segments++; segments > maxSegments {
			return fmt.Errorf("%w: more than %d path segments", errLimit, maxSegments)
		}
		ax, ay := g.ctm.apply(x1, y1)
		bx, by := g.ctm.apply(x2, y2)
		path = append(path, segment{math.Min(ax, bx), math.Min(ay, by), math.Max(ax, bx), math.Max(ay, by)})
		return nil
	}
	stroke := func() {
		for _, s := range path {
			if s.x2-s.x1 < 0.5 || s.y2-s.y1 < 0.5 { // axis-aligned
				c.segs = append(c.segs, s)
			}
		}
		path = path[:0]
	}
	fill := func() {
		// A filled thin rectangle is a ruling line (Skia and others draw
		// borders so); a filled large area is a background.
		for i := 0; i+3 < len(path); i += 4 {
			x1, y1 := math.Min(path[i].x1, path[i+2].x1), math.Min(path[i].y1, path[i+1].y1)
			x2, y2 := math.Max(path[i].x2, path[i+2].x2), math.Max(path[i+1].y2, path[i+3].y2)
			w, h := x2-x1, y2-y1
			switch {
			case h <= thinRect && w > h:
				c.segs = append(c.segs, segment{x1, (y1 + y2) / 2, x2, (y1 + y2) / 2})
			case w <= thinRect && h > w:
				c.segs = append(c.segs, segment{(x1 + x2) / 2, y1, (x1 + x2) / 2, y2})
			}
		}
		path = path[:0]
	}
	showText := func(raw string) error {
		ts := &g.text
		f := ts.font
		if f == nil {
			return nil
		}
		for _, code := range f.codes(raw) {
			if len(c.glyphs) >= maxGlyphs {
				return fmt.Errorf("%w: more than %d glyphs", errLimit, maxGlyphs)
			}
			trm := matrix{ts.size * ts.scale, 0, 0, ts.size, 0, ts.rise}.mul(ts.tm).mul(g.ctm)
			x, y := trm[4], trm[5]
			w0 := f.width(code)
			adv := w0/1000*ts.size + ts.cs
			if code.single && code.v == 32 {
				adv += ts.ws
			}
			adv *= ts.scale
			size := math.Hypot(trm[2], trm[3])
			width := adv * math.Hypot(ts.tm[0], ts.tm[1]) * math.Hypot(g.ctm[0], g.ctm[1])
			c.glyphs = append(c.glyphs, glyph{r: f.decode(code), x: x, y: y, w: width, size: size})
			ts.tm = matrix{1, 0, 0, 1, adv, 0}.mul(ts.tm)
		}
		return nil
	}
	var numBuf [6]float64
	nums := func(args []operand) []float64 {
		out := numBuf[:len(args)]
		for i, a := range args {
			out[i] = a.Float64()
		}
		return out
	}

	err := interpret(contentReader(p.V.Key("Contents")), func(args []operand, op string) error {
		need := func(k int) bool { return len(args) >= k }
		switch op {
		case "q":
			if len(stack) >= maxSaveDepth {
				return fmt.Errorf("%w: q (save state) nested deeper than %d", errLimit, maxSaveDepth)
			}
			stack = append(stack, g)
		case "Q":
			if len(stack) > 0 {
				g = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if need(6) {
				v := nums(args[len(args)-6:])
				g.ctm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}.mul(g.ctm)
			}
		case "m":
			if need(2) {
				cx, cy = args[0].Float64(), args[1].Float64()
				sx, sy = cx, cy
			}
		case "l":
			if need(2) {
				x, y := args[0].Float64(), args[1].Float64()
				if err := addLine(cx, cy, x, y); err != nil {
					return err
				}
				cx, cy = x, y
			}
		case "h":
			if err := addLine(cx, cy, sx, sy); err != nil {
				return err
			}
			cx, cy = sx, sy
		case "re":
			if need(4) {
				v := nums(args[:4])
				x, y, w, h := v[0], v[1], v[2], v[3]
				for _, l := range [4][4]float64{{x, y, x + w, y}, {x + w, y, x + w, y + h}, {x, y + h, x + w, y + h}, {x, y, x, y + h}} {
					if err := addLine(l[0], l[1], l[2], l[3]); err != nil {
						return err
					}
				}
				cx, cy, sx, sy = x, y, x, y
			}
		case "S", "s":
			stroke()
		case "f", "F", "f*":
			fill()
		case "B", "B*", "b", "b*":
			stroke()
		case "n", "W", "W*":
			if op == "n" {
				path = path[:0]
			}
		case "BT":
			g.text.tm, g.text.tlm = identity, identity
		case "Tf":
			if need(2) {
				g.text.font = fonts.get(p, args[0].Name())
				g.text.size = args[1].Float64()
			}
		case "Tc":
			if need(1) {
				g.text.cs = args[0].Float64()
			}
		case "Tw":
			if need(1) {
				g.text.ws = args[0].Float64()
			}
		case "Tz":
			if need(1) {
				g.text.scale = args[0].Float64() / 100
			}
		case "TL":
			if need(1) {
				g.text.leading = args[0].Float64()
			}
		case "Ts":
			if need(1) {
				g.text.rise = args[0].Float64()
			}
		case "Td", "TD":
			if need(2) {
				tx, ty := args[0].Float64(), args[1].Float64()
				if op == "TD" {
					g.text.leading = -ty
				}
				g.text.tlm = matrix{1, 0, 0, 1, tx, ty}.mul(g.text.tlm)
				g.text.tm = g.text.tlm
			}
		case "Tm":
			if need(6) {
				v := nums(args[:6])
				g.text.tm = matrix{v[0], v[1], v[2], v[3], v[4], v[5]}
				g.text.tlm = g.text.tm
			}
		case "T*":
			g.text.tlm = matrix{1, 0, 0, 1, 0, -g.text.leading}.mul(g.text.tlm)
			g.text.tm = g.text.tlm
		case "Tj":
			if need(1) {
				return showText(args[0].RawString())
			}
		case "'", "\"":
			if op == "\"" && need(3) {
				g.text.ws, g.text.cs = args[0].Float64(), args[1].Float64()
			}
			g.text.tlm = matrix{1, 0, 0, 1, 0, -g.text.leading}.mul(g.text.tlm)
			g.text.tm = g.text.tlm
			if need(1) {
				return showText(args[len(args)-1].RawString())
			}
		case "TJ":
			if !need(1) {
				return nil
			}
			a := args[0]
			for i := 0; i < a.Len(); i++ {
				x := a.Index(i)
				if x.kind == opString {
					if err := showText(x.RawString()); err != nil {
						return err
					}
				} else {
					tx := -x.Float64() / 1000 * g.text.size * g.text.scale
					g.text.tm = matrix{1, 0, 0, 1, tx, 0}.mul(g.text.tm)
				}
			}
		}
		return nil
	})
	return c, err
}

// contentReader returns the decoded bytes of a page's /Contents, a stream
// or an array of streams (read one after another, each opened when the one
// before ends, with white space between), through a cappedReader of
// MaxContentBytes. An entry that is not a stream, or whose filter the
// library cannot decode, reads as empty; one whose data breaks off ends
// there.
func contentReader(contents lpdf.Value) io.Reader {
	var parts []lpdf.Value
	n := 0
	switch contents.Kind() {
	case lpdf.Stream:
		parts, n = []lpdf.Value{contents}, 1
	case lpdf.Array:
		n = contents.Len()
	}
	pr := &partsReader{n: n, part: func(i int) lpdf.Value {
		if parts != nil {
			return parts[i]
		}
		return contents.Index(i)
	}}
	return &cappedReader{r: pr, n: MaxContentBytes, full: MaxContentBytes}
}

// partsReader reads the parts of a page's contents one after another.
type partsReader struct {
	n, i int
	part func(i int) lpdf.Value
	cur  io.Reader // nil between parts
}

func (pr *partsReader) Read(p []byte) (int, error) {
	for {
		if pr.cur == nil {
			if pr.i >= pr.n {
				return 0, io.EOF
			}
			pr.cur = openPart(pr.part(pr.i))
			pr.i++
			if pr.i > 1 && len(p) > 0 {
				p[0] = '\n' // parts are separated as by white space
				return 1, nil
			}
			continue
		}
		k, err := readPart(pr.cur, p)
		if err != nil {
			pr.cur = nil
		}
		if k > 0 || pr.cur == nil && pr.i >= pr.n {
			return k, nil
		}
	}
}

// openPart opens one content stream, or returns an empty reader for what
// is not one or cannot be decoded.
func openPart(v lpdf.Value) (r io.Reader) {
	defer func() {
		if recover() != nil {
			r = eofReader{}
		}
	}()
	if v.Kind() != lpdf.Stream {
		return eofReader{}
	}
	return v.Reader()
}

// readPart reads from one part; a panic of a decoder ends the part.
func readPart(r io.Reader, p []byte) (k int, err error) {
	defer func() {
		if recover() != nil {
			k, err = 0, io.ErrUnexpectedEOF
		}
	}()
	return r.Read(p)
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }
