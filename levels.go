package jixiao

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Canonical names of the indicator tree (财预〔2015〕88号 layout).
const (
	L1Output       = "产出指标"
	L1Benefit      = "效益指标"
	L1Satisfaction = "满意度指标"
)

// level2Parent maps every canonical level-2 name to its level-1.
var level2Parent = map[string]string{
	"数量指标":      L1Output,
	"质量指标":      L1Output,
	"时效指标":      L1Output,
	"成本指标":      L1Output,
	"经济成本指标":    L1Output,
	"社会成本指标":    L1Output,
	"生态环境成本指标":  L1Output,
	"经济效益指标":    L1Benefit,
	"社会效益指标":    L1Benefit,
	"生态效益指标":    L1Benefit,
	"可持续影响指标":   L1Benefit,
	"服务对象满意度指标": L1Satisfaction,
}

// level2Synonyms maps printed variants to canonical level-2 names.
var level2Synonyms = map[string]string{
	"可持续发展指标":        "可持续影响指标",
	"环境效益指标":         "生态效益指标",
	"社会公众或服务对象满意度指标": "服务对象满意度指标",
	"社会公众满意度指标":      "服务对象满意度指标",
}

var level1Names = map[string]bool{L1Output: true, L1Benefit: true, L1Satisfaction: true}

// weightSuffix matches a trailing weight such as "(50分)" or "（30 分）";
// its group 1 is the number.
var weightSuffix = regexp.MustCompile(`[（(]\s*(\d+(\.\d+)?)\s*分\s*[)）]$`)

// Weight returns the points printed after a level label, 50 for
// "产出指标(50分)" and 30 for "效益指标（30 分）", and false when the label
// prints none (or is not a level label at all: Level is 0 for it).
func Weight(printed string) (float64, bool) {
	if lv, _ := Level(printed); lv == 0 {
		return 0, false
	}
	m := weightSuffix.FindStringSubmatch(strings.Join(strings.Fields(printed), ""))
	if m == nil {
		return 0, false
	}
	w, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	return w, true
}

// labelKey folds a printed label to the form used for lookup: no white
// space, no trailing weight, no trailing 等.
func labelKey(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		s = strings.Join(strings.Fields(s), "")
	}
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）") {
		s = weightSuffix.ReplaceAllString(s, "")
	}
	return strings.TrimSuffix(s, "等")
}

// Level classifies a printed cell of the indicator grid. It returns 1 and the
// canonical level-1 name for a level-1 label, 2 and the canonical level-2 name
// for a level-2 label, and 0 for anything else (a name or a value).
// Stray white space, a trailing weight ("(50分)") and a trailing 等 are
// ignored; synonyms are mapped to their canonical names.
func Level(printed string) (level int, canonical string) {
	if len(printed) > 120 {
		return 0, "" // no label is this long
	}
	k := labelKey(printed)
	if level1Names[k] {
		return 1, k
	}
	if c, ok := level2Synonyms[k]; ok {
		return 2, c
	}
	if _, ok := level2Parent[k]; ok {
		return 2, k
	}
	return 0, ""
}

// LevelNames returns every level name Level knows, canonical names and
// printed variants, in a fixed order: level-1 names first.
func LevelNames() []string {
	names := []string{L1Output, L1Benefit, L1Satisfaction}
	var l2 []string
	for n := range level2Parent {
		l2 = append(l2, n)
	}
	for n := range level2Synonyms {
		l2 = append(l2, n)
	}
	sort.Strings(l2)
	return append(names, l2...)
}

// Parent returns the canonical level-1 of a canonical level-2 name, or "".
func Parent(level2 string) string { return level2Parent[level2] }

// SoleChild returns the level-2 implied by a level-1 that has only one
// child in the tree (满意度指标 → 服务对象满意度指标), or "".
func SoleChild(level1 string) string {
	if level1 == L1Satisfaction {
		return "服务对象满意度指标"
	}
	return ""
}
