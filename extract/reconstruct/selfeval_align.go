package reconstruct

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
)

// Text exports that write only the non-empty cells of a row (between "|",
// or one cell a line) lose the columns of the cells. A row of the grid or
// the budget block is then aligned to the columns of its header by what
// its cells hold: the cells keep their order, a column may be left empty,
// weights and scores are numbers, a rate ends in %, an operator is a
// comparator. Of the alignments that fit, the one leaving the least
// likely columns empty wins (skipCost), the earliest filling on a tie. A
// blank 实际完成值 beside a deviation written 0 is read as a blank
// deviation beside an actual (the likelier reading; the cells cannot
// tell). As a careful reader of a damaged ledger would, the reading is
// kept but not trusted: when the cells also fit with 实际完成值 empty and
// the deviation filled, and what was taken for the actual is a bare
// number (an actual printed with a unit or % is no weight) and that
// reading's score is no more than its weight, the row is
// flagged jixiao.FlagColumnsAmbiguous for review (ambiguousActual).

// skipCost is how unlikely a column is to be empty; -1: never.
var skipCost = map[seCol]int{
	seName: -1, seValue: 3, seOp: 2, seNum: 3, seUnit: 2, seActual: 3, seWeight: 5, seScore: 5, seDeviation: 1,
	seRowLabel: -1, seInitial: 2, seAdjusted: 2, seExecuted: 2, seBWeight: 1, seRate: 1, seBScore: 1, seReason: 1,
}

// fits reports whether text can be the content of a column.
func fits(col seCol, text string) bool {
	switch col {
	case seWeight, seScore, seBWeight, seBScore:
		_, ok := pointsIn(text)
		return ok || isDash(text)
	case seInitial, seAdjusted, seExecuted:
		_, ok := plainAmount(text)
		return ok || isDash(text)
	case seRate:
		return strings.HasSuffix(strings.TrimSpace(text), "%") || isDash(text)
	case seOp:
		return isOperatorCell(text)
	case seUnit:
		return utf8.RuneCountInString(text) <= 4 && strings.IndexFunc(text, unicode.IsDigit) < 0
	}
	return true
}

// align returns the column of each of texts among cols, in order, and
// false when no alignment fits. It is a dynamic programme over (cell,
// column): O(len(texts)·len(cols)).
func align(texts []string, cols []seCol) ([]seCol, bool) {
	const inf = math.MaxInt / 2
	n, m := len(texts), len(cols)
	// cost[i][j]: the least cost of aligning texts[i:] to cols[j:]
	cost := make([][]int, n+1)
	for i := range cost {
		cost[i] = make([]int, m+1)
	}
	for j := m; j >= 0; j-- {
		for i := n; i >= 0; i-- {
			c := inf
			switch {
			case i == n && j == m:
				c = 0
			case j == m:
			default:
				if i < n && fits(cols[j], texts[i]) {
					c = cost[i+1][j+1]
				}
				if k := skipCost[cols[j]]; k >= 0 && cost[i][j+1] < inf {
					c = min(c, cost[i][j+1]+k)
				}
			}
			cost[i][j] = c
		}
	}
	if cost[0][0] >= inf {
		return nil, false
	}
	out := make([]seCol, 0, n)
	for i, j := 0, 0; i < n; j++ {
		// fill the column when that is no dearer than leaving it empty
		if fits(cols[j], texts[i]) && cost[i+1][j+1] == cost[i][j] {
			out = append(out, cols[j])
			i++
		}
	}
	return out, true
}

// ambiguousActual reports whether texts, aligned to cols among order,
// would also fit with the actual column empty and the deviation filled,
// the cell taken for the actual being a bare number and the other
// reading's score no more than its weight.
func ambiguousActual(texts []string, cols, order []seCol) bool {
	i := slices.Index(cols, seActual)
	if i < 0 || slices.Contains(cols, seDeviation) || !slices.Contains(order, seDeviation) {
		return false
	}
	if _, ok := number(texts[i]); !ok {
		return false
	}
	alt, ok := align(texts, slices.DeleteFunc(slices.Clone(order), func(c seCol) bool { return c == seActual }))
	if !ok || !slices.Contains(alt, seDeviation) {
		return false
	}
	// a score above its weight is no reading of a form
	w, s := slices.Index(alt, seWeight), slices.Index(alt, seScore)
	if w >= 0 && s >= 0 {
		wv, ok1 := pointsIn(texts[w])
		sv, ok2 := pointsIn(texts[s])
		if ok1 && ok2 && sv > wv {
			return false
		}
	}
	return true
}

// dashes are what a form prints in a cell with nothing to say, and 一,
// which OCR reads for a — printed alone (PP-OCR, measured on clean renders
// of the self-evaluation goldens, TestFamilyScans in cmd/genscan): a 一
// alone is no actual value, weight, score or reason.
var dashes = []string{"—", "——", "-", "--", "－", "/", "／", "―", "–", "一"}

// isDash reports whether a cell says nothing: blank, or a dash.
func isDash(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" {
		return true
	}
	for _, d := range dashes {
		if t == d {
			return true
		}
	}
	return false
}

// operators are what a 指标性质 column prints: comparators (the glyphs
// as printed, ≧ and ═ among them) and the words of a direction (higher
// or lower is better).
var operators = []string{"≥", "≤", "=", "＝", "═", ">", "<", "＞", "＜", "≧", "≦", ">=", "<=", "≈", "~", jixiao.DirectionPositive, jixiao.DirectionNegative}

func isOperatorCell(s string) bool {
	t := strings.TrimSpace(s)
	for _, o := range operators {
		if t == o {
			return true
		}
	}
	return false
}

// number parses a decimal number with optional thousands separators;
// false for anything else.
func number(s string) (float64, bool) {
	t := strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	if t == "" || len(t) > 32 || strings.Trim(t, "+-.0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	return n, true
}

// pointsIn parses a weight or score: a number, optionally followed by 分.
func pointsIn(s string) (float64, bool) {
	return number(strings.TrimSuffix(strings.TrimSpace(s), "分"))
}

// plainAmount parses an amount without its unit (250, 1,800.00, 250万).
func plainAmount(s string) (string, bool) {
	a, _ := cutAmountUnit(strings.TrimSpace(s))
	a = strings.ReplaceAll(strings.TrimSpace(a), ",", "")
	if _, ok := number(a); !ok {
		return "", false
	}
	return a, true
}

// yuan returns an amount of the budget block in 元: the printed decimals
// shifted (250.5 万元 is exactly 2505000), the unit written in the cell
// (250万) before the block's (jixiao.FundsWanYuan or FundsYuan, "" for 元).
func yuan(s, blockUnit string) (float64, bool) {
	a, ok := plainAmount(s)
	if !ok {
		return 0, false
	}
	_, u := cutAmountUnit(strings.TrimSpace(s))
	wan := strings.HasPrefix(u, "万") || u == "" && blockUnit == jixiao.FundsWanYuan
	if wan {
		neg := strings.HasPrefix(a, "-")
		a = strings.TrimPrefix(a, "-")
		whole, frac, _ := strings.Cut(a, ".")
		frac += "0000"
		a = whole + frac[:4] + "." + frac[4:]
		if neg {
			a = "-" + a
		}
	}
	return number(strings.TrimSuffix(a, "."))
}

// rate parses an execution rate: 86% or 86.5% as 86 and 86.5; a number
// without % as printed.
func rate(s string) (float64, bool) {
	return number(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "%"), "％"))
}
