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

func TestParseLinePipe(t *testing.T) {
	for _, tt := range []struct {
		line string
		want []table.Cell
	}{
		{"| 项目名称 | A |", []table.Cell{{Text: "项目名称", Col: 0}, {Text: "A", Col: 1}}},
		{"|a||b|\r", []table.Cell{{Text: "a", Col: 0}, {Text: "b", Col: 2}}},
		{"  | 单位：万元 |  ", []table.Cell{{Text: "单位：万元", Col: 0}}},
		{"|---|:---:|", nil},
		{"a | b", []table.Cell{{Text: "a | b", Col: 0}}},                             // not framed
		{"| a\t| b |", []table.Cell{{Text: "| a", Col: 0}, {Text: "| b |", Col: 1}}}, // a tab decides
		{"|", []table.Cell{{Text: "|", Col: 0}}},
	} {
		if got := text.ParseLine(tt.line, 1).Cells; !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseLine(%q) = %+v, want %+v", tt.line, got, tt.want)
		}
	}
}

func TestCellPerLine(t *testing.T) {
	for _, tt := range []struct {
		head string
		want bool
	}{
		{"标题\n\n项目名称\nA\n\n", true},
		{"\n\n标题\n\n项目名称\n", true},
		{"标题\n项目名称\nA\n", false},        // no blank line between rows
		{"标题\n\n项目名称\tA\n", false},      // a tab
		{"标题\n\n| 项目名称 | A |\n", false}, // a pipe export
		{"标题\n\n", false},               // one row
		{"", false},
	} {
		if got := text.CellPerLine([]byte(tt.head)); got != tt.want {
			t.Errorf("CellPerLine(%q) = %v, want %v", tt.head, got, tt.want)
		}
	}
}

// A cell-per-line export is read one row per run of lines, each row at
// the line of its first cell.
func TestFormsCellPerLine(t *testing.T) {
	in := "前言\n\n财政项目支出绩效目标申报表\n\n项目名称\nA\n\n主管部门\n <p>X</p> \n实施单位\n\n\n"
	got := forms(t, in)
	if len(got) != 1 {
		t.Fatalf("%d forms, want 1", len(got))
	}
	want := []table.Row{
		{Line: 3, Cells: []table.Cell{{Text: "财政项目支出绩效目标申报表"}}},
		{Line: 5, Cells: []table.Cell{{Text: "项目名称"}, {Text: "A", Col: 1}}},
		{Line: 8, Cells: []table.Cell{{Text: "主管部门"}, {Text: "X", Col: 1}, {Text: "实施单位", Col: 2}}},
	}
	if !reflect.DeepEqual(got[0].Rows, want) {
		t.Errorf("rows %+v, want %+v", got[0].Rows, want)
	}
	long := "财政项目支出绩效目标申报表\n\n" + strings.Repeat("x\n", 100) + "\n"
	rows := forms(t, long)[0].Rows
	if len(rows) != 3 || len(rows[1].Cells) != 64 || len(rows[2].Cells) != 36 {
		t.Errorf("a run of 100 lines: %d rows, want 3 (64 and 36 cells after the title)", len(rows))
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
	for _, name := range []string{"tab.txt", "pipe.txt", "lines.txt"} {
		dept, err := os.ReadFile("../../fixtures/department/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(dept[:3000]))
	}
	f.Add("财政项目支出绩效目标申报表\n项目名称\t\t项目性质\n绩效指标\t一级指标\t二级指标\t三级指标\n\t满意度指标\tx\n")
	f.Add("项目资金(元)\t其他资金\t其他资金\t其他资金\n项目总目标\n\ta\tb\tc\n")
	f.Add("| 项目支出绩效自评表 |\n| 项目名称 | A |\n| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n| 产出指标 | 数量指标 | x | 1个 | 10 | 9 |\n")
	f.Add("项目支出绩效自评表\n\n（2023年度）\n\n项目名称\nA\n\n总分\n100\n96\n优\n\n")
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
