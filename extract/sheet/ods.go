package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"jixiao/extract/table"
)

// The OpenDocument namespaces read.
const (
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
)

// MaxDepth is the deepest element nesting an OpenDocument file may have.
const MaxDepth = 256

// ODS reads the zipped OpenDocument spreadsheet in data (its content.xml)
// as FODS does.
func ODS(data []byte, fn func(table.Row) error) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("ods: %w", err)
	}
	rc, err := openEntry(zr, "content.xml")
	if err != nil {
		return fmt.Errorf("ods: %w", err)
	}
	defer rc.Close()
	return readODF(rc, fn, "ods")
}

// FODS reads the flat OpenDocument spreadsheet in r, table by table, and
// calls fn with each non-empty row. Repeated rows and cells
// (number-rows-repeated, number-columns-repeated) count as often as they
// repeat; the cells a span (number-rows-spanned, number-columns-spanned)
// covers are not read. It returns fn's first error, an error for XML that
// does not parse (or nests deeper than MaxDepth), or ErrTooLarge (wrapped).
func FODS(r io.Reader, fn func(table.Row) error) error {
	return readODF(io.LimitReader(r, MaxEntryBytes), fn, "fods")
}

// odfReader is the state of reading one OpenDocument body.
type odfReader struct {
	d     *xml.Decoder
	fn    func(table.Row) error
	cells counter
	line  int   // rows of the tables before the current one, and its rows so far
	down  []int // per column: rows below the current one a span still covers
	// occupied tells the columns of the current row a span covers.
	occupied []bool
	row      table.Row
	col      int
	tables   int // depth of table:table elements (nested tables are flattened)
}

func readODF(r io.Reader, fn func(table.Row) error, what string) error {
	o := &odfReader{d: xml.NewDecoder(r), fn: fn}
	o.d.Strict = false
	if err := o.read(); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

func attr(e xml.StartElement, space, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local && (a.Name.Space == space || a.Name.Space == "") {
			return a.Value
		}
	}
	return ""
}

// count returns the attribute as a count: 1 when missing or not positive,
// at most limit.
func count(e xml.StartElement, space, local string, limit int) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(e, space, local)))
	if err != nil || v < 1 {
		return 1
	}
	return min(v, limit)
}

func (o *odfReader) read() error {
	depth := 0
	for {
		tok, err := o.d.Token()
		if err == io.EOF {
			if depth != 0 {
				return io.ErrUnexpectedEOF
			}
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > MaxDepth {
				return fmt.Errorf("elements nested deeper than %d", MaxDepth)
			}
			if t.Name.Space != nsTable {
				continue
			}
			switch t.Name.Local {
			case "table":
				o.tables++
				if o.tables == 1 {
					o.down = o.down[:0]
				}
			case "table-row":
				if o.tables != 1 {
					continue
				}
				if err := o.readRow(t); err != nil {
					return err
				}
				depth--
			}
		case xml.EndElement:
			depth--
			if t.Name.Space == nsTable && t.Name.Local == "table" {
				o.tables--
			}
		}
	}
}

// readRow reads a table:table-row, up to its end, and emits it as often as
// it repeats.
func (o *odfReader) readRow(start xml.StartElement) error {
	repeat := count(start, nsTable, "number-rows-repeated", 1<<20)
	o.row = table.Row{}
	o.col = 0
	o.occupied = o.occupied[:0]
	for c := range o.down {
		o.occupied = append(o.occupied, o.down[c] > 0)
	}
	for {
		tok, err := o.d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell") {
				if err := o.readCell(t); err != nil {
					return err
				}
				continue
			}
			if err := o.d.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return o.endRow(repeat)
		}
	}
}

// endRow emits the row read, repeat times, and moves the spans down.
func (o *odfReader) endRow(repeat int) error {
	for k := 0; k < repeat; k++ {
		o.line++
		for c := range o.down {
			if o.down[c] > 0 {
				o.down[c]--
			}
		}
		if len(o.row.Cells) == 0 {
			// Empty rows (LibreOffice pads a sheet with a million) are
			// only counted.
			o.line += repeat - k - 1
			for c := range o.down {
				o.down[c] = max(0, o.down[c]-(repeat-k-1))
			}
			return nil
		}
		if err := o.cells.add(len(o.row.Cells)); err != nil {
			return err
		}
		row := o.row
		row.Line = o.line
		if k > 0 {
			row.Cells = append([]table.Cell(nil), o.row.Cells...)
		}
		if err := o.fn(row); err != nil {
			return err
		}
		// A span on a repeated row covers the repeats: drop the cells
		// they cover from the copies that follow.
		if k+1 < repeat {
			kept := o.row.Cells[:0:0]
			for _, c := range o.row.Cells {
				if c.Col >= len(o.down) || o.down[c.Col] == 0 {
					kept = append(kept, c)
				}
			}
			o.row.Cells = kept
		}
	}
	return nil
}

// readCell reads a table cell, up to its end, and places it (as often as
// it repeats) at the current column.
func (o *odfReader) readCell(start xml.StartElement) error {
	repeat := count(start, nsTable, "number-columns-repeated", MaxColumns)
	covered := start.Name.Local == "covered-table-cell"
	cs := count(start, nsTable, "number-columns-spanned", MaxColumns)
	rs := count(start, nsTable, "number-rows-spanned", 1<<20)
	text, err := o.cellText()
	if err != nil {
		return err
	}
	text = clean(text)
	for k := 0; k < repeat; k++ {
		c := o.col
		if c >= MaxColumns {
			if text == "" {
				return nil // padding past the last column
			}
			return fmt.Errorf("a row wider than %d columns: %w", MaxColumns, ErrTooLarge)
		}
		hidden := covered || (c < len(o.occupied) && o.occupied[c])
		if text != "" && !hidden {
			o.row.Cells = append(o.row.Cells, table.Cell{Text: text, Col: c})
			if len(o.row.Cells) > MaxCells {
				return fmt.Errorf("more than %d cells: %w", MaxCells, ErrTooLarge)
			}
		}
		if !covered && (cs > 1 || rs > 1) {
			for len(o.down) < min(c+cs, MaxColumns) {
				o.down = append(o.down, 0)
			}
			// This row's own covered positions are hidden by covered
			// cells or by occupied; the rows below by down.
			for j := c; j < min(c+cs, MaxColumns); j++ {
				o.down[j] = max(o.down[j], rs)
			}
			for len(o.occupied) < min(c+cs, MaxColumns) {
				o.occupied = append(o.occupied, false)
			}
			for j := c + 1; j < min(c+cs, MaxColumns); j++ {
				o.occupied[j] = true
			}
		}
		o.col++
	}
	return nil
}

// cellText reads a cell's content up to its end: its paragraphs, one
// line each; text:s as its spaces, text:tab and text:line-break as white
// space. Annotations (comments) are skipped.
func (o *odfReader) cellText() (string, error) {
	var b strings.Builder
	depth := 0
	for {
		tok, err := o.d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > MaxDepth {
				return "", fmt.Errorf("elements nested deeper than %d", MaxDepth)
			}
			switch {
			case t.Name.Space == nsOffice && t.Name.Local == "annotation":
				if err := o.d.Skip(); err != nil {
					return "", err
				}
				depth--
			case t.Name.Space == nsText && t.Name.Local == "s":
				b.WriteString(strings.Repeat(" ", min(count(t, nsText, "c", 64), 64)))
			case t.Name.Space == nsText && (t.Name.Local == "tab" || t.Name.Local == "line-break"):
				b.WriteByte(' ')
			case t.Name.Space == nsText && (t.Name.Local == "p" || t.Name.Local == "h"):
				b.WriteByte('\n')
			}
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		case xml.CharData:
			if b.Len() > MaxEntryBytes {
				return "", fmt.Errorf("a cell longer than %d bytes: %w", MaxEntryBytes, ErrTooLarge)
			}
			b.Write(t)
		}
	}
}
