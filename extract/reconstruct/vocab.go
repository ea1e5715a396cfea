package reconstruct

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
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

// fundFields maps the fields of the funds block to fundField.
var fundFields = map[string]fundField{
	jixiao.FieldFundsTotal:         fundTotal,
	jixiao.FieldFundsAnnualTotal:   fundAnnualTotal,
	jixiao.FieldFundsFiscal:        fundFiscal,
	jixiao.FieldFundsAppropriation: fundAppropriation,
	jixiao.FieldFundsCarryover:     fundCarryover,
	jixiao.FieldFundsOther:         fundOther,
	jixiao.FieldFundsAnnualOther:   fundOther,
}

// labels is the closed vocabulary of what forms print outside the cells
// that hold data, as printed (jixiao.Labels): the title and the labels of
// sections and goals (the funds block's with its unit), the header, funds
// and grid labels, and the level names of the indicator tree with their
// known variants (jixiao.LevelNames). An amount printed after 其中： is
// there both ways, the printed way first.
var labels = func() []label {
	var ls []label
	seen := map[string]bool{}
	add := func(kind labelKind, fund fundField, texts ...string) {
		for _, t := range texts {
			if !seen[t] {
				seen[t] = true
				ls = append(ls, label{text: t, kind: kind, fund: fund, rs: []rune(t)})
			}
		}
	}
	all := jixiao.Labels()
	add(labelOther, fundNone, jixiao.Title)
	for _, l := range all {
		switch {
		case l.Kind == jixiao.LabelBlock && l.Text == jixiao.LabelFunds:
			for _, u := range []string{jixiao.FundsYuan, jixiao.FundsWanYuan} {
				add(labelOther, fundNone, l.Text+"（"+u+"）")
			}
		case l.Kind == jixiao.LabelBlock, l.Kind == jixiao.LabelGoal:
			add(labelOther, fundNone, l.Text)
		}
	}
	for _, l := range all {
		if l.Kind == jixiao.LabelHeader {
			add(labelHeader, fundNone, l.Text)
		}
	}
	for _, l := range all {
		if l.Kind == jixiao.LabelAmount {
			add(labelAmount, fundFields[l.Field], l.Printed(), l.Text)
		}
	}
	for _, l := range all {
		if l.Kind == jixiao.LabelGrid {
			add(labelGrid, fundNone, l.Text)
		}
	}
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
