package reconstruct_test

import (
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
	"jixiao/extract/text"
)

// build makes a form from lines whose cells are separated by "|".
func build(lines ...string) jixiao.Form {
	var rows []string
	for _, l := range lines {
		rows = append(rows, strings.ReplaceAll(l, "|", "\t"))
	}
	var f jixiao.Form
	_ = text.Forms(strings.NewReader(strings.Join(rows, "\n")), func(tb table.Table) error {
		f = reconstruct.Form(tb)
		return nil
	}, nil)
	return f
}

const (
	title   = "财政项目支出绩效目标申报表"
	gridHdr = "绩效指标|一级指标|二级指标|三级指标|年度(/项目)指标值"
)

// ind is an indicator in short: level1/level2/name=value ("" value: nil).
type ind struct{ l1, l2, name, value string }

func TestIndicators(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []ind
		flags []string // codes of the form's flags
	}{
		{
			name:  "plain grid",
			lines: []string{gridHdr, "|产出指标|数量指标|车位租赁数|500个车位", "|||车位质量|合格"},
			want:  []ind{{"产出指标", "数量指标", "车位租赁数", "500个车位"}, {"产出指标", "数量指标", "车位质量", "合格"}},
		},
		{
			name:  "level-2 label in the name column pushes the name into the value column",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", "|||质量指标|警用装备验收合格率|", "||b||100%"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"产出指标", "质量指标", "警用装备验收合格率", ""}, {"产出指标", "质量指标", "b", "100%"}},
		},
		{
			name:  "level-2 label printed twice, in the level-1 column",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", "|社会效益指标|社会效益指标|b|稳定运行|"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"效益指标", "社会效益指标", "b", "稳定运行"}},
		},
		{
			name:  "continuation row with the name in the first column",
			lines: []string{gridHdr, "|效益指标|社会效益指标|a|0%", "档案损坏率||||0%||", "可持续影响指标|长效管理制度健全性||健全|||"},
			want:  []ind{{"效益指标", "社会效益指标", "a", "0%"}, {"效益指标", "社会效益指标", "档案损坏率", "0%"}, {"效益指标", "可持续影响指标", "长效管理制度健全性", "健全"}},
		},
		{
			name:  "a stray level-2 inside the output block starts its own level-1",
			lines: []string{gridHdr, "|产出指标|时效指标|a|及时", "|||社会效益指标|有效投诉处置率", "|效益指标|社会效益指标|b|0"},
			want:  []ind{{"产出指标", "时效指标", "a", "及时"}, {"效益指标", "社会效益指标", "有效投诉处置率", ""}, {"效益指标", "社会效益指标", "b", "0"}},
		},
		{
			name:  "synonym, spaces and a weight in labels",
			lines: []string{gridHdr, "|产出指标(50分)|数量 指标|a|1", "||可持续发展指标|b|健全"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"效益指标", "可持续影响指标", "b", "健全"}},
		},
		{
			name:  "a level-1 alone resets the level-2 (to the sole child of 满意度指标)",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", "|满意度指标||群众满意度|≥90%", "|效益指标||c|提升"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"}, {"效益指标", "", "c", "提升"}},
		},
		{
			name:  "a level-1 repeated on every row keeps the level-2",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", "|产出指标|b|2", "|产出指标|质量指标|c|3", "|满意度指标|d|≥90%"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"产出指标", "数量指标", "b", "2"}, {"产出指标", "质量指标", "c", "3"}, {"满意度指标", "服务对象满意度指标", "d", "≥90%"}},
		},
		{
			name:  "grid header split over two rows, section label beside the first indicator",
			lines: []string{"|一级指标|二级指标|三级指标|年度(/项目)指标值", "绩效 指标|产出指标|数量指标|a|1"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}},
		},
		{
			name:  "grid without its header row",
			lines: []string{"|产出指标|数量指标|a|1"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}},
		},
		{
			name:  "header repeated after a page break",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", gridHdr, "|||b|2"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"产出指标", "数量指标", "b", "2"}},
		},
		{
			name:  "header repeated with its column rules read as bars",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", "一级指标丨二级指标|三级指标丨年度指标值", "|||b|2"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"产出指标", "数量指标", "b", "2"}},
		},
		{
			name:  "a name and its value parted by a rule read as a bar",
			lines: []string{gridHdr, "|满意度指标|服务对象满意度指标|特警满意度丨≥90%"},
			want:  []ind{{"满意度指标", "服务对象满意度指标", "特警满意度", "≥90%"}},
		},
		{
			name:  "three text cells: the name is joined",
			lines: []string{gridHdr, "|产出指标|数量指标|完成库藏|及新增扫描|356份"},
			want:  []ind{{"产出指标", "数量指标", "完成库藏及新增扫描", "356份"}},
			flags: []string{jixiao.FlagExtraCells},
		},
		{
			name:  "level-2 label glued to the first name of its group",
			lines: []string{gridHdr, "|产出指标|数量指标|a|1", "|||时效指标应急抢修响应及时性|及时"},
			want:  []ind{{"产出指标", "数量指标", "a", "1"}, {"产出指标", "时效指标", "应急抢修响应及时性", "及时"}},
		},
		{
			name:  "level-1 and level-2 labels fused with the name",
			lines: []string{gridHdr, "产出指标数量指标农村义务教育学校改造覆盖率|100%"},
			want:  []ind{{"产出指标", "数量指标", "农村义务教育学校改造覆盖率", "100%"}},
		},
		{
			name:  "a name that is a shorter level name is no label",
			lines: []string{gridHdr, "|满意度指标|服务对象满意度指标|社会公众满意度|≥90%"},
			want:  []ind{{"满意度指标", "服务对象满意度指标", "社会公众满意度", "≥90%"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := build(append([]string{title}, tt.lines...)...)
			var got []ind
			for _, x := range f.Indicators {
				v := ""
				if x.Value != nil {
					v = *x.Value
				}
				got = append(got, ind{x.Level1, x.Level2, *x.Name, v})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d indicators %v, want %v", len(got), got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("indicator %d = %v, want %v", i+1, got[i], tt.want[i])
				}
			}
			var codes []string
			for _, fl := range f.Flags {
				codes = append(codes, fl.Code)
			}
			if strings.Join(codes, ",") != strings.Join(tt.flags, ",") {
				t.Errorf("flags %v, want %v", codes, tt.flags)
			}
		})
	}
}

func TestHeaderFundsGoals(t *testing.T) {
	f := build(title, "(2023年度)",
		"项目名称|上海市某项目（闵行分局配||项目性质|经常性项目|项目类别|特定目标类",
		"主管部门|公安局|实施单位||",
		"计划开始日期|2023-01-01|计划完成日期|2023-12-31",
		"项目资金 (元)|项目资金总额|100.00|年度资金申请总额|100.00",
		"|其中: 财政资金|100.00|其中：当年财政拨款|100.00",
		"|||上年结转资金|0",
		"|其他资金||其他资金|0.00|",
		"项目 绩效 目标|项目总目标 (2023年 -2023年)|年度总体目标",
		"|<p>总目标。</p>|年度目标",
		"|续写。|",
		gridHdr, "|产出指标|数量指标|a|1")
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	checks := []struct{ field, got, want string }{
		{"title", f.Title, title},
		{"project_name", str(f.ProjectName), "上海市某项目（闵行分局配"},
		{"project_category", str(f.ProjectCategory), "特定目标类"},
		{"implementing_unit", str(f.ImplementingUnit), "<nil>"},
		{"start_date", str(f.StartDate), "2023-01-01"},
		{"fiscal", str(f.FundsRaw.Fiscal), "100.00"},
		{"appropriation", str(f.FundsRaw.Appropriation), "100.00"},
		{"carryover", str(f.FundsRaw.Carryover), "0"},
		{"other", str(f.FundsRaw.Other), "<nil>"},
		{"annual_other", str(f.FundsRaw.AnnualOther), "0.00"},
		{"overall", str(f.Goals.Overall), "总目标。续写。"},
		{"annual", str(f.Goals.Annual), "年度目标"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if f.Year != 2023 || len(f.Indicators) != 1 {
		t.Errorf("year %d, %d indicators", f.Year, len(f.Indicators))
	}
}

func TestNoTitle(t *testing.T) {
	f := build("项目名称|A", gridHdr, "|产出指标|数量指标|a|1")
	if len(f.Flags) != 1 || f.Flags[0].Code != jixiao.FlagTitleMissing {
		t.Errorf("flags = %v, want title_missing", f.Flags)
	}
}

// On a scan a 二级 label glued to its name may be misread in one
// character: it is still cut off; a text source's near-miss is not.
func TestUnglueMisreadLabel(t *testing.T) {
	row := func(conf float64, texts ...string) table.Row {
		r := table.Row{Page: 1}
		for i, tx := range texts {
			r.Cells = append(r.Cells, table.Cell{Text: tx, Col: 100 * (i + 1), Confidence: conf})
		}
		return r
	}
	for _, tt := range []struct {
		conf      float64
		level2    string
		name      string
		wantLevel string
	}{
		{0.9, "而效指标应急抢修响应及时性", "应急抢修响应及时性", "时效指标"},
		{0, "而效指标应急抢修响应及时性", "而效指标应急抢修响应及时性", "数量指标"},
	} {
		tb := table.Table{Rows: []table.Row{
			row(tt.conf, "一级指标", "二级指标", "三级指标", "年度指标值"),
			row(tt.conf, "产出指标", "数量指标", "a", "1"),
			row(tt.conf, tt.level2, "及时"),
		}}
		f := reconstruct.Form(tb)
		if len(f.Indicators) != 2 {
			t.Fatalf("%q: %d indicators, want 2", tt.level2, len(f.Indicators))
		}
		got := f.Indicators[1]
		if *got.Name != tt.name || got.Level2 != tt.wantLevel {
			t.Errorf("conf %.1f %q: level-2 %q name %q, want %q %q", tt.conf, tt.level2, got.Level2, *got.Name, tt.wantLevel, tt.name)
		}
	}
}
