package reconstruct

import (
	"slices"
	"strings"

	"jixiao"
	"jixiao/extract/table"
)

// extra keeps a header field in HeaderExtra under its label as printed
// (trimmed, a trailing colon dropped); the first value of a label stays.
func (b *deptBuilder) extra(label, v string) {
	label = strings.TrimRight(strings.TrimSpace(label), ":：")
	if b.f.HeaderExtra == nil {
		b.f.HeaderExtra = map[string]string{}
	}
	if _, ok := b.f.HeaderExtra[label]; !ok {
		b.f.HeaderExtra[label] = v
	}
}

// isAmountCell reports whether a cell reads as an amount, with a unit
// after it or not (250, 1,800.00, 43.2万).
func isAmountCell(s string) bool {
	a, _ := cutAmountUnit(s)
	_, ok := fixAmount(a)
	return ok
}

// task reads a row of the task table: its cells by column when there are
// as many as columns; otherwise the first is the name, the last the amount
// when the table has an amount column and the cell reads as one, and the
// cells between are the content, joined.
func (b *deptBuilder) task(i int, cs []table.Cell) jixiao.Task {
	cols := b.taskCols
	if len(cols) == 0 {
		cols = []int{jixiao.ColTaskName, jixiao.ColTaskContent, jixiao.ColTaskAmount}
	}
	byCol := map[int]string{}
	leaf := map[int]string{jixiao.ColTaskName: jixiao.TaskName, jixiao.ColTaskContent: jixiao.TaskContent, jixiao.ColTaskAmount: jixiao.TaskAmount}
	put := func(col int, cells ...table.Cell) {
		var texts []string
		for _, c := range cells {
			texts = append(texts, c.Text)
		}
		byCol[col] = strings.Join(texts, "")
		if leaf[col] != "" {
			conf := 1.0
			for _, c := range cells {
				conf = min(conf, c.Certainty())
			}
			b.place(jixiao.TaskField(i, leaf[col]), cells...)
			b.lowConfidence(jixiao.TaskField(i, leaf[col]), conf, byCol[col])
		}
	}
	if len(cs) == len(cols) {
		for k, c := range cs {
			put(cols[k], c)
		}
	} else {
		if n := len(cs); n > 1 && slices.Contains(cols, jixiao.ColTaskAmount) && isAmountCell(cs[n-1].Text) {
			put(jixiao.ColTaskAmount, cs[n-1])
			cs = cs[:n-1]
		}
		put(jixiao.ColTaskName, cs[0])
		if len(cs) > 1 {
			put(jixiao.ColTaskContent, cs[1:]...)
		}
	}
	str := func(col int) *string {
		if v, ok := byCol[col]; ok {
			return &v
		}
		return nil
	}
	return jixiao.Task{Name: str(jixiao.ColTaskName), Content: str(jixiao.ColTaskContent), AmountRaw: str(jixiao.ColTaskAmount)}
}

// fillPending gives the budget lines printed without an amount beside
// them the amounts of a row that holds amounts only: each to the line
// whose label is in the same column when every cell has one, else in
// order.
func (b *deptBuilder) fillPending(cs []table.Cell) {
	if len(b.pending) == 0 {
		return
	}
	for _, c := range cs {
		if !isAmountCell(c.Text) {
			return
		}
	}
	byCol := map[int]int{}
	for i, col := range b.pendCol {
		byCol[col] = i
	}
	aligned := len(cs) <= len(b.pending)
	for _, c := range cs {
		if _, ok := byCol[c.Col]; !ok {
			aligned = false
		}
	}
	taken := make([]bool, len(b.pending))
	for i, c := range cs {
		j := i
		if aligned {
			j = byCol[c.Col]
		}
		if j >= len(b.pending) {
			break
		}
		v := c.Text
		b.f.BudgetRequest[b.pending[j]].Raw = &v
		b.lineAt[b.pending[j]], _ = b.at(c)
		b.lineConf[b.pending[j]] = c.Certainty()
		taken[j] = true
	}
	var left, leftCol []int
	for j, t := range taken {
		if !t {
			left, leftCol = append(left, b.pending[j]), append(leftCol, b.pendCol[j])
		}
	}
	b.pending, b.pendCol = left, leftCol
}
