package reconstruct

import (
	"fmt"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/table"
)

func TestJoinWrappedLabels(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"tail of a level name", []string{
			"|满意度指标|服务对象满意度指|相关部门满意度|≥90%",
			"||标",
			"|||工作人员满意度|≥90%",
		}, []string{
			"|满意度指标|服务对象满意度指标|相关部门满意度|≥90%",
			"|||工作人员满意度|≥90%",
		}},
		{"two rows up", []string{
			"||服务对象满意|相关部门满意度|≥90%",
			"|||工作人员满意度|≥90%",
			"||度指标",
		}, []string{
			"||服务对象满意度指标|相关部门满意度|≥90%",
			"|||工作人员满意度|≥90%",
		}},
		{"a whole name is not a tail", []string{
			"||服务对象满意度指标|相关部门满意度|≥90%",
			"||标",
		}, nil},
		{"a name cell is not joined", []string{
			"||数量指标|培训完成",
			"|||数",
		}, nil},
		{"a row of more cells", []string{
			"||服务对象满意度指|相关部门满意度|≥90%",
			"||标|工作人员满意度|≥90%",
		}, nil},
	} {
		want := c.want
		if want == nil {
			want = c.in
		}
		got := joinWrappedLabels(page(c.in...))
		if g, w := texts(got), texts(page(want...)); g != w {
			t.Errorf("%s:\n got %s\nwant %s", c.name, g, w)
		}
	}
}

// TestJoinCentredTail: the tail of a level name centred in its merged cell
// starts right of the cell's column, inside its box, and is joined; a short
// text outside the box is not.
func TestJoinCentredTail(t *testing.T) {
	for _, c := range []struct {
		name   string
		tailX  float64
		joined bool
	}{
		{"inside the label's box", 260, true},
		{"right of the label's box", 330, false},
	} {
		rows := page("|满意度指标|服务对象满意度指|使用部门满意度|≥90%")
		rows[0].Cells[1].Box = jixiao.Box{200, 100, 310, 140}
		tail := table.Cell{Text: "标", Col: int(c.tailX), Confidence: 0.9, Box: jixiao.Box{c.tailX, 150, c.tailX + 20, 170}}
		rows = append(rows, table.Row{Page: 1, Cells: []table.Cell{tail}})
		got := joinWrappedLabels(rows)
		if joined := len(got) == 1 && got[0].Cells[1].Text == "服务对象满意度指标"; joined != c.joined {
			t.Errorf("%s: joined %v, want %v (%s)", c.name, joined, c.joined, texts(got))
		}
	}
}

// texts is rows as lines of col:text cells.
func texts(rows []table.Row) string {
	var b strings.Builder
	for _, r := range rows {
		for _, c := range r.Cells {
			fmt.Fprintf(&b, "%d:%s|", c.Col, c.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}
