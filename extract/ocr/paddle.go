package ocr

import (
	"context"
	"image"
	"os"
	"strconv"
	"strings"
	"unicode"

	"jixiao/extract/ocr/paddle"
)

// paddleEngine reads lines with PP-OCR's recogniser (package paddle). A
// reading's confidence is that of its least sure character. PP-OCR's
// model prints brackets full-width or half-width at will; their width is
// decided from the glyphs (bracketsByGap). Not safe for concurrent use.
type paddleEngine struct {
	rec   *paddle.Recognizer
	stats Stats
}

func newPaddle(m paddle.Models) (*paddleEngine, error) {
	rec, err := paddle.NewRecognizer(m)
	if err != nil {
		return nil, err
	}
	if v, err := strconv.Atoi(os.Getenv("JIXIAO_PP_MINWIDTH")); err == nil {
		rec.SetMinWidth(v) // to measure what padding is worth
	}
	return &paddleEngine{rec: rec}, nil
}

func (p *paddleEngine) Close() error { return p.rec.Close() }

// Read reads the lines in batches (package paddle groups them by width).
func (p *paddleEngine) Read(ctx context.Context, lines []Line) ([]Reading, error) {
	imgs := make([]*image.Gray, len(lines))
	for i, l := range lines {
		imgs[i] = tightRows(l)
	}
	got, err := p.rec.Read(ctx, imgs)
	if err != nil {
		return nil, err
	}
	p.stats.Paddle += len(lines)
	out := make([]Reading, len(lines))
	for i, g := range got {
		text := g.Text
		if asWritten(g.Chars) {
			text = joinChars(g.Chars)
		}
		if strings.ContainsAny(text, "[［") && !without["brackets"] {
			g.Chars = squareBrackets(inkOf(lines[i].Img, lines[i].Ink), g.Chars)
			text = joinChars(g.Chars)
		}
		if strings.ContainsAny(text, brackets) && !without["brackets"] {
			text = p.brackets(lines[i], g)
		}
		text, conf := settleEnds(lines[i], g.Chars, strings.TrimSpace(dropPunctSpaces(text)), g.MinConfidence)
		if c := loneComparator(lines[i], text); c != 0 {
			text = string(c)
		}
		out[i] = Reading{Text: text, Confidence: conf}
	}
	return out, nil
}

// tightRows returns the rows of a line crop that hold its ink, and a few
// more: PP-OCR's recogniser scales a line to 48 pixels high, and reads
// small glyphs (a thin 0, a light %) better when the ink fills that height
// as it does in the text detector's crops; the white border left and right
// stays.
func tightRows(l Line) *image.Gray {
	g := l.Img
	y0, y1 := -1, -1
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		row := g.Pix[(y-g.Rect.Min.Y)*g.Stride : (y-g.Rect.Min.Y)*g.Stride+g.Rect.Dx()]
		for _, v := range row {
			if v < l.Ink {
				if y0 < 0 {
					y0 = y
				}
				y1 = y + 1
				break
			}
		}
	}
	if y0 < 0 {
		return g
	}
	pad := max(2, int(l.DPI/64))
	return g.SubImage(image.Rect(g.Rect.Min.X, max(g.Rect.Min.Y, y0-pad), g.Rect.Max.X, min(g.Rect.Max.Y, y1+pad))).(*image.Gray)
}

// brackets decides the width of the brackets of a reading from the gap
// before each opening bracket's ink.
func (p *paddleEngine) brackets(l Line, g paddle.Line) string {
	var near []int
	for _, c := range g.Chars {
		switch c.Text {
		case "(", "（", "〈":
			near = append(near, (c.X0+c.X1)/2)
		}
	}
	return bracketsByGap(inkOf(l.Img, l.Ink), joinChars(g.Chars), near)
}

// radicalMarks maps the radicals PP-OCR reads for punctuation marks to
// those marks. Faces in the Taiwan style (AR PL UMing and UKai) centre the
// enumeration comma 、 in its em box, where the model sees the radical 丶;
// a radical is never written alone in running text, so the mark is what
// the form printed.
var radicalMarks = map[string]string{"丶": "、"}

// asWritten replaces, in place, the characters of a reading that running
// text does not use by what they stand for (radicalMarks). It reports
// whether it replaced any.
func asWritten(cs []paddle.Char) bool {
	changed := false
	for i, c := range cs {
		if m, ok := radicalMarks[c.Text]; ok {
			cs[i].Text, changed = m, true
		}
	}
	return changed
}

// joinChars is the text of a reading's characters.
func joinChars(cs []paddle.Char) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString(c.Text)
	}
	return b.String()
}

// dropPunctSpaces drops the spaces PP-OCR emits beside a full-width
// bracket (及时 （全年） for 及时（全年）), between a Chinese character
// and a half-width one, and between a comparator and the number it bounds
// (≥ 90% for ≥90%, in Kai faces): the white it sees is the mark's own.
// Spaces beside other marks stay: forms print them (维护保养、 保险).
func dropPunctSpaces(text string) string {
	if !strings.Contains(text, " ") {
		return text
	}
	rs := []rune(text)
	// is reports whether rune i exists and is one of set ("" for Han)
	is := func(i int, set string) bool {
		if i < 0 || i >= len(rs) {
			return false
		}
		if set == "" {
			return unicode.Is(unicode.Han, rs[i])
		}
		return strings.ContainsRune(set, rs[i])
	}
	const marks, comparators, digits = "（）【】", "≥≤≧≦><", "0123456789"
	out := rs[:0:0]
	for i, c := range rs {
		if c == ' ' && (is(i-1, marks) || is(i+1, marks) || is(i-1, "") && is(i+1, "(") ||
			is(i-1, ")") && is(i+1, "") || is(i-1, comparators) && is(i+1, digits)) {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
