package normalize

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// cnDigits are the Chinese numerals for 0-9.
var cnDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// cnUnits are the Chinese numeral multipliers below 万.
var cnUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

// isCNNumeral reports whether r can be part of a Chinese numeral.
func isCNNumeral(r rune) bool {
	_, d := cnDigits[r]
	_, u := cnUnits[r]
	return d || u || r == '万' || r == '亿'
}

// parseCN parses a Chinese numeral such as 三, 十二, 两千, 一万五千. It
// reports false for anything else.
func parseCN(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	var total, section, digit float64
	seenDigit := false
	for _, r := range s {
		switch {
		case cnDigits[r] > 0 || r == '零' || r == '〇':
			digit = float64(cnDigits[r])
			seenDigit = true
		case cnUnits[r] > 0:
			if !seenDigit {
				digit = 1 // 十二 = 12
			}
			section += digit * float64(cnUnits[r])
			digit, seenDigit = 0, false
		case r == '万' || r == '亿':
			mult := 1e4
			if r == '亿' {
				mult = 1e8
			}
			section += digit
			if section == 0 {
				section = 1
			}
			total += section * mult
			section, digit, seenDigit = 0, 0, false
		default:
			return 0, false
		}
	}
	return total + section + digit, true
}

// number is a number found in a value: where it is and what it says.
type number struct {
	start, end int // byte offsets in the value
	value      float64
	chinese    bool // written in Chinese numerals
}

// firstNumber finds the first number in s: Arabic digits with optional
// thousands separators and decimals, then an optional magnitude (万, 亿), or
// a run of Chinese numerals. It reports false when s holds none.
func firstNumber(s string) (number, bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= '0' && c <= '9' {
			n := arabicAt(s, i)
			if math.IsInf(n.value, 0) || math.IsNaN(n.value) {
				return number{}, false // too large to be a target
			}
			return n, true
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if isCNNumeral(r) && r != '万' && r != '亿' {
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !isCNNumeral(r2) {
					break
				}
				j += n2
			}
			if v, ok := parseCN(s[i:j]); ok {
				return number{start: i, end: j, value: v, chinese: true}, true
			}
		}
		i += size
	}
	return number{}, false
}

func arabicAt(s string, i int) number {
	j := i
	digits := func() {
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
	}
	digits()
	// thousands separators: ",ddd" groups
	for j+4 <= len(s) && s[j] == ',' && allDigits(s[j+1:j+4]) && (j+4 == len(s) || s[j+4] < '0' || s[j+4] > '9') {
		j += 4
	}
	if j+1 < len(s) && s[j] == '.' && s[j+1] >= '0' && s[j+1] <= '9' {
		j++
		digits()
	}
	v, _ := strconv.ParseFloat(strings.ReplaceAll(s[i:j], ",", ""), 64)
	n := number{start: i, end: j, value: v}
	// A magnitude applies to the number: 1000万页 is 10,000,000 页, and
	// 5万元 is 50,000 元.
	for _, m := range []struct {
		word string
		mult float64
	}{{"万亿", 1e12}, {"亿", 1e8}, {"万", 1e4}} {
		if strings.HasPrefix(s[j:], m.word) {
			n.value *= m.mult
			n.end += len(m.word)
			break
		}
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
