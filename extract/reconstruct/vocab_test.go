package reconstruct

import (
	"testing"

	"jixiao"
)

func TestSnapLabel(t *testing.T) {
	level := func(k jixiao.LabelKind) bool { return k == kindLevel }
	for _, c := range []struct {
		in     string
		prefer func(jixiao.LabelKind) bool
		want   string // "" for no snap
	}{
		{"时效指标", nil, "时效指标"},
		{"轩效指标", nil, ""}, // as near 绩效指标
		{"轩效指标", level, "时效指标"},
		{"了时效指标", nil, "时效指标"},
		{"时效指标，", nil, "时效指标"},
		{"其中: 财政资图", nil, "其中：财政资金"},
		{"项目资金《元)", nil, "项目资金（元）"},
		{"社会效益", nil, ""},
		{"党员满意度", nil, ""},
		{"满意度指标", nil, "满意度指标"},
		{"合格", nil, ""},
		{"项目名", nil, "项目名称"},        // not as near 项目期: another layout's label
		{"项目期", nil, "项目期"},         // exactly
		{"其中：财政拨款", nil, "其中：财政拨款"}, // exactly, beside 其中：当年财政拨款
		{"中期资金总頟", nil, "中期资金总额"},   // another layout's label
		{"年初预算效", nil, "年初预算数"},     // a self-evaluation label
		{"偏差原因分析及改进惜施", nil, "偏差原因分析及改进措施"},
		{"按收入性质份", nil, "按收入性质分"}, // a department label
		{"年度预算中请", nil, "年度预算申请"},
		{"整体绩效目标表", nil, ""},            // a title, one edit from 整体绩效目标
		{"其中：本年财政拨款", nil, "其中：本年财政拨款"}, // a variant, not 其中：当年财政拨款
		{"项目资金(万）", nil, "项目资金（万元）"},    // a wrapped label, its 元 cut
		{"服务对象满意度指标等", nil, ""},         // a level name as printed
	} {
		got := ""
		if l, _ := snapLabel(c.in, c.prefer); l != nil {
			got = l.text
		}
		if got != c.want {
			t.Errorf("snapLabel(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
