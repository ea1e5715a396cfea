package reconstruct

import (
	"regexp"
	"strings"
	"unicode"
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

var fieldLabels = map[string]fieldKey{
	"项目名称":       fProjectName,
	"项目性质":       fProjectNature,
	"项目类别":       fProjectCategory,
	"主管部门":       fDepartment,
	"实施单位":       fImplementingUnit,
	"计划开始日期":     fStartDate,
	"计划完成日期":     fEndDate,
	"项目资金总额":     fTotal,
	"年度资金申请总额":   fAnnualTotal,
	"财政资金":       fFiscal,
	"当年财政拨款":     fAppropriation,
	"上年结转资金":     fCarryover,
	"其他资金":       fOther,
	"项目资金":       fSection,
	"项目绩效目标":     fSection,
	"绩效指标":       fSection,
	"一级指标":       fGridHead,
	"二级指标":       fGridHead,
	"三级指标":       fGridHead3,
	"年度指标值":      fGridHead,
	"年度(/项目)指标值": fGridHead,
	"指标值":        fGridHead,
}

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
	s = strings.TrimPrefix(b.String(), "其中:")
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
	case strings.HasPrefix(k, "项目总目标"):
		return fGoalOverall
	case strings.HasPrefix(k, "年度总体目标"):
		return fGoalAnnual
	case strings.HasPrefix(k, "项目资金(") && unitSuffix.MatchString(k):
		return fSection
	case strings.HasPrefix(k, "年度") && strings.HasSuffix(k, "指标值"):
		return fGridHead
	}
	return noField
}

var yearRE = regexp.MustCompile(`(\d{4})\s*年度`)
