package normalize

import (
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"

	"jixiao/extract/form"
)

func (v *validator) funds() {
	raw, out := &v.f.FundsRaw, &v.f.Funds
	for _, a := range []struct {
		field string
		raw   *string
		dst   **float64
	}{
		{"funds.total", raw.Total, &out.Total},
		{"funds.annual_total", raw.AnnualTotal, &out.AnnualTotal},
		{"funds.fiscal", raw.Fiscal, &out.Fiscal},
		{"funds.appropriation", raw.Appropriation, &out.Appropriation},
		{"funds.carryover", raw.Carryover, &out.Carryover},
		{"funds.other", raw.Other, &out.Other},
		{"funds.annual_other", raw.AnnualOther, &out.AnnualOther},
	} {
		*a.dst = nil
		if a.raw == nil {
			v.flag(form.FlagAmountMissing, a.field, "the amount is blank")
			continue
		}
		n, ok := Amount(*a.raw)
		if !ok {
			v.flag(form.FlagAmountUnparsed, a.field, "%q is not an amount", *a.raw)
			continue
		}
		*a.dst = &n
	}
	if !adds(out.Total, out.Fiscal, out.Other) {
		v.flag(form.FlagFundsMismatch, "funds", "项目资金总额 %s ≠ 财政资金 %s + 其他资金 %s",
			fmtAmount(out.Total), fmtAmount(out.Fiscal), fmtAmount(out.Other))
	}
	if !adds(out.AnnualTotal, out.Appropriation, out.Carryover, out.AnnualOther) {
		v.flag(form.FlagFundsMismatch, "funds", "年度资金申请总额 %s ≠ 当年财政拨款 %s + 上年结转资金 %s + 其他资金 %s",
			fmtAmount(out.AnnualTotal), fmtAmount(out.Appropriation), fmtAmount(out.Carryover), fmtAmount(out.AnnualOther))
	}
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

// Amount parses a funds cell: digits with optional thousands separators
// (, ， or spaces), full-width digits, a decimal point. It reports false for
// anything else, including an empty cell.
func Amount(s string) (float64, bool) {
	s = width.Narrow.String(s)
	s = strings.Map(func(r rune) rune {
		switch r {
		case ',', ' ', '\u00a0':
			return -1
		}
		return r
	}, s)
	if s == "" || strings.ContainsAny(s, "eExXpP_") { // no exponents, hex or Go digit separators
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(n, 0) || math.IsNaN(n) {
		return 0, false
	}
	return n, true
}
