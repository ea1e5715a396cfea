package jixiao

import (
	"errors"
	"fmt"
	"io"
	"testing"
)

func TestWeight(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"产出指标(50分)", 50, true},
		{"效益指标（30分）", 30, true},
		{"效益指标（30 分）", 30, true},
		{"满意度指标(10分)", 10, true},
		{"数量指标(12.5分)", 12.5, true},
		{"服务对象满意度指标等(10分)", 10, true},
		{" 经济效益 指标 ( 15 分 ) ", 15, true},
		{"产出指标(50分", 50, true}, // the closing bracket lost
		{"产出指标", 0, false},
		{"产出指标(50)", 0, false},  // no 分: not a weight, and not a label
		{"绩效指标(90分)", 0, false}, // not a level label
		{"车位租赁数(5分)", 0, false}, // an indicator name
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := Weight(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Weight(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestLevel(t *testing.T) {
	tests := []struct {
		in    string
		level int
		canon string
	}{
		{"产出指标", 1, "产出指标"},
		{"产出指标(50分)", 1, "产出指标"},
		{"效益指标（30 分）", 1, "效益指标"},
		{"效益指标（30分", 1, "效益指标"},
		{"满意度指标", 1, "满意度指标"},
		{"数量指标", 2, "数量指标"},
		{"经济效益 指标", 2, "经济效益指标"},
		{"可持续发展指标", 2, "可持续影响指标"},
		{"环境效益指标", 2, "生态效益指标"},
		{"服务对象满意度指标等", 2, "服务对象满意度指标"},
		{"社会公众或服务对象满意度指标", 2, "服务对象满意度指标"},
		{"经济成本指标", 2, "经济成本指标"},
		{"社会公众满意度", 0, ""}, // an indicator name, not a label
		{"绩效指标", 0, ""},
		{"车位租赁数", 0, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		level, canon := Level(tt.in)
		if level != tt.level || canon != tt.canon {
			t.Errorf("Level(%q) = %d, %q; want %d, %q", tt.in, level, canon, tt.level, tt.canon)
		}
	}
	for l2, l1 := range level2Parent {
		if !level1Names[l1] {
			t.Errorf("level-2 %s has unknown parent %s", l2, l1)
		}
	}
}

func TestError(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &Error{Op: "extract", Path: "a.pdf", Page: 3, Kind: ErrMalformed, Err: io.ErrUnexpectedEOF})
	if got, want := err.Error(), "wrapped: extract a.pdf page 3: malformed: unexpected EOF"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if KindOf(err) != ErrMalformed || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("KindOf = %q", KindOf(err))
	}
	if KindOf(errors.New("x")) != ErrInternal || KindOf(nil) != "" {
		t.Error("KindOf of foreign and nil errors")
	}
}
