package render

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	golden "jixiao"
)

// LoadRecords reads golden export records, in the order of paths.
func LoadRecords(paths []string) ([]golden.Form, error) {
	recs := make([]golden.Form, 0, len(paths))
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		var r golden.Form
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		recs = append(recs, r)
	}
	return recs, nil
}

func Str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Column indices of the logical grid every form is laid on. Each layout
// gives the eight columns a width; HTML and FODS use them as table columns.
const NCols = 8

// cell is one cell of a form's grid, placed on logical columns.
type cell struct {
	col, colSpan, rowSpan int
	text                  string
	center                bool
}

type rowKind int

const (
	rowPlain rowKind = iota
	rowIndHeader
	rowIndicator
)

type row struct {
	kind  rowKind
	cells []cell
}

// Form is a form laid out as a grid, independent of the output format.
type Form struct {
	title, year string
	rows        []row
	// cols is the number of logical columns when more than NCols (a
	// self-evaluation form with split target columns); every output
	// lays them out (spread gives a layout's widths for them).
	cols int
	// TailRows, when 0 < TailRows < the number of indicators, breaks the
	// page before the form's last TailRows indicator rows: they alone go
	// onto its last page, a continuation page (with the repeated header
	// row where the layout repeats it). Rows before them flow as usual.
	TailRows int
}

// Indicators returns the number of indicator rows of the grid.
func (f Form) Indicators() int {
	n := 0
	for _, r := range f.rows {
		if r.kind == rowIndicator {
			n++
		}
	}
	return n
}

// tailStart returns the index of the row before which TailRows forces a
// page break, or -1.
func (f Form) tailStart() int {
	if f.TailRows <= 0 || f.TailRows >= f.Indicators() {
		return -1
	}
	return len(f.rows) - f.TailRows
}

func lab(col, span int, text string) cell {
	return cell{col: col, colSpan: span, rowSpan: 1, text: text, center: true}
}

func val(col, span int, text string) cell {
	return cell{col: col, colSpan: span, rowSpan: 1, text: text}
}

func span(c cell, rows int) cell {
	c.rowSpan = rows
	return c
}

// Build lays a record out the way the paper form of its template
// (r.Template) looks.
func Build(r golden.Form) Form {
	switch r.Template {
	case golden.TemplateDepartment:
		return buildDepartment(r)
	case golden.TemplateSelfEval:
		return buildSelfEval(r)
	case golden.TemplateMOF88:
		return buildMOF88(r)
	case golden.TemplateTarget:
		return buildTarget(r)
	default:
		return buildShanghai(r)
	}
}

// levelSpans returns how many rows the merged level-1 and level-2 cells
// starting at indicator i span, as the paper form merges them: a level-1
// cell the rows of its level-1, a level-2 cell those of its level-1 and
// printed level-2; 0 for a cell that row i continues from above.
func levelSpans(ind []golden.Indicator, i int) (l1, l2 int) {
	same1 := func(a, b int) bool { return ind[a].Level1 == ind[b].Level1 }
	same2 := func(a, b int) bool { return same1(a, b) && printedLevel2(ind[a]) == printedLevel2(ind[b]) }
	if i == 0 || !same1(i, i-1) {
		for l1 = 1; i+l1 < len(ind) && same1(i+l1, i); l1++ {
		}
	}
	if i == 0 || !same2(i, i-1) {
		for l2 = 1; i+l2 < len(ind) && same2(i+l2, i); l2++ {
		}
	}
	return l1, l2
}

// printedLevel2 is an indicator's level-2 label as the form prints it.
func printedLevel2(ind golden.Indicator) string {
	if ind.Level2Raw != "" {
		return ind.Level2Raw
	}
	return ind.Level2
}

// buildShanghai lays a record out as the 2023 Shanghai 申报表.
func buildShanghai(r golden.Form) Form {
	f := Form{title: r.Title, year: "(" + strconv.Itoa(r.Year) + "年度)"}
	if f.title == "" {
		f.title = "财政项目支出绩效目标申报表"
	}
	add := func(k rowKind, cs ...cell) { f.rows = append(f.rows, row{kind: k, cells: cs}) }
	add(rowPlain, lab(0, 1, "项目名称"), val(1, 2, Str(r.ProjectName)),
		lab(3, 1, "项目性质"), val(4, 1, Str(r.ProjectNature)),
		lab(5, 1, "项目类别"), val(6, 2, Str(r.ProjectCategory)))
	add(rowPlain, lab(0, 1, "主管部门"), val(1, 2, Str(r.Department)),
		lab(3, 1, "实施单位"), val(4, 4, Str(r.ImplementingUnit)))
	add(rowPlain, lab(0, 1, "计划开始日期"), val(1, 2, Str(r.StartDate)),
		lab(3, 1, "计划完成日期"), val(4, 4, Str(r.EndDate)))

	fr := r.FundsRaw
	add(rowPlain, span(lab(0, 1, "项目资金（元）"), 4),
		lab(1, 1, "项目资金总额"), val(2, 1, Str(fr.Total)),
		lab(3, 2, "年度资金申请总额"), val(5, 3, Str(fr.AnnualTotal)))
	add(rowPlain, lab(1, 1, "其中：财政资金"), val(2, 1, Str(fr.Fiscal)),
		lab(3, 2, "其中：当年财政拨款"), val(5, 3, Str(fr.Appropriation)))
	add(rowPlain, val(1, 1, ""), val(2, 1, ""),
		lab(3, 2, "上年结转资金"), val(5, 3, Str(fr.Carryover)))
	add(rowPlain, lab(1, 1, "其他资金"), val(2, 1, Str(fr.Other)),
		lab(3, 2, "其他资金"), val(5, 3, Str(fr.AnnualOther)))

	add(rowPlain, span(lab(0, 1, "项目绩效目标"), 2),
		lab(1, 3, "项目总目标"), lab(4, 4, "年度总体目标"))
	add(rowPlain, val(1, 3, Str(r.Goals.Overall)), val(4, 4, Str(r.Goals.Annual)))

	ind := r.Indicators
	add(rowIndHeader, span(lab(0, 1, "绩效指标"), len(ind)+1),
		lab(1, 1, "一级指标"), lab(2, 1, "二级指标"), lab(3, 3, "三级指标"), lab(6, 2, "年度指标值"))
	for i := range ind {
		var cs []cell
		l1, l2 := levelSpans(ind, i)
		if l1 > 0 {
			cs = append(cs, span(lab(1, 1, ind[i].Level1), l1))
		}
		if l2 > 0 {
			cs = append(cs, span(lab(2, 1, printedLevel2(ind[i])), l2))
		}
		cs = append(cs, val(3, 3, Str(ind[i].Name)), lab(6, 2, Str(ind[i].Value)))
		add(rowIndicator, cs...)
	}
	return f
}
