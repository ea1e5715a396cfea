package reconstruct

// The 88号 form prints a medium-term grid and the year's side by side,
// sharing the 一级 column. A row's cells go to the grids thus:
//
//   - a 二级 label printed after content cells of the row starts the
//     year's grid;
//   - otherwise the last cells of the row, as many as a grid has content
//     columns, are the year's and any before them the medium term's: a
//     row whose medium-term cells are blank is the year's alone (a text
//     export drops blank cells, so nothing else can tell);
//   - a 二级 label before the medium-term cells is the level-2 of both
//     grids unless the row prints a second one, which is the year's;
//   - but in a text export, HTML table or spreadsheet that keeps the
//     columns of blank cells (keepsColumns), a row all of whose cells
//     stand before the year's grid's first column (layout.annualFrom) is
//     the medium term's alone: its year's cells are blank. Scans and PDFs keep the rule above (no form of the family
//     corpus prints a medium-term-only row, so a rule there could not be
//     measured).
//
// A one-grid layout has one side: every cell is its.

// sideCells are the cells of a row that belong to one grid.
type sideCells struct {
	labels  []cell // its level-2 labels, in order
	content []cell
}

// sidesOf splits the tokens of a layout row (level labels and content
// cells) into the cells of each grid of the layout.
func (b *builder) sidesOf(toks []cell) []sideCells {
	out := make([]sideCells, len(b.grid.sides))
	if len(out) == 1 {
		for _, c := range toks {
			switch c.level {
			case 2:
				out[0].labels = append(out[0].labels, c)
			case 0:
				out[0].content = append(out[0].content, c)
			}
		}
		return out
	}
	var labels, content []cell
	cut := -1 // index in content where the year's grid starts
	for _, c := range toks {
		switch c.level {
		case 2:
			if len(content) > 0 && cut < 0 {
				cut = len(content)
			}
			labels = append(labels, c)
		case 0:
			content = append(content, c)
		}
	}
	k := len(b.grid.sides[1])
	if cut < 0 {
		cut = max(0, len(content)-k)
		if b.colsKept && b.grid.annualFrom > 0 && len(content) > 0 && before(toks, b.grid.annualFrom) {
			out[0].content, out[0].labels = content, labels
			return out
		}
	}
	out[0].content, out[1].content = content[:cut], content[cut:]
	switch {
	case len(labels) >= 2:
		out[0].labels, out[1].labels = labels[:1], labels[1:]
	case len(labels) == 1 && cut > 0 && len(out[1].content) > 0 && labelAfter(toks, labels[0]):
		out[1].labels = labels
	case len(labels) == 1 && cut == 0:
		out[1].labels = labels
	case len(labels) == 1:
		out[0].labels, out[1].labels = labels, labels
	}
	return out
}

// labelAfter reports whether label l stands after a content cell in toks.
func labelAfter(toks []cell, l cell) bool {
	seenContent := false
	for _, c := range toks {
		if c.level == 0 {
			seenContent = true
		}
		if c.Text == l.Text && c.Col == l.Col && c.level == l.level {
			return seenContent
		}
	}
	return false
}

// before reports whether every cell of toks read from a text source
// (page 0) stands before column col.
func before(toks []cell, col int) bool {
	for _, c := range toks {
		if c.page != 0 || c.Col >= col {
			return false
		}
	}
	return true
}
