package text_test

import (
	"reflect"
	"strings"
	"testing"

	"jixiao/extract/table"
)

// cellsOf returns each row's cell texts, and each row's line.
func cellsOf(tbs []table.Table) (rows [][]string, lines []int) {
	for _, tb := range tbs {
		for _, r := range tb.Rows {
			var cs []string
			for _, c := range r.Cells {
				cs = append(cs, c.Text)
			}
			rows = append(rows, cs)
			lines = append(lines, r.Line)
		}
	}
	return rows, lines
}

func TestStyles(t *testing.T) {
	want := [][]string{{"项目支出绩效自评表"}, {"（2023年度）"}, {"项目名称", "A"}, {"主管部门", "B", "实施单位", "C"}}
	for _, tt := range []struct {
		name, in  string
		wantLines []int
	}{
		{"tab", "项目支出绩效自评表\t\t\n（2023年度）\n项目名称\tA\n主管部门\tB\t实施单位\tC\n", []int{1, 2, 3, 4}},
		{"pipe", "| 项目支出绩效自评表 |\n| （2023年度） |\n| 项目名称 | A |\n\n| 主管部门 | B | 实施单位 | C |\n", []int{1, 2, 3, 5}},
		{"cell per line", "项目支出绩效自评表\n\n（2023年度）\n\n项目名称\nA\n\n主管部门\nB\n实施单位\nC\n\n", []int{1, 3, 5, 8}},
		{"cell per line, no final blank", "项目支出绩效自评表\n\n（2023年度）\n\n项目名称\nA\n\n主管部门\nB\n实施单位\nC", []int{1, 3, 5, 8}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rows, lines := cellsOf(forms(t, tt.in))
			if !reflect.DeepEqual(rows, want) || !reflect.DeepEqual(lines, tt.wantLines) {
				t.Errorf("rows %q at lines %v, want %q at %v", rows, lines, want, tt.wantLines)
			}
		})
	}
}

// TestStyleUndecided: lines without tabs and without enough blank-line
// groups are rows each, as before.
func TestStyleUndecided(t *testing.T) {
	in := "财政项目支出绩效目标申报表\n(2023年度)\n\n项目名称\n"
	rows, _ := cellsOf(forms(t, in))
	if want := [][]string{{"财政项目支出绩效目标申报表"}, {"(2023年度)"}, {"项目名称"}}; !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %q, want %q", rows, want)
	}
	long := "项目支出绩效自评表\n" + strings.Repeat("x\n", 300) + "\n项目名称\nA\n\n"
	if rows, _ := cellsOf(forms(t, long)); len(rows) != 303 {
		t.Errorf("%d rows, want each of 303 lines a row", len(rows))
	}
}
