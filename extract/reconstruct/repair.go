package reconstruct

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
	"jixiao/extract/table"
)

// Confidences RepairPage gives.
const (
	// labelConf is given to a cell that is (or was snapped to) a label of
	// the closed vocabulary: its text is no longer in doubt.
	labelConf = 0.95
	// checkedConf is given to amounts the funds identities confirm.
	checkedConf = 0.95
	// doubtConf caps a repaired cell the grammar does not make certain.
	doubtConf = jixiao.LowConfidence - 0.1
)

// RepairPage repairs the cells of one page read by OCR with what the
// form's grammar makes certain, and lowers below jixiao.LowConfidence the
// confidence of what stays in doubt. rows are one page's, top to bottom,
// Col in pixels. It changes rows in place and returns what is left of
// them (a row joined to another is dropped); it never fails and is
// idempotent.
//
//   - A cell cut from the top of its row by a rule found where there is
//     none rejoins its row (joinCutCells).
//   - A level name that wrapped inside its merged cell and was read as two
//     rows is joined (joinWrappedLabels), and so is a cell of closing
//     brackets alone to the text above it (joinClosingTails).
//   - Labels (title, header, funds, goal and grid labels, level names) are a
//     closed vocabulary: a cell within one edit of exactly one label (two
//     for labels of seven characters or more), edge punctuation aside,
//     becomes that label.
//   - The cell after a funds label is an amount: letters read for digits
//     (O → 0, l → 1), full-width commas and stray spaces are repaired; the
//     funds identities (项目资金总额 = 财政资金 + 其他资金, 年度资金申请总额 =
//     当年财政拨款 + 上年结转资金 + 其他资金) confirm the amounts of the page
//     or put all of them in doubt.
//   - The last cell of an indicator row is its value: a percentage the
//     grammar forbids (above 100 for a rate or a satisfaction) or a
//     satisfaction target with a misread comparator is repaired, and a
//     lone round glyph is 0, in doubt (see correctValue).
//   - 兀 after a number is 元 (yuanAfterNumber).
//   - A cell of a strict comparator alone (> or <, the 指标性质 of a split
//     target) is ≥ or ≤, in doubt (loneStrict).
func RepairPage(rows []table.Row) []table.Row {
	rows = joinCutCells(rows)
	rows = joinWrappedLabels(rows)
	joinClosingTails(rows)
	if !without["labels"] {
		snapLabels(rows)
	}
	for ri := range rows {
		for ci := range rows[ri].Cells {
			c := &rows[ri].Cells[ci]
			c.Text = yuanAfterNumber(pairBrackets(c.Text))
			if !without["strict"] {
				loneStrict(c)
			}
		}
	}
	if !without["amounts"] {
		correctAmounts(rows)
	}
	values, names := gridValues(rows)
	for i, c := range values {
		correctValue(c, names[i])
	}
	return rows
}

// snapLabels snaps near-misses to labels: first those near exactly one
// label, then, until nothing changes, those near several, the tie broken
// by where labels of each kind stand on the page (轩效指标 is as near
// 时效指标 as 绩效指标, but level names stand in their own columns).
func snapLabels(rows []table.Row) {
	type place struct {
		kind jixiao.LabelKind
		col  int
	}
	snap := func(prefer func(*table.Cell) func(jixiao.LabelKind) bool) bool {
		changed := false
		for ri := range rows {
			for ci := range rows[ri].Cells {
				c := &rows[ri].Cells[ci]
				var pf func(jixiao.LabelKind) bool
				if prefer != nil {
					pf = prefer(c)
				}
				if l, _ := snapLabel(c.Text, pf); l != nil {
					changed = changed || c.Text != l.text
					c.Text = l.text
					c.Confidence = math.Max(c.Confidence, labelConf)
				}
			}
		}
		return changed
	}
	snap(nil)
	for range rows {
		seen := map[place]bool{}
		for _, r := range rows {
			for _, c := range r.Cells {
				if l, exact := snapLabel(c.Text, nil); exact {
					seen[place{snapGroup(l.kind), c.Col / colTol}] = true
				}
			}
		}
		if !snap(func(c *table.Cell) func(jixiao.LabelKind) bool {
			return func(k jixiao.LabelKind) bool {
				k, q := snapGroup(k), c.Col/colTol
				return seen[place{k, q}] || seen[place{k, q - 1}] || seen[place{k, q + 1}]
			}
		}) {
			return
		}
	}
}

// colTol is how far apart (pixels) two cells count as in one column.
const colTol = 12

// amountCell is an amount found on a page: the cell and its field.
type amountCell struct {
	c     *table.Cell
	field string // the jixiao.Field path of the amount
	cents int64
	ok    bool
}

// correctAmounts repairs the cells that follow funds labels and checks the
// funds identities with them.
func correctAmounts(rows []table.Row) {
	var found []amountCell
	shared := map[string]int{} // amounts seen of each label printed for two fields
	printed := map[string]bool{}
	for ri := range rows {
		cells := rows[ri].Cells
		for ci := 0; ci+1 < len(cells); ci++ {
			l, _ := snapLabel(cells[ci].Text, nil)
			if l == nil || l.kind != jixiao.LabelAmount {
				continue
			}
			field := l.field
			printed[field] = true
			if fs := sharedFields[key(l.text)]; fs != nil {
				// the first under the total, the second under the annual total
				i := shared[key(l.text)]
				shared[key(l.text)]++
				if i >= len(fs) {
					continue
				}
				field = fs[i]
			}
			next := &cells[ci+1]
			if nl, _ := snapLabel(next.Text, nil); nl != nil {
				continue // a blank amount: the next label follows
			}
			num, unit := cutAmountUnit(next.Text)
			fixed, ok := fixAmount(num)
			fixed += unit
			if fixed != next.Text {
				next.Text = fixed
				next.Confidence = math.Min(next.Confidence, doubtConf)
			}
			a := amountCell{c: next, field: field, ok: ok}
			if ok {
				a.cents, _ = cents(strings.TrimSuffix(fixed, unit))
				if strings.HasPrefix(unit, "万") { // compare 250万 with 2,500,000 (bare cells of a 万元 block agree among themselves)
					if a.cents > math.MaxInt64/10000 {
						a.ok = false
					}
					a.cents *= 10000
				}
			} else {
				next.Confidence = math.Min(next.Confidence, doubtConf)
			}
			found = append(found, a)
		}
	}
	checkFunds(found, printed[jixiao.FieldFundsCarryover])
}

// checkFunds confirms the amounts of the two funds identities when they
// hold, and puts them in doubt when they do not. An identity with a term
// missing or unreadable confirms nothing; on a page without a
// 上年结转资金 label (the 88号 form's layout) the annual identity has no
// such term.
func checkFunds(found []amountCell, carryover bool) {
	byField := map[string]*amountCell{}
	for i := range found {
		if _, dup := byField[found[i].field]; !dup {
			byField[found[i].field] = &found[i]
		}
	}
	for _, id := range [][]string{
		{jixiao.FieldFundsTotal, jixiao.FieldFundsFiscal, jixiao.FieldFundsOther},
		{jixiao.FieldFundsAnnualTotal, jixiao.FieldFundsAppropriation, jixiao.FieldFundsCarryover, jixiao.FieldFundsAnnualOther},
	} {
		terms := make([]*amountCell, 0, len(id))
		complete := true
		for _, f := range id {
			t := byField[f]
			if t == nil && f == jixiao.FieldFundsCarryover && !carryover {
				continue // a layout without 上年结转资金 (the 88号 form's)
			}
			if t == nil || !t.ok {
				complete = false
			}
			terms = append(terms, t)
		}
		if !complete {
			for _, t := range terms {
				if t != nil {
					t.c.Confidence = math.Min(t.c.Confidence, doubtConf)
				}
			}
			continue
		}
		var sum int64
		for _, t := range terms[1:] {
			sum += t.cents
		}
		holds := terms[0].cents == sum
		for _, t := range terms {
			if holds {
				t.c.Confidence = math.Max(t.c.Confidence, checkedConf)
			} else {
				t.c.Confidence = math.Min(t.c.Confidence, doubtConf)
			}
		}
	}
}

// gridValues returns the value cells of the page's indicator rows, with
// the name printed before each: the last of two or more cells that are no
// label, in rows after the grid's header row or a level label (on a page
// without header or funds labels, a continued grid, in every row).
func gridValues(rows []table.Row) (values []*table.Cell, names []string) {
	grid := gridRows(rows)
	for ri := range rows {
		var content []int
		for ci, c := range rows[ri].Cells {
			if l, _ := snapLabel(c.Text, nil); l == nil {
				content = append(content, ci)
			}
		}
		if !grid[ri] || len(content) < 2 {
			continue
		}
		var name strings.Builder
		for _, ci := range content[:len(content)-1] {
			name.WriteString(rows[ri].Cells[ci].Text)
		}
		values = append(values, &rows[ri].Cells[content[len(content)-1]])
		names = append(names, name.String())
	}
	return values, names
}

// gridRows reports for each row of a page whether it is in the indicator
// grid: at or after the grid's header row or a level label, or, on a page
// without header or funds labels (a continued grid), every row.
func gridRows(rows []table.Row) []bool {
	in := true
	for _, r := range rows {
		for _, c := range r.Cells {
			if l, _ := snapLabel(c.Text, nil); l != nil && (l.kind == jixiao.LabelHeader || l.kind == jixiao.LabelAmount) {
				in = false
			}
		}
	}
	out := make([]bool, len(rows))
	for ri, r := range rows {
		for _, c := range r.Cells {
			if l, _ := snapLabel(c.Text, nil); l != nil && (l.kind == jixiao.LabelGrid || l.kind == kindLevel) {
				in = true
			}
		}
		out[ri] = in
	}
	return out
}

var (
	// a percentage whose % was read as 9% (≥909% for ≥90%)
	pctNine = regexp.MustCompile(`^([≥≤><=]?)(\d{1,3})9%$`)
	// a percentage whose ≥ was read as 2 (290% for ≥90%)
	pctTwo = regexp.MustCompile(`^2(\d{1,3})%$`)
	// a percentage whose % was read as 96 (≥9096 for ≥90%)
	pctNinetySix = regexp.MustCompile(`^([≥≤><=]?)(\d{1,3})96$`)
	// 0% with its % misread: 09%, 096, 09%6
	pctZero = regexp.MustCompile(`^([≥≤><=]?)0(9%|96|9%6)$`)
	// a comparator misread as a character before a percentage
	pctJunk = regexp.MustCompile(`^[三二=2]\s*(\d{1,3}%)$`)
)

// correctValue repairs a value read for an indicator named name, where
// the grammar makes the repair certain: 09%, 096 are 0% (no number has a
// leading zero); a percentage above 100 is
// impossible for a rate (率) or a satisfaction (满意度), so 909% is 90% with
// its % misread and 290% is ≥90%; a satisfaction target read as 三90% or
// =90% is ≥90% (nobody promises at most, or exactly, 90% satisfied);
// a dash before a character is 一 (-次性 is 一次性), in doubt.
// A repair for a rate that is not a satisfaction is put in doubt.
func correctValue(c *table.Cell, name string) {
	satisfaction := strings.Contains(name, "满意")
	rate := satisfaction || strings.HasSuffix(name, "率")
	v := strings.Join(strings.Fields(c.Text), "")
	fixed, doubt := "", !satisfaction
	switch {
	case utf8.RuneCountInString(v) == 1 && strings.Contains(roundGlyphs, v) && !without["zero"]:
		// a value of one round glyph is the digit 0 (发生数 0), which the
		// recognisers read as a letter, a circle or a full stop
		fixed, doubt = "0", true
	case leadingBar(v) && !without["bar"]:
		// no value starts with a dash before a character: it is the
		// bar of 一 (一次性通过验收), printed shorter in some faces
		_, n := utf8.DecodeRuneInString(v)
		fixed, doubt = "一"+v[n:], true
	case without["percent"]:
	case pctZero.MatchString(v):
		// no number is written with a leading zero: the % was misread
		fixed = pctZero.FindStringSubmatch(v)[1] + "0%"
	case !rate:
	case pctJunk.MatchString(v) && satisfaction && !without["comparator"]:
		fixed = "≥" + pctJunk.FindStringSubmatch(v)[1]
		if v[0] == '=' {
			doubt = true // = is printed, if seldom
		}
	case pctNine.MatchString(v) && overHundred(v[:len(v)-1]):
		m := pctNine.FindStringSubmatch(v)
		if atMostHundred(m[2]) {
			fixed = m[1] + m[2] + "%"
		}
	case pctTwo.MatchString(v):
		if m := pctTwo.FindStringSubmatch(v); atMostHundred(m[1]) {
			fixed = "≥" + m[1] + "%"
		}
	case pctNinetySix.MatchString(v) && overHundred(v):
		if m := pctNinetySix.FindStringSubmatch(v); atMostHundred(m[2]) {
			fixed = m[1] + m[2] + "%"
		}
	}
	if fixed == "" || fixed == c.Text {
		return
	}
	c.Text = fixed
	if doubt {
		c.Confidence = math.Min(c.Confidence, doubtConf)
	}
}

// loneStrict makes a cell that holds a strict comparator alone (>, <,
// ＞, ＜) the comparator with its bar, ≥ or ≤, below jixiao.LowConfidence.
// The serif and Kai faces print ≥ as ⩾, its bar slanted and touching the
// chevron, and PP-OCR reads it as >, with no less confidence than it reads
// a real > (measured on the tuning faces sungti, notoserif and kaitim,
// clean300 and scan200, of TestFamilyScans in cmd/genscan: every lone >
// and < of the split targets was ≥ or ≤); a 指标性质 column prints ≥ and ≤
// far more often than > and <. A real > is then ≥, flagged for review.
func loneStrict(c *table.Cell) {
	var fixed string
	switch strings.TrimSpace(c.Text) {
	case ">", "＞":
		fixed = "≥"
	case "<", "＜":
		fixed = "≤"
	default:
		return
	}
	c.Text = fixed
	c.Confidence = math.Min(c.Certainty(), doubtConf)
}

// leadingBar reports whether v starts with a dash or low line followed by a
// Chinese character.
func leadingBar(v string) bool {
	r, n := utf8.DecodeRuneInString(v)
	if !strings.ContainsRune("-－—_", r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(v[n:])
	return unicode.Is(unicode.Han, next)
}

// roundGlyphs are what a lone 0 in a value cell is read as.
const roundGlyphs = "OoDQ口○〇。°"

// pairBrackets makes a closing bracket as wide as the opening one it
// closes (the width of the opening one is read from the gap before it; a
// closing one on a wrapped line has no such clue).
func pairBrackets(s string) string {
	if !strings.ContainsAny(s, "()（）") {
		return s
	}
	rs := []rune(s)
	open := rune(0)
	for i, c := range rs {
		switch c {
		case '(', '（':
			open = c
		case ')', '）':
			switch open {
			case '(':
				rs[i] = ')'
			case '（':
				rs[i] = '）'
			}
			open = 0
		}
	}
	return string(rs)
}

// overHundred reports whether the digits of s (a comparator aside) make a
// number above 100.
func overHundred(s string) bool {
	n, err := strconv.Atoi(strings.TrimLeft(s, "≥≤><="))
	return err == nil && n > 100
}

func atMostHundred(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n <= 100
}

// without holds the repairs turned off by JIXIAO_REPAIR_WITHOUT
// (comma-separated), to measure what each is worth: labels (snapping),
// amounts (repair and identities), percent (percentages the grammar
// forbids), comparator (a satisfaction target's misread ≥), zero (a lone
// round glyph read for 0), bar (a leading dash before a character), yuan
// (兀 after a number).
var without = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range strings.Split(os.Getenv("JIXIAO_REPAIR_WITHOUT"), ",") {
		m[strings.TrimSpace(s)] = true
	}
	return m
}()
