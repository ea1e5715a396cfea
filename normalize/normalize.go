package normalize

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"jixiao"
)

// Form normalizes f in place: it parses the funds from FundsRaw, rewrites
// the dates as ISO 8601, types each indicator's value, adds the validation
// flags and sorts all flags into record order. Flags it adds are not added
// twice when Form runs again.
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
	v.header()
	v.funds()
	v.goals()
	v.indicators()
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
		{"project_name", f.ProjectName}, {"project_nature", f.ProjectNature},
		{"project_category", f.ProjectCategory}, {"department", f.Department},
		{"implementing_unit", f.ImplementingUnit}, {"start_date", f.StartDate}, {"end_date", f.EndDate},
	} {
		if h.p == nil {
			v.flag(jixiao.FlagFieldMissing, h.field, "%s is not on the form", h.field)
		}
	}
	if f.ProjectName != nil && Truncated(*f.ProjectName) {
		v.flag(jixiao.FlagNameTruncated, "project_name", "project name %q has an unclosed bracket: it was probably cut off", *f.ProjectName)
	}
	for _, d := range []struct {
		field string
		p     **string
	}{{"start_date", &f.StartDate}, {"end_date", &f.EndDate}} {
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
		v.flag(jixiao.FlagDateOrder, "end_date", "计划完成日期 %s is before 计划开始日期 %s", *f.EndDate, *f.StartDate)
	}
	if f.Year == 0 && f.StartDate != nil {
		if y, err := strconv.Atoi(strings.SplitN(*f.StartDate, "-", 2)[0]); err == nil && y > 1900 {
			f.Year = y
		}
	}
}

func (v *validator) goals() {
	if v.f.Goals.Overall == nil {
		v.flag(jixiao.FlagFieldMissing, "goals.overall", "项目总目标 is not on the form")
	}
	if v.f.Goals.Annual == nil {
		v.flag(jixiao.FlagFieldMissing, "goals.annual", "年度总体目标 is not on the form")
	}
}

func (v *validator) indicators() {
	f := v.f
	if len(f.Indicators) == 0 {
		v.flag(jixiao.FlagNoIndicators, "indicators", "the indicator grid holds no indicator")
	}
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		at := fmt.Sprintf("indicators[%d]", i)
		if ind.Name == nil {
			v.flag(jixiao.FlagNameMissing, at+".name", "indicator %d has a value but no name", ind.Seq)
		}
		if ind.Value == nil {
			v.flag(jixiao.FlagValueMissing, at+".value", "indicator %d (%s) has no value", ind.Seq, deref(ind.Name))
		}
		if ind.Level2 == "" {
			v.flag(jixiao.FlagLevelMissing, at+".level2", "indicator %d has no level-2 (二级指标) above it", ind.Seq)
		}
		if ind.Level1 == jixiao.L1Satisfaction && ind.Name != nil && !strings.Contains(*ind.Name, "满意") {
			v.flag(jixiao.FlagLevelSuspect, at+".level2",
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
			v.flag(jixiao.FlagUnparsedValue, at+".value", "value %q is not understood; kept as text", *ind.Value)
		case t.Kind == jixiao.TargetQuantity && t.Unit != nil && *t.Unit == "%" && t.Value != nil && *t.Value > 100:
			v.flag(jixiao.FlagPercentOver100, at+".value", "value %q is a percentage above 100", *ind.Value)
		}
	}
	hasSatisfaction := false
	for _, ind := range f.Indicators {
		hasSatisfaction = hasSatisfaction || ind.Level1 == jixiao.L1Satisfaction
	}
	if len(f.Indicators) > 0 && !hasSatisfaction {
		v.flag(jixiao.FlagNoSatisfaction, "indicators", "the form has no 满意度指标")
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
	for i, f := range []string{"title", "year", "project_name", "project_nature", "project_category",
		"department", "implementing_unit", "start_date", "end_date",
		"funds.total", "funds.annual_total", "funds.fiscal", "funds.appropriation", "funds.carryover",
		"funds.other", "funds.annual_other", "funds", "goals.overall", "goals.annual", "indicators"} {
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
	var i int
	if _, err := fmt.Sscanf(field, "indicators[%d]", &i); err == nil {
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
	prefix := fmt.Sprintf("indicators[%d]", i)
	codes := []string{}
	for _, f := range fl {
		if (f.Field == prefix || strings.HasPrefix(f.Field, prefix+".")) && !slices.Contains(codes, f.Code) {
			codes = append(codes, f.Code)
		}
	}
	return codes
}
