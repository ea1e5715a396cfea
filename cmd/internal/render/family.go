package render

import (
	"sort"
	"strconv"

	golden "jixiao"
)

// The layouts of the form family's other members (TEMPLATES.md). What a
// record does not say about its paper form (which synonym a label is
// printed as, whether 一级 is merged or repeated) is chosen by its
// position in its fixture file, Source.FormIndex, so that the fixtures
// vary and the same record always renders the same way.

// variant returns the choice among n of the record's layout.
func variant(r golden.Form, n, salt int) int {
	return (r.Source.FormIndex + salt) % n
}

// pick returns one of the printings, chosen by variant.
func pick(r golden.Form, salt int, printings ...string) string {
	return printings[variant(r, len(printings), salt)]
}

// extraRows lays the header fields with no field of their own out two to
// a row, in label order.
func extraRows(r golden.Form, add func(rowKind, ...cell)) {
	var keys []string
	for k := range r.HeaderExtra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i := 0; i < len(keys); i += 2 {
		cs := []cell{lab(0, 1, keys[i]), val(1, 3, r.HeaderExtra[keys[i]])}
		if i+1 < len(keys) {
			cs = append(cs, lab(4, 1, keys[i+1]), val(5, 3, r.HeaderExtra[keys[i+1]]))
		}
		add(rowPlain, cs...)
	}
}

// titleOf returns the record's title, or the family's usual one.
func titleOf(r golden.Form, usual string) string {
	if r.Title != "" {
		return r.Title
	}
	return usual
}

// yearLine returns the year line printed under a title that holds no
// year, "" when the title does.
func yearLine(r golden.Form) string {
	if r.Year == 0 || (len(r.Title) >= 4 && r.Title[:4] == strconv.Itoa(r.Year)) {
		return ""
	}
	return "(" + strconv.Itoa(r.Year) + "年度)"
}

// level1Of returns the level-1 as printed: with its weight when the
// record has one.
func level1Of(ind golden.Indicator) string {
	if ind.Level1Weight != nil {
		return ind.Level1 + "(" + strconv.FormatFloat(*ind.Level1Weight, 'f', -1, 64) + "分)"
	}
	return ind.Level1
}
