package reconstruct

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// amountConfusions maps what Tesseract reads in place of the digits,
// separators and decimal point of an amount.
var amountConfusions = strings.NewReplacer(
	"O", "0", "o", "0", "Q", "0", "D", "0", "〇", "0", "０", "0",
	"l", "1", "I", "1", "|", "1", "!", "1", "i", "1", "]", "1", "[", "1",
	"S", "5", "s", "5", "B", "8", "Z", "2", "z", "2", "g", "9",
	"，", ",", "、", ",", "‘", ",", "'", ",", "`", ",",
	"。", ".", "．", ".", "·", ".", "・", ".", ":", ".",
)

var (
	amountGrouped = regexp.MustCompile(`^\d{1,3}(,\d{3})+(\.\d{1,2})?$`)
	amountPlain   = regexp.MustCompile(`^\d+(\.\d{1,2})?$`)
	// a decimal comma in a grouped amount: 720,000,00
	amountDecimalComma = regexp.MustCompile(`^(\d{1,3}(?:,\d{3})*),(\d{2})$`)
	// points as thousands separators: 720.000.00 or 1.000.000
	amountPointGroups = regexp.MustCompile(`^\d{1,3}(\.\d{3})+(\.\d{2})?$`)
)

// fixAmount repairs an amount as OCR read it: letters that stand for
// digits (O → 0, l → 1), a full-width comma or an ideographic full stop,
// a lone round glyph (口 for 0), stray spaces, a decimal comma (720,000,00) and points used as thousands
// separators. It returns the repaired text and whether it is a well-formed
// amount (digits in groups of three with commas, or none; at most two
// decimals). A cell holding anything else is returned unchanged with
// false.
func fixAmount(s string) (string, bool) {
	t := strings.Join(strings.Fields(s), "")
	if utf8.RuneCountInString(t) == 1 && strings.Contains(roundGlyphs, t) {
		t = "0" // a lone 0 read as 口 or ○
	}
	t = amountConfusions.Replace(t)
	t = strings.TrimRight(t, ".,")
	switch {
	case amountGrouped.MatchString(t), amountPlain.MatchString(t):
	case amountDecimalComma.MatchString(t):
		t = amountDecimalComma.ReplaceAllString(t, "$1.$2")
	case amountPointGroups.MatchString(t):
		if i := strings.LastIndexByte(t, '.'); len(t)-i == 3 {
			t = strings.ReplaceAll(t[:i], ".", ",") + t[i:]
		} else {
			t = strings.ReplaceAll(t, ".", ",")
		}
	default:
		return s, false
	}
	if _, ok := cents(t); !ok {
		return s, false
	}
	return t, true
}

// cents returns a well-formed amount (fixAmount's output) in cents, false
// when it does not fit an int64.
func cents(s string) (int64, bool) {
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ",", ""), ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || n > math.MaxInt64/100-1 {
		return 0, false
	}
	f := 0
	if frac != "" {
		if f, err = strconv.Atoi((frac + "0")[:2]); err != nil {
			return 0, false
		}
	}
	return n*100 + int64(f), true
}

// cutAmountUnit splits a unit written after an amount (250万, 250万元,
// 1,800.00元) off it: the amount and the unit as printed, "" when none.
func cutAmountUnit(s string) (amount, unit string) {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	for _, u := range []string{"万元", "万", "元"} {
		if a, ok := strings.CutSuffix(t, u); ok && a != "" {
			return a, u
		}
	}
	return s, ""
}
