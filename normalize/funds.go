package normalize

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"jixiao"
)

// Funds are stored in 元. A cell is in the unit written after its number
// (250万, 250万元, 250元), else in the block's unit (Form.FundsUnit, read
// from 项目资金（万元） or 单位：万元), else in 元. Amounts in 万元 are scaled
// by 10⁴ on their printed decimals (180.00万元 is exactly 1800000), never by
// a floating-point multiplication.
//
// When the form does not say (FundsUnit ""), the amounts are taken as 元,
// and the block is flagged funds_unit_unknown (field "funds_unit") when
//
//   - some amounts carry a unit and others (not 0) do not: 250万 beside 100;
//   - no amount carries a unit and they look like 万元: every amount is
//     below 10,000 (a project of less than 1万元 is implausible on these
//     forms, while 250 or 43.2 is typical of 万元), or an amount has more
//     than two decimals (元 amounts stop at 分; 万元 ones are printed 43.2150).
//
// When every amount that is not 0 carries the same unit, that unit is the
// block's: FundsUnit is set to it. Amounts of 0 say nothing either way. A
// unit the form declares is not second-guessed.
const implausibleYuan = 10000

// fundsCell is one cell of the funds block with where it goes.
type fundsCell struct {
	field string
	raw   *string
	dst   **float64
}

func (v *validator) funds() {
	raw, out := &v.f.FundsRaw, &v.f.Funds
	cells := []fundsCell{
		{jixiao.FieldFundsTotal, raw.Total, &out.Total},
		{jixiao.FieldFundsAnnualTotal, raw.AnnualTotal, &out.AnnualTotal},
		{jixiao.FieldFundsFiscal, raw.Fiscal, &out.Fiscal},
		{jixiao.FieldFundsAppropriation, raw.Appropriation, &out.Appropriation},
		{jixiao.FieldFundsCarryover, raw.Carryover, &out.Carryover},
		{jixiao.FieldFundsOther, raw.Other, &out.Other},
		{jixiao.FieldFundsAnnualOther, raw.AnnualOther, &out.AnnualOther},
	}
	v.fundsUnit(cells)
	for _, a := range cells {
		*a.dst = nil
		if a.raw == nil {
			if printsAmount(v.f, a.field) {
				v.flag(jixiao.FlagAmountMissing, a.field, "the amount is blank")
			}
			continue
		}
		n, _, ok := Yuan(*a.raw, v.f.FundsUnit)
		if !ok {
			v.flag(jixiao.FlagAmountUnparsed, a.field, "%q is not an amount", *a.raw)
			continue
		}
		*a.dst = &n
	}
	if !adds(out.Total, out.Fiscal, out.Other) {
		v.flag(jixiao.FlagFundsMismatch, jixiao.FieldFunds, "%s ≠ %s + %s", labelled(jixiao.LabelFundsTotal, out.Total),
			labelled(jixiao.LabelFundsFiscal, out.Fiscal), labelled(jixiao.LabelFundsOther, out.Other))
	}
	carryover := out.Carryover
	if carryover == nil && !printsCarryover(v.f) {
		carryover = new(float64) // not printed: nothing carried over
	}
	if !adds(out.AnnualTotal, out.Appropriation, carryover, out.AnnualOther) {
		v.flag(jixiao.FlagFundsMismatch, jixiao.FieldFunds, "%s ≠ %s + %s + %s", labelled(jixiao.LabelFundsAnnualTotal, out.AnnualTotal),
			labelled(jixiao.LabelFundsAppropriation, out.Appropriation), labelled(jixiao.LabelFundsCarryover, out.Carryover),
			labelled(jixiao.LabelFundsOther, out.AnnualOther))
	}
}

// fundsUnit settles the block's unit when the form does not declare one
// (see implausibleYuan): it sets FundsUnit from the cells or flags it.
func (v *validator) fundsUnit(cells []fundsCell) {
	if v.f.FundsUnit != "" {
		return
	}
	var (
		units             = map[string]string{} // unit written in a cell → that cell as printed
		bare              []string              // bare amounts that are not 0
		small, manyPlaces = true, ""
	)
	for _, a := range cells {
		if a.raw == nil {
			continue
		}
		num, unit, ok := splitAmount(*a.raw)
		if !ok || isZero(num) {
			continue
		}
		if unit != "" {
			units[unit] = *a.raw
			continue
		}
		bare = append(bare, *a.raw)
		if n, err := strconv.ParseFloat(num, 64); err != nil || math.Abs(n) >= implausibleYuan {
			small = false
		}
		if _, frac, _ := strings.Cut(num, "."); len(frac) > 2 && manyPlaces == "" {
			manyPlaces = *a.raw
		}
	}
	switch {
	case len(units) > 0 && len(bare) > 0:
		var some string
		for _, c := range units {
			some = c
			break
		}
		v.flag(jixiao.FlagFundsUnitUnknown, jixiao.FieldFundsUnit,
			"the form does not say the unit of the funds, and some amounts carry one (%q) while others do not (%q): those are taken as 元", some, bare[0])
	case len(units) == 1:
		for u := range units {
			v.f.FundsUnit = u
		}
	case len(units) > 1, len(bare) == 0:
		// each amount says its unit, or all are 0
	case small:
		v.flag(jixiao.FlagFundsUnitUnknown, jixiao.FieldFundsUnit,
			"the form does not say the unit of the funds and every amount is below %d (%q …): taken as 元, but they look like 万元", implausibleYuan, bare[0])
	case manyPlaces != "":
		v.flag(jixiao.FlagFundsUnitUnknown, jixiao.FieldFundsUnit,
			"the form does not say the unit of the funds and %q has more than two decimals: taken as 元, but it looks like 万元", manyPlaces)
	}
}

// isZero reports whether a cleaned amount is 0 (0, 0.00, -0).
func isZero(num string) bool {
	return strings.Trim(num, "+-0.") == ""
}

// adds reports whether total equals the sum of parts to the cent; it is true
// when any of them is unknown (nothing to check).
func adds(total *float64, parts ...*float64) bool {
	if total == nil {
		return true
	}
	sum := 0.0
	for _, p := range parts {
		if p == nil {
			return true
		}
		sum += *p
	}
	return math.Abs(*total-sum) < 0.005
}

func fmtAmount(p *float64) string {
	if p == nil {
		return "?"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// labelled is an amount after its label, as a message shows it:
// "项目资金总额 100".
func labelled(label string, p *float64) string { return label + " " + fmtAmount(p) }

// decimalRE is a cleaned amount: an optional sign, digits, a decimal point.
var decimalRE = regexp.MustCompile(`^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$`)

// maxAmountLen bounds the cleaned text of an amount: no budget needs more
// digits, and it keeps hostile input cheap.
const maxAmountLen = 64

// cleanAmount folds a printed amount to a decimal string: full-width
// characters narrowed, thousands separators (, ， and white space) removed. It
// reports false for anything that is not then a decimal number.
func cleanAmount(s string) (string, bool) {
	s = width.Narrow.String(s)
	s = strings.Map(func(r rune) rune {
		if r == ',' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	if len(s) > maxAmountLen || !decimalRE.MatchString(s) {
		return "", false
	}
	return s, true
}

// splitAmount parses a funds cell into its cleaned decimal number and the
// unit written after it: jixiao.FundsWanYuan for 万元 or 万, jixiao.FundsYuan
// for 元, "" for none. It reports false when the rest is not an amount.
func splitAmount(s string) (num, unit string, ok bool) {
	t := strings.TrimSpace(s)
	for _, u := range []struct{ suffix, unit string }{
		{"万元", jixiao.FundsWanYuan}, {"万", jixiao.FundsWanYuan}, {"元", jixiao.FundsYuan},
	} {
		if rest, cut := strings.CutSuffix(t, u.suffix); cut {
			t, unit = rest, u.unit
			break
		}
	}
	num, ok = cleanAmount(t)
	if !ok {
		return "", "", false
	}
	return num, unit, true
}

// shift moves the decimal point of a cleaned amount n places to the right,
// on the digits: shift("180.00", 4) is "1800000.", shift("0.35", 4)
// "0003500.".
func shift(num string, n int) string {
	if n == 0 {
		return num
	}
	sign := ""
	if num[0] == '+' || num[0] == '-' {
		sign, num = num[:1], num[1:]
	}
	whole, frac, _ := strings.Cut(num, ".")
	frac += strings.Repeat("0", max(0, n-len(frac)))
	return sign + whole + frac[:n] + "." + frac[n:]
}

// decimal returns the float64 nearest to a decimal number (correctly
// rounded, as strconv.ParseFloat), false when it is out of range.
func decimal(num string) (float64, bool) {
	if strings.HasSuffix(num, ".") {
		num += "0"
	}
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	return n, true
}

// Amount parses a funds cell holding a bare number: digits with optional
// thousands separators (, ， or spaces), full-width digits, a decimal point,
// an optional sign. It returns the float64 nearest to the printed decimal
// and reports false for anything else, including an empty cell, a unit
// after the number (see Yuan), exponents, hex and more than 64 characters.
func Amount(s string) (float64, bool) {
	num, ok := cleanAmount(s)
	if !ok {
		return 0, false
	}
	return decimal(num)
}

// Yuan returns a funds cell's amount in 元, and the unit written in the
// cell ("" when bare). The number is as for Amount, optionally followed by
// 万元, 万 or 元; a bare number is in unit, the block's unit
// (jixiao.FundsYuan, jixiao.FundsWanYuan, or "" for 元). The scaling is done on
// the printed digits, so 180.00万元 is exactly 1800000 and 0.35万 3500; the
// result is the float64 nearest to the exact amount. It reports false when
// the cell is not an amount, or unit is none of those.
func Yuan(s, unit string) (yuan float64, cellUnit string, ok bool) {
	num, cellUnit, ok := splitAmount(s)
	if !ok {
		return 0, "", false
	}
	u := unit
	if cellUnit != "" {
		u = cellUnit
	}
	places, known := scale[u]
	if !known {
		return 0, "", false
	}
	n, ok := decimal(shift(num, places))
	if !ok {
		return 0, "", false
	}
	return n, cellUnit, true
}

// scale is how many places a unit moves the decimal point to make 元.
var scale = map[string]int{"": 0, jixiao.FundsYuan: 0, jixiao.FundsWanYuan: 4}
