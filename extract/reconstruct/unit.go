package reconstruct

import (
	"fmt"
	"regexp"
	"strings"

	"jixiao"
	"jixiao/extract/table"
)

// The funds block's unit is read from what the form declares, before the
// indicator grid:
//
//   - the block label with a bracketed unit: 项目资金(元), 项目资金（万元）,
//     项目资金(单位：万元);
//   - a funds label with one: 项目资金总额(万元);
//   - a cell that is a unit line and nothing else: 单位：万元, 金额单位：万元,
//     (单位:元), 单位(万元);
//   - the title cell ending in one: …申报表（单位：万元）.
//
// Indicator values keep their own units: a declaration in the grid is not
// read. A unit written in a funds cell (250万) is the normalizer's to read.
var (
	// unitLine is a cell that only declares a unit (on key's folding). Its
	// colon may be read as a full stop (单位．万元: PP-OCR in the tuning
	// faces sungti and kaitim, clean300 and scan200, of TestFamilyScans in
	// cmd/genscan).
	unitLine = regexp.MustCompile(`^\(?(?:金额)?单位(?::|\(|．|\.|。)?(万元|元|万)\)?\)?$`)
	// unitTail is a bracketed unit at the end of a label or title.
	unitTail = regexp.MustCompile(`\((?:(?:金额)?单位:?)?(万元|元|万)\)$`)
)

// unitHead is the first part of a unit line read as a cell of its own
// (单位：, 金额单位：, (单位：), on key's folding), and unitWord the unit
// alone after it (万元, 元, 万, a closing bracket).
var (
	unitHead = regexp.MustCompile(`^\(?(?:金额)?单位(?::|\(|．|\.|。)?$`)
	unitWord = regexp.MustCompile(`^(?:万元|元|万)\)?$`)
)

// joinUnitLines returns t with every unit line that was read as two cells
// of a row (单位： | 万元: OCR cuts the line at the white after a
// full-width colon, measured on the tuning faces notoserif and kaitim,
// clean300 and scan200, of TestFamilyScans in cmd/genscan) joined again
// into one cell, so that it declares the unit and is no header field. t
// itself is not changed.
func joinUnitLines(t table.Table) table.Table {
	out := t
	out.Rows = nil
	for ri, r := range t.Rows {
		var cs []table.Cell
		for i := 0; i < len(r.Cells); i++ {
			c := r.Cells[i]
			if i+1 < len(r.Cells) && len(c.Text) <= 3*maxLabelLen && unitHead.MatchString(key(c.Text)) && unitWord.MatchString(key(r.Cells[i+1].Text)) {
				n := r.Cells[i+1]
				if out.Rows == nil {
					out.Rows = append([]table.Row(nil), t.Rows[:ri]...)
				}
				c.Text = strings.TrimSpace(c.Text) + strings.TrimSpace(n.Text)
				c.Box = c.Box.Union(n.Box)
				if n.Confidence != 0 && (c.Confidence == 0 || n.Confidence < c.Confidence) {
					c.Confidence = n.Confidence
				}
				i++
			}
			cs = append(cs, c)
		}
		if out.Rows != nil {
			r.Cells = cs
			out.Rows = append(out.Rows, r)
		}
	}
	if out.Rows == nil {
		return t
	}
	return out
}

// unitName maps what the patterns capture to a jixiao.FundsUnit value.
func unitName(s string) string {
	if s == "元" {
		return jixiao.FundsYuan
	}
	return jixiao.FundsWanYuan // 万元, or 万 cut short
}

// declaredUnit returns the funds unit a cell declares (jixiao.FundsYuan or
// jixiao.FundsWanYuan), given what classify made of it, or "".
func declaredUnit(text string, s sense) string {
	if len(text) > 3*maxLabelLen {
		return ""
	}
	k := key(text)
	switch {
	case s.kind == kindUnit:
		if m := unitLine.FindStringSubmatch(k); m != nil {
			return unitName(m[1])
		}
	case s.kind == jixiao.LabelBlock && strings.HasPrefix(k, jixiao.LabelFunds+"("),
		s.kind == jixiao.LabelAmount,
		isTitle(k):
		if m := unitTail.FindStringSubmatch(k); m != nil {
			return unitName(m[1])
		}
	}
	return ""
}

// declareUnit records a unit declared by a cell of the header. The first
// declaration sets Form.FundsUnit; a later one that disagrees leaves the
// unit unknown ("") and flags it.
func (b *builder) declareUnit(unit, printed string) {
	switch {
	case b.unitConflict:
	case b.f.FundsUnit == "":
		b.f.FundsUnit, b.unitFrom = unit, printed
	case b.f.FundsUnit != unit:
		b.flag(jixiao.FlagFundsUnitUnknown, jixiao.FieldFundsUnit,
			fmt.Sprintf("the form declares the funds in %s (%q) and in %s (%q): amounts without a unit of their own are taken as 元", b.f.FundsUnit, b.unitFrom, unit, printed))
		b.f.FundsUnit, b.unitConflict = "", true
	}
}

// titleEndings are the words a title line ends in (jixiao.TitleEndings).
var titleEndings = jixiao.TitleEndings()

// isTitle reports whether k holds the end of a title line.
func isTitle(k string) bool {
	for _, e := range titleEndings {
		if strings.Contains(k, e) {
			return true
		}
	}
	return false
}
