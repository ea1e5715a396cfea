package review

import (
	"fmt"
	"strings"

	"jixiao"
)

// slot is where a correctable field's value lives in a form, and how a
// correction's text goes in.
type slot struct {
	// get returns the value as a reviewer sees it (a number in its
	// shortest decimal form), nil when absent.
	get func() *string
	// set stores v (nil clears the field) as Apply applies a stored
	// correction; it fails with a *ValueError only for a value that
	// cannot be stored (a number that is not one).
	set func(v *string) error
	// check, when not nil, refuses with a *ValueError a value entered that
	// does not fit the field. Correct calls it before storing; Apply does
	// not, so that corrections stored before a check existed apply as
	// they were made.
	check func(v string) error
	// yuan, for an amount, returns its number in 元 as the record has it
	// after normalize (an amount as printed is parsed in the form's unit);
	// nil for other fields.
	yuan func() *float64
}

// textSlot is a text kept as entered.
func textSlot(p **string) slot {
	return slot{get: func() *string { return *p }, set: func(v *string) error { *p = v; return nil }}
}

// numberSlot is a number, read from the correction's text by read.
func numberSlot(p **float64, read func(string) (float64, error)) slot {
	return slot{
		get: func() *string {
			if *p == nil {
				return nil
			}
			v := formatNumber(**p)
			return &v
		},
		set: func(v *string) error {
			if v == nil {
				*p = nil
				return nil
			}
			n, err := read(*v)
			if err != nil {
				return err
			}
			*p = &n
			return nil
		},
	}
}

// amountSlot is an amount in 元, entered as a number.
func amountSlot(p **float64) slot {
	s := numberSlot(p, readYuan)
	s.yuan = func() *float64 { return *p }
	return s
}

// printedSlot is an amount entered as printed (raw), parsed by normalize
// into *num in the form's unit.
func printedSlot(f *jixiao.Form, raw **string, num **float64) slot {
	s := textSlot(raw)
	s.check = checkPrinted(f.FundsUnit)
	s.yuan = func() *float64 { return *num }
	return s
}

// stringSlot is a text of a plain string field, "" when absent.
func stringSlot(p *string) slot {
	return slot{
		get: func() *string {
			if *p == "" {
				return nil
			}
			v := *p
			return &v
		},
		set: func(v *string) error {
			*p = ""
			if v != nil {
				*p = *v
			}
			return nil
		},
	}
}

// periodSlot is an indicator's period: jixiao.PeriodAnnual or
// PeriodMediumTerm; "" (stored before schema version 10, or cleared) is
// read as annual, as the views read it.
func periodSlot(p *string) slot {
	s := stringSlot(p)
	s.get = func() *string {
		v := *p
		if v == "" {
			v = jixiao.PeriodAnnual
		}
		return &v
	}
	s.check = checkOneOf(jixiao.PeriodAnnual, jixiao.PeriodMediumTerm)
	return s
}

// extraSlot is the header field kept under label in f.HeaderExtra: absent
// reads as nil, a cleared one is removed, a new one added.
func extraSlot(f *jixiao.Form, label string) slot {
	return slot{
		get: func() *string {
			v, ok := f.HeaderExtra[label]
			if !ok {
				return nil
			}
			return &v
		},
		set: func(v *string) error {
			if v == nil {
				delete(f.HeaderExtra, label)
				if len(f.HeaderExtra) == 0 {
					f.HeaderExtra = nil
				}
				return nil
			}
			if f.HeaderExtra == nil {
				f.HeaderExtra = map[string]string{}
			}
			f.HeaderExtra[label] = *v
			return nil
		},
	}
}

// budgetSlot is the cell leaf of row key of f.Budget; false for a row the
// form does not have or a leaf a row does not have. A row is a value in
// the map: each set puts the changed copy back.
func budgetSlot(f *jixiao.Form, key, leaf string) (slot, bool) {
	if _, ok := f.Budget[key]; !ok {
		return slot{}, false
	}
	cell := func(r *jixiao.BudgetRow) (slot, bool) {
		switch leaf {
		case jixiao.BudgetLeafLabel:
			return stringSlot(&r.Label), true
		case jixiao.BudgetLeafInitial:
			return amountSlot(&r.Initial), true
		case jixiao.BudgetLeafAdjusted:
			return amountSlot(&r.Adjusted), true
		case jixiao.BudgetLeafExecuted:
			return amountSlot(&r.Executed), true
		case jixiao.BudgetLeafWeight:
			return numberSlot(&r.Weight, readPoints), true
		case jixiao.BudgetLeafScore:
			return numberSlot(&r.Score, readPoints), true
		case jixiao.BudgetLeafRate:
			return numberSlot(&r.Rate, readRate), true
		}
		return slot{}, false
	}
	read := func() slot { // on a copy of the row: get does not write
		r := f.Budget[key]
		s, _ := cell(&r)
		return s
	}
	s, ok := cell(&jixiao.BudgetRow{})
	if !ok {
		return slot{}, false
	}
	out := slot{check: s.check}
	out.get = func() *string { return read().get() }
	out.set = func(v *string) error {
		r := f.Budget[key]
		s, _ := cell(&r)
		if err := s.set(v); err != nil {
			return err
		}
		f.Budget[key] = r
		return nil
	}
	if s.yuan != nil {
		out.yuan = func() *float64 { return read().yuan() }
	}
	return out, true
}

// indicatorSlot is field leaf of indicator i of f; false for a leaf that
// cannot be corrected.
func indicatorSlot(f *jixiao.Form, i int, leaf string) (slot, bool) {
	ind := &f.Indicators[i]
	switch leaf {
	case jixiao.IndicatorName:
		return textSlot(&ind.Name), true
	case jixiao.IndicatorValue:
		// A corrected value is no longer the join of the split cells
		// printed: they are dropped from the corrected record (the
		// machine's reading keeps them).
		s := textSlot(&ind.Value)
		s.set = func(v *string) error { ind.Value, ind.ValueParts = v, nil; return nil }
		return s, true
	case jixiao.IndicatorPeriod:
		return periodSlot(&ind.Period), true
	case jixiao.IndicatorDirection:
		s := textSlot(&ind.Direction)
		s.check = checkOneOf(jixiao.DirectionPositive, jixiao.DirectionNegative)
		return s, true
	case jixiao.IndicatorStandard:
		return textSlot(&ind.Standard), true
	case jixiao.IndicatorNote:
		return textSlot(&ind.Note), true
	case jixiao.IndicatorActual:
		return textSlot(&ind.Actual), true
	case jixiao.IndicatorDeviation:
		return textSlot(&ind.Deviation), true
	case jixiao.IndicatorWeight:
		return numberSlot(&ind.Weight, readPoints), true
	case jixiao.IndicatorScore:
		return numberSlot(&ind.Score, readPoints), true
	}
	return slot{}, false
}

// fieldSlot returns where field's value lives in f, or an error wrapping
// ErrBadField. The paths, as jixiao names them (Flag.Field):
//
//	project_name … end_date      a header field, a text (a date is normalised)
//	funds.<leaf>                 a funds amount as printed (funds_raw), parsed in the form's unit
//	goals.<leaf>                 overall, annual, expected, achieved: a text
//	total_score, grade           points; a text
//	header_extra.<label>         the header field kept under its printed label, a text;
//	                             any label (absent reads as nil; cleared, it is removed)
//	budget.<key>.<leaf>          a cell of budget row key (total, appropriation,
//	                             carryover, other, or the printed label): initial,
//	                             adjusted, executed in 元; weight, score in points;
//	                             rate in %; label a text
//	indicators[i].<leaf>         name, value, standard, note, actual, deviation: a text;
//	                             direction 正向 or 反向; period annual or medium_term;
//	                             weight, score in points
//	tasks[i].<leaf>              name, content: a text; amount as printed (amount_raw)
//	budget_request[i].<leaf>     label: a text; amount as printed (raw)
//
// i is 0-based, and a row or item the form does not have is ErrBadField.
func fieldSlot(f *jixiao.Form, field string) (slot, error) {
	if p := formText(f, field); p != nil {
		return textSlot(p), nil
	}
	if raw, num := f.FundsCell(field); raw != nil {
		return printedSlot(f, raw, num), nil
	}
	if field == jixiao.FieldTotalScore {
		return numberSlot(&f.TotalScore, readPoints), nil
	}
	if label, ok := jixiao.HeaderExtraLabel(field); ok && label == strings.TrimSpace(label) {
		return extraSlot(f, label), nil
	}
	if key, leaf, ok := jixiao.BudgetCell(field); ok {
		if s, ok := budgetSlot(f, key, leaf); ok {
			return s, nil
		}
	}
	if i, ok := jixiao.IndicatorIndex(field); ok && i < len(f.Indicators) {
		if leaf, ok := strings.CutPrefix(field, jixiao.IndicatorField(i, "")+"."); ok {
			if s, ok := indicatorSlot(f, i, leaf); ok {
				return s, nil
			}
		}
	}
	if i, ok := jixiao.TaskIndex(field); ok && i < len(f.Tasks) {
		t := &f.Tasks[i]
		switch field {
		case jixiao.TaskField(i, jixiao.TaskName):
			return textSlot(&t.Name), nil
		case jixiao.TaskField(i, jixiao.TaskContent):
			return textSlot(&t.Content), nil
		case jixiao.TaskField(i, jixiao.TaskAmount):
			return printedSlot(f, &t.AmountRaw, &t.Amount), nil
		}
	}
	if i, ok := jixiao.BudgetLineIndex(field); ok && i < len(f.BudgetRequest) {
		l := &f.BudgetRequest[i]
		switch field {
		case jixiao.BudgetLineField(i, jixiao.LineLabel):
			return stringSlot(&l.Label), nil
		case jixiao.BudgetLineField(i, jixiao.LineAmount):
			return printedSlot(f, &l.Raw, &l.Amount), nil
		}
	}
	return slot{}, fmt.Errorf("%q: %w", field, ErrBadField)
}

// formText returns the text field at path among the header fields, goals
// and grade, nil for any other path.
func formText(f *jixiao.Form, field string) **string {
	if p := f.HeaderText(field); p != nil {
		return p
	}
	switch field {
	case jixiao.FieldGoalOverall:
		return &f.Goals.Overall
	case jixiao.FieldGoalAnnual:
		return &f.Goals.Annual
	case jixiao.FieldGoalExpected:
		return &f.Goals.Expected
	case jixiao.FieldGoalAchieved:
		return &f.Goals.Achieved
	case jixiao.FieldGrade:
		return &f.Grade
	}
	return nil
}
