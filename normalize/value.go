package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"jixiao"
)

// Value reads an indicator value as printed and returns its typed target.
// year is the form's year, used for dates printed without one (12月底); 0
// when unknown, in which case such dates are not resolved. A value that
// matches no rule of the grammar is a target of kind "text". Value never
// fails and is safe for concurrent use.
//
// The grammar, tried in this order on the folded value (NFKC: full-width
// digits and symbols become ASCII; ≧ ≦ >= <= become ≥ ≤):
//
//   - a qualitative word with a bracketed detail, 及时(24小时以内): the detail
//     decides the kind when it is measurable, the word becomes the label;
//   - frequency: 每月, 按月, 每月1次, 两天一次, 每季度;
//   - dates: 12月底, 2023年12月底前, 7月1日 (deadline); 9-10月, 全年, spans
//     such as 2023.07-2024.01 (window);
//   - duration: a number with a time unit, 24小时内完成, 一月内, 当天响应;
//   - range: 80-100人;
//   - quantity: a number with a comparator (symbol or word: 不低于, 以上,
//     以内, 约 …), a magnitude (万, 亿) and a unit, anywhere in the value;
//   - trend: 提升, 同比下降, 较上年度有所提升;
//   - qualitative: a closed vocabulary (合格, 健全, 及时, 达标 …) with synonyms
//     (一次性通过验收 → 合格).
func Value(printed string, year int) jixiao.Target {
	s := fold(printed)
	if s == "" {
		return jixiao.Target{Kind: jixiao.TargetText}
	}
	if t, ok := bracketed(s, year); ok {
		return t
	}
	if t, ok := measurable(s, year); ok {
		return t
	}
	if t, ok := trend(s); ok {
		return t
	}
	if t, ok := qualitative(s); ok {
		return t
	}
	return jixiao.Target{Kind: jixiao.TargetText}
}

// foldReplacer maps what NFKC leaves alone.
var foldReplacer = strings.NewReplacer(
	"≧", "≥", "≦", "≤", ">=", "≥", "<=", "≤", "=>", "≥", "=<", "≤",
	"═", "=", "〜", "~", "～", "~", "—", "-", "–", "-", "－", "-", "至", "-",
	"﹪", "%", "（", "(", "）", ")",
)

// fold normalizes a value for parsing: NFKC, known symbol variants, no
// white space.
func fold(s string) string {
	s = norm.NFKC.String(s)
	s = foldReplacer.Replace(s)
	return strings.Join(strings.Fields(s), "")
}

// bracketRE splits "word(detail)" and "word(detail)rest".
var bracketRE = regexp.MustCompile(`^([^()]*)\(([^()]*)\)([^()]*)$`)

// bracketed reads a value with one bracketed part. A bracketed unit,
// ≥40(辆), is read as if unbracketed. A word with a measurable detail,
// 及时(24小时以内), takes the detail's kind and keeps the word as its label;
// otherwise the word's reading gets the bracket as its detail.
func bracketed(s string, year int) (jixiao.Target, bool) {
	m := bracketRE.FindStringSubmatch(s)
	if m == nil {
		return jixiao.Target{}, false
	}
	head, inner, tail := m[1], m[2], m[3]
	if u := unitAt(inner); u == inner && tail == "" {
		if t, ok := measurable(head+inner, year); ok && t.Kind != jixiao.TargetText {
			return t, true
		}
	}
	label, isWord := qualitativeLabel(head)
	if t, ok := measurable(inner, year); ok && t.Kind != jixiao.TargetText && (isWord || head == "") && tail == "" {
		t.Label = label
		if t.Detail == "" && isWord && head != label {
			t.Detail = head
		}
		return t, true
	}
	var t jixiao.Target
	var ok bool
	if t, ok = measurable(head, year); !ok {
		if t, ok = trend(head); !ok {
			t, ok = qualitative(head)
		}
	}
	if !ok {
		return jixiao.Target{}, false
	}
	t.Detail = strings.TrimSpace(inner + tail)
	return t, true
}

// measurable tries the kinds that carry numbers or dates.
func measurable(s string, year int) (jixiao.Target, bool) {
	for _, parse := range []func(string, int) (jixiao.Target, bool){frequency, dates, duration, rangeOf, quantity} {
		if t, ok := parse(s, year); ok {
			return t, true
		}
	}
	return jixiao.Target{}, false
}

func ptr[T any](v T) *T { return &v }

// cnOrDigits matches a count written in digits or Chinese numerals.
const cnOrDigits = `(\d+|[一二两三四五六七八九十]+)`

var (
	// 每月, 按月, 每月1次, 每2周1次, 每季度, 每月一次及以上
	freqEveryRE = regexp.MustCompile(`^(?:每|按)` + cnOrDigits + `?(天|日|周|星期|月|季度|季|半年|年)(?:` + cnOrDigits + `次)?(?:及以上|以上)?$`)
	// 两天一次, 一年两次, 3天1次
	freqNRE = regexp.MustCompile(`^` + cnOrDigits + `(天|日|周|星期|个月|月|年)` + cnOrDigits + `次$`)
)

// periods maps a printed period to (every multiplier, per).
var periods = map[string]struct {
	every int
	per   string
}{
	"天": {1, "day"}, "日": {1, "day"}, "周": {1, "week"}, "星期": {1, "week"},
	"月": {1, "month"}, "个月": {1, "month"}, "季度": {3, "month"}, "季": {3, "month"},
	"半年": {6, "month"}, "年": {1, "year"},
}

func count(s string) int {
	if s == "" {
		return 1
	}
	if n, ok := firstNumber(s); ok && n.start == 0 && n.end == len(s) && n.value >= 1 && n.value < 1e6 {
		return int(n.value)
	}
	return 0
}

func frequency(s string, _ int) (jixiao.Target, bool) {
	var every, times int
	var period string
	if m := freqEveryRE.FindStringSubmatch(s); m != nil {
		every, period, times = count(m[1]), m[2], count(m[3])
	} else if m := freqNRE.FindStringSubmatch(s); m != nil {
		every, period, times = count(m[1]), m[2], count(m[3])
	} else {
		return jixiao.Target{}, false
	}
	p := periods[period]
	if every == 0 || times == 0 {
		return jixiao.Target{}, false
	}
	return jixiao.Target{Kind: jixiao.TargetFrequency, Times: times, Every: every * p.every, Per: p.per}, true
}

var (
	// 7月1日, 11月底, 2023年12月底前, 6月前, 2023年12月前
	deadlineRE = regexp.MustCompile(`^(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日)?(底|末|份)?(?:之前|以前|前完成|前|完成)?$`)
	// 9-10月, 1-12月, 9-10月前完成
	monthSpanRE = regexp.MustCompile(`^(?:(\d{4})年)?(\d{1,2})(?:月)?-(\d{1,2})月(底|末)?(之前|以前|前完成|前)?$`)
	// 2023.07-2024.01, 2023年7月-2024年1月, 202001-202012
	ymSpanRE = regexp.MustCompile(`^(\d{4})[./年]?(\d{2}|\d{1,2}(?:月))-(\d{4})[./年]?(\d{2}|\d{1,2}(?:月))$`)
	// 年底, 年底前, 年内
	yearEndRE = regexp.MustCompile(`^(?:(\d{4})年)?(?:年底|年末)(?:之前|以前|前)?$`)
)

// dates reads deadlines and windows. A value that has the shape of a date
// but cannot be resolved (no year known, an impossible month) is reported as
// read, with kind text, so that no other rule mistakes it for a number.
func dates(s string, year int) (jixiao.Target, bool) {
	t, ok := resolveDate(s, year)
	if !ok && dateShaped(s) {
		return jixiao.Target{Kind: jixiao.TargetText}, true
	}
	return t, ok
}

// dateShaped reports whether s has the shape of a date or a span of months.
func dateShaped(s string) bool {
	switch s {
	case "全年", "全年度", "上半年", "下半年":
		return true
	}
	for _, re := range []*regexp.Regexp{yearEndRE, deadlineRE, monthSpanRE, ymSpanRE} {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func resolveDate(s string, year int) (jixiao.Target, bool) {
	switch s {
	case "全年", "全年度":
		if year == 0 {
			return jixiao.Target{}, false
		}
		return jixiao.Target{Kind: jixiao.TargetWindow, From: isoDate(year, 1, 1), To: isoDate(year, 12, 31)}, true
	case "上半年":
		if year == 0 {
			return jixiao.Target{}, false
		}
		return jixiao.Target{Kind: jixiao.TargetWindow, From: isoDate(year, 1, 1), To: isoDate(year, 6, 30)}, true
	case "下半年":
		if year == 0 {
			return jixiao.Target{}, false
		}
		return jixiao.Target{Kind: jixiao.TargetWindow, From: isoDate(year, 7, 1), To: isoDate(year, 12, 31)}, true
	}
	if m := yearEndRE.FindStringSubmatch(s); m != nil {
		y := yearOr(m[1], year)
		if y == 0 {
			return jixiao.Target{}, false
		}
		return jixiao.Target{Kind: jixiao.TargetDeadline, By: isoDate(y, 12, 31)}, true
	}
	if m := deadlineRE.FindStringSubmatch(s); m != nil {
		y, mo := yearOr(m[1], year), atoi(m[2])
		if y == 0 || mo < 1 || mo > 12 {
			return jixiao.Target{}, false
		}
		day := monthEnd(y, mo)
		if m[3] != "" {
			day = atoi(m[3])
			if day < 1 || day > monthEnd(y, mo) {
				return jixiao.Target{}, false
			}
		}
		return jixiao.Target{Kind: jixiao.TargetDeadline, By: isoDate(y, mo, day)}, true
	}
	if m := monthSpanRE.FindStringSubmatch(s); m != nil {
		y, from, to := yearOr(m[1], year), atoi(m[2]), atoi(m[3])
		if y == 0 || from < 1 || to > 12 || from > to {
			return jixiao.Target{}, false
		}
		if m[5] != "" { // 9-10月前完成: finished by the end of the span
			return jixiao.Target{Kind: jixiao.TargetDeadline, By: isoDate(y, to, monthEnd(y, to))}, true
		}
		return jixiao.Target{Kind: jixiao.TargetWindow, From: isoDate(y, from, 1), To: isoDate(y, to, monthEnd(y, to))}, true
	}
	if m := ymSpanRE.FindStringSubmatch(s); m != nil {
		y1, m1 := atoi(m[1]), atoi(strings.TrimSuffix(m[2], "月"))
		y2, m2 := atoi(m[3]), atoi(strings.TrimSuffix(m[4], "月"))
		if m1 < 1 || m1 > 12 || m2 < 1 || m2 > 12 || y1*12+m1 > y2*12+m2 {
			return jixiao.Target{}, false
		}
		return jixiao.Target{Kind: jixiao.TargetWindow, From: isoDate(y1, m1, 1), To: isoDate(y2, m2, monthEnd(y2, m2))}, true
	}
	return jixiao.Target{}, false
}

var (
	// 当天, 当日, 当天响应, 当天响应维护
	sameDayRE = regexp.MustCompile(`^(当天|当日)`)
	// 24小时内完成, 一月内, ≤7工作日, 1年, 全天24小时, 飞行后24小时内保养
	durationRE = regexp.MustCompile(`(≥|≤|>|<|=|~)?` + `(\d+(?:\.\d+)?|[一二两三四五六七八九十半]+)` + `(分钟|小时|个工作日|工作日|天|日|周|星期|个月|月|季度|年)` + `(以内|之内|内|以上|左右)?`)
)

// duration reads time bounds. A time unit with a number is a duration
// wherever it stands, unless it is part of a date.
func duration(s string, _ int) (jixiao.Target, bool) {
	if m := sameDayRE.FindStringSubmatch(s); m != nil {
		t := jixiao.Target{Kind: jixiao.TargetDuration, Op: "<=", Value: ptr(1.0), Unit: ptr("day")}
		if s != m[1] {
			t.Detail = s
		}
		return t, true
	}
	loc := durationRE.FindStringSubmatchIndex(s)
	if loc == nil {
		return jixiao.Target{}, false
	}
	m := make([]string, len(loc)/2)
	for i := range m {
		if loc[2*i] >= 0 {
			m[i] = s[loc[2*i]:loc[2*i+1]]
		}
	}
	var v float64
	switch n, ok := firstNumber(m[2]); {
	case m[2] == "半":
		v = 0.5
	case ok && n.start == 0 && n.end == len(m[2]):
		v = n.value
	default:
		return jixiao.Target{}, false
	}
	if (m[3] == "月" || m[3] == "日") && m[1] == "" && m[4] == "" {
		return jixiao.Target{}, false // 12月, 1日: a date, not a duration
	}
	unit := strings.TrimPrefix(m[3], "个")
	tu := timeUnits[unit]
	if tu.unit == "" {
		tu = timeUnits[m[3]]
	}
	op := symbolOp(m[1])
	head := s[:loc[0]]
	if m[1] == "" {
		for _, w := range opWordsBefore {
			if strings.HasSuffix(head, w.word) {
				op, head = w.op, strings.TrimSuffix(head, w.word)
				break
			}
		}
	}
	switch m[4] {
	case "以内", "之内", "内":
		op = "<="
	case "以上":
		op = ">="
	case "左右":
		op = "~"
	}
	t := jixiao.Target{Kind: jixiao.TargetDuration, Op: op, Value: ptr(v * tu.scale), Unit: ptr(tu.unit)}
	if rest := head + s[loc[1]:]; rest != "" && rest != "完成" {
		t.Detail = s
		if label, ok := qualitativeLabel(rest); ok {
			t.Label = label
		}
	}
	return t, true
}

// rangeRE matches 80-100人, 3~5天.
var rangeRE = regexp.MustCompile(`^(\d+(?:\.\d+)?)([^\d\-~]*)[-~](\d+(?:\.\d+)?)([^\d\-~]*)$`)

func rangeOf(s string, _ int) (jixiao.Target, bool) {
	m := rangeRE.FindStringSubmatch(s)
	if m == nil || (m[2] != "" && m[2] != m[4]) {
		return jixiao.Target{}, false
	}
	lo, okLo := firstNumber(m[1])
	hi, okHi := firstNumber(m[3])
	if !okLo || !okHi {
		return jixiao.Target{}, false
	}
	unit := m[4]
	if unit != "" && unitAt(unit) != unit {
		return jixiao.Target{}, false
	}
	if lo.value > hi.value {
		return jixiao.Target{}, false
	}
	return jixiao.Target{Kind: jixiao.TargetRange, Min: ptr(lo.value), Max: ptr(hi.value), Unit: ptr(unit)}, true
}

// Comparator words, before and after the number.
var (
	opWordsBefore = []struct{ word, op string }{
		{"大于等于", ">="}, {"大于或等于", ">="}, {"不低于", ">="}, {"不少于", ">="}, {"不小于", ">="},
		{"至少", ">="}, {"达到", ">="}, {"达", ">="},
		{"小于等于", "<="}, {"小于或等于", "<="}, {"不超过", "<="}, {"不高于", "<="}, {"不大于", "<="}, {"不多于", "<="},
		{"控制在", "<="},
		{"大于", ">"}, {"超过", ">"}, {"高于", ">"}, {"多于", ">"},
		{"小于", "<"}, {"低于", "<"}, {"少于", "<"},
		{"大约", "~"}, {"约", "~"}, {"近", "~"}, {"接近", "~"},
	}
	opWordsAfter = []struct{ word, op string }{
		{"及以上", ">="}, {"以上", ">="}, {"或以上", ">="},
		{"及以下", "<="}, {"以下", "<="}, {"以内", "<="}, {"之内", "<="}, {"内", "<="},
		{"左右", "~"}, {"上下", "~"},
	}
)

func symbolOp(sym string) string {
	switch sym {
	case "≥":
		return ">="
	case "≤":
		return "<="
	case ">":
		return ">"
	case "<":
		return "<"
	case "~":
		return "~"
	}
	return "="
}

// quantity reads a number with its comparator and unit, anywhere in the
// value: ≥90%, 约1360件, 满足年均检验检材6000份以上需求, 一台.
func quantity(s string, _ int) (jixiao.Target, bool) {
	n, ok := firstNumber(s)
	if !ok {
		return jixiao.Target{}, false
	}
	before, after := s[:n.start], s[n.end:]
	op := "="
	switch {
	case strings.HasSuffix(before, "≥"), strings.HasSuffix(before, "≤"):
		op = symbolOp(before[len(before)-len("≥"):])
		before = before[:len(before)-len("≥")]
	case strings.HasSuffix(before, ">"), strings.HasSuffix(before, "<"), strings.HasSuffix(before, "="), strings.HasSuffix(before, "~"):
		op = symbolOp(before[len(before)-1:])
		before = before[:len(before)-1]
	default:
		for _, w := range opWordsBefore {
			if strings.HasSuffix(before, w.word) {
				op, before = w.op, strings.TrimSuffix(before, w.word)
				break
			}
		}
	}
	if strings.HasPrefix(after, "余") || strings.HasPrefix(after, "多") {
		op, after = ">", after[len("余"):]
	}
	unit := unitAt(after)
	after = after[len(unit):]
	for _, w := range opWordsAfter {
		if strings.HasPrefix(after, w.word) {
			op, after = w.op, after[len(w.word):]
			break
		}
	}
	if n.chinese {
		// Chinese numerals count only as a whole value with a unit: 一台,
		// 两套 — not 一次性通过验收 or 一级.
		if unit == "" || before != "" || after != "" {
			return jixiao.Target{}, false
		}
	}
	if unit != "" && unit != "%" && unit != "‰" && before == "" && after != "" && utf8.RuneCountInString(after) <= 3 && isHan(after) && !isWord(after) {
		unit, after = unit+after, "" // 500个车位: the counted noun belongs to the unit
	}
	if unit == "" && before == "" && after != "" && utf8.RuneCountInString(after) <= 2 && isHan(after) {
		unit, after = after, "" // a unit not in the list, ending the value
	}
	rest := before + after
	if strings.ContainsAny(rest, "0123456789") {
		return jixiao.Target{}, false // more numbers: which one is the target?
	}
	t := jixiao.Target{Kind: jixiao.TargetQuantity, Op: op, Value: ptr(n.value), Unit: ptr(unit)}
	if rest != "" {
		t.Detail = s
		if label, ok := qualitativeLabel(rest); ok {
			t.Label = label
		}
	}
	return t, true
}

// isWord reports whether s is a word of the vocabulary or a trend word, not
// a counted noun.
func isWord(s string) bool {
	_, ok := qualitativeLabel(s)
	return ok || containsAny(s, increaseWords) || containsAny(s, decreaseWords)
}

func isHan(s string) bool {
	for _, r := range s {
		if !(r >= 0x4E00 && r <= 0x9FFF) {
			return false
		}
	}
	return s != ""
}

// Trend words.
var (
	increaseWords = []string{"提升", "提高", "增加", "增长", "加强", "增强", "促进", "改善", "上升", "优化", "扩大"}
	decreaseWords = []string{"下降", "降低", "减少", "缓解", "减轻", "压缩", "下滑", "压减"}
	stableWords   = []string{"维持", "保持", "持平"}
	yoyWords      = []string{"同比", "较上年", "较去年", "比上年", "比去年", "较往年", "较上一年", "与上年相比"}
)

// maxWordValue is the longest value (in characters) read as a trend or a
// qualitative word; longer ones are sentences.
const maxWordValue = 16

// trend reads a direction: 提升, 同比下降, 较上年度有所提升, 维持.
func trend(s string) (jixiao.Target, bool) {
	if utf8.RuneCountInString(s) > maxWordValue {
		return jixiao.Target{}, false
	}
	t := jixiao.Target{Kind: jixiao.TargetTrend}
	switch {
	case containsAny(s, increaseWords):
		t.Direction = "increase"
	case containsAny(s, decreaseWords):
		t.Direction = "decrease"
	case containsAny(s, stableWords):
		t.Direction = "stable"
	default:
		return jixiao.Target{}, false
	}
	if containsAny(s, yoyWords) {
		t.Basis = "yoy"
	}
	return t, true
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// qualitativeWord is one canonical word of the closed vocabulary and how it
// may be printed. A variant matches a value it equals, starts or ends; with
// anywhere, also one it is inside of.
type qualitativeWord struct {
	label    string
	variants []string
	anywhere bool
}

// vocabulary is tried in order: the first match wins.
var vocabulary = []qualitativeWord{
	{"合格", []string{"一次性通过验收", "一次验收通过", "一次验收合格", "通过验收", "验收合格", "合格"}, true},
	{"执行有效", []string{"执行有效"}, true},
	{"达标", []string{"达标"}, true},
	{"合规", []string{"合规", "合法"}, true},
	{"合理", []string{"合理"}, true},
	{"符合", []string{"符合"}, false},
	{"健全", []string{"健全", "完善"}, true},
	{"及时", []string{"及时", "即时"}, false},
	{"正常", []string{"正常"}, true},
	{"稳定", []string{"稳定"}, true},
	{"良好", []string{"良好"}, true},
	{"规范", []string{"规范"}, false},
	{"安全", []string{"安全"}, false},
	{"保障", []string{"保障"}, false},
	{"应用", []string{"应用"}, false},
	{"有效", []string{"有效"}, false},
	{"覆盖", []string{"覆盖"}, false},
	{"满足", []string{"满足"}, false},
	{"适应", []string{"适应"}, false},
	{"闭环", []string{"闭环"}, false},
	{"实现", []string{"实现"}, false},
	{"完成", []string{"完成"}, false},
	{"全部", []string{"全部"}, false},
	{"无", []string{"无", "杜绝"}, false},
}

// reachedRE matches 达到报废规定, 达到国家标准: a way of writing 达标.
var reachedRE = regexp.MustCompile(`^达到.*(规定|标准|要求)$`)

// qualitativeLabel returns the canonical word a short value speaks of.
func qualitativeLabel(s string) (string, bool) {
	if s == "" || utf8.RuneCountInString(s) > maxWordValue {
		return "", false
	}
	if reachedRE.MatchString(s) {
		return "达标", true
	}
	for _, w := range vocabulary {
		for _, v := range w.variants {
			if s == v || strings.HasPrefix(s, v) || strings.HasSuffix(s, v) || (w.anywhere && strings.Contains(s, v)) {
				if negated(s, v) {
					return "", false // 未完成, 不合格: the word denied
				}
				return w.label, true
			}
		}
	}
	return "", false
}

// negations are what denies the word after them: 未完成, 不合格, 没有实现.
var negations = []string{"未", "不", "没有", "没", "非"}

// negated reports whether the first v in s follows a negation.
func negated(s, v string) bool {
	i := strings.Index(s, v)
	if i <= 0 {
		return false
	}
	for _, n := range negations {
		if strings.HasSuffix(s[:i], n) {
			return true
		}
	}
	return false
}

// qualitative reads a word of the vocabulary; the value, when it says more
// than the word, is its detail.
func qualitative(s string) (jixiao.Target, bool) {
	label, ok := qualitativeLabel(s)
	if !ok {
		return jixiao.Target{}, false
	}
	t := jixiao.Target{Kind: jixiao.TargetQualitative, Label: label}
	if s != label {
		t.Detail = s
	}
	return t, true
}
