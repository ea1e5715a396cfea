package paddle

import "strings"

// Line is what the recogniser read on one line crop.
type Line struct {
	Text string // the characters' texts, concatenated
	// Confidence is the mean of the characters' confidences (PaddleOCR's
	// text score); MinConfidence the least of them. Both are 0 when no
	// character was read.
	Confidence    float64
	MinConfidence float64
	Chars         []Char
}

// Char is one character the recogniser emitted.
type Char struct {
	// Text is the dictionary's entry for the class: usually one rune,
	// exactly as the model prints it (full-width brackets included); " "
	// for the space class.
	Text string
	// Confidence is the model's probability of the class at the time step
	// that emitted it (the step's maximum).
	Confidence float64
	// X0 and X1 bound, in the crop's coordinates (Rect.Min.X ≤ X0 < X1 ≤
	// Rect.Max.X), the columns of the time steps in which the model
	// emitted the character (8 columns of the resized crop each): they
	// overlap its glyph, and are narrower than a wide one.
	X0, X1 int
}

// emission is one character of a greedy CTC decoding: a run of time steps
// first..last whose most likely class is class (not the blank).
type emission struct {
	class       int
	first, last int
	prob        float32 // the class's probability at step first
}

// greedyCTC decodes one sample's output, probs[t*classes+c] being the
// probability of class c at step t: the most likely class per step,
// repeats merged, blanks (class 0) dropped. A repeat separated by a blank
// is a second character. probs must hold steps*classes values.
func greedyCTC(probs []float32, steps, classes int) []emission {
	var out []emission
	prev := 0
	for t := range steps {
		row := probs[t*classes : (t+1)*classes]
		best, p := 0, row[0]
		for c := 1; c < classes; c++ {
			if row[c] > p {
				best, p = c, row[c]
			}
		}
		switch {
		case best == 0:
		case best == prev:
			out[len(out)-1].last = t
		default:
			out = append(out, emission{class: best, first: t, last: t, prob: p})
		}
		prev = best
	}
	return out
}

// stepGeometry maps the recogniser's time steps back to crop pixels: the
// crop (origin x0, width w) was resized to width resized and padded to
// padded, over which the model's steps are spread evenly.
type stepGeometry struct {
	x0, w           int
	resized, padded int
	steps           int
}

// span returns the crop columns [X0, X1) of steps first..last.
func (g stepGeometry) span(first, last int) (int, int) {
	toCrop := func(step int) int {
		x := float64(step) * float64(g.padded) / float64(g.steps) // in the resized crop
		x = min(max(x, 0), float64(g.resized))
		return int(x*float64(g.w)/float64(g.resized) + 0.5)
	}
	a, b := toCrop(first), toCrop(last+1)
	a = min(a, g.w-1)
	b = max(b, a+1)
	return g.x0 + a, g.x0 + b
}

// decodeLine turns one sample's output into a Line: classes 1..len(dict)
// are dict's entries, class len(dict)+1 the space. Classes beyond (which a
// model matching its dictionary does not have) read as U+FFFD. Spaces
// before the first and after the last other character are dropped: on a
// crop of one line they are the white border or the padding.
func decodeLine(probs []float32, steps, classes int, dict []string, g stepGeometry) Line {
	ems := greedyCTC(probs, steps, classes)
	space := func(e emission) bool { return e.class == len(dict)+1 }
	for len(ems) > 0 && space(ems[0]) {
		ems = ems[1:]
	}
	for len(ems) > 0 && space(ems[len(ems)-1]) {
		ems = ems[:len(ems)-1]
	}
	if len(ems) == 0 {
		return Line{}
	}
	line := Line{Chars: make([]Char, len(ems)), MinConfidence: float64(ems[0].prob)}
	var text strings.Builder
	var sum float64
	for i, e := range ems {
		c := Char{Text: classText(e.class, dict), Confidence: float64(e.prob)}
		c.X0, c.X1 = g.span(e.first, e.last)
		line.Chars[i] = c
		text.WriteString(c.Text)
		sum += c.Confidence
		line.MinConfidence = min(line.MinConfidence, c.Confidence)
	}
	line.Text = text.String()
	line.Confidence = sum / float64(len(ems))
	return line
}

func classText(class int, dict []string) string {
	switch {
	case class >= 1 && class <= len(dict):
		return dict[class-1]
	case class == len(dict)+1:
		return " "
	default:
		return "\uFFFD"
	}
}
