package reconstruct

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"jixiao"
	"jixiao/extract/table"
)

// The department form's grid is the target form's 一级 / 二级 / 三级 tree
// with columns of its own after the name: the target (指标值, 预期达到目标,
// 目标值), optionally split (指标性质, 计量单位) with a 指标值类型 hint, and
// explanations (指标解释, 指标说明及公式, 备注) kept as the indicator's
// Note. A row's content cells are matched to the header's columns (see
// gridCells); a split target is joined into Value and kept in ValueParts
// as [operator, number, unit].

// levelKey is a grid level column's label on key's folding.
var levelKeys = map[string]bool{key(jixiao.LabelLevel1): true, key(jixiao.LabelLevel2): true}

// isGridBlock reports whether a cell is the grid's block label: 绩效指标,
// 年度绩效指标, 部门整体绩效指标.
func isGridBlock(text string) bool {
	k := key(text)
	return utf8.RuneCountInString(k) <= 10 && strings.HasSuffix(k, jixiao.LabelIndicators)
}

// isDeptGridHeader reports whether a row is the grid's header: a level
// column label (一级指标, 二级指标) and a column of the department grid.
func isDeptGridHeader(cells []table.Cell) bool {
	var lv, col bool
	for _, c := range cells {
		if levelKeys[key(c.Text)] {
			lv = true
		}
		if l := deptLabelOf(c.Text); l != nil && l.Role == jixiao.DeptGridColumn {
			col = true
		}
	}
	return lv && col
}

func hasLevel(cells []table.Cell) bool {
	for _, c := range cells {
		if lv, _ := jixiao.Level(c.Text); lv > 0 {
			return true
		}
	}
	return false
}

// gridColumns returns the content columns a header row prints, in order;
// name and value for a row that is no header.
func gridColumns(cells []table.Cell) []int {
	var cols []int
	for _, c := range cells {
		if l := deptLabelOf(c.Text); l != nil && l.Role == jixiao.DeptGridColumn && !slices.Contains(cols, l.Column) {
			cols = append(cols, l.Column)
		}
	}
	if len(cols) == 0 || cols[0] != jixiao.ColName {
		cols = append([]int{jixiao.ColName}, slices.DeleteFunc(cols, func(c int) bool { return c == jixiao.ColName })...)
	}
	if !slices.Contains(cols, jixiao.ColValue) {
		cols = append(cols, jixiao.ColValue)
	}
	return cols
}

// levels are the level labels in force in the grid.
type levels struct {
	l1, l2, l2raw string
	l1w, l2w      *float64
	conf          float64      // certainty of the label that set the level-2
	l1at, l2at    jixiao.Place // where their labels were read (zero when unknown)
}

// set applies a row's level labels, as the target form's grid does: a
// level-1 resets the level-2 (to its sole child, if any), a level-2
// decides the level-1.
func (lv *levels) set(cells []table.Cell, page int) (content []table.Cell) {
	for _, c := range cells {
		var at jixiao.Place
		if page > 0 && !c.Box.Empty() {
			at = jixiao.Place{Page: page, Box: c.Box}
		}
		n, canon := jixiao.Level(c.Text)
		var w *float64
		if x, ok := jixiao.Weight(c.Text); ok {
			w = &x
		}
		switch {
		case n == 1:
			lv.l1, lv.l2, lv.l2raw, lv.conf = canon, jixiao.SoleChild(canon), "", c.Certainty()
			lv.l1w, lv.l2w = w, nil
			lv.l1at, lv.l2at = at, jixiao.Place{}
		case n == 2:
			if jixiao.Parent(canon) != lv.l1 {
				lv.l1w, lv.l1at = nil, jixiao.Place{}
			}
			lv.l1, lv.l2, lv.l2raw, lv.conf = jixiao.Parent(canon), canon, c.Text, c.Certainty()
			lv.l2w, lv.l2at = w, at
		case isGridBlock(c.Text):
		default:
			content = append(content, c)
		}
	}
	return content
}

// typeWords are what a 指标值类型 cell holds.
var typeWords = []string{"定量", "定性"}

// accepts reports whether a cell can be in column col when the row has
// fewer cells than columns: a type cell holds a type word, a unit cell is
// short and has no digit; a target or note cell can hold anything.
func accepts(col int, text string) bool {
	switch col {
	case jixiao.ColType:
		return slices.Contains(typeWords, text)
	case jixiao.ColUnit:
		return utf8.RuneCountInString(text) <= 4 && !slices.Contains(typeWords, text) &&
			strings.IndexFunc(text, unicode.IsDigit) < 0
	case jixiao.ColOp:
		return utf8.RuneCountInString(text) <= 3 && strings.IndexFunc(text, unicode.IsDigit) < 0
	}
	return true
}

// gridCells matches a row's content cells to the columns: one to one when
// there are as many; with more, the first cells are the name (joined) and
// extra reports it; with fewer, the first is the name and each next cell
// goes to the next column that accepts it, as long as the cells left are
// fewer than the columns left (then they go one to one).
func gridCells(cols []int, cs []table.Cell) (byCol map[int]table.Cell, extra bool) {
	byCol = map[int]table.Cell{}
	if len(cs) > len(cols) {
		n := len(cs) - len(cols) + 1
		name := cs[0]
		for _, c := range cs[1:n] {
			name.Text += c.Text
			name.Confidence = min(name.Certainty(), c.Certainty())
		}
		byCol[cols[0]] = name
		for i, c := range cs[n:] {
			byCol[cols[i+1]] = c
		}
		return byCol, true
	}
	j := 0
	for k, col := range cols {
		if j >= len(cs) {
			break
		}
		if k == 0 || len(cs)-j >= len(cols)-k || accepts(col, cs[j].Text) {
			byCol[col] = cs[j]
			j++
		}
	}
	return byCol, false
}

func (b *deptBuilder) gridRow(r table.Row) {
	if isDeptGridHeader(r.Cells) {
		return // the header repeated after a page break
	}
	content := b.lv.set(r.Cells, r.Page)
	if len(content) == 0 {
		return
	}
	byCol, extra := gridCells(b.gridCols, content)
	ind := jixiao.Indicator{
		Seq:          len(b.f.Indicators) + 1,
		Level1:       b.lv.l1,
		Level2:       b.lv.l2,
		Level2Raw:    b.lv.l2raw,
		Level1Weight: clone(b.lv.l1w),
		Level2Weight: clone(b.lv.l2w),
		Target:       jixiao.Target{Kind: jixiao.TargetText},
		Period:       jixiao.PeriodAnnual,
		Confidence:   b.lv.conf,
		Flags:        []string{},
		Line:         r.Line,
	}
	text := func(col int) (*string, float64) {
		c, ok := byCol[col]
		if !ok {
			return nil, 1
		}
		t := c.Text
		return &t, c.Certainty()
	}
	at := func(leaf string) string { return jixiao.IndicatorField(ind.Seq-1, leaf) }
	var conf float64
	ind.Name, conf = text(jixiao.ColName)
	ind.Confidence = min(ind.Confidence, conf)
	if ind.Name != nil {
		b.lowConfidence(at(jixiao.IndicatorName), conf, *ind.Name)
	}
	valueConf := 1.0
	if slices.Contains(b.gridCols, jixiao.ColOp) || slices.Contains(b.gridCols, jixiao.ColUnit) {
		parts := make([]string, 3)
		for i, col := range []int{jixiao.ColOp, jixiao.ColValue, jixiao.ColUnit} {
			if p, c := text(col); p != nil {
				parts[i], valueConf = *p, min(valueConf, c)
			}
		}
		ind.ValueParts = parts
		if v := strings.Join(parts, ""); v != "" {
			ind.Value = &v
		}
	} else {
		ind.Value, valueConf = text(jixiao.ColValue)
	}
	ind.Confidence = min(ind.Confidence, valueConf)
	if ind.Value != nil {
		b.lowConfidence(at(jixiao.IndicatorValue), valueConf, *ind.Value)
	}
	ind.Note, _ = text(jixiao.ColNote)
	for col, leaf := range map[int]string{jixiao.ColName: jixiao.IndicatorName, jixiao.ColOp: jixiao.IndicatorValue,
		jixiao.ColValue: jixiao.IndicatorValue, jixiao.ColUnit: jixiao.IndicatorValue} {
		if c, ok := byCol[col]; ok {
			b.place(at(leaf), c)
		}
	}
	if ind.Level1 != "" {
		b.setPlace(at(jixiao.IndicatorLevel1), b.lv.l1at)
	}
	if ind.Level2 != "" {
		b.setPlace(at(jixiao.IndicatorLevel2), b.lv.l2at)
	}
	if extra {
		b.flag(jixiao.FlagExtraCells, at(jixiao.IndicatorName),
			fmt.Sprintf("row has %d text cells for %d columns; the name was joined from the first %d", len(content), len(b.gridCols), len(content)-len(b.gridCols)+1))
	}
	b.f.Indicators = append(b.f.Indicators, ind)
}
