package reconstruct

import (
	"slices"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/table"
)

func TestJoinParts(t *testing.T) {
	for _, tt := range []struct {
		op, num, unit, want string
		parts               []string
	}{
		{"≧", "735", "人次", "≧735人次", []string{"≧", "735", "人次"}},
		{"═", "100", "%", "═100%", []string{"═", "100", "%"}},
		{"", "合格", "", "合格", []string{"", "合格", ""}},
		{" ≥ ", "90", "", "≥90", []string{"≥", "90", ""}},
		{"", "", "", "", nil},
	} {
		v, p := joinParts(tt.op, tt.num, tt.unit)
		if v != tt.want || strings.Join(p, "|") != strings.Join(tt.parts, "|") || (p == nil) != (tt.parts == nil) {
			t.Errorf("joinParts(%q, %q, %q) = %q %q, want %q %q", tt.op, tt.num, tt.unit, v, p, tt.want, tt.parts)
		}
	}
}

// FuzzJoinParts: the value is the trimmed parts joined, the parts nil
// exactly when all three are blank.
func FuzzJoinParts(f *testing.F) {
	for _, s := range [][3]string{{"≧", "735", "人次"}, {"", "合格", ""}, {"", "", ""}, {"\u3000", " ", "\t%"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, op, num, unit string) {
		v, p := joinParts(op, num, unit)
		blank := strings.TrimSpace(op) == "" && strings.TrimSpace(num) == "" && strings.TrimSpace(unit) == ""
		if blank != (p == nil) {
			t.Fatalf("parts %q for %q %q %q", p, op, num, unit)
		}
		if p != nil && (len(p) != 3 || v != p[0]+p[1]+p[2]) {
			t.Fatalf("value %q, parts %q", v, p)
		}
	})
}

// splitCols are the content columns of a split grid after the name.
var splitCols = []column{
	{field: jixiao.IndicatorValueParts, part: 1}, {field: jixiao.IndicatorValue, part: 2},
	{field: jixiao.IndicatorValueParts, part: 3}, {field: jixiao.IndicatorStandard}, {field: jixiao.IndicatorNote},
}

func cellsOfTexts(texts ...string) []cell {
	var cs []cell
	for _, t := range texts {
		cs = append(cs, cell{Cell: tableCell(t)})
	}
	return cs
}

func TestAssign(t *testing.T) {
	for _, tt := range []struct {
		cells []string
		want  []int
	}{
		{[]string{"≥", "90", "%", "计划标准", "抽查"}, []int{0, 1, 2, 3, 4}},
		{[]string{"90", "%"}, []int{1, 2}},
		{[]string{"≤", "2"}, []int{0, 1}},
		{[]string{"改善"}, []int{1}},
		{[]string{"增强", "问卷调查"}, []int{1, 4}},
		{[]string{"≥", "90", "行业标准"}, []int{0, 1, 3}},
		{[]string{"a", "b", "c", "d", "e", "f"}, []int{0, 1, 2, 3, 4, 4}},
	} {
		got := assign(cellsOfTexts(tt.cells...), splitCols)
		if !slices.Equal(got, tt.want) {
			t.Errorf("assign(%q) = %v, want %v", tt.cells, got, tt.want)
		}
	}
}

// FuzzAssign: every cell gets a column; with no more cells than columns
// the columns increase.
func FuzzAssign(f *testing.F) {
	for _, s := range []string{"≥|90|%", "改善", "增强|问卷调查", "a|b|c|d|e|f|g", "||"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, row string) {
		cells := cellsOfTexts(strings.Split(row, "|")...)
		got := assign(cells, splitCols)
		if len(got) != len(cells) {
			t.Fatalf("%d columns for %d cells", len(got), len(cells))
		}
		for i, j := range got {
			if j < 0 || j >= len(splitCols) {
				t.Fatalf("cell %d in column %d", i, j)
			}
			if i > 0 && len(cells) <= len(splitCols) && j <= got[i-1] {
				t.Fatalf("columns %v do not increase", got)
			}
		}
	})
}

func tableCell(text string) table.Cell { return table.Cell{Text: text} }
