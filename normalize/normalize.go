package normalize

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"jixiao"
)

// Form normalizes f in place: it parses the funds from FundsRaw (a
// whole-department form's budget request and tasks: see department),
// rewrites the dates as ISO 8601, types each indicator's value, adds the
// validation flags and sorts all flags into record order. A
// self-evaluation form is checked as selfeval.go says instead of its
// funds, dates and goals. Flags it adds are not added twice when Form runs
// again.
func Form(f *jixiao.Form) {
	if f.Indicators == nil {
		f.Indicators = []jixiao.Indicator{}
	}
	if f.Flags == nil {
		f.Flags = []jixiao.Flag{}
	}
	v := validator{f: f, seen: map[[2]string]bool{}}
	for _, fl := range f.Flags {
		v.seen[[2]string{fl.Code, fl.Field}] = true
	}
	selfEval := f.FormType == jixiao.FormSelfEvaluation
	switch {
	case f.FormType == jixiao.FormDepartmentTarget:
		v.department()
	case selfEval:
		v.selfEvalHeader()
	default:
		v.header()
		v.funds()
		v.goals()
	}
	v.indicators()
	if selfEval {
		v.selfEvalScores()
	}
	sortFlags(f.Flags)
	for i := range f.Indicators {
		f.Indicators[i].Flags = indicatorFlagCodes(f.Flags, i)
	}
}

type validator struct {
	f    *jixiao.Form
	seen map[[2]string]bool
}

func (v *validator) flag(code, field, format string, args ...any) {
	k := [2]string{code, field}
	if v.seen[k] {
		return
	}
	v.seen[k] = true
	v.f.Flags = append(v.f.Flags, jixiao.Flag{Code: code, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) header() {
	f := v.f
	for _, h := range []struct {
		field string
		p     *string
	}{
		{jixiao.FieldProjectName, f.ProjectName}, {jixiao.FieldProjectNature, f.ProjectNature},
		{jixiao.FieldProjectCategory, f.ProjectCategory}, {jixiao.FieldDepartment, f.Department},
		{jixiao.FieldImplementingUnit, f.ImplementingUnit}, {jixiao.FieldStartDate, f.StartDate}, {jixiao.FieldEndDate, f.EndDate},
	} {
		if h.p == nil && printsField(f, h.field) {
			v.flag(jixiao.FlagFieldMissing, h.field, "%s is not on the form", h.field)
		}
	}
	if f.ProjectName != nil && Truncated(*f.ProjectName) {
		v.flag(jixiao.FlagNameTruncated, jixiao.FieldProjectName, "project name %q has an unclosed bracket: it was probably cut off", *f.ProjectName)
	}
	for _, d := range []struct {
		field string
		p     **string
	}{{jixiao.FieldStartDate, &f.StartDate}, {jixiao.FieldEndDate, &f.EndDate}} {
		if *d.p == nil {
			continue
		}
		if iso, ok := Date(**d.p); ok {
			*d.p = &iso
		} else {
			v.flag(jixiao.FlagDateUnparsed, d.field, "%q is not a date; kept as printed", **d.p)
		}
	}
	if f.StartDate != nil && f.EndDate != nil && isISO(*f.StartDate) && isISO(*f.EndDate) && *f.StartDate > *f.EndDate {
		v.flag(jixiao.FlagDateOrder, jixiao.FieldEndDate, "%s %s is before %s %s",
			jixiao.LabelEndDate, *f.EndDate, jixiao.LabelStartDate, *f.StartDate)
	}
	if f.Year == 0 && f.StartDate != nil {
		if y, err := strconv.Atoi(strings.SplitN(*f.StartDate, "-", 2)[0]); err == nil && y > 1900 {
			f.Year = y
		}
	}
}

func (v *validator) goals() {
	if v.f.Goals.Overall == nil && printsField(v.f, jixiao.FieldGoalOverall) {
		v.flag(jixiao.FlagFieldMissing, jixiao.FieldGoalOverall, "%s is not on the form", jixiao.LabelGoalOverall)
	}
	if v.f.Goals.Annual == nil && printsField(v.f, jixiao.FieldGoalAnnual) {
		v.flag(jixiao.FlagFieldMissing, jixiao.FieldGoalAnnual, "%s is not on the form", jixiao.LabelGoalAnnual)
	}
}

func (v *validator) indicators() {
	f := v.f
	if len(f.Indicators) == 0 {
		v.flag(jixiao.FlagNoIndicators, jixiao.FieldIndicators, "the indicator grid holds no indicator")
	}
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		at := func(leaf string) string { return jixiao.IndicatorField(i, leaf) }
		if ind.Name == nil {
			v.flag(jixiao.FlagNameMissing, at(jixiao.IndicatorName), "indicator %d has a value but no name", ind.Seq)
		}
		if ind.Value == nil {
			v.flag(jixiao.FlagValueMissing, at(jixiao.IndicatorValue), "indicator %d (%s) has no value", ind.Seq, deref(ind.Name))
		}
		if ind.Level2 == "" {
			v.flag(jixiao.FlagLevelMissing, at(jixiao.IndicatorLevel2), "indicator %d has no level-2 (%s) above it", ind.Seq, jixiao.LabelLevel2)
		}
		if ind.Level1 == jixiao.L1Satisfaction && ind.Name != nil && !strings.Contains(*ind.Name, "满意") {
			v.flag(jixiao.FlagLevelSuspect, at(jixiao.IndicatorLevel2),
				"indicator %d (%s) is under %s but does not measure satisfaction: the label may be printed a row too high",
				ind.Seq, *ind.Name, ind.Level2)
		}
		ind.NameNorm = ""
		if ind.Name != nil {
			ind.NameNorm = NameNorm(*ind.Name)
		}
		if ind.Value == nil {
			ind.Target = jixiao.Target{Kind: jixiao.TargetText}
			continue
		}
		ind.Target = cachedValue(*ind.Value, f.Year)
		t := ind.Target
		switch {
		case t.Kind == jixiao.TargetText:
			v.flag(jixiao.FlagUnparsedValue, at(jixiao.IndicatorValue), "value %q is not understood; kept as text", *ind.Value)
		case t.Kind == jixiao.TargetQuantity && t.Unit != nil && *t.Unit == "%" && t.Value != nil && *t.Value > 100:
			v.flag(jixiao.FlagPercentOver100, at(jixiao.IndicatorValue), "value %q is a percentage above 100", *ind.Value)
		}
	}
	hasSatisfaction := false
	for _, ind := range f.Indicators {
		hasSatisfaction = hasSatisfaction || ind.Level1 == jixiao.L1Satisfaction
	}
	if len(f.Indicators) > 0 && !hasSatisfaction {
		v.flag(jixiao.FlagNoSatisfaction, jixiao.FieldIndicators, "the form has no %s", jixiao.L1Satisfaction)
	}
}

func isISO(s string) bool {
	_, ok := Date(s)
	return ok && len(s) == len("2006-01-02")
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Truncated reports whether a name has more opening than closing brackets,
// the mark of a name cut off by a too-narrow cell.
func Truncated(s string) bool {
	open := strings.Count(s, "(") + strings.Count(s, "（")
	closed := strings.Count(s, ")") + strings.Count(s, "）")
	return open > closed
}

// fieldRank orders flags as the fields appear in the record.
var fieldRank = func() map[string]int {
	m := map[string]int{}
	for i, f := range []string{jixiao.FieldTitle, jixiao.FieldYear, jixiao.FieldProjectName,
		jixiao.FieldProjectNature, jixiao.FieldProjectCategory, jixiao.FieldDepartment,
		jixiao.FieldImplementingUnit, jixiao.FieldStartDate, jixiao.FieldEndDate,
		jixiao.FieldFundsTotal, jixiao.FieldFundsAnnualTotal, jixiao.FieldFundsFiscal,
		jixiao.FieldFundsAppropriation, jixiao.FieldFundsCarryover, jixiao.FieldFundsOther,
		jixiao.FieldFundsAnnualOther, jixiao.FieldFunds, jixiao.FieldGoalOverall, jixiao.FieldGoalAnnual,
		jixiao.FieldIndicators} {
		m[f] = i
	}
	return m
}()

// flagKey returns the sort key of a flag's field: its record rank, then the
// indicator index for indicator fields.
func flagKey(field string) (rank, index int) {
	if r, ok := fieldRank[field]; ok {
		return r, -1
	}
	if i, ok := jixiao.IndicatorIndex(field); ok {
		return len(fieldRank), i
	}
	return len(fieldRank) + 1, 0
}

func sortFlags(fl []jixiao.Flag) {
	sort.SliceStable(fl, func(a, b int) bool {
		ra, ia := flagKey(fl[a].Field)
		rb, ib := flagKey(fl[b].Field)
		if ra != rb {
			return ra < rb
		}
		return ia < ib
	})
}

// indicatorFlagCodes returns the codes of the flags on indicator i, each
// once (low_confidence can be on its level-2, name and value).
func indicatorFlagCodes(fl []jixiao.Flag, i int) []string {
	prefix := jixiao.IndicatorField(i, "")
	codes := []string{}
	for _, f := range fl {
		if (f.Field == prefix || strings.HasPrefix(f.Field, prefix+".")) && !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	return codes
}
