package render

import (
	"strconv"

	golden "jixiao"
)

// buildTarget lays a record out as a one-grid target form of another
// region or year: header labels as 项目支出名称/预算部门/项目执行单位 or the
// standard ones, funds in 万元 (the annual column only, or both), goals
// 实施期绩效目标/本年度绩效目标 (or 项目总目标/年度目标) each beside its text,
// and a grid whose columns follow the record: split value columns when
// an indicator has value_parts, 指标方向 when one has a direction, 绩效标准,
// 备注 or 指标解释, 分值 when one has them.
func buildTarget(r golden.Form) Form {
	f := Form{title: titleOf(r, "项目支出绩效目标表"), year: yearLine(r)}
	add := func(k rowKind, cs ...cell) { f.rows = append(f.rows, row{kind: k, cells: cs}) }
	add(rowPlain, lab(0, 1, pick(r, 0, "项目支出名称", "项目名称")), val(1, 7, Str(r.ProjectName)))
	add(rowPlain, lab(0, 1, pick(r, 1, "预算部门", "项目主管部门", "主管部门")), val(1, 3, Str(r.Department)),
		lab(4, 1, pick(r, 2, "项目执行单位", "实施单位")), val(5, 3, Str(r.ImplementingUnit)))
	if r.ProjectNature != nil {
		add(rowPlain, lab(0, 1, "项目属性"), val(1, 3, Str(r.ProjectNature)))
	}
	extraRows(r, add)

	fr := r.FundsRaw
	unit := pick(r, 3, "项目资金（万元）", "项目资金(单位：万元)", "项目资金")
	if unit == "项目资金" {
		add(rowPlain, val(0, 1, "单位：万元"))
	}
	if fr.Total != nil {
		add(rowPlain, span(lab(0, 1, unit), 3),
			lab(1, 2, "项目资金总额"), val(3, 1, Str(fr.Total)),
			lab(4, 2, "年度资金总额"), val(6, 2, Str(fr.AnnualTotal)))
		add(rowPlain, lab(1, 2, "其中：财政拨款"), val(3, 1, Str(fr.Fiscal)),
			lab(4, 2, "其中：财政拨款"), val(6, 2, Str(fr.Appropriation)))
		add(rowPlain, lab(1, 2, "其他资金"), val(3, 1, Str(fr.Other)),
			lab(4, 2, "其他资金"), val(6, 2, Str(fr.AnnualOther)))
	} else {
		add(rowPlain, span(lab(0, 1, unit), 3), lab(1, 2, "年度资金总额"), val(3, 5, Str(fr.AnnualTotal)))
		add(rowPlain, lab(1, 2, "其中：财政拨款"), val(3, 5, Str(fr.Appropriation)))
		add(rowPlain, lab(1, 2, "其他资金"), val(3, 5, Str(fr.AnnualOther)))
	}
	overall, annual := "实施期绩效目标", "本年度绩效目标"
	if variant(r, 2, 4) == 1 {
		overall, annual = "项目总目标", "年度目标"
	}
	if r.Goals.Overall != nil {
		add(rowPlain, lab(0, 2, overall), val(2, 6, Str(r.Goals.Overall)))
	}
	add(rowPlain, lab(0, 2, annual), val(2, 6, Str(r.Goals.Annual)))

	// the grid's columns after 一级, 二级, 三级
	ind := r.Indicators
	has := map[string]bool{}
	for _, x := range ind {
		has["split"] = has["split"] || x.ValueParts != nil
		has["dir"] = has["dir"] || x.Direction != nil
		has["std"] = has["std"] || x.Standard != nil
		has["note"] = has["note"] || x.Note != nil
		has["weight"] = has["weight"] || x.Weight != nil
	}
	type col struct {
		head string
		text func(golden.Indicator) string
	}
	part := func(i int) func(golden.Indicator) string {
		return func(x golden.Indicator) string {
			if x.ValueParts == nil {
				return ""
			}
			return x.ValueParts[i]
		}
	}
	var cols []col
	switch {
	case has["split"] && has["dir"]:
		cols = append(cols, col{"指标性质", func(x golden.Indicator) string { return Str(x.Direction) }},
			col{"指标方向", part(0)}, col{"指标值", part(1)}, col{pick(r, 5, "度量单位", "计量单位"), part(2)})
	case has["split"]:
		cols = append(cols, col{"指标性质", part(0)}, col{"指标值", part(1)}, col{pick(r, 5, "度量单位", "计量单位"), part(2)})
	default:
		cols = append(cols, col{pick(r, 5, "指标值", "年度指标值"), func(x golden.Indicator) string { return Str(x.Value) }})
	}
	if has["std"] {
		cols = append(cols, col{"绩效标准", func(x golden.Indicator) string { return Str(x.Standard) }})
	}
	if has["weight"] {
		cols = append(cols, col{"分值", func(x golden.Indicator) string {
			if x.Weight == nil {
				return ""
			}
			return strconv.FormatFloat(*x.Weight, 'f', -1, 64)
		}})
	}
	if has["note"] {
		cols = append(cols, col{pick(r, 6, "备注", "指标解释"), func(x golden.Indicator) string { return Str(x.Note) }})
	}
	nameSpan := NCols - 3 - len(cols) + 1
	if nameSpan < 1 {
		nameSpan = 1
	}
	hdr := []cell{lab(0, 1, "一级指标"), lab(1, 1, "二级指标"), lab(2, nameSpan, "三级指标")}
	for i, c := range cols {
		hdr = append(hdr, lab(2+nameSpan+i, 1, c.head))
	}
	add(rowIndHeader, hdr...)
	repeat := variant(r, 2, 0) == 1
	for i := range ind {
		var cs []cell
		newL1 := i == 0 || level1Of(ind[i]) != level1Of(ind[i-1])
		if repeat || newL1 {
			cs = append(cs, lab(0, 1, level1Of(ind[i])))
		}
		if newL1 || printedLevel2(ind[i]) != printedLevel2(ind[i-1]) {
			cs = append(cs, lab(1, 1, printedLevel2(ind[i])))
		}
		cs = append(cs, val(2, nameSpan, Str(ind[i].Name)))
		for j, c := range cols {
			cs = append(cs, lab(2+nameSpan+j, 1, c.text(ind[i])))
		}
		add(rowIndicator, cs...)
	}
	return f
}
