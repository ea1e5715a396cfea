package normalize

import "jixiao"

// What a layout prints. A field the form's layout does not print is not
// flagged when it is absent: a 88号 form has no 项目类别 or dates, and no
// 上年结转资金, whose amount then counts as 0 in the annual funds identity.
//
//   - shanghai (and a form of no template): every header field, both
//     goals, all seven amounts.
//   - mof88: 项目名称, 主管部门, 实施单位, 项目属性; both goals; the amounts
//     but 上年结转资金.
//   - target: 项目名称 and the department; the annual goal; of the funds,
//     the amounts of the columns the form prints (the total's or the
//     annual total's: a column with no amount at all is not printed),
//     上年结转资金 aside.
//
// A template with a builder of its own says here what it prints.

// printedHeader lists the header fields each template prints, where it
// is not every one.
var printedHeader = map[string][]string{
	jixiao.TemplateMOF88:  {jixiao.FieldProjectName, jixiao.FieldProjectNature, jixiao.FieldDepartment, jixiao.FieldImplementingUnit},
	jixiao.TemplateTarget: {jixiao.FieldProjectName, jixiao.FieldDepartment},
}

// printsField reports whether the form's template prints the header
// field or goal at path.
func printsField(f *jixiao.Form, path string) bool {
	switch f.Template {
	case jixiao.TemplateMOF88:
		if path == jixiao.FieldGoalOverall || path == jixiao.FieldGoalAnnual {
			return true
		}
	case jixiao.TemplateTarget:
		if path == jixiao.FieldGoalAnnual {
			return true
		}
		if path == jixiao.FieldGoalOverall {
			return false
		}
	}
	fields, ok := printedHeader[f.Template]
	if !ok {
		return true
	}
	for _, p := range fields {
		if p == path {
			return true
		}
	}
	return false
}

// printsCarryover reports whether the form's template prints 上年结转资金.
func printsCarryover(f *jixiao.Form) bool {
	return f.Template != jixiao.TemplateMOF88 && f.Template != jixiao.TemplateTarget
}

// printsAmount reports whether the form's layout prints the amount at
// path (see above).
func printsAmount(f *jixiao.Form, path string) bool {
	if path == jixiao.FieldFundsCarryover {
		return printsCarryover(f)
	}
	if f.Template != jixiao.TemplateTarget {
		return true
	}
	r := f.FundsRaw
	switch path {
	case jixiao.FieldFundsTotal, jixiao.FieldFundsFiscal, jixiao.FieldFundsOther:
		return r.Total != nil || r.Fiscal != nil || r.Other != nil
	}
	return r.AnnualTotal != nil || r.Appropriation != nil || r.AnnualOther != nil
}
