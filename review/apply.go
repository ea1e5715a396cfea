package review

import (
	"errors"
	"maps"
	"slices"

	"jixiao"
	"jixiao/normalize"
)

// ErrBadField means a correction names a field that cannot be corrected
// or does not exist in the form. Errors wrapping it are tested with
// errors.Is.
var ErrBadField = errors.New("field cannot be corrected")

// CorrectableFields are the fields of a form's header, funds, goals and
// scores that a reviewer may correct, by path. The items of its lists may
// be corrected too, by the leaves of IndicatorFields (jixiao.IndicatorField(i,
// leaf), i 0-based), BudgetFields (jixiao.BudgetField(key, leaf), for each
// row key of the budget block), TaskFields and BudgetLineFields; and any
// header field kept under its printed label (jixiao.HeaderExtraField). See
// fieldSlot for what each takes. Funds fields, and the amounts of tasks and
// budget lines, are the amounts as printed (funds_raw, amount_raw, raw);
// the number is parsed from the correction in the form's unit. A budget
// block's amounts are corrected in 元, its rate as a percentage number; a
// total score, weight or score as a decimal number of points.
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
// its name and value, its period, direction, standard and note, and a
// self-evaluation's actual value, weight, score and deviation reason. A
// corrected value drops the split cells it was joined from (value_parts)
// from the corrected record.
var IndicatorFields = []string{
	jixiao.IndicatorName, jixiao.IndicatorValue, jixiao.IndicatorPeriod, jixiao.IndicatorDirection,
	jixiao.IndicatorStandard, jixiao.IndicatorNote,
	jixiao.IndicatorActual, jixiao.IndicatorWeight, jixiao.IndicatorScore, jixiao.IndicatorDeviation,
}

// BudgetFields are the cells of a self-evaluation's budget row a reviewer
// may correct: its label and every number.
var BudgetFields = []string{
	jixiao.BudgetLeafLabel, jixiao.BudgetLeafInitial, jixiao.BudgetLeafAdjusted, jixiao.BudgetLeafExecuted,
	jixiao.BudgetLeafWeight, jixiao.BudgetLeafRate, jixiao.BudgetLeafScore,
}

// TaskFields and BudgetLineFields are the fields of a whole-department
// form's task and budget line a reviewer may correct (jixiao.TaskField,
// jixiao.BudgetLineField). A line's basis is where it is printed, not a
// reading, and cannot be corrected.
var (
	TaskFields       = []string{jixiao.TaskName, jixiao.TaskContent, jixiao.TaskAmount}
	BudgetLineFields = []string{jixiao.LineLabel, jixiao.LineAmount}
)

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
	out := clone(f)
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
// CorrectableFields) or an item f does not have.
func FieldValue(f jixiao.Form, field string) (*string, error) {
	s, err := fieldSlot(&f, field)
	if err != nil {
		return nil, err
	}
	return s.get(), nil
}

// clone returns a copy of f that shares nothing a correction or normalize
// writes to with f: its lists and maps are copied (the strings and numbers
// they point to are replaced, never written through).
func clone(f jixiao.Form) jixiao.Form {
	out := f
	out.Indicators = slices.Clone(f.Indicators)
	for i := range out.Indicators {
		out.Indicators[i].Flags = append([]string{}, f.Indicators[i].Flags...)
		out.Indicators[i].ValueParts = slices.Clone(f.Indicators[i].ValueParts)
	}
	out.Flags = slices.Clone(f.Flags)
	out.HeaderExtra = maps.Clone(f.HeaderExtra)
	out.Budget = maps.Clone(f.Budget)
	out.Tasks = slices.Clone(f.Tasks)
	out.BudgetRequest = slices.Clone(f.BudgetRequest)
	return out
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
