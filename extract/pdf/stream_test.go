package pdf

import (
	"strings"
	"testing"
	"time"
)

// rowTexts lays out glyphs without ruling lines and returns each row's
// cells joined by "|".
func rowTexts(gs []glyph) []string {
	var got []string
	for _, r := range pageRows(content{glyphs: gs}, 1) {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	return got
}

// glyphs concatenates text runs: each is a string at (x, baseline y).
func glyphs(runs ...any) []glyph {
	var gs []glyph
	for i := 0; i+2 < len(runs); i += 3 {
		gs = append(gs, text(runs[i].(string), float64(runs[i+1].(int)), float64(runs[i+2].(int)))...)
	}
	return gs
}

func TestStreamRows(t *testing.T) {
	// Rows are 20pt apart, 10pt text; a row's text centre is 3.25 above
	// its baseline. A label centred over rows i..j has its baseline half
	// way between row i's and row j's.
	header := []any{"一级指标", 100, 700, "二级指标", 200, 700, "三级指标", 300, 700}
	indicators := func(n int) []any {
		var runs []any
		for i := 0; i < n; i++ {
			runs = append(runs, []string{"甲", "乙", "丙", "丁", "戊", "己"}[i]+"项", 300, 680-20*i, string(rune('1'+i)), 400, 680-20*i)
		}
		return runs
	}
	tests := []struct {
		name string
		runs []any
		want []string
	}{{
		// 数量指标 covers one row, 质量指标 the next five: the midpoint
		// between the two labels (row 1.5) is not where 质量指标 starts.
		name: "labels of unequal spans",
		runs: append(append(append([]any{}, header...), indicators(6)...),
			"产出指标", 100, 630, "数量指标", 200, 680, "质量指标", 200, 620),
		want: []string{"一级指标|二级指标|三级指标", "产出指标|数量指标|甲项|1", "质量指标|乙项|2", "丙项|3", "丁项|4", "戊项|5", "己项|6"},
	}, {
		// A continued grid: the first two rows keep the level of the
		// previous page; 可持续影响指标 is centred over rows 2 and 3.
		name: "label below rows continued from the previous page",
		runs: append(indicators(4), "可持续影响指标", 150, 630),
		want: []string{"甲项|1", "乙项|2", "可持续影响指标|丙项|3", "丁项|4"},
	}, {
		// A name wrapped over two lines 12pt apart beside a value centred
		// between them is one row with one name.
		name: "multi-line cell",
		runs: []any{"完成库藏及", 300, 680, "新增扫描", 300, 668, "356份", 400, 674, "乙项", 300, 640, "2", 400, 640},
		want: []string{"完成库藏及新增扫描|356份", "乙项|2"},
	}, {
		// A two-line label merged over two rows, printed across their
		// boundary, joins neither row.
		name: "label across a row boundary",
		runs: []any{"甲项", 300, 680, "1", 400, 680, "乙项", 300, 660, "2", 400, 660, "项目资金", 20, 676, "（元）", 20, 664},
		want: []string{"甲项|1", "项目资金（元）", "乙项|2"},
	}, {
		// Cells of one line close together are cut where the gap is
		// wider than half the font size.
		name: "cells on one line",
		runs: []any{"项目名称", 0, 700, "公安档案", 46, 700, "项目性质", 100, 700},
		want: []string{"项目名称|公安档案|项目性质"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rowTexts(glyphs(tt.runs...))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// A goal label centred over its text cell gets the text's column, so that
// reconstruction can tell the two goals apart.
func TestStreamColumns(t *testing.T) {
	runs := []any{
		// left-aligned texts start at 100 and 300 in three rows each
		"甲", 100, 760, "乙乙", 100, 740, "丙丙丙", 100, 720,
		"丁", 300, 760, "戊戊", 300, 740, "己己己", 300, 720,
		"项目总目标", 175, 700, "年度总体目标", 370, 700, // centred over 100–300 and 300–500
		"总目标正文", 100, 680, "年度目标正文正文", 300, 680,
		"右", 490, 760,
	}
	rows := pageRows(content{glyphs: glyphs(runs...)}, 1)
	cols := map[string]int{}
	for _, r := range rows {
		for _, c := range r.Cells {
			cols[c.Text] = c.Col
		}
	}
	for label, text := range map[string]string{"项目总目标": "总目标正文", "年度总体目标": "年度目标正文正文"} {
		if cols[label] != cols[text] {
			t.Errorf("%s in column %d, its text in %d", label, cols[label], cols[text])
		}
	}
}

// A table drawn with only a frame around it (one ruled cell) is read as a
// table without rulings, not as one cell holding all its text.
func TestFramedTableIsStream(t *testing.T) {
	gs := glyphs("甲项", 300, 680, "1", 400, 680, "乙项", 300, 660, "2", 400, 660)
	rows := pageRows(content{glyphs: gs, segs: box(250, 640, 450, 700)}, 1)
	var got []string
	for _, r := range rows {
		var cells []string
		for _, c := range r.Cells {
			cells = append(cells, c.Text)
		}
		got = append(got, strings.Join(cells, "|"))
	}
	if want := "甲项|1\n乙项|2"; strings.Join(got, "\n") != want {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// Pathological pages are laid out in bounded time: each shape below takes
// milliseconds to a second here; unbounded (cubic) work took minutes.
// The bound is loose because the machine is shared and the race detector
// slows everything tenfold.
func TestStreamPathologicalPages(t *testing.T) {
	shapes := map[string]func() []glyph{
		"50,000 cells on one line": func() []glyph {
			gs := make([]glyph, 50000)
			for i := range gs {
				gs[i] = glyph{r: "字", x: float64(i) * 20, y: 500, w: 10, size: 10}
			}
			return gs
		},
		"1,900 cells on one line": func() []glyph {
			gs := make([]glyph, 1900)
			for i := range gs {
				gs[i] = glyph{r: "字", x: float64(i) * 20, y: 500, w: 10, size: 10}
			}
			return gs
		},
		"staggered two-line cells": func() []glyph {
			var gs []glyph
			for c := 0; c < 30; c++ {
				for r := 0; r < 30; r++ {
					y := float64(r*30 + (c%2)*15)
					gs = append(gs, text("甲乙", float64(c*40), y)...)
					gs = append(gs, text("丙丁", float64(c*40), y-12)...)
				}
			}
			return gs
		},
		"a level label on every row": func() []glyph {
			var gs []glyph
			for r := 0; r < 900; r++ {
				gs = append(gs, text("产出指标", 0, float64(r*20))...)
				gs = append(gs, text("名称", 100, float64(r*20))...)
			}
			return gs
		},
	}
	for name, build := range shapes {
		gs := build()
		start := time.Now()
		rows := pageRows(content{glyphs: gs}, 1)
		if d := time.Since(start); d > time.Minute || len(rows) == 0 {
			t.Errorf("%s: %d rows in %v", name, len(rows), d)
		}
	}
}
