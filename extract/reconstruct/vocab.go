package reconstruct

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
)

// label is one printed label of the form family, with what it says.
type label struct {
	text string
	sense
	rs []rune // text without the edge punctuation snapLabel trims
}

// snapGroup is the group of kinds a label is counted in when snapLabels
// breaks a tie by where labels stand: the title and the labels of blocks
// and goals stand anywhere, and count as one.
func snapGroup(k jixiao.LabelKind) jixiao.LabelKind {
	switch k {
	case jixiao.LabelBlock, jixiao.LabelGoal, kindForm:
		return kindTitle
	}
	return k
}

// labels is the closed vocabulary of what forms print outside the cells
// that hold data, as printed (jixiao.Labels): the title and the labels of
// sections and goals (the funds block's with its unit), the header, funds
// and grid labels, and the level names of the indicator tree with their
// known variants (jixiao.LevelNames). An amount printed after 其中： is
// there both ways, the printed way first. Then the labels of the other
// layouts (jixiao.LayoutLabels) and of the self-evaluation and department
// forms (jixiao.SelfEvalLabels, jixiao.DeptLabels), with their variants
// (those of a label printed after 其中： printed after it too):
// their mark is the template they belong to, and a near-miss as near a
// standard label as one of theirs snaps to the standard one (snapLabel).
var labels = func() []label {
	var ls []label
	seen := map[string]bool{}
	add := func(s sense, texts ...string) {
		for _, t := range texts {
			if !seen[t] {
				seen[t] = true
				ls = append(ls, label{text: t, sense: s, rs: []rune(strings.TrimFunc(t, labelEdge))})
			}
		}
	}
	all := allLabels
	add(sense{kind: kindTitle}, jixiao.Title)
	for _, l := range all {
		switch {
		case l.Kind == jixiao.LabelBlock && l.Text == jixiao.LabelFunds:
			for _, u := range []string{jixiao.FundsYuan, jixiao.FundsWanYuan} {
				add(sense{kind: l.Kind}, l.Text+"（"+u+"）")
			}
		case l.Kind == jixiao.LabelBlock, l.Kind == jixiao.LabelGoal:
			add(senseOf(l), l.Text)
		}
	}
	for _, l := range all {
		if l.Kind == jixiao.LabelHeader || l.Kind == jixiao.LabelExtra {
			add(senseOf(l), l.Text)
		}
	}
	for _, l := range all {
		if l.Kind == jixiao.LabelAmount {
			add(senseOf(l), l.Printed(), l.Text)
		}
	}
	for _, l := range all {
		if l.Kind == jixiao.LabelGrid {
			add(senseOf(l), l.Text)
		}
	}
	add(sense{kind: kindLevel}, jixiao.LevelNames()...)
	for _, l := range jixiao.LayoutLabels() {
		s := senseOf(l)
		if l.Kind == jixiao.LabelAmount && l.Among {
			add(s, l.Printed())
		}
		add(s, append([]string{l.Text}, l.Variants...)...)
	}
	among := map[string]bool{} // the texts printed after 其中：
	for _, l := range all {
		if l.Among {
			among[l.Text] = true
		}
	}
	for _, l := range jixiao.SelfEvalLabels() {
		texts := append([]string{l.Text}, l.Variants...)
		s := sense{kind: kindForm, mark: jixiao.TemplateSelfEval}
		if among[l.Text] {
			// its variants are printed after 其中： as it is
			for _, t := range texts {
				add(s, jixiao.Label{Text: t, Among: true}.Printed())
			}
		}
		add(s, texts...)
	}
	for _, l := range jixiao.DeptLabels() {
		add(sense{kind: kindForm, mark: jixiao.TemplateDepartment}, append([]string{l.Text}, l.Variants...)...)
	}
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
// A title of the family (jixiao.IsTitle: 整体绩效目标表 is one edit from
// the goal label 整体绩效目标) snaps to nothing but the title, and a level
// name as printed (jixiao.Level: 服务对象满意度指标等) to nothing. Of labels
// as close, the standard form's are kept over the other
// layouts' and forms' (which print the standard labels too): a text that
// snapped before they were known snaps as it did. exact reports a match
// without edits (punctuation aside). prefer breaks a tie between labels
// of different kinds (nil: no tie is broken).
func snapLabel(text string, prefer func(jixiao.LabelKind) bool) (l *label, exact bool) {
	t := strings.TrimFunc(text, labelEdge)
	if strings.IndexFunc(t, unicode.IsSpace) >= 0 {
		t = strings.Join(strings.Fields(t), "")
	}
	n := utf8.RuneCountInString(t)
	if n < 3 || n > 20 {
		return nil, false
	}
	rs := []rune(t)
	title := jixiao.IsTitle(t)
	level, _ := jixiao.Level(t)
	var cands []*label
	bestD := 99
	for i := range labels {
		lb := &labels[i]
		if string(lb.rs) == t {
			return lb, true
		}
		if title && lb.kind != kindTitle || level > 0 {
			continue // a title or a level name as printed is no near-miss
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
	if standard := standardOnly(cands); len(standard) > 0 {
		cands = standard
	}
	if lost := lostGlyphs(rs, cands); len(lost) > 0 {
		cands = lost
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
		if c.text != cands[0].text && (c.kind != jixiao.LabelAmount || c.field != cands[0].field) {
			return nil, false // ambiguous
		}
	}
	if len(cands) == 0 {
		return nil, false
	}
	return cands[0], false
}

// lostGlyphs returns the labels of cands that hold the text's characters
// in order, bracket widths aside: the text is the label with glyphs lost
// (项目资金(万） is 项目资金（万元） with its 元 cut off, not 项目资金（元）
// misread). Where several labels are as near, OCR more often loses a
// glyph than reads one for another.
func lostGlyphs(rs []rune, cands []*label) []*label {
	fold := func(r rune) rune {
		switch r {
		case '（':
			return '('
		case '）':
			return ')'
		}
		return r
	}
	var out []*label
	for _, c := range cands {
		i := 0
		for _, r := range c.rs {
			if i < len(rs) && fold(rs[i]) == fold(r) {
				i++
			}
		}
		if i == len(rs) {
			out = append(out, c)
		}
	}
	return out
}

// standardOnly returns the labels of cands that are the standard form's
// (no mark).
func standardOnly(cands []*label) []*label {
	var out []*label
	for _, c := range cands {
		if c.mark == "" {
			out = append(out, c)
		}
	}
	return out
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
