package normalize

import "strings"

// units are the measure words and units a quantity may carry, longest first
// where one is a prefix of another. The list is open-ended by nature; a unit
// not listed is still read when it ends the value (see quantity).
var units = []string{
	"平方公里", "平方千米", "平方米", "立方米", "万元", "千米", "公里", "公斤", "千克",
	"人次", "户次", "车次", "辆次", "件次", "架次", "台次", "课时", "学时", "百分比",
	"小时", "分钟", "工作日", "个月", "星期", "季度",
	"元", "份", "个", "件", "台", "套", "辆", "次", "人", "起", "项", "家", "分", "天", "日",
	"周", "月", "年", "页", "条", "所", "批", "场", "篇", "册", "卷", "张", "本", "户", "名",
	"座", "处", "块", "部", "架", "支", "只", "棵", "株", "亩", "吨", "米", "斤", "度", "类",
	"种", "间", "栋", "幢", "期", "轮", "瓶", "盒", "箱", "袋", "组", "把", "根", "层", "所",
	"%", "‰",
}

// unitAt returns the unit at the start of s, with a compound tail such as
// "/次" or "/人·月", or "".
func unitAt(s string) string {
	for _, u := range units {
		if strings.HasPrefix(s, u) {
			rest := s[len(u):]
			if strings.HasPrefix(rest, "/") {
				if tail := compoundTail(rest[1:]); tail != "" {
					return u + "/" + tail
				}
			}
			return u
		}
	}
	return ""
}

// compoundTail reads the part after "/" of a compound unit: units joined by
// "·" (人·月).
func compoundTail(s string) string {
	u := unitAt(s)
	if u == "" {
		return ""
	}
	if rest := s[len(u):]; strings.HasPrefix(rest, "·") {
		if more := compoundTail(rest[len("·"):]); more != "" {
			return u + "·" + more
		}
	}
	return u
}

// timeUnits maps the time units of durations to their canonical names and
// how many of that name one printed unit is.
var timeUnits = map[string]struct {
	unit  string
	scale float64
}{
	"分钟": {"hour", 1.0 / 60}, "小时": {"hour", 1}, "天": {"day", 1}, "日": {"day", 1},
	"工作日": {"day", 1}, "周": {"week", 1}, "星期": {"week", 1}, "月": {"month", 1},
	"个月": {"month", 1}, "季度": {"month", 3}, "年": {"year", 1},
}
