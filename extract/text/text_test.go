package text_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
	"jixiao/extract/text"
	"jixiao/normalize"
)

func forms(t *testing.T, in string) []table.Table {
	t.Helper()
	var out []table.Table
	if err := text.Forms(strings.NewReader(in), func(tb table.Table) error {
		out = append(out, tb)
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

// The three styles of a row: tab-separated, between "|", one cell per
// line up to a blank line; lines of one cell that another style follows
// stay rows of their own.
func TestStyles(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		rows [][]string // each row's cells
		cols [][]int
		line []int
	}{
		{"tab", "项目支出绩效目标表\n项目名称\t\tA\n", [][]string{{"项目支出绩效目标表"}, {"项目名称", "A"}}, [][]int{{0}, {0, 2}}, []int{1, 2}},
		{"pipe", "| 项目支出绩效目标表 |\n| 项目名称 |  | A |\n|预算部门|B|\n", [][]string{{"项目支出绩效目标表"}, {"项目名称", "A"}, {"预算部门", "B"}}, [][]int{{0}, {0, 2}, {0, 1}}, []int{1, 2, 3}},
		{"cell per line", "项目支出绩效目标表\n\n项目名称\nA\n\n预算部门\nB\n\n", [][]string{{"项目支出绩效目标表"}, {"项目名称", "A"}, {"预算部门", "B"}}, [][]int{{0}, {0, 1}, {0, 1}}, []int{1, 3, 6}},
		{"one-cell lines before a tab line", "项目支出绩效目标表\n(2023年度)\n项目名称\tA\n", [][]string{{"项目支出绩效目标表"}, {"(2023年度)"}, {"项目名称", "A"}}, [][]int{{0}, {0}, {0, 1}}, []int{1, 2, 3}},
		{"mixed", "| 项目支出绩效目标表 |\n项目名称\nA\n\n项目性质\tB\n", [][]string{{"项目支出绩效目标表"}, {"项目名称", "A"}, {"项目性质", "B"}}, [][]int{{0}, {0, 1}, {0, 1}}, []int{1, 2, 5}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tbs := forms(t, tt.in)
			if len(tbs) != 1 {
				t.Fatalf("%d forms, want 1", len(tbs))
			}
			var rows [][]string
			var cols [][]int
			var lines []int
			for _, r := range tbs[0].Rows {
				var cs []string
				var co []int
				for _, c := range r.Cells {
					cs, co = append(cs, c.Text), append(co, c.Col)
				}
				rows, cols, lines = append(rows, cs), append(cols, co), append(lines, r.Line)
			}
			if !reflect.DeepEqual(rows, tt.rows) || !reflect.DeepEqual(cols, tt.cols) || !reflect.DeepEqual(lines, tt.line) {
				t.Errorf("rows %q cols %v lines %v, want %q %v %v", rows, cols, lines, tt.rows, tt.cols, tt.line)
			}
		})
	}
}

func TestForms(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		wantForms int
		wantLines [][2]int // first and last line of each form
	}{
		{"none", "hello\nworld\n", 0, nil},
		{"one", "财政项目支出绩效目标申报表\n项目名称\tA\n", 1, [][2]int{{1, 2}}},
		{"preamble skipped", "某某局 2023 年预算\n\n财政项目支出绩效目标申报表\n项目名称\tA\n", 1, [][2]int{{3, 4}}},
		{"two with blank lines", "财政项目支出绩效目标申报表\n\n项目名称\tA\n\n\n财政项目支出绩效目标申报表\t\t\n项目名称\tB\n", 2, [][2]int{{1, 3}, {6, 7}}},
		{"title in html", "<h2 style=\"text-align: center;\">财政项目支出绩效目标申报表</h2>\t\t\n项目名称\tA\n", 1, [][2]int{{1, 2}}},
		{"missing title starts at second name", "财政项目支出绩效目标申报表\n项目名称\tA\n项目名称\tB\n", 2, [][2]int{{1, 2}, {3, 3}}},
		{"no title at all", "项目名称\tA\n主管部门\tX\n", 1, [][2]int{{1, 2}}},
		{"crlf", "财政项目支出绩效目标申报表\r\n项目名称\tA\r\n", 1, [][2]int{{1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := forms(t, tt.in)
			if len(got) != tt.wantForms {
				t.Fatalf("%d forms, want %d", len(got), tt.wantForms)
			}
			for i, tb := range got {
				from, to, _, _ := tb.Span()
				if [2]int{from, to} != tt.wantLines[i] {
					t.Errorf("form %d spans lines %d-%d, want %v", i+1, from, to, tt.wantLines[i])
				}
			}
		})
	}
}

func TestParseLine(t *testing.T) {
	row := text.ParseLine("\t<p>通过&amp;政府采购</p>\t\t 356份 \t\u3000\r", 7)
	if row.Line != 7 || len(row.Cells) != 2 {
		t.Fatalf("row = %+v", row)
	}
	if c := row.Cells[0]; c.Text != "通过&政府采购" || c.Col != 1 {
		t.Errorf("cell 0 = %+v", c)
	}
	if c := row.Cells[1]; c.Text != "356份" || c.Col != 3 {
		t.Errorf("cell 1 = %+v", c)
	}
}

// TestDamage checks that a line too long to be a row is skipped, and a
// line with bytes that do not decode read with U+FFFD, each reported, and
// the lines around them read.
func TestDamage(t *testing.T) {
	title := "财政项目支出绩效目标申报表\n"
	row := "项目名称\t某项目\n"
	for _, tc := range []struct {
		name string
		in   string
		want []text.Damage
		rows int // rows of the one form
		cell string
	}{
		{"long line", title + strings.Repeat("x", text.MaxLineBytes+10) + "\n" + row, []text.Damage{{Line: 2, Skipped: true}}, 2, "某项目"},
		{"long last line", title + row + strings.Repeat("长", text.MaxLineBytes), []text.Damage{{Line: 3, Skipped: true}}, 2, "某项目"},
		{"longest line read", title + strings.Repeat("x", text.MaxLineBytes) + "\n" + row, nil, 3, "某项目"},
		{"NUL", title + "项目名称\t某\x00项目\n", []text.Damage{{Line: 2}}, 2, "某\uFFFD项目"},
		{"invalid UTF-8", title + "项目名称\t某\xff项目\n", []text.Damage{{Line: 2}}, 2, "某\uFFFD项目"},
		{"clean", title + row, nil, 2, "某项目"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tables []table.Table
			var got []text.Damage
			err := text.Forms(strings.NewReader(tc.in), func(tb table.Table) error {
				tables = append(tables, tb)
				return nil
			}, func(d text.Damage) { got = append(got, d) })
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("damage %v, want %v", got, tc.want)
			}
			if len(tables) != 1 || len(tables[0].Rows) != tc.rows {
				t.Fatalf("tables %+v, want one of %d rows", tables, tc.rows)
			}
			last := tables[0].Rows[len(tables[0].Rows)-1]
			if tc.name == "longest line read" {
				return
			}
			if c := last.Cells[len(last.Cells)-1].Text; c != tc.cell {
				t.Errorf("last cell %q, want %q", c, tc.cell)
			}
		})
	}
}

// FuzzTextPath runs the text reader, reconstruction and normalization on
// arbitrary input: none of them may panic, and every form must keep its
// invariants.
func FuzzTextPath(f *testing.F) {
	seed, err := os.ReadFile("../../fixtures/text/forms.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed[:4000]))
	for _, name := range []string{"mof88-pipe.txt", "mof88-cells.txt", "target-tab.txt", "target-pipe.txt"} {
		b, err := os.ReadFile("../../fixtures/family/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b[:min(len(b), 3000)]))
	}
	f.Add("财政项目支出绩效目标申报表\n项目名称\t\t项目性质\n绩效指标\t一级指标\t二级指标\t三级指标\n\t满意度指标\tx\n")
	f.Add("项目资金(元)\t其他资金\t其他资金\t其他资金\n项目总目标\n\ta\tb\tc\n")
	f.Fuzz(func(t *testing.T, in string) {
		_ = text.Forms(strings.NewReader(in), func(tb table.Table) error {
			fm := reconstruct.Form(tb)
			normalize.Form(&fm)
			for i, ind := range fm.Indicators {
				if ind.Seq != i+1 || ind.Name == nil || ind.Flags == nil {
					t.Fatalf("indicator %d broken: %+v", i, ind)
				}
			}
			return nil
		}, nil)
	})
}
