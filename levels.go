package jixiao

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Canonical level-1 names of the indicator tree (财预〔2015〕88号 layout).
const (
	L1Output       = "产出指标"
	L1Benefit      = "效益指标"
	L1Satisfaction = "满意度指标"
)

// L1Cost is 成本指标 printed as a level-1 (财预〔2021〕101号), with
// CostChildren under it. Printed in a level-2 column (the 88号 tree) it is
// the level-2 成本指标 under 产出指标: Level returns it as a level-2, and
// reconstruction tells the two apart by where it is printed.
const L1Cost = "成本指标"

// costChildren are the level-2 names under L1Cost (101号); in the 88号
// tree they are under 产出指标.
var costChildren = []string{"经济成本指标", "社会成本指标", "生态环境成本指标"}

// CostChildren returns the level-2 names under L1Cost. Each call returns
// a new slice.
func CostChildren() []string { return append([]string(nil), costChildren...) }

// level1Order lists the level-1 names in the order of the form.
var level1Order = []string{L1Output, L1Benefit, L1Satisfaction}

// tree is the indicator tree below level 1: every canonical level-2 name
// with its level-1 and the variants printed for it.
var tree = []struct {
	name, parent string
	variants     []string
}{
	{"数量指标", L1Output, nil},
	{"质量指标", L1Output, nil},
	{"时效指标", L1Output, []string{"进度指标"}},
	{L1Cost, L1Output, nil},
	{costChildren[0], L1Output, nil},
	{costChildren[1], L1Output, nil},
	{costChildren[2], L1Output, nil},
	{"经济效益指标", L1Benefit, nil},
	{"社会效益指标", L1Benefit, nil},
	{"生态效益指标", L1Benefit, []string{"环境效益指标"}},
	{"可持续影响指标", L1Benefit, []string{"可持续发展指标"}},
	{"服务对象满意度指标", L1Satisfaction, []string{"社会公众或服务对象满意度指标", "社会公众满意度指标"}},
}

var (
	// level1Names holds the level-1 names.
	level1Names = map[string]bool{}
	// level2Parent maps every canonical level-2 name to its level-1.
	level2Parent = map[string]string{}
	// level2Synonyms maps printed variants to canonical level-2 names.
	level2Synonyms = map[string]string{}
	// soleChild maps a level-1 with one child to that child.
	soleChild = map[string]string{}
)

func init() {
	children := map[string][]string{}
	for _, n := range level1Order {
		level1Names[n] = true
	}
	for _, l2 := range tree {
		level2Parent[l2.name] = l2.parent
		children[l2.parent] = append(children[l2.parent], l2.name)
		for _, v := range l2.variants {
			level2Synonyms[v] = l2.name
		}
	}
	for l1, cs := range children {
		if len(cs) == 1 {
			soleChild[l1] = cs[0]
		}
	}
}

// weightSuffix matches a trailing weight such as "(50分)" or "（30 分）",
// or one whose closing bracket was lost ("产出指标(50分": the bracket
// wrapped alone onto a line of the label's merged cell and was not read,
// seen with PP-OCR in the tuning face notoserif, clean300 and scan200, of
// TestFamilyScans in cmd/genscan); its group 1 is the number.
var weightSuffix = regexp.MustCompile(`[（(]\s*(\d+(\.\d+)?)\s*分\s*[)）]?$`)

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
	if strings.HasSuffix(s, ")") || strings.HasSuffix(s, "）") || strings.HasSuffix(s, "分") {
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
// printed variants, in a fixed order: level-1 names first, then the
// level-2 names sorted. Each call returns a new slice.
func LevelNames() []string {
	names := append([]string(nil), level1Order...)
	var l2 []string
	for _, n := range tree {
		l2 = append(l2, n.name)
		l2 = append(l2, n.variants...)
	}
	sort.Strings(l2)
	return append(names, l2...)
}

// Parent returns the canonical level-1 of a canonical level-2 name, or "".
func Parent(level2 string) string { return level2Parent[level2] }

// placeholderRE matches what a template left in a cell it was not filled
// in: 指标1, 指标 2, ……, …, ...
var placeholderRE = regexp.MustCompile(`^(?:指标\s*\d{1,2}|[…．.。]+)$`)

// Placeholder reports whether a grid cell is a template's placeholder
// (指标1, 指标2, ……) rather than an indicator's name or value.
func Placeholder(printed string) bool {
	return placeholderRE.MatchString(strings.TrimSpace(printed))
}

// SoleChild returns the level-2 implied by a level-1 that has only one
// child in the tree (满意度指标 → 服务对象满意度指标), or "".
func SoleChild(level1 string) string { return soleChild[level1] }
