package reconstruct

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/table"
)

func TestFixAmount(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"720,000.00", "720,000.00", true},
		{"720，000.00", "720,000.00", true},
		{"72O,OOO.OO", "720,000.00", true},
		{"l,000,000.00", "1,000,000.00", true},
		{"720, 000 .00", "720,000.00", true},
		{"720,000,00", "720,000.00", true},
		{"720.000.00", "720,000.00", true},
		{"0", "0", true},
		{"0.00", "0.00", true},
		{"0。00", "0.00", true},
		{"口", "0", true},
		{"○", "0", true},
		{"口口", "口口", false},
		{"", "", false},
		{"元", "元", false},
		{"72,00.00", "72,00.00", false},
		{"1e5", "1e5", false},
	} {
		got, ok := fixAmount(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("fixAmount(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestCorrectValue(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
		doubt          bool
	}{
		{"党员满意度", "三90%", "≥90%", false},
		{"党员满意度", "二 90%", "≥90%", false},
		{"党员满意度", "290%", "≥90%", false},
		{"党员满意度", "=90%", "≥90%", true},
		{"党员满意度", "≥909%", "≥90%", false},
		{"党员满意度", "≥9096", "≥90%", false},
		{"党员满意度", "≥90%", "≥90%", false},
		{"党员满意度", "100%", "100%", false},
		{"车辆验收合格率", "1009%", "100%", true},
		{"车辆验收合格率", "298%", "≥98%", true},
		{"车辆验收合格率", "三98%", "三98%", false}, // ≥ or ≤: not certain
		{"车辆更新数量", "290辆", "290辆", false},
		{"车辆更新数量", "2100%", "2100%", false},
		{"处置能力", "20%", "20%", false}, // ≥0% or 20%: not certain
		{"系统故障发生数", "○", "0", true},
		{"投诉数量", "。", "0", true},
		{"投诉数量", "D", "0", true},
		{"投诉数量", "口口", "口口", false},
		{"验收通过率", "-次性通过验收", "一次性通过验收", true},
		{"验收通过率", "—次性通过", "一次性通过", true},
		{"温度控制", "-5℃", "-5℃", false},
		{"验收通过率", "一次性通过验收", "一次性通过验收", false},
	} {
		cell := table.Cell{Text: c.in, Confidence: 0.9}
		correctValue(&cell, c.name)
		if cell.Text != c.want || (cell.Confidence < jixiao.LowConfidence) != c.doubt {
			t.Errorf("correctValue(%q, %q) = %q (%.2f), want %q (doubt %v)", c.name, c.in, cell.Text, cell.Confidence, c.want, c.doubt)
		}
	}
}

// page returns rows of cells from lines of "|"-separated cells, each at
// column 100 × its index, confidence 0.9.
func page(lines ...string) []table.Row {
	var rows []table.Row
	for _, l := range lines {
		r := table.Row{Page: 1}
		for j, t := range strings.Split(l, "|") {
			if t != "" {
				r.Cells = append(r.Cells, table.Cell{Text: t, Col: 100 * j, Confidence: 0.9})
			}
		}
		rows = append(rows, r)
	}
	return rows
}

func TestRepairPage(t *testing.T) {
	rows := RepairPage(page(
		"财政项目支出绩效目标申报表",
		"项目名称|党建经费|项目性质|经常性项目",
		"项目资金《元)|项目资金总额|72O,000.00|年度资金申请总额|720,000.00",
		"|其中: 财政资图|720，000.00|其中: 当年财政拨款|720,000.00",
		"|||上年结转资金|0.00",
		"|其他资金|0.00|其他资金|0",
		"绩效指标|一级指标|二级指标|三级指标|年度指标值",
		"|产出指标|数量指标|入党积极分子培训完成数|1次",
		"||轩效指标|入党积极分子培训开展及时性|全年",
		"|满意度指标|服务对象满意度指标|党员满意度|三90%",
	))
	want := page(
		"财政项目支出绩效目标申报表",
		"项目名称|党建经费|项目性质|经常性项目",
		"项目资金（元）|项目资金总额|720,000.00|年度资金申请总额|720,000.00",
		"|其中：财政资金|720,000.00|其中：当年财政拨款|720,000.00",
		"|||上年结转资金|0.00",
		"|其他资金|0.00|其他资金|0",
		"绩效指标|一级指标|二级指标|三级指标|年度指标值",
		"|产出指标|数量指标|入党积极分子培训完成数|1次",
		"||时效指标|入党积极分子培训开展及时性|全年",
		"|满意度指标|服务对象满意度指标|党员满意度|≥90%",
	)
	for i := range want {
		for j := range want[i].Cells {
			if g, w := rows[i].Cells[j].Text, want[i].Cells[j].Text; g != w {
				t.Errorf("row %d cell %d = %q, want %q", i, j, g, w)
			}
		}
	}
	// The identities hold: the repaired amounts are confirmed.
	if c := rows[2].Cells[2].Confidence; c < jixiao.LowConfidence {
		t.Errorf("confirmed amount has confidence %.2f", c)
	}
	// Broken identity: every amount in it is put in doubt.
	rows = RepairPage(page(
		"|项目资金总额|720,000.00|年度资金申请总额|720,000.00",
		"|其中：财政资金|720,000.00|其中：当年财政拨款|72,000.00",
		"|||上年结转资金|0.00",
		"|其他资金|0.00|其他资金|0",
	))
	if c := rows[0].Cells[3].Confidence; c >= jixiao.LowConfidence {
		t.Errorf("annual total of a broken identity has confidence %.2f", c)
	}
	if c := rows[0].Cells[1].Confidence; c < jixiao.LowConfidence {
		t.Errorf("total of a holding identity has confidence %.2f", c)
	}
}

func FuzzFixAmount(f *testing.F) {
	for _, s := range []string{"720,000.00", "72O，OOO.OO", "0", "1.000.000", "720,000,00", "", "l|I"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := fixAmount(s)
		if !ok {
			if got != s {
				t.Fatalf("fixAmount(%q) changed a cell it could not read: %q", s, got)
			}
			return
		}
		if again, ok2 := fixAmount(got); !ok2 || again != got {
			t.Fatalf("fixAmount not idempotent: %q → %q → %q", s, got, again)
		}
	})
}

func FuzzRepairPage(f *testing.F) {
	f.Add("项目资金总额|72O,000.00|其中: 财政资图|720，000.00\n|其他资金|0\n服务对象满意度指标|党员满意度|三90%")
	f.Add("绩效指标|一级指标\n轩效指标|名|290%")
	f.Fuzz(func(t *testing.T, s string) {
		rows := page(strings.Split(s, "\n")...)
		once := RepairPage(rows)
		texts := func(rs []table.Row) string {
			var b strings.Builder
			for _, r := range rs {
				for _, c := range r.Cells {
					b.WriteString(c.Text)
					b.WriteByte('|')
				}
			}
			return b.String()
		}
		first := texts(once)
		if twice := texts(RepairPage(once)); twice != first {
			t.Fatalf("Correct not idempotent:\n%s\n%s", first, twice)
		}
	})
}

// The 88号 form's funds: 财政拨款 under each total, no 上年结转资金; both
// identities confirm their amounts, and a broken one puts them in doubt.
func TestRepairPageMOF88Funds(t *testing.T) {
	for _, tt := range []struct {
		annualGrant string
		confirmed   bool
	}{{"380", true}, {"38O", true}, {"300", false}} {
		rows := RepairPage(page(
			"项目资金（万元）|中期资金总额|1200|年度资金总额|400",
			"|其中：财政拨款|1100|其中：财政拨款|"+tt.annualGrant,
			"|其他资金|100|其他资金|20",
		))
		for _, at := range [][2]int{{0, 2}, {0, 4}, {1, 1}, {1, 3}, {2, 1}, {2, 3}} {
			c := rows[at[0]].Cells[at[1]]
			annual := at[1] >= 3
			want := tt.confirmed || !annual
			if got := c.Confidence >= jixiao.LowConfidence; got != want {
				t.Errorf("%s: cell %v %q confidence %.2f, confirmed %v", tt.annualGrant, at, c.Text, c.Confidence, want)
			}
		}
	}
}

// The pieces of a cell cut by false rules rejoin their row; a real next
// row, ending below the row above's cells, does not.
func TestJoinCutCells(t *testing.T) {
	c := func(col int, text string, x0, y0, x1, y1 float64) table.Cell {
		return table.Cell{Text: text, Col: col, Box: jixiao.Box{x0, y0, x1, y1}}
	}
	row := func(cs ...table.Cell) table.Row { return table.Row{Cells: cs} }
	// 一级 merged over every row; 三级, the value (cut) and a note in three pieces
	rows := []table.Row{
		row(c(432, "产出指标", 432, 313, 742, 1435), c(1170, "新增高新技术企业", 1170, 313, 1970, 573), c(1970, "≥50", 1970, 313, 2129, 428)),
		row(c(2129, "当年通", 2129, 339, 2337, 384)),
		row(c(2129, "过认定的高新", 2129, 384, 2337, 477)),
		row(c(1970, "家", 1970, 428, 2129, 573)),
		row(c(2129, "技术企业数", 2129, 477, 2337, 573)),
		row(c(1170, "科技成果转化项目", 1170, 573, 1970, 876), c(1970, "≥30项", 1970, 573, 2129, 876)),
	}
	got := joinCutCells(rows)
	if len(got) != 2 {
		t.Fatalf("%d rows, want 2: %v", len(got), got)
	}
	var texts []string
	for _, x := range got[0].Cells {
		texts = append(texts, x.Text)
	}
	if want := "产出指标|新增高新技术企业|≥50家|当年通过认定的高新技术企业数"; strings.Join(texts, "|") != want {
		t.Errorf("row 1: %s, want %s", strings.Join(texts, "|"), want)
	}
	if len(got[1].Cells) != 2 {
		t.Errorf("row 2: %v", got[1].Cells)
	}
}

// The wrapped weight of a level label merged across rows, cut off with
// pieces of the row's other cells, joins the label.
func TestJoinCutLevelTail(t *testing.T) {
	c := func(col int, text string, x0, y0, x1, y1 float64) table.Cell {
		return table.Cell{Text: text, Col: col, Box: jixiao.Box{x0, y0, x1, y1}}
	}
	rows := []table.Row{
		{Cells: []table.Cell{c(94, "产出指标", 87, 1312, 246, 1479), c(248, "数量指标", 242, 1315, 398, 1434), c(400, "维修学校数量", 394, 1318, 564, 1437), c(1448, "无", 1440, 1320, 1553, 1440)}},
		{Cells: []table.Cell{c(248, "质量指标", 240, 1430, 395, 1548), c(400, "工程验收", 393, 1433, 562, 1485), c(567, "≥", 559, 1436, 787, 1556), c(1448, "无", 1440, 1454, 1553, 1571)}},
		{Cells: []table.Cell{c(94, "(50分)", 84, 1475, 242, 1660), c(400, "合格率", 392, 1481, 561, 1551), c(1363, "15", 1355, 1500, 1442, 1569)}},
		{Cells: []table.Cell{c(248, "时效指标", 238, 1544, 393, 1663), c(400, "完工时间", 390, 1547, 560, 1666)}},
	}
	got := joinCutCells(rows)
	if len(got) != 3 || got[0].Cells[0].Text != "产出指标(50分)" || got[1].Cells[1].Text != "工程验收合格率" || len(got[1].Cells) != 5 {
		t.Errorf("got %v", got)
	}
}

func TestLoneStrict(t *testing.T) {
	for _, tt := range []struct{ in, want string }{{">", "≥"}, {"＜", "≤"}, {" < ", "≤"}, {">90%", ">90%"}, {"≥", "≥"}, {"=", "="}} {
		c := table.Cell{Text: tt.in, Confidence: 0.95}
		loneStrict(&c)
		if c.Text != tt.want || tt.in != tt.want && c.Confidence >= jixiao.LowConfidence {
			t.Errorf("loneStrict(%q) = %q (%.2f), want %q", tt.in, c.Text, c.Confidence, tt.want)
		}
	}
}
