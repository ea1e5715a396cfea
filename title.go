package jixiao

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleWord is the word every title of the family holds: the 绩效 of
// 绩效指标.
var titleWord = strings.TrimSuffix(LabelIndicators, "指标")

// titleMaxRunes bounds a title line: a department's name, the form's name,
// a year and a unit fit well within it.
const titleMaxRunes = 80

// IsTitleLine reports whether a cell is the title line of a form of the
// family: it holds Title, or, with white space and trailing bracketed
// parts ((2023年度), （单位：万元）) set aside, it speaks of 绩效 and ends in
// a title ending (TitleEndings: 申报表, 目标表, 自评表). A longer cell (a goal
// text that mentions a 申报表) is not a title. Safe for concurrent use.
func IsTitleLine(text string) bool {
	if strings.Contains(text, Title) {
		return true
	}
	if utf8.RuneCountInString(text) > titleMaxRunes {
		return false
	}
	t := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, text)
	for {
		u := strings.TrimRight(t, ")）")
		if u == t {
			break
		}
		i := strings.LastIndexAny(u, "(（")
		if i < 0 {
			break
		}
		t = u[:i]
	}
	if !strings.Contains(t, titleWord) {
		return false
	}
	for _, e := range titleEndings {
		if strings.HasSuffix(t, e) {
			return true
		}
	}
	return false
}
