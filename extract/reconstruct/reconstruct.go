package reconstruct

import (
	"fmt"
	"strconv"
	"strings"

	"jixiao/extract/form"
	"jixiao/extract/table"
)

// Form reconstructs the form record of one table. The Source is left for the
// caller to fill, except its line and page span. The result always has
// non-nil Indicators and Flags slices.
func Form(t table.Table) form.Form {
	b := builder{f: form.Form{Indicators: []form.Indicator{}, Flags: []form.Flag{}}}
	b.f.Source.LineFrom, b.f.Source.LineTo, b.f.Source.PageFrom, b.f.Source.PageTo = t.Span()
	for _, row := range t.Rows {
		b.row(row)
	}
	if b.f.Title == "" {
		b.flag(form.FlagTitleMissing, "title", "no title line (财政项目支出绩效目标申报表) before this form")
	}
	return b.f
}

type section int

const (
	inHeader section = iota
	inGoals
	inGrid
)

type builder struct {
	f       form.Form
	sec     section
	others  int    // 其他资金 labels seen
	goalCol [2]int // columns of 项目总目标 and 年度总体目标; -1 if absent
	l1, l2  string // levels in force
	l2raw   string
}

func (b *builder) flag(code, field, msg string) {
	b.f.Flags = append(b.f.Flags, form.Flag{Code: code, Field: field, Message: msg})
}

// cell is a table cell with what it says, worked out once.
type cell struct {
	table.Cell
	field fieldKey // the header, funds or section label it is, or noField
	level int      // 1 or 2 for an indicator level label, else 0
	canon string   // the level's canonical name
}

func cellsOf(r table.Row) []cell {
	cells := make([]cell, len(r.Cells))
	for i, c := range r.Cells {
		cells[i] = cell{Cell: c, field: classify(c.Text)}
		cells[i].level, cells[i].canon = form.Level(c.Text)
	}
	return cells
}

func (b *builder) row(r table.Row) {
	cells := cellsOf(r)
	if b.sec != inGrid && isGridHeader(cells) {
		b.sec = inGrid
		return
	}
	if b.sec != inGrid && hasLevelLabel(cells) {
		b.sec = inGrid // a grid without its header row
	}
	switch b.sec {
	case inHeader:
		b.headerRow(cells)
	case inGoals:
		b.goalRow(cells)
	case inGrid:
		b.gridRow(r.Line, cells)
	}
}

func isGridHeader(cells []cell) bool {
	var n, n3 int
	for _, c := range cells {
		switch c.field {
		case fGridHead:
			n++
		case fGridHead3:
			n3++
		}
	}
	return n3 > 0 && n > 0
}

func hasLevelLabel(cells []cell) bool {
	for _, c := range cells {
		if c.level > 0 {
			return true
		}
	}
	return false
}

func (b *builder) headerRow(cells []cell) {
	for i, c := range cells {
		if strings.Contains(c.Text, "财政项目支出绩效目标申报表") {
			b.f.Title = strings.TrimSpace(c.Text)
		}
		if b.f.Year == 0 {
			if m := yearRE.FindStringSubmatch(c.Text); m != nil {
				b.f.Year, _ = strconv.Atoi(m[1])
			}
		}
		k := c.field
		if k == fGoalOverall || k == fGoalAnnual {
			b.startGoals(cells)
			return
		}
		if k == noField || k == fSection || k == fGridHead || k == fGridHead3 {
			continue
		}
		var val *string
		if i+1 < len(cells) && cells[i+1].field == noField {
			v := cells[i+1].Text
			val = &v
		}
		b.set(k, val)
	}
}

// set stores a header or funds value. A label seen twice keeps its first
// value, except 其他资金, whose second occurrence is the annual one.
func (b *builder) set(k fieldKey, v *string) {
	f := &b.f
	setOnce := func(dst **string) {
		if *dst == nil {
			*dst = v
		}
	}
	switch k {
	case fProjectName:
		setOnce(&f.ProjectName)
	case fProjectNature:
		setOnce(&f.ProjectNature)
	case fProjectCategory:
		setOnce(&f.ProjectCategory)
	case fDepartment:
		setOnce(&f.Department)
	case fImplementingUnit:
		setOnce(&f.ImplementingUnit)
	case fStartDate:
		setOnce(&f.StartDate)
	case fEndDate:
		setOnce(&f.EndDate)
	case fTotal:
		setOnce(&f.FundsRaw.Total)
	case fAnnualTotal:
		setOnce(&f.FundsRaw.AnnualTotal)
	case fFiscal:
		setOnce(&f.FundsRaw.Fiscal)
	case fAppropriation:
		setOnce(&f.FundsRaw.Appropriation)
	case fCarryover:
		setOnce(&f.FundsRaw.Carryover)
	case fOther:
		b.others++
		switch b.others {
		case 1:
			f.FundsRaw.Other = v
		case 2:
			f.FundsRaw.AnnualOther = v
		}
	}
}

func (b *builder) startGoals(cells []cell) {
	b.sec = inGoals
	b.goalCol = [2]int{-1, -1}
	for _, c := range cells {
		switch c.field {
		case fGoalOverall:
			b.goalCol[0] = c.Col
		case fGoalAnnual:
			b.goalCol[1] = c.Col
		}
	}
}

func (b *builder) goalRow(cells []cell) {
	for _, c := range cells {
		if c.field != noField {
			continue // 项目绩效目标 printed again, or a stray label
		}
		g := &b.f.Goals.Overall
		if b.goalFor(c.Col) == 1 {
			g = &b.f.Goals.Annual
		}
		if *g == nil {
			t := c.Text
			*g = &t
		} else {
			t := **g + c.Text // a goal wrapped over several rows
			*g = &t
		}
	}
}

// goalFor returns 0 (overall) or 1 (annual) for a text cell in column col.
func (b *builder) goalFor(col int) int {
	best, bestCol := 0, -1
	for g, gc := range b.goalCol {
		if gc >= 0 && gc <= col && gc > bestCol {
			best, bestCol = g, gc
		}
	}
	return best
}

func (b *builder) gridRow(line int, cells []cell) {
	if isGridHeader(cells) {
		return // the header repeated, e.g. after a page break
	}
	var content []string
	var l1, l2, l2raw string
	for _, c := range cells {
		switch {
		case c.level == 1:
			l1 = c.canon
		case c.level == 2:
			l2, l2raw = c.canon, c.Text
		case c.field == fSection:
			// 绩效指标 beside the first indicator row
		default:
			content = append(content, c.Text)
		}
	}
	if l1 != "" {
		b.l1, b.l2, b.l2raw = l1, form.SoleChild(l1), ""
	}
	if l2 != "" {
		b.l1, b.l2, b.l2raw = form.Parent(l2), l2, l2raw
	}
	if len(content) == 0 {
		return
	}
	ind := form.Indicator{
		Seq:        len(b.f.Indicators) + 1,
		Level1:     b.l1,
		Level2:     b.l2,
		Level2Raw:  b.l2raw,
		Target:     form.Target{Kind: form.TargetText},
		Confidence: 1,
		Flags:      []string{},
		Line:       line,
	}
	name := content[0]
	if len(content) > 1 {
		name = strings.Join(content[:len(content)-1], "")
		value := content[len(content)-1]
		ind.Value = &value
	}
	ind.Name = &name
	if len(content) > 2 {
		b.flag(form.FlagExtraCells, fmt.Sprintf("indicators[%d].name", ind.Seq-1),
			fmt.Sprintf("row has %d text cells; the name was joined from the first %d", len(content), len(content)-1))
	}
	b.f.Indicators = append(b.f.Indicators, ind)
}
