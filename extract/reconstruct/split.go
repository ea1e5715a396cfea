package reconstruct

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"jixiao"
)

// joinParts returns the value of a target printed in split columns
// (指标性质, 指标值, 度量单位) and its parts: the three cells joined with no
// separator, glyphs as printed (≧ + 735 + 人次 is ≧735人次), and the parts
// [operator, number, unit] with "" for a blank one, each trimmed. When all
// three are blank the value is "" and the parts nil. It is pure and
// never fails.
func joinParts(op, num, unit string) (string, []string) {
	p := []string{strings.TrimSpace(op), strings.TrimSpace(num), strings.TrimSpace(unit)}
	if p[0] == "" && p[1] == "" && p[2] == "" {
		return "", nil
	}
	return p[0] + p[1] + p[2], p
}

// comparatorGlyphs are the characters a 指标性质 cell prints as an
// operator, ≧ and ═ among them.
const comparatorGlyphs = "≥≤=≧≦═＝><＞＜≈~～"

// comparatorWords are the words printed as an operator.
var comparatorWords = map[string]bool{
	"不低于": true, "不少于": true, "不高于": true, "不超过": true, "大于": true, "小于": true,
	"等于": true, "大于等于": true, "小于等于": true, "约": true, "达到": true,
}

// isOperator reports whether a cell holds an operator and nothing else.
func isOperator(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" {
		return false
	}
	if comparatorWords[t] {
		return true
	}
	return utf8.RuneCountInString(t) <= 3 && strings.Trim(t, comparatorGlyphs) == ""
}

// numberRE is a number as a 指标值 or 分值 cell prints it.
var numberRE = regexp.MustCompile(`^[+-]?[0-9０-９][0-9０-９,，.]*$`)

// points returns the points of a 分值 cell, false when it is no number.
func points(s string) (float64, bool) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "分")
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// maxUnitRunes is the longest unit a 度量单位 cell holds (元/人·月).
const maxUnitRunes = 6

// The scores of a cell in a column (fit).
var fitNo = math.Inf(-1)

const (
	fitStrong = 3
	fitWeak   = 1
	fitAny    = 0.5
)

// fit scores how well text suits column c: operators in an operator
// column, numbers in a number or 分值 column, short words in a unit column,
// 定量/定性 in a hint column; any text in a value or note column.
func fit(c column, text string) float64 {
	op, dir, num := isOperator(text), isDirection(text), numberRE.MatchString(strings.TrimSpace(text))
	switch {
	case c.part == 1 || c.field == jixiao.IndicatorDirection:
		if op || dir {
			return fitStrong
		}
		return fitNo
	case c.part == 2:
		switch {
		case op || dir:
			return fitNo
		case num:
			return fitStrong
		}
		return fitWeak
	case c.part == 3:
		if op || dir || num || utf8.RuneCountInString(text) > maxUnitRunes || strings.ContainsAny(text, "0123456789") {
			return fitNo
		}
		return fitStrong - 1
	case c.field == jixiao.IndicatorWeight:
		if _, ok := points(text); ok {
			return fitStrong - 1
		}
		return fitNo
	case c.field == jixiao.IndicatorStandard:
		if strings.HasSuffix(text, "标准") {
			return fitStrong
		}
		return fitAny / 5
	case c.field == "": // 指标值类型
		if t := strings.TrimSpace(text); t == "定量" || t == "定性" {
			return fitStrong
		}
		return fitNo
	case c.field == jixiao.IndicatorValue:
		if op || dir {
			return fitWeak / 2
		}
		return fitWeak
	}
	return fitAny
}

// maxAssignments bounds the matchings assign tries; a row with more
// (no real grid has them) is matched in order.
const maxAssignments = 5000

// assign matches the cells of a row, in order, to columns, in order: the
// column of each cell, the columns increasing, with the best total fit
// (ties to the earliest columns). A unit counts only beside a number: a
// word alone in the split value is the value (改善), not its unit. A text
// export drops blank cells, so a row may have fewer cells than the grid
// has columns; with more cells, or no matching that fits, the cells go
// to the columns in order, the extra ones to the last column.
func assign(cells []cell, cols []column) []int {
	n, m := len(cells), len(cols)
	where := make([]int, n)
	inOrder := func() []int {
		for i := range where {
			where[i] = min(i, m-1)
		}
		return where
	}
	if n == 0 || m == 0 {
		return where
	}
	if n > m || binomial(m, n) > maxAssignments {
		return inOrder()
	}
	fits := make([][]float64, n)
	for i, c := range cells {
		fits[i] = make([]float64, m)
		for j, col := range cols {
			fits[i][j] = fit(col, c.Text)
		}
	}
	best, bestAt := fitNo, []int(nil)
	cur := make([]int, n)
	var try func(i, from int)
	try = func(i, from int) {
		if i == n {
			if s := rowScore(cells, cols, cur, fits); s > best {
				best, bestAt = s, append([]int(nil), cur...)
			}
			return
		}
		for j := from; j <= m-(n-i); j++ {
			if fits[i][j] == fitNo {
				continue
			}
			cur[i] = j
			try(i+1, j+1)
		}
	}
	try(0, 0)
	if bestAt == nil {
		return inOrder()
	}
	return bestAt
}

// rowScore scores one matching of a row's cells to columns: the sum of
// the cells' fits, a unit not beside a number excluded (fitNo).
func rowScore(cells []cell, cols []column, at []int, fits [][]float64) float64 {
	number, unit := false, false
	sum := 0.0
	for i, j := range at {
		sum += fits[i][j]
		switch cols[j].part {
		case 2:
			number = number || numberRE.MatchString(strings.TrimSpace(cells[i].Text))
		case 3:
			unit = true
		}
	}
	if unit && !number {
		return fitNo
	}
	return sum
}

// binomial returns n choose k, capped above maxAssignments.
func binomial(n, k int) int {
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > maxAssignments {
			return maxAssignments + 1
		}
	}
	return r
}
