package table

import "testing"

func TestJoinWrapped(t *testing.T) {
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"完成VPD", "N专网"}, "完成VPDN专网"},
		{[]string{"维护, 完善道路,", "确保安全"}, "维护, 完善道路, 确保安全"},
		{[]string{"需求,提高", "民警,", "满意度"}, "需求,提高民警,满意度"},
		{[]string{"", "a", ""}, "a"},
		{nil, ""},
	}
	for _, tt := range tests {
		if got := JoinWrapped(tt.lines); got != tt.want {
			t.Errorf("JoinWrapped(%q) = %q, want %q", tt.lines, got, tt.want)
		}
	}
}
