package reconstruct

import "regexp"

// yuanMisread is 兀 after a number or a magnitude after one: OCR reads the
// 元 of 59.8万元 and ≤500万元 as 兀 (PP-OCR in the droid face, measured on
// clean renders of the family goldens, TestFamilyScans in cmd/genscan).
// 兀 is no unit, and no word has it after a number.
var yuanMisread = regexp.MustCompile(`([0-9][0-9,.]*[万亿千百]?)兀`)

// yuanAfterNumber returns s with the 兀 read for 元 after a number put
// right; any other text is returned unchanged.
func yuanAfterNumber(s string) string {
	if without["yuan"] {
		return s
	}
	return yuanMisread.ReplaceAllString(s, "${1}元")
}
