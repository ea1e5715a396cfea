package reconstruct

import (
	"regexp"
	"strings"
	"unicode"

	"jixiao"
)

// fieldKey is what a header or funds label says.
type fieldKey int

const (
	noField fieldKey = iota
	fProjectName
	fProjectNature
	fProjectCategory
	fDepartment
	fImplementingUnit
	fStartDate
	fEndDate
	fTotal
	fAnnualTotal
	fFiscal
	fAppropriation
	fCarryover
	fOther // 其他资金: the first is Other, the second AnnualOther
	fGoalOverall
	fGoalAnnual
	fSection   // 项目资金(元), 项目绩效目标, 绩效指标: block labels, no value
	fGridHead  // 一级指标, 二级指标, 三级指标, 年度指标值: the grid's header row
	fGridHead3 // 三级指标 (with fGridHead marks a header row)
	fUnit      // 单位：万元: a unit line, no value (see declaredUnit)
)

// fieldKeys maps the fields that header and funds labels introduce to
// their keys.
var fieldKeys = map[string]fieldKey{
	jixiao.FieldProjectName:        fProjectName,
	jixiao.FieldProjectNature:      fProjectNature,
	jixiao.FieldProjectCategory:    fProjectCategory,
	jixiao.FieldDepartment:         fDepartment,
	jixiao.FieldImplementingUnit:   fImplementingUnit,
	jixiao.FieldStartDate:          fStartDate,
	jixiao.FieldEndDate:            fEndDate,
	jixiao.FieldFundsTotal:         fTotal,
	jixiao.FieldFundsAnnualTotal:   fAnnualTotal,
	jixiao.FieldFundsFiscal:        fFiscal,
	jixiao.FieldFundsAppropriation: fAppropriation,
	jixiao.FieldFundsCarryover:     fCarryover,
	jixiao.FieldFundsOther:         fOther,
	jixiao.FieldFundsAnnualOther:   fOther,
}

// fieldLabels maps the labels of the form (jixiao.Labels), on key's
// folding, to what they say. Goal labels are found by their start
// (classify).
var fieldLabels = func() map[string]fieldKey {
	m := map[string]fieldKey{}
	for _, l := range jixiao.Labels() {
		var k fieldKey
		switch l.Kind {
		case jixiao.LabelHeader, jixiao.LabelAmount:
			k = fieldKeys[l.Field]
		case jixiao.LabelBlock:
			k = fSection
		case jixiao.LabelGrid:
			k = fGridHead
			if l.Field == jixiao.IndicatorName {
				k = fGridHead3
			}
		default:
			continue
		}
		for _, t := range append([]string{l.Text}, l.Variants...) {
			m[key(t)] = k
		}
	}
	return m
}()

// unitSuffix matches a bracketed tail: 项目资金(元), 项目总目标(2023年-2023年).
var unitSuffix = regexp.MustCompile(`\([^()]*\)$`)

// maxLabelLen is longer than any label; longer cells are values.
const maxLabelLen = 40

// key folds a cell to the form labels are looked up in: no white space,
// half-width colon and brackets, no 其中: prefix, no trailing colon.
func key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
		case r == '：':
			b.WriteByte(':')
		case r == '（':
			b.WriteByte('(')
		case r == '）':
			b.WriteByte(')')
		default:
			b.WriteRune(r)
		}
	}
	s = strings.TrimPrefix(b.String(), jixiao.Among+":")
	return strings.TrimSuffix(s, ":")
}

// classify says which label a cell is, or noField for a value.
func classify(text string) fieldKey {
	if len(text) > 3*maxLabelLen {
		return noField // goal texts and long names: no label is this long
	}
	k := key(text)
	if f, ok := fieldLabels[k]; ok {
		return f
	}
	if m := unitTail.FindStringIndex(k); m != nil && m[0] > 0 {
		if f, ok := fieldLabels[k[:m[0]]]; ok && f >= fTotal && f <= fOther {
			return f // 项目资金总额(万元)
		}
	}
	switch {
	case unitLine.MatchString(k):
		return fUnit
	case strings.HasPrefix(k, jixiao.LabelGoalOverall):
		return fGoalOverall
	case strings.HasPrefix(k, jixiao.LabelGoalAnnual):
		return fGoalAnnual
	case strings.HasPrefix(k, jixiao.LabelFunds+"(") && unitSuffix.MatchString(k):
		return fSection
	case strings.HasPrefix(k, "年度") && strings.HasSuffix(k, jixiao.LabelValueShort):
		return fGridHead
	}
	return noField
}

var yearRE = regexp.MustCompile(`(\d{4})\s*年度`)
