package jixiao

import "testing"

func TestIsTitle(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{Title, true},
		{"<h2>" + Title + "</h2>", true},
		{"项目支出绩效目标表", true},
		{"绩效目标表", true},
		{"2023年项目支出绩效目标申报表", true},
		{"鄂州市财政局部门预算项目支出绩效目标表", true},
		{"项目支出绩效目标申报表（单位：万元）", true},
		{"项目支出绩效自评表（2023年度）", true},
		{"部门整体支出绩效目标申报表", true},
		{"项目 支出 绩效 目标表", true},
		{"本文件介绍预算绩效管理的一般要求，没有项目名称，也没有绩效指标。", false},
		{"目标表", false},
		{"完成绩效目标表填报工作并按要求报送财政部门审核后在规定时间内公开，接受社会监督和评价", false},
		{"项目名称", false},
	} {
		if got := IsTitle(tt.in); got != tt.want {
			t.Errorf("IsTitle(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{{"指标1", true}, {"指标 12", true}, {"……", true}, {"...", true}, {"指标", false}, {"指标1完成率", false}, {"1", false}} {
		if got := Placeholder(tt.in); got != tt.want {
			t.Errorf("Placeholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// The other layouts' labels: each has a Template, a Field where its kind
// introduces one, and a cost level-2 is under 产出指标 in the 88号 tree.
func TestLayoutLabels(t *testing.T) {
	std := map[string]bool{}
	for _, l := range Labels() {
		std[l.Text] = true
	}
	for _, l := range LayoutLabels() {
		if l.Template == "" {
			t.Errorf("%s: no template", l.Text)
		}
		if std[l.Text] {
			t.Errorf("%s: also a label of the standard form", l.Text)
		}
		if l.Field == "" && l.Kind != LabelGrid {
			t.Errorf("%s: no field", l.Text)
		}
		if lv, _ := Level(l.Text); lv != 0 {
			t.Errorf("%s: a level name", l.Text)
		}
	}
	for _, c := range CostChildren() {
		if Parent(c) != L1Output {
			t.Errorf("Parent(%s) = %s", c, Parent(c))
		}
	}
	if lv, c := Level("进度指标"); lv != 2 || c != "时效指标" {
		t.Errorf("Level(进度指标) = %d %s", lv, c)
	}
}
