package render

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// grid places a form's cells on a rows × ncols occupancy grid: at[i][j] is
// the cell that starts there, covered[i][j] tells a position covered by a
// merged cell that starts elsewhere.
type grid struct {
	at      [][]*cell
	covered [][]bool
}

func place(f Form) grid {
	g := grid{at: make([][]*cell, len(f.rows)), covered: make([][]bool, len(f.rows))}
	for i := range f.rows {
		g.at[i] = make([]*cell, f.ncols())
		g.covered[i] = make([]bool, f.ncols())
	}
	for i, r := range f.rows {
		for k := range r.cells {
			c := &r.cells[k]
			g.at[i][c.col] = c
			for di := 0; di < c.rowSpan; di++ {
				for dj := 0; dj < c.colSpan; dj++ {
					if di > 0 || dj > 0 {
						g.covered[i+di][c.col+dj] = true
					}
				}
			}
		}
	}
	return g
}

// HTMLOptions are the choices of an HTML document.
type HTMLOptions struct {
	// Borderless draws no cell borders: printed, a table without ruling
	// lines.
	Borderless bool
	// FontFamily is the CSS font-family list of the document; "" for
	// DefaultFontFamily. Characters its faces lack are drawn by the
	// browser's fallback (fontconfig's).
	FontFamily string
	// FontSize is the body text size in points; 0 for 11.
	FontSize float64
}

// DefaultFontFamily is the font-family of HTML documents by default.
const DefaultFontFamily = `"Droid Sans Fallback", "AR PL SungtiL GB", sans-serif`

// HTML writes the forms as one HTML document, a table per form (a
// position of the grid no cell covers is an empty cell), each form on a
// new page when printed; a form with TailRows has a page break before
// its last TailRows indicator rows (CSS break-before on the row).
func HTML(forms []Form, o HTMLOptions) []byte {
	family, size := o.FontFamily, o.FontSize
	if family == "" {
		family = DefaultFontFamily
	}
	if size == 0 {
		size = 11
	}
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>财政项目支出绩效目标申报表</title>
<style>
@page { size: A4 portrait; margin: 12mm; }
body { font-family: ` + family + `; font-size: ` + strconv.FormatFloat(size, 'f', -1, 64) + `pt; margin: 0; }
section { break-before: page; }
section:first-child { break-before: auto; }
h1 { font-size: 16pt; font-weight: normal; text-align: center; margin: 0; }
p.year { text-align: center; margin: 2pt 0 6pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { border: 0.75pt solid #000; padding: 4.5pt 4pt; vertical-align: middle; word-break: break-all; }
td.l { text-align: center; }
tr { break-inside: avoid; }
`)
	if o.Borderless {
		b.WriteString("td { border: none; }\n")
	}
	b.WriteString(`</style>
</head>
<body>
`)
	for _, f := range forms {
		fmt.Fprintf(&b, "<section>\n<h1>%s</h1>\n<p class=\"year\">%s</p>\n<table>\n<colgroup>", html.EscapeString(f.title), html.EscapeString(f.year))
		widths := spread(Layouts["a"].Widths, f.ncols())
		total := 0.0
		for _, w := range widths {
			total += w
		}
		for _, w := range widths {
			fmt.Fprintf(&b, `<col style="width:%.2f%%">`, 100*w/total)
		}
		b.WriteString("</colgroup>\n")
		tail := f.tailStart()
		g := place(f)
		for i := range f.rows {
			if i == tail {
				b.WriteString(`<tr style="break-before: page">`)
			} else {
				b.WriteString("<tr>")
			}
			for j := range g.at[i] {
				c := g.at[i][j]
				if g.covered[i][j] {
					continue
				}
				if c == nil { // a position the layout leaves blank
					b.WriteString("<td></td>")
					continue
				}
				b.WriteString("<td")
				if c.center {
					b.WriteString(` class="l"`)
				}
				if c.colSpan > 1 {
					fmt.Fprintf(&b, ` colspan="%d"`, c.colSpan)
				}
				if c.rowSpan > 1 {
					fmt.Fprintf(&b, ` rowspan="%d"`, c.rowSpan)
				}
				fmt.Fprintf(&b, ">%s</td>", html.EscapeString(c.text))
			}
			b.WriteString("</tr>\n")
		}
		b.WriteString("</table>\n</section>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes()
}

// FODS writes the forms as a flat OpenDocument spreadsheet: one
// sheet, forms one below the other with an empty row between them, merged
// cells spanned, every grid cell bordered and wrapping.
func FODS(forms []Form) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:font-face-decls>
 <style:font-face style:name="AR PL SungtiL GB" svg:font-family="&apos;AR PL SungtiL GB&apos;"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="table-cell">
  <style:text-properties style:font-name="AR PL SungtiL GB" style:font-name-asian="AR PL SungtiL GB" fo:font-size="10pt" style:font-size-asian="10pt"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
`)
	n := maxCols(forms)
	widths := spread(Layouts["a"].Widths, n)
	for j, w := range widths {
		fmt.Fprintf(&b, ` <style:style style:name="co%d" style:family="table-column"><style:table-column-properties style:column-width="%.2fcm"/></style:style>
`, j, w/10*0.98)
	}
	const border = `fo:border="0.75pt solid #000000" fo:wrap-option="wrap" style:vertical-align="middle" fo:padding="0.08cm"`
	fmt.Fprintf(&b, ` <style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true"/></style:style>
 %s
 <style:style style:name="val" style:family="table-cell"><style:table-cell-properties %s/><style:paragraph-properties fo:text-align="start"/></style:style>
 <style:style style:name="lab" style:family="table-cell"><style:table-cell-properties %s/><style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="title" style:family="table-cell"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="16pt" style:font-size-asian="16pt"/></style:style>
 <style:style style:name="year" style:family="table-cell"><style:paragraph-properties fo:text-align="center"/></style:style>
 <style:page-layout style:name="pm"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" fo:margin-right="1cm" style:print="objects charts drawings"/></style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Default" style:page-layout-name="pm"><style:header style:display="false"/><style:footer style:display="false"/></style:master-page>
</office:master-styles>
<office:body>
<office:spreadsheet>
<table:table table:name="绩效目标申报表">
`, rowStyles(), border, border)
	for j := 0; j < n; j++ {
		fmt.Fprintf(&b, "<table:table-column table:style-name=\"co%d\"/>\n", j)
	}
	text := func(s string) string {
		if s == "" {
			return ""
		}
		return "<text:p>" + html.EscapeString(s) + "</text:p>"
	}
	wide := func(style, s string) {
		fmt.Fprintf(&b, "<table:table-row table:style-name=\"ro\"><table:table-cell table:style-name=%q table:number-columns-spanned=\"%d\" office:value-type=\"string\">%s</table:table-cell>%s</table:table-row>\n",
			style, n, text(s), strings.Repeat("<table:covered-table-cell/>", n-1))
	}
	for k, f := range forms {
		if k > 0 {
			fmt.Fprintf(&b, "<table:table-row table:style-name=\"ro\"><table:table-cell table:number-columns-repeated=\"%d\"/></table:table-row>\n", n)
		}
		wide("title", f.title)
		wide("year", f.year)
		g := place(f)
		for i := range f.rows {
			if k := fodsLines(f.rows[i], widths); k > 1 {
				// LibreOffice does not grow a row for a wrapping merged cell.
				fmt.Fprintf(&b, "<table:table-row table:style-name=\"ro%d\">", k)
			} else {
				b.WriteString("<table:table-row table:style-name=\"ro\">")
			}
			for j := 0; j < n; j++ {
				if j >= f.ncols() {
					b.WriteString("<table:table-cell/>")
					continue
				}
				if g.covered[i][j] {
					b.WriteString("<table:covered-table-cell/>")
					continue
				}
				c := g.at[i][j]
				if c == nil { // not reached: every position is a cell or covered
					b.WriteString("<table:table-cell/>")
					continue
				}
				style := "val"
				if c.center {
					style = "lab"
				}
				fmt.Fprintf(&b, "<table:table-cell table:style-name=%q", style)
				if c.colSpan > 1 {
					fmt.Fprintf(&b, " table:number-columns-spanned=\"%d\"", c.colSpan)
				}
				if c.rowSpan > 1 {
					fmt.Fprintf(&b, " table:number-rows-spanned=\"%d\"", c.rowSpan)
				}
				fmt.Fprintf(&b, " office:value-type=\"string\">%s</table:table-cell>", text(c.text))
			}
			b.WriteString("</table:table-row>\n")
		}
	}
	b.WriteString("</table:table>\n</office:spreadsheet>\n</office:body>\n</office:document>\n")
	return b.Bytes()
}

const fodsFontCM = 10 * 2.54 / 72 // 10pt

// fodsLines estimates how many lines the tallest single-row cell of r
// takes in the FODS layout of columns widths (mm; CJK characters 1 em wide, others 0.55 em).
func fodsLines(r row, widths []float64) int {
	n := 1
	for _, c := range r.cells {
		if c.rowSpan > 1 {
			continue
		}
		w := 0.0
		for j := c.col; j < c.col+c.colSpan; j++ {
			w += widths[j] / 10 * 0.98
		}
		w -= 0.3
		em := 0.0
		for _, ch := range c.text {
			if ch < 0x2000 {
				em += 0.55
			} else {
				em += 1
			}
		}
		n = max(n, int(math.Ceil(em*fodsFontCM/w)))
	}
	return n
}

func rowStyles() string {
	var b strings.Builder
	for n := 2; n <= 12; n++ {
		fmt.Fprintf(&b, `<style:style style:name="ro%d" style:family="table-row"><style:table-row-properties style:row-height="%.2fcm" style:use-optimal-row-height="false"/></style:style>`, n, float64(n)*0.5+0.25)
	}
	return b.String()
}
