package reconstruct

import (
	"fmt"
	"strings"

	"jixiao"
)

// A grid whose header row prints more than the standard columns (一级,
// 二级, 三级, one value column) is read by its layout: the columns of its
// header row after the level columns, once per grid (the 88号 form prints
// a medium-term grid and the year's side by side, sharing the 一级
// column). Text exports lose the column of a cell whose neighbours are
// blank, so the cells of a row are matched to the columns by what they
// say (split.go), and to the grids by where a grid's 二级 label stands
// (mof88.go).

// column is one content column of a grid: the indicator field it holds
// (jixiao.IndicatorName …; "" for a hint that is not kept, 指标值类型) and
// the part of a split value (jixiao.Label.Part; 2 for the value column of
// a grid with part columns).
type column struct {
	field string
	part  int
}

// layout is the content columns of each grid of a form: one grid, or the
// medium-term and the annual one.
type layout struct {
	sides   [][]column
	periods []string
	// annualFrom is the column (table.Cell.Col) of the header cell that
	// starts the year's grid of a double grid (its 二级 label, or its
	// first content column), -1 when unknown.
	annualFrom int
}

// parseLayout returns the layout of a grid header row, nil for the
// standard grid (one grid of a name and a value).
func parseLayout(cells []cell) *layout {
	var cols []column
	var periods []string
	annualFrom, names, l2col := -1, 0, -1
	for _, c := range cells {
		if c.kind == jixiao.LabelGrid && c.field == jixiao.IndicatorLevel2 {
			l2col = c.Col
		}
		if c.kind != jixiao.LabelGrid || c.field == jixiao.IndicatorLevel1 || c.field == jixiao.IndicatorLevel2 {
			continue
		}
		if c.field == jixiao.IndicatorName {
			if names++; names == 2 {
				annualFrom = c.Col
				if l2col > annualFrom-2 && l2col < annualFrom {
					annualFrom = l2col // the year's 二级 label before its name
				}
			}
		}
		cols = append(cols, column{field: c.field, part: c.part})
		periods = append(periods, c.period)
	}
	l := &layout{annualFrom: annualFrom}
	start := 0
	for i := 1; i <= len(cols); i++ {
		if i == len(cols) || cols[i].field == jixiao.IndicatorName {
			l.sides = append(l.sides, cols[start:i])
			l.periods = append(l.periods, periods[start])
			start = i
		}
	}
	if len(l.sides) == 2 {
		for i, p := range []string{jixiao.PeriodMediumTerm, jixiao.PeriodAnnual} {
			if l.periods[i] == "" {
				l.periods[i] = p
			}
		}
	} else {
		l.sides, l.periods = [][]column{cols}, []string{jixiao.PeriodAnnual}
	}
	for s, side := range l.sides {
		if len(side) == 1 { // a name column alone: the cells after the name are its value
			l.sides[s] = append(side[:1:1], column{field: jixiao.IndicatorValue})
			side = l.sides[s]
		}
		split := false
		for _, c := range side {
			split = split || c.part > 0
		}
		for i := range side {
			if split && side[i].field == jixiao.IndicatorValue {
				l.sides[s][i].part = 2
			}
		}
	}
	if len(l.sides) == 1 && len(cols) == 2 && cols[0].field == jixiao.IndicatorName && cols[1].field == jixiao.IndicatorValue {
		return nil
	}
	if len(cols) == 0 || cols[0].field != jixiao.IndicatorName {
		return nil
	}
	return l
}

// sideLevels is the level-2 in force in one grid of a layout.
type sideLevels struct {
	l2, l2raw string
	l2w       *float64
	l2conf    float64
	l2at      jixiao.Place
}

// layoutRow reads a row of a grid read by its layout.
func (b *builder) layoutRow(line int, cells []cell) {
	var toks []cell
	for _, c := range cells {
		switch {
		case jixiao.Placeholder(c.Text):
		case c.is(jixiao.LabelBlock):
		case c.level > 0 || c.sense == content:
			toks = append(toks, c)
		}
	}
	toks = costLevel1(toks)
	// the level-1
	for _, c := range toks {
		if c.level != 1 {
			continue
		}
		if c.canon != b.l1 {
			for i := range b.sides {
				b.sides[i] = sideLevels{l2: jixiao.SoleChild(c.canon), l2conf: c.Certainty()}
			}
		}
		b.l1, b.l1w = c.canon, c.weight
		b.l1at, _ = placeOf(c)
	}
	groups := b.sidesOf(toks)
	for s, g := range groups {
		for _, c := range g.labels {
			lv := &b.sides[s]
			parent := parentIn(c.canon, b.l1)
			if parent != b.l1 {
				b.l1, b.l1w, b.l1at = parent, nil, jixiao.Place{}
			}
			*lv = sideLevels{l2: c.canon, l2raw: c.Text, l2w: c.weight, l2conf: c.Certainty()}
			lv.l2at, _ = placeOf(c)
		}
		if len(g.content) > 0 {
			b.layoutIndicator(line, s, g.content)
		}
	}
}

// costLevel1 turns a 成本指标 printed before a cost level-2 in its row
// (成本指标 | 经济成本指标 | …) into the level-1 jixiao.L1Cost.
func costLevel1(toks []cell) []cell {
	for i, c := range toks {
		if c.level != 2 || c.canon != jixiao.L1Cost {
			continue
		}
		for _, d := range toks[i+1:] {
			if d.level == 2 && parentIn(d.canon, jixiao.L1Cost) == jixiao.L1Cost {
				toks[i].level = 1
				break
			}
		}
	}
	return toks
}

// parentIn returns the level-1 of a level-2 name when level1 is in force:
// a cost level-2 under jixiao.L1Cost stays there, any other takes its
// parent in the tree (a satisfaction level-2 is under 满意度指标 wherever
// it is printed).
func parentIn(level2, level1 string) string {
	if level1 == jixiao.L1Cost {
		for _, c := range jixiao.CostChildren() {
			if c == level2 {
				return jixiao.L1Cost
			}
		}
	}
	return jixiao.Parent(level2)
}

// layoutIndicator adds the indicator of grid side s read from its content
// cells: the first is the name, the others are matched to the grid's
// columns (assign).
func (b *builder) layoutIndicator(line, s int, cells []cell) {
	cols := b.grid.sides[min(s, len(b.grid.sides)-1)]
	lv := b.sides[s]
	ind := jixiao.Indicator{
		Seq:          len(b.f.Indicators) + 1,
		Level1:       b.l1,
		Level2:       lv.l2,
		Level2Raw:    lv.l2raw,
		Level1Weight: clone(b.l1w),
		Level2Weight: clone(lv.l2w),
		Target:       jixiao.Target{Kind: jixiao.TargetText},
		Period:       b.grid.periods[min(s, len(b.grid.periods)-1)],
		Confidence:   1,
		Flags:        []string{},
		Line:         line,
	}
	at := func(leaf string) string { return jixiao.IndicatorField(ind.Seq-1, leaf) }
	name := cells[0].Text
	ind.Name = &name
	b.place(at(jixiao.IndicatorName), cells[0])
	conf := min(lv.l2conf, cells[0].Certainty())
	rest := cells[1:]
	where := assign(rest, cols[1:])
	var parts [3]string
	var partCells []cell
	split, extra := false, 0
	for _, c := range cols {
		split = split || c.part > 0
	}
	for i, c := range rest {
		col := cols[1:][where[i]]
		conf = min(conf, c.Certainty())
		text := c.Text
		switch {
		case col.part > 0 && isDirection(text):
			ind.Direction = &text
		case col.part > 0:
			if parts[col.part-1] != "" {
				extra++
			}
			parts[col.part-1] += text
			partCells = append(partCells, c)
		case col.field == jixiao.IndicatorValue:
			if ind.Value != nil {
				extra++
				text = *ind.Value + text
			}
			ind.Value = &text
			b.place(at(jixiao.IndicatorValue), c)
		case col.field == jixiao.IndicatorStandard:
			ind.Standard = &text
		case col.field == jixiao.IndicatorNote:
			if ind.Note != nil {
				text = *ind.Note + noteSep + text
			}
			ind.Note = &text
		case col.field == jixiao.IndicatorWeight:
			if w, ok := points(text); ok {
				ind.Weight = &w
			}
		}
	}
	if split {
		if v, p := joinParts(parts[0], parts[1], parts[2]); p != nil {
			ind.Value, ind.ValueParts = &v, p
			b.place(at(jixiao.IndicatorValue), partCells...)
		}
	}
	ind.Confidence = conf
	if ind.Level1 != "" {
		b.setPlace(at(jixiao.IndicatorLevel1), b.l1at)
	}
	if ind.Level2 != "" {
		b.setPlace(at(jixiao.IndicatorLevel2), lv.l2at)
		b.lowConfidence(at(jixiao.IndicatorLevel2), lv.l2conf, ind.Level2)
	}
	b.lowConfidence(at(jixiao.IndicatorName), cells[0].Certainty(), name)
	if ind.Value != nil {
		b.lowConfidence(at(jixiao.IndicatorValue), conf, *ind.Value)
	}
	if extra > 0 {
		b.flag(jixiao.FlagExtraCells, at(jixiao.IndicatorValue),
			fmt.Sprintf("row has %d more cells than the grid has columns; they were joined", extra))
	}
	b.f.Indicators = append(b.f.Indicators, ind)
}

// noteSep joins the cells of several note columns (指标解释, 备注, 评(扣)分标准)
// of one indicator.
const noteSep = "；"

// isDirection reports whether a cell is 正向 or 反向 (…指标).
func isDirection(s string) bool {
	t := strings.TrimSuffix(strings.Join(strings.Fields(s), ""), "指标")
	return t == jixiao.DirectionPositive || t == jixiao.DirectionNegative
}
