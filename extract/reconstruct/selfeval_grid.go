package reconstruct

import (
	"fmt"
	"strings"

	"jixiao"
)

// columns returns the column of each of cells: by the header's column of
// its Col where the source keeps columns and every cell lands on a
// distinct column of the header, by align otherwise (ok false when no
// alignment fits: the cells then take the columns in order; ambiguous
// when the alignment could also have left the actual empty,
// ambiguousActual).
func (b *seBuilder) columns(cells []seCell, at map[int]seCol, order []seCol) (cols []seCol, ok, ambiguous bool) {
	if b.positional && at != nil {
		cols = make([]seCol, len(cells))
		seen := map[seCol]bool{}
		for i, c := range cells {
			col := at[c.Col]
			if col == seNone || col == seL1 || col == seL2 || seen[col] {
				cols = nil
				break
			}
			cols[i], seen[col] = col, true
		}
		if cols != nil {
			return cols, true, false
		}
	}
	texts := make([]string, len(cells))
	for i, c := range cells {
		texts[i] = c.Text
	}
	if cols, ok := align(texts, order); ok {
		return cols, true, ambiguousActual(texts, cols, order)
	}
	cols = make([]seCol, len(cells))
	for i := range cells {
		if i < len(order) {
			cols[i] = order[i]
		}
	}
	return cols, false, false
}

// gridRow reads one row of the grid: level labels set the levels in force
// (as on the target form), the other cells make an indicator.
func (b *seBuilder) gridRow(line int, cells []seCell) {
	var content []seCell
	for _, c := range cells {
		switch {
		case c.level == 1:
			b.l1, b.l2, b.l2raw, b.l2conf = c.canon, jixiao.SoleChild(c.canon), "", c.Certainty()
			b.l1w, b.l2w = c.weight, nil
			b.l1at, _ = placeOf(c.cell)
			b.l2at = jixiao.Place{}
		case c.level == 2:
			if jixiao.Parent(c.canon) != b.l1 {
				b.l1at, b.l1w = jixiao.Place{}, nil
			}
			b.l1, b.l2, b.l2raw, b.l2conf = jixiao.Parent(c.canon), c.canon, c.Text, c.Certainty()
			b.l2w = c.weight
			b.l2at, _ = placeOf(c.cell)
		case len(c.labels) > 0 && c.labels[0].block:
			// 绩效指标 beside the grid
		default:
			content = append(content, c)
		}
	}
	if len(content) == 0 {
		return
	}
	ind := jixiao.Indicator{
		Seq: len(b.f.Indicators) + 1, Level1: b.l1, Level2: b.l2, Level2Raw: b.l2raw,
		Level1Weight: clone(b.l1w), Level2Weight: clone(b.l2w),
		Target: jixiao.Target{Kind: jixiao.TargetText}, Period: jixiao.PeriodAnnual,
		Confidence: b.l2conf, Flags: []string{}, Line: line,
	}
	at := func(leaf string) string { return jixiao.IndicatorField(ind.Seq-1, leaf) }
	cols, ok, ambiguous := b.columns(content, b.gridAt, b.gridCols)
	if !ok {
		b.flag(jixiao.FlagExtraCells, at(jixiao.IndicatorName),
			fmt.Sprintf("the row's %d cells do not fit the grid's columns: taken in order", len(content)))
	}
	if ambiguous {
		b.flag(jixiao.FlagColumnsAmbiguous, at(jixiao.IndicatorActual),
			"the row's cells also fit with "+jixiao.LabelActual+" blank and the last cell the deviation: read as an actual beside no deviation")
	}
	var parts [3]*string
	for i, c := range content {
		t := c.Text
		ind.Confidence = min(ind.Confidence, c.Certainty())
		switch cols[i] {
		case seName:
			ind.Name = &t
			b.cellField(at(jixiao.IndicatorName), c)
		case seValue:
			ind.Value = &t
			b.cellField(at(jixiao.IndicatorValue), c)
		case seOp, seNum, seUnit:
			parts[cols[i]-seOp] = &t
			b.cellField(at(jixiao.IndicatorValue), c)
		case seActual:
			if !isDash(t) {
				ind.Actual = &t
				b.cellField(at(jixiao.IndicatorActual), c)
			}
		case seWeight:
			ind.Weight = b.points(at(jixiao.IndicatorWeight), c)
		case seScore:
			ind.Score = b.points(at(jixiao.IndicatorScore), c)
		case seDeviation:
			if !isDash(t) {
				ind.Deviation = &t
				b.place(at(jixiao.IndicatorDeviation), c.cell)
			}
		default:
			b.flag(jixiao.FlagExtraCells, at(jixiao.IndicatorName), fmt.Sprintf("cell %q is in no column of the grid", t))
		}
	}
	if parts != [3]*string{} {
		ind.ValueParts = make([]string, 3)
		for i, p := range parts {
			if p != nil && !isDash(*p) {
				ind.ValueParts[i] = *p
			}
		}
		if d := strings.TrimSpace(ind.ValueParts[0]); d == jixiao.DirectionPositive || d == jixiao.DirectionNegative {
			ind.Direction = &d // 指标性质 says the direction: no operator printed
			ind.ValueParts[0] = ""
		}
		v := strings.Join(ind.ValueParts, "")
		if v != "" {
			ind.Value = &v
		}
	}
	if ind.Name == nil && ind.Value == nil && ind.Actual == nil {
		return // a row of numbers only: not an indicator
	}
	if ind.Level1 != "" {
		b.setPlace(at(jixiao.IndicatorLevel1), b.l1at)
	}
	if ind.Level2 != "" {
		b.setPlace(at(jixiao.IndicatorLevel2), b.l2at)
		b.lowConfidence(at(jixiao.IndicatorLevel2), b.l2conf, b.l2)
	}
	b.f.Indicators = append(b.f.Indicators, ind)
}

// cellField records where a field was read and flags it when unsure.
func (b *seBuilder) cellField(path string, c seCell) {
	b.place(path, c.cell)
	b.lowConfidence(path, c.Certainty(), c.Text)
}

// points parses a weight or score cell: nil for a dash, nil and flagged
// unrecognized_cell for a cell that is not a number.
func (b *seBuilder) points(path string, c seCell) *float64 {
	if isDash(c.Text) {
		return nil
	}
	b.cellField(path, c)
	n, ok := pointsIn(c.Text)
	if !ok {
		b.flag(jixiao.FlagUnrecognizedCell, path, fmt.Sprintf("%q is not a number of points", c.Text))
		return nil
	}
	return &n
}

// budgetRow reads a row of the budget block: its label, then its cells.
func (b *seBuilder) budgetRow(cells []seCell) {
	var label *seCell
	var rest []seCell
	for i := range cells {
		c := &cells[i]
		switch {
		case len(c.labels) > 0 && c.labels[0].block:
			// 项目资金（万元） beside the rows
		case label == nil && len(rest) == 0:
			if _, isNum := plainAmount(c.Text); isNum || isDash(c.Text) {
				rest = append(rest, *c)
			} else {
				label = c
			}
		default:
			rest = append(rest, *c)
		}
	}
	if label == nil {
		return // no label: no row of the block
	}
	k := label.Text
	if l, ok := roleOf(label.labels, jixiao.RoleBudgetRow); ok {
		k = l.field
	}
	if _, dup := b.f.Budget[k]; dup {
		k = label.Text
	}
	if _, dup := b.f.Budget[k]; dup {
		return
	}
	row := jixiao.BudgetRow{Label: label.Text}
	cols, _, _ := b.columns(rest, b.budgetAt, b.budgetCols)
	for i, c := range rest {
		var dst **float64
		var leaf string
		switch cols[i] {
		case seInitial:
			dst, leaf = &row.Initial, jixiao.BudgetLeafInitial
		case seAdjusted:
			dst, leaf = &row.Adjusted, jixiao.BudgetLeafAdjusted
		case seExecuted:
			dst, leaf = &row.Executed, jixiao.BudgetLeafExecuted
		case seBWeight:
			dst, leaf = &row.Weight, jixiao.BudgetLeafWeight
		case seRate:
			dst, leaf = &row.Rate, jixiao.BudgetLeafRate
		case seBScore:
			dst, leaf = &row.Score, jixiao.BudgetLeafScore
		default:
			continue // 原因, or a cell beyond the columns
		}
		if isDash(c.Text) {
			continue
		}
		path := jixiao.BudgetField(k, leaf)
		b.cellField(path, c)
		var n float64
		var ok bool
		switch cols[i] {
		case seInitial, seAdjusted, seExecuted:
			n, ok = yuan(c.Text, b.f.FundsUnit)
		case seRate:
			n, ok = rate(c.Text)
		default:
			n, ok = pointsIn(c.Text)
		}
		if !ok {
			b.flag(jixiao.FlagUnrecognizedCell, path, fmt.Sprintf("%q is not a number", c.Text))
			continue
		}
		*dst = &n
	}
	if b.f.Budget == nil {
		b.f.Budget = map[string]jixiao.BudgetRow{}
	}
	b.f.Budget[k] = row
}
