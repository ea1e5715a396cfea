// Package html reads the tables of an HTML page (a form saved from a web
// site, or exported by an office suite) as the rows a text export would
// give: each table row (<tr>) one row, its cells on the columns of the
// table's grid, rowspan and colspan honoured; a merged cell's text is on
// the first row and column it covers, as a text export prints it.
// Outside tables, the text of each block (a heading, a paragraph, a list
// item) is one row of one cell, so that a form's title printed as <h1>
// above its table starts the form. <head>, scripts and styles are not
// read.
//
// Limitations: a table nested in a cell is flattened into that cell's
// text; CSS (display: none, generated content) is not applied; rowspan="0"
// counts as 1. The input must be UTF-8 (see package sniff). Read holds the
// parsed page in memory: bound the input's size before.
package html

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"jixiao/extract/table"
)

// Limits of one page.
const (
	MaxCells   = 1 << 20 // non-empty cells of all tables together
	MaxColumns = 16384   // columns of a table's grid (Excel's limit)
	maxColSpan = 1000    // the HTML standard's caps
	maxRowSpan = 65534
)

// ErrTooManyCells is returned (wrapped) when a page has more than MaxCells
// cells or a table more than MaxColumns columns.
var ErrTooManyCells = errors.New("too many cells")

// Rows parses the page in r and calls fn with each non-empty row, in
// document order; Line is the row's 1-based number among the page's rows
// (table rows and blocks of text, empty ones counted). It returns fn's
// first error, a read error, or ErrTooManyCells (wrapped). HTML that does
// not parse cleanly is read as a browser would (the parser repairs it).
// Safe for concurrent use.
func Rows(r io.Reader, fn func(table.Row) error) error {
	doc, err := xhtml.Parse(r)
	if err != nil {
		return fmt.Errorf("html: %w", err)
	}
	w := walker{fn: fn}
	w.walk(doc)
	w.flush()
	return w.err
}

type walker struct {
	fn    func(table.Row) error
	line  int
	cells int
	text  strings.Builder // text outside tables since the last block edge
	err   error
}

// emit numbers a row and hands it on if it has cells.
func (w *walker) emit(cells []table.Cell) {
	if w.err != nil {
		return
	}
	w.line++
	if len(cells) == 0 {
		return
	}
	w.cells += len(cells)
	if w.cells > MaxCells {
		w.err = fmt.Errorf("html: more than %d cells: %w", MaxCells, ErrTooManyCells)
		return
	}
	w.err = w.fn(table.Row{Line: w.line, Cells: cells})
}

// flush emits the text gathered outside tables as a row of one cell.
func (w *walker) flush() {
	s := Clean(w.text.String())
	w.text.Reset()
	if s != "" {
		w.emit([]table.Cell{{Text: s}})
	}
}

func (w *walker) walk(n *xhtml.Node) {
	if w.err != nil {
		return
	}
	switch n.Type {
	case xhtml.TextNode:
		w.text.WriteString(n.Data)
		return
	case xhtml.ElementNode:
		switch n.DataAtom {
		case atom.Head, atom.Script, atom.Style, atom.Template, atom.Noscript, atom.Title:
			return
		case atom.Table:
			w.flush()
			w.table(n)
			return
		case atom.Br:
			w.text.WriteString("\n")
			return
		}
		if block(n.DataAtom) {
			w.flush()
			defer w.flush()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

// block reports whether an element breaks the text around it into rows.
func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Section, atom.Article,
		atom.Header, atom.Footer, atom.Main, atom.Nav, atom.Aside, atom.Blockquote,
		atom.Pre, atom.Hr, atom.Form, atom.Fieldset, atom.Address, atom.Figure,
		atom.Figcaption, atom.Body, atom.Center:
		return true
	}
	return false
}

// table emits a table's caption and rows. down[c] counts the rows below
// the current one that a rowspan still covers in column c.
func (w *walker) table(t *xhtml.Node) {
	var down []int
	for _, part := range children(t) {
		switch part.DataAtom {
		case atom.Caption:
			w.emitText(part)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for _, tr := range children(part) {
				if tr.DataAtom == atom.Tr {
					down = w.row(tr, down)
				}
			}
		case atom.Tr:
			down = w.row(part, down)
		}
		if w.err != nil {
			return
		}
	}
}

// emitText emits the text of n as a row of one cell.
func (w *walker) emitText(n *xhtml.Node) {
	var b strings.Builder
	textOf(&b, n)
	if s := Clean(b.String()); s != "" {
		w.emit([]table.Cell{{Text: s}})
	} else {
		w.emit(nil)
	}
}

// row emits one <tr> and returns the rowspans still open below it.
func (w *walker) row(tr *xhtml.Node, down []int) []int {
	occupied := make([]bool, len(down))
	for c := range down {
		if down[c] > 0 {
			occupied[c] = true
			down[c]--
		}
	}
	var cells []table.Cell
	col := 0
	for _, td := range children(tr) {
		if td.DataAtom != atom.Td && td.DataAtom != atom.Th {
			continue
		}
		for col < len(occupied) && occupied[col] {
			col++
		}
		cs := span(td, "colspan", maxColSpan)
		rs := span(td, "rowspan", maxRowSpan)
		if col+cs > MaxColumns {
			w.err = fmt.Errorf("html: a table wider than %d columns: %w", MaxColumns, ErrTooManyCells)
			return down
		}
		for len(down) < col+cs {
			down = append(down, 0)
			occupied = append(occupied, false)
		}
		var b strings.Builder
		textOf(&b, td)
		if s := Clean(b.String()); s != "" {
			cells = append(cells, table.Cell{Text: s, Col: col})
		}
		for c := col; c < col+cs; c++ {
			occupied[c] = true
			down[c] = max(down[c], rs-1)
		}
		col += cs
	}
	w.emit(cells)
	return down
}

// span returns the integer attribute key of n, 1 when missing, not a
// number or below 1, at most limit.
func span(n *xhtml.Node, key string, limit int) int {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			v, err := strconv.Atoi(strings.TrimSpace(a.Val))
			if err != nil || v < 1 {
				return 1
			}
			return min(v, limit)
		}
	}
	return 1
}

func children(n *xhtml.Node) []*xhtml.Node {
	var out []*xhtml.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == xhtml.ElementNode {
			out = append(out, c)
		}
	}
	return out
}

// textOf writes the text of n and its descendants to b; a line break or a
// block edge writes a space.
func textOf(b *strings.Builder, n *xhtml.Node) {
	switch n.Type {
	case xhtml.TextNode:
		b.WriteString(n.Data)
		return
	case xhtml.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Template:
			return
		case atom.Br:
			b.WriteByte(' ')
			return
		}
	}
	edge := n.Type == xhtml.ElementNode && (block(n.DataAtom) || n.DataAtom == atom.Tr || n.DataAtom == atom.Td || n.DataAtom == atom.Th)
	if edge {
		b.WriteByte(' ')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		textOf(b, c)
	}
	if edge {
		b.WriteByte(' ')
	}
}

// Clean collapses runs of white space (as a browser renders them) to one
// space and trims white space, the full-width space U+3000 and BOMs at both
// ends. Inner full-width spaces stay as printed.
func Clean(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimFunc(b.String(), func(r rune) bool { return unicode.IsSpace(r) || r == '\u3000' || r == '\ufeff' })
}
