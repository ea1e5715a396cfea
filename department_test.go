package jixiao

import (
	"strings"
	"testing"
)

func TestIsDepartmentTitle(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"部门整体支出绩效目标申报表", true},
		{"整体绩效目标表", true},
		{"2024年度部门整体绩效目标表", true},
		{"上海市徐汇区教育局2024年部门整体支出绩效目标申报表", true},
		{"部门整体支出绩效目标申报表（单位：万元）", true},
		{"部门整体支出绩效目标申报表 (2024年度)", true},
		{"部门 整体支出 绩效目标 申报表", true},
		{Title, false},
		{"项目支出绩效目标表", false},
		{"部门整体支出绩效自评表", false},    // a self-evaluation
		{"整体绩效目标", false},         // the goal's label
		{"绩效目标整体申报表", false},      // 整体 after 绩效目标
		{"部门整体支出绩效目标申报表（", false}, // a bracket left open is not a tail
		{"1.完成部门整体支出绩效目标申报表的填报，" + string(make([]rune, 80)), false},
		{"", false},
	} {
		if got := IsDepartmentTitle(tt.text); got != tt.want {
			t.Errorf("IsDepartmentTitle(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestIsDepartmentName(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{LabelDeptName, true},
		{"部门(单位)名称", true},
		{"部门名称：", true},
		{" 单位 名称 ", true},
		{LabelProjectName, false},
		{"部门（单位）名称及代码", false},
	} {
		if got := IsDepartmentName(tt.text); got != tt.want {
			t.Errorf("IsDepartmentName(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestDepartmentPaths(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{TaskField(1, TaskAmount), "tasks[1].amount"},
		{TaskField(0, ""), "tasks[0]"},
		{BudgetLineField(0, LineAmount), "budget_request[0].amount"},
		{BudgetLineField(12, LineRaw), "budget_request[12].raw"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// FuzzIsDepartmentTitle: no input panics, and a title holds the marks.
func FuzzIsDepartmentTitle(f *testing.F) {
	for _, s := range []string{"部门整体支出绩效目标申报表（单位：万元）", "整体绩效目标表(", "（）", ")"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if IsDepartmentTitle(s) && (!strings.Contains(s, DeptTitleMark) || !strings.Contains(s, "绩效")) {
			t.Fatalf("IsDepartmentTitle(%q) without the marks", s)
		}
		_ = IsDepartmentName(s)
	})
}
