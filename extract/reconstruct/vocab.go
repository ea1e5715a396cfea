package reconstruct

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
	"jixiao/extract/table"
)

// labelKind says what a label of the form introduces.
type labelKind int

const (
	labelOther  labelKind = iota // the title and the labels of sections
	labelHeader                  // a header field: its value follows in the row
	labelAmount                  // a funds field: an amount follows in the row
	labelGrid                    // the grid's header row
	labelLevel                   // an indicator level name (level-1 or level-2)
)

// label is one printed label of the form family.
type label struct {
	text string
	kind labelKind
	fund fundField // for labelAmount
	rs   []rune
}

// fundField names the seven amounts of the funds block.
type fundField int

const (
	fundNone fundField = iota
	fundTotal
	fundAnnualTotal
	fundFiscal
	fundAppropriation
	fundCarryover
	fundOther // 其他资金: the first is under the total, the second under the annual total
)

// labels is the closed vocabulary of what forms print outside the cells
// that hold data, as printed: the title, header, funds, goal and grid
// labels, and the level names of the indicator tree with their known
// variants (jixiao.LevelNames).
var labels = func() []label {
	var ls []label
	add := func(kind labelKind, fund fundField, texts ...string) {
		for _, t := range texts {
			ls = append(ls, label{text: t, kind: kind, fund: fund, rs: []rune(t)})
		}
	}
	add(labelOther, fundNone, table.Title, "项目资金（元）", "项目资金（万元）", "项目绩效目标", "项目总目标", "年度总体目标", "绩效指标")
	add(labelHeader, fundNone, "项目名称", "项目性质", "项目类别", "主管部门", "实施单位", "计划开始日期", "计划完成日期")
	add(labelAmount, fundTotal, "项目资金总额")
	add(labelAmount, fundAnnualTotal, "年度资金申请总额")
	add(labelAmount, fundFiscal, "其中：财政资金", "财政资金")
	add(labelAmount, fundAppropriation, "其中：当年财政拨款", "当年财政拨款")
	add(labelAmount, fundCarryover, "上年结转资金")
	add(labelAmount, fundOther, "其他资金")
	add(labelGrid, fundNone, "一级指标", "二级指标", "三级指标", "年度指标值")
	add(labelLevel, fundNone, jixiao.LevelNames()...)
	return ls
}()

// labelEdge is what OCR adds around a label: punctuation read from specks
// and ruling-line remains.
func labelEdge(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || strings.ContainsRune("|_-—~`'\"", r)
}

// snapLabel returns the label a cell's text is a near-miss of: the text
// with edge punctuation trimmed is within one edit of the label (two for a
// label of seven characters or more), no label of another kind is as close,
// and the text is not shorter than the label by more than one character.
// exact reports a match without edits (punctuation aside). prefer breaks a
// tie between labels of different kinds (nil: no tie is broken).
func snapLabel(text string, prefer func(labelKind) bool) (l *label, exact bool) {
	t := strings.TrimFunc(text, labelEdge)
	if strings.IndexFunc(t, unicode.IsSpace) >= 0 {
		t = strings.Join(strings.Fields(t), "")
	}
	n := utf8.RuneCountInString(t)
	if n < 3 || n > 20 {
		return nil, false
	}
	rs := []rune(t)
	var cands []*label
	bestD := 99
	for i := range labels {
		lb := &labels[i]
		if string(lb.rs) == t {
			return lb, true
		}
		allowed := 1
		if len(lb.rs) >= 7 {
			allowed = 2
		}
		if n < len(lb.rs)-1 || n > len(lb.rs)+allowed {
			continue
		}
		d := editDistance(rs, lb.rs, allowed)
		switch {
		case d > allowed || d > bestD:
		case d < bestD:
			cands, bestD = []*label{lb}, d
		default:
			cands = append(cands, lb)
		}
	}
	if len(cands) == 0 {
		return nil, false
	}
	if len(cands) > 1 && prefer != nil {
		var kept []*label
		for _, c := range cands {
			if prefer(c.kind) {
				kept = append(kept, c)
			}
		}
		cands = kept
	}
	for _, c := range cands[min(1, len(cands)):] {
		if c.text != cands[0].text && (c.kind != labelAmount || c.fund != cands[0].fund) {
			return nil, false // ambiguous
		}
	}
	if len(cands) == 0 {
		return nil, false
	}
	return cands[0], false
}

// editDistance returns the Levenshtein distance between a and b, or
// limit+1 as soon as it is certain to exceed limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Label returns the label of the form's closed vocabulary that text is a
// near-miss of (see RepairPage), and whether there is one. It is what the
// OCR reader takes for Options.Vocabulary. Safe for concurrent use.
func Label(text string) (string, bool) {
	if l, _ := snapLabel(text, nil); l != nil {
		return l.text, true
	}
	return "", false
}
