package review

import (
	"errors"
	"fmt"

	"jixiao"
	"jixiao/normalize"
)

// ErrBadField means a correction names a field that cannot be corrected
// or does not exist in the form. Errors wrapping it are tested with
// errors.Is.
var ErrBadField = errors.New("field cannot be corrected")

// CorrectableFields are the fields of a form's header, funds and goals that
// a reviewer may correct, by path. Each indicator's name and value may be
// corrected too: jixiao.IndicatorField(i, jixiao.IndicatorName) and
// jixiao.IndicatorField(i, jixiao.IndicatorValue), i 0-based. Funds fields
// are the amounts as printed (funds_raw); the number is parsed from the
// correction.
var CorrectableFields = []string{
	jixiao.FieldProjectName, jixiao.FieldProjectNature, jixiao.FieldProjectCategory,
	jixiao.FieldDepartment, jixiao.FieldImplementingUnit, jixiao.FieldStartDate, jixiao.FieldEndDate,
	jixiao.FieldFundsTotal, jixiao.FieldFundsAnnualTotal, jixiao.FieldFundsFiscal,
	jixiao.FieldFundsAppropriation, jixiao.FieldFundsCarryover, jixiao.FieldFundsOther,
	jixiao.FieldFundsAnnualOther,
	jixiao.FieldGoalOverall, jixiao.FieldGoalAnnual,
}

// Apply returns f with the corrections cs (oldest first) applied on top:
// for each field the latest correction wins. The corrected record is
// normalised again (normalize.Form): a corrected indicator value gets its
// typed target (normalize.Value with the form's year), a corrected date
// its ISO form, a corrected amount its number. Flags on a corrected field
// are taken as resolved by the reviewer; the flags normalize derives from
// the record (normalize.Derived: value_missing, unparsed_value,
// funds_mismatch …) are derived again from the corrected record, so a
// correction that is still not understood keeps its flag. f itself is not
// modified. Corrections of fields that f does not have are ignored. With
// no corrections, f is returned as it is.
func Apply(f jixiao.Form, cs []jixiao.Correction) jixiao.Form {
	if len(cs) == 0 {
		return f
	}
	out := f
	out.Indicators = append([]jixiao.Indicator(nil), f.Indicators...)
	for i := range out.Indicators {
		out.Indicators[i].Flags = append([]string{}, f.Indicators[i].Flags...)
	}
	corrected := map[string]bool{}
	for _, c := range cs {
		slot, err := fieldSlot(&out, c.Field)
		if err != nil {
			continue
		}
		*slot = c.New
		corrected[c.Field] = true
	}
	if len(corrected) == 0 {
		return out
	}
	out.Flags = []jixiao.Flag{}
	for _, fl := range f.Flags {
		if corrected[fl.Field] || normalize.Derived(fl.Code) {
			continue
		}
		out.Flags = append(out.Flags, fl)
	}
	normalize.Form(&out)
	return out
}

// FieldValue returns the value of field in f (nil when absent), or an
// error wrapping ErrBadField for a field that cannot be corrected (see
// CorrectableFields) or an indicator f does not have.
func FieldValue(f jixiao.Form, field string) (*string, error) {
	slot, err := fieldSlot(&f, field)
	if err != nil {
		return nil, err
	}
	return *slot, nil
}

// fieldSlot returns where field's value lives in f, or an error wrapping
// ErrBadField.
func fieldSlot(f *jixiao.Form, field string) (**string, error) {
	switch field {
	case jixiao.FieldProjectName:
		return &f.ProjectName, nil
	case jixiao.FieldProjectNature:
		return &f.ProjectNature, nil
	case jixiao.FieldProjectCategory:
		return &f.ProjectCategory, nil
	case jixiao.FieldDepartment:
		return &f.Department, nil
	case jixiao.FieldImplementingUnit:
		return &f.ImplementingUnit, nil
	case jixiao.FieldStartDate:
		return &f.StartDate, nil
	case jixiao.FieldEndDate:
		return &f.EndDate, nil
	case jixiao.FieldFundsTotal:
		return &f.FundsRaw.Total, nil
	case jixiao.FieldFundsAnnualTotal:
		return &f.FundsRaw.AnnualTotal, nil
	case jixiao.FieldFundsFiscal:
		return &f.FundsRaw.Fiscal, nil
	case jixiao.FieldFundsAppropriation:
		return &f.FundsRaw.Appropriation, nil
	case jixiao.FieldFundsCarryover:
		return &f.FundsRaw.Carryover, nil
	case jixiao.FieldFundsOther:
		return &f.FundsRaw.Other, nil
	case jixiao.FieldFundsAnnualOther:
		return &f.FundsRaw.AnnualOther, nil
	case jixiao.FieldGoalOverall:
		return &f.Goals.Overall, nil
	case jixiao.FieldGoalAnnual:
		return &f.Goals.Annual, nil
	}
	if i, ok := jixiao.IndicatorIndex(field); ok && i < len(f.Indicators) {
		switch field {
		case jixiao.IndicatorField(i, jixiao.IndicatorName):
			return &f.Indicators[i].Name, nil
		case jixiao.IndicatorField(i, jixiao.IndicatorValue):
			return &f.Indicators[i].Value, nil
		}
	}
	return nil, fmt.Errorf("%q: %w", field, ErrBadField)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
