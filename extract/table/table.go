// Package table is the grid every extractor hands to reconstruction: rows of
// positioned cells, as they were found on the page or in the text, before
// anyone decided what they mean.
//
// Text exports fill Line and Col; PDF and OCR extractors fill Page, Col,
// each cell's Box and, for a merged cell, put its text on the first row it
// covers.
package table

import "jixiao"

// Cell is one non-empty cell. Text is cleaned (trimmed, HTML stripped) but
// otherwise as printed.
type Cell struct {
	Text string
	Col  int // 0-based column in the source grid
	// Confidence is how sure the extractor is of Text, from 0 to 1. Readers
	// that copy text (text exports, PDF text layers) leave it 0, which means
	// "not measured" and counts as certain; OCR sets it, never below
	// MinConfidence.
	Confidence float64
	// Box is where the cell is on its row's page, in the page's unit
	// (jixiao.UnitPoint for PDF text layers, jixiao.UnitPixel for scans; top
	// left origin, y down): the ruled cell, or the text's extent outside
	// ruled tables. Zero for text exports.
	Box jixiao.Box
}

// MinConfidence is the lowest confidence an OCR reader reports, so that a
// measured confidence is never mistaken for "not measured".
const MinConfidence = 0.001

// Certainty returns the cell's confidence, 1 when it was not measured.
func (c Cell) Certainty() float64 {
	if c.Confidence == 0 {
		return 1
	}
	return c.Confidence
}

// Row is one row of a table: its non-empty cells, left to right.
type Row struct {
	Line  int // 1-based line of a text source, 0 otherwise
	Page  int // 1-based page of a paged source, 0 otherwise
	Cells []Cell
}

// Table is the rows of one form, top to bottom, possibly spanning pages.
type Table struct {
	Rows []Row
}

// Span returns the first and last line (text sources) and page (paged
// sources) the table covers; zero where the rows carry none.
func (t Table) Span() (lineFrom, lineTo, pageFrom, pageTo int) {
	for _, r := range t.Rows {
		if r.Line > 0 {
			if lineFrom == 0 {
				lineFrom = r.Line
			}
			lineTo = r.Line
		}
		if r.Page > 0 {
			if pageFrom == 0 || r.Page < pageFrom {
				pageFrom = r.Page
			}
			pageTo = max(pageTo, r.Page)
		}
	}
	return lineFrom, lineTo, pageFrom, pageTo
}
