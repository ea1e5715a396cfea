// Package render lays golden export records (fixtures/golden/form-NN.json)
// out as budget performance-target forms (财政项目支出绩效目标申报表), or as
// the form of their template (Build: self-evaluation forms, selfeval.go), and
// writes them as PDF (github.com/go-pdf/fpdf), as HTML for Chromium to
// print, or as a flat OpenDocument spreadsheet. It is the renderer of
// cmd/genpdf and of the scan corpus of cmd/genscan; nothing outside cmd/
// uses it.
//
// Output is deterministic: the same forms and options give the same bytes.
// Nothing here is safe for concurrent use on one value, but separate calls
// may run in parallel.
package render
