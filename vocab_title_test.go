package jixiao

import "testing"

func TestIsTitleOfFamily(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{Title, true},
		{"2023年" + Title + "（单位：万元）", true},
		{"项目支出绩效目标表", true},
		{"鄂州市财政局部门预算项目支出绩效目标表", true},
		{"项目支出绩效自评表", true},
		{"部门预算项目支出绩效自评表（2023年度）", true},
		{"绩效目标自评表 (2022年度)", true},
		{"项目支出绩效自评表（2023年度）(单位：万元)", true},
		{"自评表", false}, // no 绩效
		{"项目名称", false},
		{"完成绩效目标申报表的填报工作，确保按时报送", false}, // does not end in one
		{"按要求完成" + "年度项目支出绩效自评表的编制与报送，共计三十余个项目，覆盖全部二级预算单位，并对自评结果进行复核，形成复核意见和整改清单，确保数据真实准确完整可靠，按时报送财政部门审核并公开自评表", false}, // too long
	} {
		if got := IsTitle(tt.in); got != tt.want {
			t.Errorf("IsTitle(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsGrade(t *testing.T) {
	for _, g := range Grades() {
		if !IsGrade(g) {
			t.Errorf("IsGrade(%q) = false", g)
		}
	}
	for _, s := range []string{"", "优秀", "A", "中等"} {
		if IsGrade(s) {
			t.Errorf("IsGrade(%q) = true", s)
		}
	}
}
