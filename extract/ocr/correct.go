package ocr

import (
	"math"

	"jixiao/normalize"
)

// LowConfidence is the confidence under which a cell should be reviewed:
// callers flag a field read from such a cell low_confidence. Correct sets a
// repaired cell whose repair the form's grammar does not make certain, and
// an amount that fails the funds identities, below it.
const LowConfidence = 0.80

// Confidences Correct gives.
const (
	// labelConf is given to a cell that is (or was snapped to) a label of
	// the closed vocabulary: its text is no longer in doubt.
	labelConf = 0.95
	// checkedConf is given to amounts the funds identities confirm.
	checkedConf = 0.95
	// doubtConf caps a repaired cell the grammar does not make certain.
	doubtConf = LowConfidence - 0.1
)

// Correct repairs the cells of one page's rows with what the form's
// grammar makes certain, and lowers the confidence of what stays in doubt
// (see LowConfidence). It changes rows in place and returns them; it never
// fails and is idempotent.
//
//   - Labels (title, header, funds, goal and grid labels, level names) are a
//     closed vocabulary: a cell within one edit of exactly one label (two
//     for labels of seven characters or more), edge punctuation aside,
//     becomes that label.
//   - The cell after a funds label is an amount: letters read for digits
//     (O → 0, l → 1), full-width commas and stray spaces are repaired; the
//     funds identities (项目资金总额 = 财政资金 + 其他资金, 年度资金申请总额 =
//     当年财政拨款 + 上年结转资金 + 其他资金) confirm the amounts of the page
//     or put all of them in doubt.
func Correct(rows []Row) []Row {
	// Where labels of each kind stand on this page breaks ties: 轩效指标 is
	// as near 时效指标 as 绩效指标, but level names stand in their own
	// columns.
	type place struct {
		kind labelKind
		col  int
	}
	seen := map[place]bool{}
	for _, r := range rows {
		for _, c := range r.Cells {
			if l, exact := snapLabel(c.Text, nil); exact {
				seen[place{l.kind, c.Col / colTol}] = true
			}
		}
	}
	for ri := range rows {
		for ci := range rows[ri].Cells {
			c := &rows[ri].Cells[ci]
			prefer := func(k labelKind) bool {
				q := c.Col / colTol
				return seen[place{k, q}] || seen[place{k, q - 1}] || seen[place{k, q + 1}]
			}
			if l, exact := snapLabel(c.Text, prefer); l != nil {
				if !exact || c.Text != l.text {
					c.Text = l.text
				}
				c.Confidence = math.Max(c.Confidence, labelConf)
			}
		}
	}
	correctAmounts(rows)
	return rows
}

// colTol is how far apart (pixels) two cells count as in one column.
const colTol = 12

// amountCell is an amount found on a page: the cell and its field.
type amountCell struct {
	c     *Cell
	field fundField
	value float64
	ok    bool
}

// correctAmounts repairs the cells that follow funds labels and checks the
// funds identities with them.
func correctAmounts(rows []Row) {
	var found []amountCell
	others := 0
	for ri := range rows {
		cells := rows[ri].Cells
		for ci := 0; ci+1 < len(cells); ci++ {
			l, _ := snapLabel(cells[ci].Text, nil)
			if l == nil || l.kind != labelAmount {
				continue
			}
			field := l.fund
			if field == fundOther {
				others++
				if others > 2 {
					continue
				}
			}
			next := &cells[ci+1]
			if nl, _ := snapLabel(next.Text, nil); nl != nil {
				continue // a blank amount: the next label follows
			}
			fixed, ok := fixAmount(next.Text)
			if fixed != next.Text {
				next.Text = fixed
				next.Confidence = math.Min(next.Confidence, doubtConf)
			}
			a := amountCell{c: next, field: field, ok: ok}
			if field == fundOther && others == 2 {
				a.field = fundOther + 1 // the annual 其他资金
			}
			if ok {
				a.value, _ = normalize.Amount(fixed)
			} else {
				next.Confidence = math.Min(next.Confidence, doubtConf)
			}
			found = append(found, a)
		}
	}
	checkFunds(found)
}

// checkFunds confirms the amounts of the two funds identities when they
// hold, and puts them in doubt when they do not. An identity with a term
// missing or unreadable confirms nothing.
func checkFunds(found []amountCell) {
	byField := map[fundField]*amountCell{}
	for i := range found {
		if _, dup := byField[found[i].field]; !dup {
			byField[found[i].field] = &found[i]
		}
	}
	for _, id := range [][]fundField{
		{fundTotal, fundFiscal, fundOther},
		{fundAnnualTotal, fundAppropriation, fundCarryover, fundOther + 1},
	} {
		terms := make([]*amountCell, len(id))
		complete := true
		for i, f := range id {
			terms[i] = byField[f]
			if terms[i] == nil || !terms[i].ok {
				complete = false
			}
		}
		if !complete {
			for _, t := range terms {
				if t != nil {
					t.c.Confidence = math.Min(t.c.Confidence, doubtConf)
				}
			}
			continue
		}
		sum := 0.0
		for _, t := range terms[1:] {
			sum += t.value
		}
		holds := math.Abs(terms[0].value-sum) < 0.005
		for _, t := range terms {
			if holds {
				t.c.Confidence = math.Max(t.c.Confidence, checkedConf)
			} else {
				t.c.Confidence = math.Min(t.c.Confidence, doubtConf)
			}
		}
	}
}
