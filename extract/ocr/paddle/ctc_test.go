package paddle

import (
	"math"
	"reflect"
	"testing"
)

// probMatrix builds a steps×classes output where step t's most likely
// class is best[t] with probability p[t] (0.9 when p is nil) and the rest
// is spread over the other classes.
func probMatrix(classes int, best []int, p []float32) []float32 {
	m := make([]float32, len(best)*classes)
	for t, b := range best {
		pb := float32(0.9)
		if p != nil {
			pb = p[t]
		}
		row := m[t*classes : (t+1)*classes]
		for c := range row {
			row[c] = (1 - pb) / float32(classes-1)
		}
		row[b] = pb
	}
	return m
}

func TestGreedyCTC(t *testing.T) {
	const classes = 5 // blank, a, b, c, space
	tests := []struct {
		name string
		best []int
		want []emission
	}{
		{"empty", nil, nil},
		{"all blank", []int{0, 0, 0}, nil},
		{"one", []int{0, 1, 0}, []emission{{class: 1, first: 1, last: 1}}},
		{"repeat merged", []int{1, 1, 1, 2}, []emission{{class: 1, first: 0, last: 2}, {class: 2, first: 3, last: 3}}},
		{"repeat split by blank", []int{1, 0, 1}, []emission{{class: 1, first: 0, last: 0}, {class: 1, first: 2, last: 2}}},
		{"blank runs", []int{0, 0, 3, 3, 0, 0, 2, 0}, []emission{{class: 3, first: 2, last: 3}, {class: 2, first: 6, last: 6}}},
		{"space", []int{1, 4, 4, 2}, []emission{{class: 1, first: 0, last: 0}, {class: 4, first: 1, last: 2}, {class: 2, first: 3, last: 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := greedyCTC(probMatrix(classes, tt.best, nil), len(tt.best), classes)
			for i := range got {
				got[i].prob = 0
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("greedyCTC(%v) = %+v, want %+v", tt.best, got, tt.want)
			}
		})
	}
}

// The probability of a character is that of the step that first emitted
// it (PaddleOCR's), not of the later steps of its run.
func TestGreedyCTCProbability(t *testing.T) {
	got := greedyCTC(probMatrix(4, []int{2, 2, 0, 3}, []float32{0.6, 0.95, 0.99, 0.7}), 4, 4)
	if len(got) != 2 || got[0].prob != 0.6 || got[1].prob != 0.7 {
		t.Errorf("got %+v, want probabilities 0.6 and 0.7", got)
	}
}

func TestDecodeLine(t *testing.T) {
	dict := []string{"a", "（", "元"}
	const classes = 5 // blank, 3 entries, space
	g := stepGeometry{x0: 0, w: 80, resized: 80, padded: 80, steps: 10}
	tests := []struct {
		name     string
		best     []int
		p        []float32
		text     string
		conf     float64
		min      float64
		charText []string
	}{
		{"all blank", []int{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, nil, "", 0, 0, nil},
		{"entries", []int{2, 0, 3, 0, 1, 1, 0, 0, 0, 0}, []float32{0.5, 0.9, 1, 0.9, 0.75, 0.2, 0.9, 0.9, 0.9, 0.9}, "（元a", 0.75, 0.5, []string{"（", "元", "a"}},
		{"inner space kept", []int{1, 4, 1, 0, 0, 0, 0, 0, 0, 0}, nil, "a a", 0.9, 0.9, []string{"a", " ", "a"}},
		{"outer spaces dropped", []int{4, 1, 0, 4, 4, 0, 0, 0, 4, 0}, nil, "a", 0.9, 0.9, []string{"a"}},
		{"only spaces", []int{4, 0, 4, 0, 0, 0, 0, 0, 0, 0}, nil, "", 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := decodeLine(probMatrix(classes, tt.best, tt.p), len(tt.best), classes, dict, g)
			if l.Text != tt.text || math.Abs(l.Confidence-tt.conf) > 1e-6 || math.Abs(l.MinConfidence-tt.min) > 1e-6 {
				t.Errorf("got %q conf %.4f min %.4f, want %q %.4f %.4f", l.Text, l.Confidence, l.MinConfidence, tt.text, tt.conf, tt.min)
			}
			var texts []string
			for _, c := range l.Chars {
				texts = append(texts, c.Text)
			}
			if !reflect.DeepEqual(texts, tt.charText) {
				t.Errorf("chars %q, want %q", texts, tt.charText)
			}
		})
	}
}

// A class the dictionary does not name reads as U+FFFD, not a panic.
func TestDecodeLineUnknownClass(t *testing.T) {
	l := decodeLine(probMatrix(6, []int{5, 0}, nil), 2, 6, []string{"a"}, stepGeometry{w: 16, resized: 16, padded: 16, steps: 2})
	if l.Text != "\uFFFD" {
		t.Errorf("got %q, want U+FFFD", l.Text)
	}
}

func TestStepSpan(t *testing.T) {
	tests := []struct {
		name        string
		g           stepGeometry
		first, last int
		x0, x1      int
	}{
		// 10 steps over 80 columns, crop twice as wide as resized.
		{"first step", stepGeometry{x0: 0, w: 160, resized: 80, padded: 80, steps: 10}, 0, 0, 0, 16},
		{"run", stepGeometry{x0: 0, w: 160, resized: 80, padded: 80, steps: 10}, 2, 4, 32, 80},
		{"origin", stepGeometry{x0: 100, w: 160, resized: 80, padded: 80, steps: 10}, 2, 4, 132, 180},
		// Padded to 320 (40 steps); the crop is 40 columns at height 48.
		{"in padding", stepGeometry{x0: 0, w: 50, resized: 40, padded: 320, steps: 40}, 7, 9, 49, 50},
		{"last column", stepGeometry{x0: 0, w: 50, resized: 40, padded: 320, steps: 40}, 4, 4, 40, 50},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x0, x1 := tt.g.span(tt.first, tt.last)
			if x0 != tt.x0 || x1 != tt.x1 {
				t.Errorf("span(%d, %d) = [%d, %d), want [%d, %d)", tt.first, tt.last, x0, x1, tt.x0, tt.x1)
			}
			if x0 < tt.g.x0 || x1 > tt.g.x0+tt.g.w || x0 >= x1 {
				t.Errorf("[%d, %d) is not a non-empty part of the crop [%d, %d)", x0, x1, tt.g.x0, tt.g.x0+tt.g.w)
			}
		})
	}
}
