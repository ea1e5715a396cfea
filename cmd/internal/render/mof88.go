package render

import (
	"strconv"

	golden "jixiao"
)

// buildMOF88 lays a record out as the central 88号 target form: the
// header with 主管部门及代码 and 项目属性, funds in 万元 as a medium-term and
// an annual column, 中期目标 and 年度目标 each beside its text, and the
// grid printed twice side by side (一级 shared): a medium-term indicator
// followed by an annual one of the same 一级 share a row; an annual one
// alone leaves the medium-term cells blank.
func buildMOF88(r golden.Form) Form {
	f := Form{title: titleOf(r, "项目支出绩效目标申报表"), year: yearLine(r)}
	add := func(k rowKind, cs ...cell) { f.rows = append(f.rows, row{kind: k, cells: cs}) }
	add(rowPlain, lab(0, 1, "项目名称"), val(1, 7, Str(r.ProjectName)))
	add(rowPlain, lab(0, 1, pick(r, 0, "主管部门及代码", "主管部门")), val(1, 3, Str(r.Department)),
		lab(4, 1, "实施单位"), val(5, 3, Str(r.ImplementingUnit)))
	add(rowPlain, lab(0, 1, pick(r, 1, "项目属性", "项目性质")), val(1, 3, Str(r.ProjectNature)))
	extraRows(r, add)

	fr := r.FundsRaw
	unitLabel := pick(r, 2, "项目资金（万元）", "项目资金(万元)", "项目资金")
	if unitLabel == "项目资金" {
		add(rowPlain, val(0, 1, "单位：万元"))
	}
	add(rowPlain, span(lab(0, 1, unitLabel), 3),
		lab(1, 2, "中期资金总额"), val(3, 1, Str(fr.Total)),
		lab(4, 2, "年度资金总额"), val(6, 2, Str(fr.AnnualTotal)))
	add(rowPlain, lab(1, 2, "其中：财政拨款"), val(3, 1, Str(fr.Fiscal)),
		lab(4, 2, "其中：财政拨款"), val(6, 2, Str(fr.Appropriation)))
	add(rowPlain, lab(1, 2, "其他资金"), val(3, 1, Str(fr.Other)),
		lab(4, 2, "其他资金"), val(6, 2, Str(fr.AnnualOther)))

	medium := "中期目标"
	if r.Year > 0 {
		medium += "(" + strconv.Itoa(r.Year) + "年—" + strconv.Itoa(r.Year+2) + "年)"
	}
	add(rowPlain, lab(0, 2, medium), val(2, 6, Str(r.Goals.Overall)))
	add(rowPlain, lab(0, 2, "年度目标"), val(2, 6, Str(r.Goals.Annual)))

	suffixed := variant(r, 2, 3) == 1
	if suffixed {
		add(rowIndHeader, lab(0, 1, "一级指标"), lab(1, 1, "二级指标(长期)"), lab(2, 1, "三级指标(长期)"), lab(3, 1, "指标值(长期)"),
			lab(4, 1, "二级指标(年度)"), lab(5, 2, "三级指标(年度)"), lab(7, 1, "指标值(年度)"))
	} else {
		add(rowIndHeader, lab(0, 1, "一级指标"), lab(1, 1, "二级指标"), lab(2, 1, "三级指标"), lab(3, 1, "指标值"),
			lab(4, 1, "二级指标"), lab(5, 2, "三级指标"), lab(7, 1, "指标值"))
	}
	repeat := variant(r, 2, 4) == 1 // 一级 on every row instead of merged
	ind := r.Indicators
	type pair struct{ m, a *golden.Indicator }
	var rows []pair
	for i := 0; i < len(ind); i++ {
		p := pair{}
		if ind[i].Period == golden.PeriodMediumTerm {
			p.m = &ind[i]
			if i+1 < len(ind) && ind[i+1].Period != golden.PeriodMediumTerm && ind[i+1].Level1 == ind[i].Level1 {
				p.a = &ind[i+1]
				i++
			}
		} else {
			p.a = &ind[i]
		}
		rows = append(rows, p)
	}
	first := func(p pair) *golden.Indicator {
		if p.m != nil {
			return p.m
		}
		return p.a
	}
	prevL1, prevM2, prevA2 := "", "", ""
	for _, p := range rows {
		var cs []cell
		l1 := level1Of(*first(p))
		if repeat || l1 != prevL1 {
			cs = append(cs, lab(0, 1, l1))
			prevM2, prevA2 = "", ""
		}
		prevL1 = l1
		// a new 二级 on either side starts a new 二级 cell on both
		newL2 := (p.m != nil && printedLevel2(*p.m) != prevM2) || (p.a != nil && printedLevel2(*p.a) != prevA2)
		if p.m != nil {
			if newL2 {
				cs = append(cs, lab(1, 1, printedLevel2(*p.m)))
				prevM2 = printedLevel2(*p.m)
			}
			cs = append(cs, val(2, 1, Str(p.m.Name)), lab(3, 1, Str(p.m.Value)))
		}
		if p.a != nil {
			if newL2 {
				cs = append(cs, lab(4, 1, printedLevel2(*p.a)))
				prevA2 = printedLevel2(*p.a)
			}
			cs = append(cs, val(5, 2, Str(p.a.Name)), lab(7, 1, Str(p.a.Value)))
		}
		add(rowIndicator, cs...)
	}
	return f
}
