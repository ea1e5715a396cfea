package reconstruct

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"jixiao"
	"jixiao/extract/table"
)

// Form reconstructs the form record of one table. The Source is left for the
// caller to fill, except its line and page span. The result always has
// non-nil Indicators and Flags slices. It is FormWith without a
// low-confidence threshold.
func Form(t table.Table) jixiao.Form { return FormWith(t, Options{}) }

// Options tune FormWith.
type Options struct {
	// LowConfidence is the certainty (table.Cell.Certainty) under which a
	// field gets a low_confidence flag: a header field, a funds cell, a
	// goal, or an indicator's level-2 label, name or value. 0 flags
	// nothing. Cells of text exports and PDF text layers are certain
	// (their confidence is not measured), so only OCR readings can be
	// flagged.
	LowConfidence float64
}

// FormWith is Form with options. Whatever o says, each indicator's
// Confidence is the least certainty of the cells that make it (its level-2
// or level-1 label, its name cells, its value cell): 1 for text and PDF
// sources.
func FormWith(t table.Table, o Options) jixiao.Form {
	t = joinUnitLines(t)
	ft, tpl := templateOf(t)
	f := builderOf(tpl)(t, o)
	f.FormType, f.Template = ft, tpl
	return f
}

// targetForm builds the record of a target form of any layout.
func targetForm(t table.Table, o Options) jixiao.Form {
	b := builder{f: jixiao.Form{Indicators: []jixiao.Indicator{}, Flags: []jixiao.Flag{}}, opts: o, l2conf: 1}
	b.colsKept = keepsColumns(t)
	b.f.Source.LineFrom, b.f.Source.LineTo, b.f.Source.PageFrom, b.f.Source.PageTo = t.Span()
	for _, row := range t.Rows {
		b.row(row)
	}
	b.resolveShared()
	if b.f.Title == "" {
		b.flag(jixiao.FlagTitleMissing, jixiao.FieldTitle, "no title line ("+jixiao.Title+") before this form")
	}
	for i, g := range []*string{b.f.Goals.Overall, b.f.Goals.Annual} {
		if g != nil {
			b.lowConfidence(goalFields[i], b.goalConf[i], *g)
		}
	}
	return b.f
}

// clone returns a copy of *p, nil for nil.
func clone(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// minOf returns the least of xs (1 for none).
func minOf(xs []float64) float64 {
	m := 1.0
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// goalFields are the paths of the two goals, overall and annual.
var goalFields = [2]string{jixiao.FieldGoalOverall, jixiao.FieldGoalAnnual}

type section int

const (
	inHeader section = iota
	inGoals
	inGrid
)

type builder struct {
	f        jixiao.Form
	opts     Options
	l2conf   float64 // certainty of the label that set the level-2 in force
	goalConf [2]float64
	sec      section
	goalCol  [2]int // columns of 项目总目标 and 年度总体目标; -1 if absent
	goalLast int    // the goal whose label was read last
	// shared are the amounts of labels printed for two fields, placed
	// when the form is read (resolveShared); printed the totals whose
	// labels the form prints.
	shared  []sharedAmount
	printed map[string]bool
	grid    *layout // the grid's columns, nil for the standard grid
	// colsKept says the form's source keeps the columns of blank cells
	// (keepsColumns).
	colsKept bool
	sides    []sideLevels // the level-2 in force in each grid of grid
	l1, l2   string       // levels in force
	l2raw    string
	l1w, l2w *float64 // weights printed with the labels in force
	// unitFrom is the cell that declared Form.FundsUnit; unitConflict
	// says two cells declared different units.
	unitFrom     string
	unitConflict bool
	// l1at and l2at are where the labels of the levels in force were
	// read (zero when unknown).
	l1at, l2at jixiao.Place
}

func (b *builder) flag(code, field, msg string) {
	b.f.Flags = append(b.f.Flags, jixiao.Flag{Code: code, Field: field, Message: msg})
}

// cell is a table cell with what it says, worked out once.
type cell struct {
	table.Cell
	page   int      // the page of its row (0 for text exports)
	sense           // the label it is, or content
	level  int      // 1 or 2 for an indicator level label, else 0
	canon  string   // the level's canonical name
	weight *float64 // the points printed with a level label, or nil
}

func cellsOf(r table.Row) []cell {
	cells := make([]cell, len(r.Cells))
	for i, c := range r.Cells {
		cells[i] = cell{Cell: c, page: r.Page, sense: classify(c.Text)}
		cells[i].level, cells[i].canon = jixiao.Level(c.Text)
		if cells[i].level > 0 {
			if w, ok := jixiao.Weight(c.Text); ok {
				cells[i].weight = &w
			}
		}
	}
	return cells
}

func (b *builder) row(r table.Row) {
	cells := cellsOf(r)
	if b.sec != inGrid && isGridHeader(cells) {
		b.sec = inGrid
		if b.grid = parseLayout(cells); b.grid != nil {
			b.sides = make([]sideLevels, len(b.grid.sides))
		}
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
		switch {
		case c.gridName():
			n3++
		case c.is(jixiao.LabelGrid):
			n++
		}
	}
	return n3 > 0 && n > 0
}

// ruleBars are the characters a recogniser reads for a column rule that
// the grid did not cut at: the bar and the radical 丨, which running text
// does not use alone.
const ruleBars = "|丨"

// cutAtBars returns the cells of a row with each cell cut at the rule bars
// read inside it (一级指标|二级指标 is two cells, and so is 特警满意度|≥90%);
// the parts keep the place of the cell they were cut from. A row without
// bars is returned as it is.
func cutAtBars(cells []cell) []cell {
	if !slices.ContainsFunc(cells, func(c cell) bool { return strings.ContainsAny(c.Text, ruleBars) }) {
		return cells
	}
	var out []cell
	for _, c := range cells {
		parts := strings.FieldsFunc(c.Text, func(r rune) bool { return strings.ContainsRune(ruleBars, r) })
		if len(parts) < 2 {
			out = append(out, c)
			continue
		}
		for _, p := range parts {
			tc := c.Cell
			tc.Text = p
			out = append(out, cellsOf(table.Row{Page: c.page, Cells: []table.Cell{tc}})...)
		}
	}
	return out
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
		isTitle := jixiao.IsTitle(c.Text)
		if isTitle {
			b.f.Title = strings.TrimSpace(c.Text)
			b.place(jixiao.FieldTitle, c)
		}
		if b.f.Year == 0 {
			if m := yearRE.FindStringSubmatch(c.Text); m != nil {
				b.f.Year, _ = strconv.Atoi(m[1])
			} else if m := titleYearRE.FindStringSubmatch(c.Text); isTitle && m != nil {
				b.f.Year, _ = strconv.Atoi(m[1])
			}
		}
		if u := declaredUnit(c.Text, c.sense); u != "" {
			b.declareUnit(u, c.Text)
		}
		if c.is(jixiao.LabelGoal) {
			b.startGoals(cells)
			return
		}
		if !c.is(jixiao.LabelHeader) && !c.is(jixiao.LabelAmount) && !c.is(jixiao.LabelExtra) {
			continue
		}
		var val *string
		conf := 1.0
		if i+1 < len(cells) && cells[i+1].sense == content {
			v := cells[i+1].Text
			val = &v
			conf = cells[i+1].Certainty()
		}
		if c.is(jixiao.LabelAmount) {
			if b.printed == nil {
				b.printed = map[string]bool{}
			}
			b.printed[c.field] = true
			if fs := sharedFields[key(c.Text)]; fs != nil {
				sa := sharedAmount{fields: fs, v: val, conf: conf}
				if val != nil {
					sa.at = cells[i+1]
				}
				b.shared = append(b.shared, sa)
				continue
			}
		}
		if c.is(jixiao.LabelExtra) {
			b.extra(c.Text, val)
			continue
		}
		if path := b.set(c.field, val); path != "" && val != nil {
			b.lowConfidence(path, conf, *val)
			b.place(path, cells[i+1])
		}
	}
}

// set stores a header or funds value. A label seen twice keeps its first
// value (labels printed for two fields are placed by resolveShared). It
// returns the record path of the field set, "" when nothing was set.
func (b *builder) set(field string, v *string) string {
	f := &b.f
	setOnce := func(dst **string, path string) string {
		if *dst == nil {
			*dst = v
			return path
		}
		return ""
	}
	if dst := headerField(f, field); dst != nil {
		return setOnce(dst, field)
	}
	return ""
}

// headerField returns the string field of f at a header or funds path
// that one label sets, nil for any other path (其他资金's two).
func headerField(f *jixiao.Form, path string) **string {
	if p := f.HeaderText(path); p != nil {
		return p
	}
	if path == jixiao.FieldFundsOther || path == jixiao.FieldFundsAnnualOther {
		return nil
	}
	raw, _ := f.FundsCell(path)
	return raw
}

// lowConfidence flags the field at path when conf is below the threshold.
func (b *builder) lowConfidence(path string, conf float64, text string) {
	if conf >= b.opts.LowConfidence {
		return
	}
	b.flag(jixiao.FlagLowConfidence, path, fmt.Sprintf("OCR confidence %.2f (below %.2f) in %q: check it against the source", conf, b.opts.LowConfidence, text))
}

func (b *builder) startGoals(cells []cell) {
	b.sec = inGoals
	b.goalCol = [2]int{-1, -1}
	b.goalConf = [2]float64{1, 1}
	b.goalRow(cells)
}

// goalRow reads a row of the goals block. A goal label gives its goal a
// column (the last label read wins a column two labels share), and the
// text cells after it in its row belong to it (中期目标 | text); another
// layout's label for a goal that has its column is text. A text cell of a
// row without a label before it belongs to the goal whose column is
// nearest at or left of it, except that a row of just two text cells
// under both goal labels holds one of each, in the labels' order (exports
// that drop blank cells, | and one cell per line, shift their columns).
func (b *builder) goalRow(cells []cell) {
	texts, labelled := 0, false
	for _, c := range cells {
		labelled = labelled || c.is(jixiao.LabelGoal)
		if c.sense == content {
			texts++
		}
	}
	both := !labelled && texts == 2 && b.goalCol[0] >= 0 && b.goalCol[1] >= 0
	cur, k := -1, 0
	for _, c := range cells {
		gi := 0
		if c.field == jixiao.FieldGoalAnnual {
			gi = 1
		}
		if c.is(jixiao.LabelGoal) && c.mark != "" && b.goalCol[gi] >= 0 {
			c.sense = content // another layout's label for a goal that has one: text (年度目标)
		}
		if c.is(jixiao.LabelGoal) {
			b.goalCol[gi], b.goalLast, cur = c.Col, gi, gi
			continue
		}
		if c.sense != content {
			continue // 项目绩效目标 printed again, or a stray label
		}
		gi = cur
		switch {
		case gi >= 0:
		case both && b.goalCol[0] < b.goalCol[1]:
			gi = k
		case both:
			gi = 1 - k
		default:
			gi = b.goalFor(c.Col)
		}
		k++
		g := &b.f.Goals.Overall
		if gi == 1 {
			g = &b.f.Goals.Annual
		}
		b.goalConf[gi] = min(b.goalConf[gi], c.Certainty())
		b.place(goalFields[gi], c)
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
		if gc >= 0 && gc <= col && (gc > bestCol || (gc == bestCol && g == b.goalLast)) {
			best, bestCol = g, gc
		}
	}
	return best
}

func (b *builder) gridRow(line int, cells []cell) {
	cut := cutAtBars(cells)
	if isGridHeader(cells) || isGridHeader(cut) {
		return // the header repeated, e.g. after a page break
	}
	if b.grid != nil {
		b.layoutRow(line, cells)
		return
	}
	cells = costLevel1(unglue(cut))
	var content []string
	var confs []float64
	var contentCells []cell
	var l1, l2, l2raw string
	var l1w, l2w *float64
	var l1at, l2at jixiao.Place
	l1conf, l2conf := 1.0, 1.0
	for _, c := range cells {
		switch {
		case c.level == 1:
			l1, l1conf, l1w = c.canon, c.Certainty(), c.weight
			l1at, _ = placeOf(c)
		case c.level == 2:
			l2, l2raw, l2conf, l2w = c.canon, c.Text, c.Certainty(), c.weight
			l2at, _ = placeOf(c)
		case c.is(jixiao.LabelBlock):
			// 绩效指标 beside the first indicator row
		default:
			content = append(content, c.Text)
			confs = append(confs, c.Certainty())
			contentCells = append(contentCells, c)
		}
	}
	if l1 != "" && (l1 != b.l1 || l2 != "" || b.l2 == "") {
		// a level-1 repeated on a row of its group (一级 printed on every
		// row) keeps the level-2 in force
		b.l1, b.l2, b.l2raw, b.l2conf = l1, jixiao.SoleChild(l1), "", l1conf
		b.l1at, b.l2at = l1at, jixiao.Place{}
		b.l1w, b.l2w = l1w, nil
	}
	if l2 != "" {
		parent := parentIn(l2, b.l1)
		if l1 == "" && parent != b.l1 {
			b.l1at = jixiao.Place{} // the level-1 follows from the level-2, not from a label
			b.l1w = nil
		}
		b.l1, b.l2, b.l2raw, b.l2conf = parent, l2, l2raw, l2conf
		b.l2at, b.l2w = l2at, l2w
	}
	if len(content) == 0 {
		return
	}
	ind := jixiao.Indicator{
		Seq:          len(b.f.Indicators) + 1,
		Level1:       b.l1,
		Level2:       b.l2,
		Level2Raw:    b.l2raw,
		Level1Weight: clone(b.l1w),
		Level2Weight: clone(b.l2w),
		Target:       jixiao.Target{Kind: jixiao.TargetText},
		Period:       jixiao.PeriodAnnual,
		Confidence:   1,
		Flags:        []string{},
		Line:         line,
	}
	name, nameConf, valueConf := content[0], confs[0], 1.0
	if len(content) > 1 {
		name = strings.Join(content[:len(content)-1], "")
		nameConf = minOf(confs[:len(confs)-1])
		value := content[len(content)-1]
		ind.Value = &value
		valueConf = confs[len(confs)-1]
	}
	ind.Name = &name
	ind.Confidence = min(b.l2conf, nameConf, valueConf)
	at := func(leaf string) string { return jixiao.IndicatorField(ind.Seq-1, leaf) }
	if len(contentCells) > 1 {
		b.place(at(jixiao.IndicatorName), contentCells[:len(contentCells)-1]...)
		b.place(at(jixiao.IndicatorValue), contentCells[len(contentCells)-1])
	} else {
		b.place(at(jixiao.IndicatorName), contentCells...)
	}
	if ind.Level1 != "" {
		b.setPlace(at(jixiao.IndicatorLevel1), b.l1at)
	}
	if ind.Level2 != "" {
		b.setPlace(at(jixiao.IndicatorLevel2), b.l2at)
	}
	if b.l2 != "" {
		b.lowConfidence(at(jixiao.IndicatorLevel2), b.l2conf, b.l2)
	}
	b.lowConfidence(at(jixiao.IndicatorName), nameConf, name)
	if ind.Value != nil {
		b.lowConfidence(at(jixiao.IndicatorValue), valueConf, *ind.Value)
	}
	if len(content) > 2 {
		b.flag(jixiao.FlagExtraCells, at(jixiao.IndicatorName),
			fmt.Sprintf("row has %d text cells; the name was joined from the first %d", len(content), len(content)-1))
	}
	b.f.Indicators = append(b.f.Indicators, ind)
}
