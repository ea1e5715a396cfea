package reconstruct

import (
	"fmt"
	"strings"
	"testing"

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
