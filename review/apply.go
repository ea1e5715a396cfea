package review

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/normalize"
)

// ErrBadField means a correction names a field that cannot be corrected
// or does not exist in the form. Errors wrapping it are tested with
// errors.Is.
var ErrBadField = errors.New("field cannot be corrected")

// ErrBadValue means a correction of a number (a weight, a score) is not
// one.
var ErrBadValue = errors.New("not a number")

// CorrectableFields are the fields of a form's header, funds, goals and
// scores that a reviewer may correct, by path. Each indicator's fields of
// IndicatorFields may be corrected too (jixiao.IndicatorField(i, leaf), i
// 0-based). Funds fields are the amounts as printed (funds_raw); the
// number is parsed from the correction. A total score, weight or score is
// corrected as a decimal number of points.
var CorrectableFields = []string{
	jixiao.FieldProjectName, jixiao.FieldProjectNature, jixiao.FieldProjectCategory,
	jixiao.FieldDepartment, jixiao.FieldImplementingUnit, jixiao.FieldStartDate, jixiao.FieldEndDate,
	jixiao.FieldFundsTotal, jixiao.FieldFundsAnnualTotal, jixiao.FieldFundsFiscal,
	jixiao.FieldFundsAppropriation, jixiao.FieldFundsCarryover, jixiao.FieldFundsOther,
	jixiao.FieldFundsAnnualOther,
	jixiao.FieldGoalOverall, jixiao.FieldGoalAnnual, jixiao.FieldGoalExpected, jixiao.FieldGoalAchieved,
	jixiao.FieldTotalScore, jixiao.FieldGrade,
}

// IndicatorFields are the fields of an indicator a reviewer may correct:
// its name and value, and a self-evaluation's actual value, weight, score
// and deviation reason.
var IndicatorFields = []string{
	jixiao.IndicatorName, jixiao.IndicatorValue,
	jixiao.IndicatorActual, jixiao.IndicatorWeight, jixiao.IndicatorScore, jixiao.IndicatorDeviation,
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
		s, err := fieldSlot(&out, c.Field)
		if err != nil || s.set(c.New) != nil {
			continue
		}
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

// FieldValue returns the value of field in f as a reviewer sees and
// corrects it (a number in its shortest decimal form), nil when absent, or
// an error wrapping ErrBadField for a field that cannot be corrected (see
// CorrectableFields) or an indicator f does not have.
func FieldValue(f jixiao.Form, field string) (*string, error) {
	s, err := fieldSlot(&f, field)
	if err != nil {
		return nil, err
	}
	return s.get(), nil
}

// slot is where a correctable field's value lives in a form: a text, or a
// number that a correction's text is parsed into.
type slot struct {
	text **string
	num  **float64
}

func (s slot) get() *string {
	if s.text != nil {
		return *s.text
	}
	if *s.num == nil {
		return nil
	}
	v := strconv.FormatFloat(**s.num, 'f', -1, 64)
	return &v
}

// set stores v (nil clears the field); for a number it fails with an
// error wrapping ErrBadValue when v is not one.
func (s slot) set(v *string) error {
	if s.text != nil {
		*s.text = v
		return nil
	}
	if v == nil {
		*s.num = nil
		return nil
	}
	n, err := parseNumber(*v)
	if err != nil {
		return err
	}
	*s.num = &n
	return nil
}

// parseNumber reads a corrected weight or score: a decimal number of
// points, not negative, "分" (points) after it allowed.
func parseNumber(v string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "分"))
	n, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 0 {
		return 0, fmt.Errorf("%q is not a number: %w", v, ErrBadValue)
	}
	return n, nil
}

// fieldSlot returns where field's value lives in f, or an error wrapping
// ErrBadField.
func fieldSlot(f *jixiao.Form, field string) (slot, error) {
	text := func(p **string) (slot, error) { return slot{text: p}, nil }
	switch field {
	case jixiao.FieldProjectName:
		return text(&f.ProjectName)
	case jixiao.FieldProjectNature:
		return text(&f.ProjectNature)
	case jixiao.FieldProjectCategory:
		return text(&f.ProjectCategory)
	case jixiao.FieldDepartment:
		return text(&f.Department)
	case jixiao.FieldImplementingUnit:
		return text(&f.ImplementingUnit)
	case jixiao.FieldStartDate:
		return text(&f.StartDate)
	case jixiao.FieldEndDate:
		return text(&f.EndDate)
	case jixiao.FieldFundsTotal:
		return text(&f.FundsRaw.Total)
	case jixiao.FieldFundsAnnualTotal:
		return text(&f.FundsRaw.AnnualTotal)
	case jixiao.FieldFundsFiscal:
		return text(&f.FundsRaw.Fiscal)
	case jixiao.FieldFundsAppropriation:
		return text(&f.FundsRaw.Appropriation)
	case jixiao.FieldFundsCarryover:
		return text(&f.FundsRaw.Carryover)
	case jixiao.FieldFundsOther:
		return text(&f.FundsRaw.Other)
	case jixiao.FieldFundsAnnualOther:
		return text(&f.FundsRaw.AnnualOther)
	case jixiao.FieldGoalOverall:
		return text(&f.Goals.Overall)
	case jixiao.FieldGoalAnnual:
		return text(&f.Goals.Annual)
	case jixiao.FieldGoalExpected:
		return text(&f.Goals.Expected)
	case jixiao.FieldGoalAchieved:
		return text(&f.Goals.Achieved)
	case jixiao.FieldGrade:
		return text(&f.Grade)
	case jixiao.FieldTotalScore:
		return slot{num: &f.TotalScore}, nil
	}
	if i, ok := jixiao.IndicatorIndex(field); ok && i < len(f.Indicators) {
		ind := &f.Indicators[i]
		switch field {
		case jixiao.IndicatorField(i, jixiao.IndicatorName):
			return text(&ind.Name)
		case jixiao.IndicatorField(i, jixiao.IndicatorValue):
			return text(&ind.Value)
		case jixiao.IndicatorField(i, jixiao.IndicatorActual):
			return text(&ind.Actual)
		case jixiao.IndicatorField(i, jixiao.IndicatorDeviation):
			return text(&ind.Deviation)
		case jixiao.IndicatorField(i, jixiao.IndicatorWeight):
			return slot{num: &ind.Weight}, nil
		case jixiao.IndicatorField(i, jixiao.IndicatorScore):
			return slot{num: &ind.Score}, nil
		}
	}
	return slot{}, fmt.Errorf("%q: %w", field, ErrBadField)
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
