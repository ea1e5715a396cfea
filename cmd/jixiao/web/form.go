package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

// cell is one editable field of the record.
type cell struct {
	Label     string
	Field     string  // path in the record: "project_name", "indicators[3].value"
	Value     string  // as shown: the corrected value where there is one
	Original  *string // the machine's reading, when the field was corrected
	Corrected bool
	Flags     []jixiao.Flag // flags on this very field
	Line      int           // the source line it was read from (text exports); 0 when unknown
	Low       bool          // read with low confidence (a low_confidence flag on it)
	Box       string        // where it was read on its page image, "page,x,y,w,h" in fractions; "" when unknown (see cellBox)
	Long      bool          // a long text (goals): edited in a text area
	List      string        // the id of the datalist of the values it takes (listPeriods …); "" for any text
}

// The datalists of form.html: the values a cell takes, offered as it is
// typed in.
const (
	listPeriods    = "periods"
	listDirections = "directions"
)

// column is an optional column of the indicator grid: its heading and the
// class of its cells.
type column struct{ Label, Class string }

// indicatorRow is one row of the indicator grid.
type indicatorRow struct {
	Seq            int
	Level1, Level2 string
	L1Span, L2Span int // rows the level cells span; 0 on rows they cover from above
	Name, Value    cell
	// Period is the indicator's grid (annual, medium_term), shown on a
	// form of two grids (formPage.Periods).
	Period cell
	// Cells are the row's cells of the optional columns (formPage.Cols).
	Cells      []cell
	Target     string // the typed target, in words
	TargetKind string
	Codes      []string // the row's flag codes
	Confidence float64
}

// formPage is the data of form.html.
type formPage struct {
	page
	R      review.Form
	Name   string // project name as shown
	Header []cell
	Funds  []cell
	Goals  []cell
	Rows   []indicatorRow
	// SelfEval is set for a self-evaluation form: its scores and budget
	// block are shown (Scores, Budget) in place of the funds; Department
	// for a whole-department form: its tasks and budget request. Periods
	// when the grid is printed twice (an 88号 form, or some indicator of a
	// medium-term grid).
	SelfEval, Department, Periods bool
	Scores                        []cell
	Budget                        []budgetRow
	BudgetCols                    []string // the budget block's column headings
	Tasks                         []taskRow
	TaskCols                      []string // the task table's column headings
	Request                       []requestLine
	TaskCaption, RequestCaption   string     // the headings of the department form's blocks
	Lists                         []datalist // the values some cells take
	Cols                          []column   // the indicator grid's optional columns, after the typed target
	OpenFlags                     []flagLink // every current flag, in record order
	Source                        source
	Trail                         []jixiao.Correction // newest first
	Confidence                    bool                // some indicator has a confidence below 1 (OCR)
	Readings                      []int64             // the other readings of the same form (same identity key), ascending
	Chosen                        int64               // the reading forms_distinct uses
	Disagree                      []review.Disagreement
}

// flagLink is a flag with the field to focus for it ("" when it is on no
// editable field).
type flagLink struct {
	jixiao.Flag
	Focus string
}

func (s *Server) handleForm(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, http.StatusNotFound, "no such form")
		return
	}
	rf, err := review.Load(r.Context(), s.opt.DB, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.fail(w, r, http.StatusNotFound, fmt.Sprintf("there is no form %d", id))
		return
	case err != nil:
		s.opt.Log.Printf("jixiao serve: form %d: %v", id, err)
		s.fail(w, r, http.StatusInternalServerError, "the form could not be read")
		return
	}
	p := formPage{page: s.page(r, ""), R: rf, Name: deref(rf.Form.ProjectName)}
	p.Title = fmt.Sprintf("%d %s", id, p.Name)
	p.Source = s.source(r.Context(), rf)
	s.buildRecord(&p)
	p.Trail = slices.Clone(rf.Corrections)
	slices.Reverse(p.Trail)
	// Other readings of the same form and where they disagree: shown, not
	// needed; a failure is logged and the page shown without them.
	if p.Readings, p.Chosen, err = s.opt.DB.Readings(r.Context(), id); err == nil && len(p.Readings) > 0 {
		p.Disagree, err = review.Disagreements(r.Context(), s.opt.DB, id)
	}
	if err != nil {
		s.opt.Log.Printf("jixiao serve: form %d: %v", id, err)
	}
	s.render(w, "form.html", p)
}

// buildRecord fills the cells and rows of p from its form.
func (s *Server) buildRecord(p *formPage) {
	f, orig := p.R.Form, p.R.Original
	corrected := map[string]bool{}
	for _, c := range p.R.Corrections {
		corrected[c.Field] = true
	}
	byField := map[string][]jixiao.Flag{}
	for _, fl := range f.Flags {
		byField[fl.Field] = append(byField[fl.Field], fl)
	}
	mk := func(label, field string, long bool) cell {
		cur, _ := review.FieldValue(f, field)
		c := cell{Label: label, Field: field, Value: deref(cur), Corrected: corrected[field], Flags: byField[field], Long: long}
		if c.Corrected {
			c.Original, _ = review.FieldValue(orig, field)
		}
		// The source line of a header, funds or goal field is not stored:
		// find the machine's reading in the form's lines.
		if v, _ := review.FieldValue(orig, field); v != nil {
			c.Line = p.Source.lineOf(*v)
		}
		c.Box = cellBox(orig, field)
		for _, fl := range c.Flags {
			c.Low = c.Low || fl.Code == jixiao.FlagLowConfidence
		}
		return c
	}
	for _, l := range jixiao.Labels() {
		if l.Kind == jixiao.LabelHeader && headerShown(f, orig, l.Field) {
			label := l.Printed()
			if f.FormType == jixiao.FormDepartmentTarget && l.Field == jixiao.FieldDepartment {
				label = jixiao.LabelDeptName
			}
			p.Header = append(p.Header, mk(label, l.Field, false))
		}
	}
	// The funds as the paper form lays them out: the total and its parts,
	// then the annual total and its parts.
	for _, field := range []string{
		jixiao.FieldFundsTotal, jixiao.FieldFundsFiscal, jixiao.FieldFundsOther,
		jixiao.FieldFundsAnnualTotal, jixiao.FieldFundsAppropriation, jixiao.FieldFundsCarryover,
		jixiao.FieldFundsAnnualOther,
	} {
		label := jixiao.LabelOf(field)
		if field == jixiao.FieldFundsAnnualOther {
			label += " (年度)" // the second 其他资金
		}
		p.Funds = append(p.Funds, mk(label, field, false))
	}
	p.SelfEval = f.FormType == jixiao.FormSelfEvaluation
	p.Department = f.FormType == jixiao.FormDepartmentTarget
	switch {
	case p.SelfEval:
		p.Goals = []cell{mk(jixiao.LabelGoalExpected, jixiao.FieldGoalExpected, true), mk(jixiao.LabelGoalAchieved, jixiao.FieldGoalAchieved, true)}
		p.Scores = []cell{mk(jixiao.LabelTotalScore, jixiao.FieldTotalScore, false), mk(jixiao.LabelGrade, jixiao.FieldGrade, false)}
		p.Budget, p.BudgetCols = budgetRows(f, mk)
	case p.Department:
		p.Goals = []cell{mk(jixiao.LabelDeptGoal, jixiao.FieldGoalAnnual, true)}
		p.Tasks, p.TaskCols = taskRows(f, mk)
		p.Request = requestLines(f, mk)
		p.TaskCaption, p.RequestCaption = jixiao.LabelTasks, jixiao.LabelBudgetRequest
	default:
		p.Goals = []cell{mk(jixiao.LabelOf(jixiao.FieldGoalOverall), jixiao.FieldGoalOverall, true),
			mk(jixiao.LabelOf(jixiao.FieldGoalAnnual), jixiao.FieldGoalAnnual, true)}
	}
	p.Header = append(p.Header, extraCells(f, orig, mk)...)
	p.Lists = datalists

	var optional []indicatorColumn
	p.Cols, optional = indicatorColumns(p.SelfEval, f, orig)
	p.Periods = f.Template == jixiao.TemplateMOF88
	for _, fm := range []jixiao.Form{f, orig} {
		for _, ind := range fm.Indicators {
			p.Periods = p.Periods || ind.Period == jixiao.PeriodMediumTerm
		}
	}
	for i, ind := range f.Indicators {
		at := func(leaf string) string { return jixiao.IndicatorField(i, leaf) }
		row := indicatorRow{Seq: ind.Seq, Level1: ind.Level1, Level2: ind.Level2,
			Name:   mk(jixiao.LabelLevel3, at(jixiao.IndicatorName), false),
			Value:  mk(jixiao.LabelValueShort, at(jixiao.IndicatorValue), false),
			Target: targetSummary(ind.Target), TargetKind: string(ind.Target.Kind), Codes: ind.Flags, Confidence: ind.Confidence}
		row.Name.Line, row.Value.Line = ind.Line, ind.Line
		if p.Periods {
			row.Period = mk(jixiao.IndicatorPeriod, at(jixiao.IndicatorPeriod), false)
			row.Period.Line, row.Period.List = ind.Line, listPeriods
		}
		for _, c := range optional {
			cl := mk(c.Label, at(c.leaf), c.long)
			cl.Line, cl.List = ind.Line, c.list
			row.Cells = append(row.Cells, cl)
		}
		if ind.Value == nil {
			row.Target = "—" // nothing to read; the flag says so
		}
		if ind.Confidence < 1 {
			p.Confidence = true
		}
		if ind.Level2Raw != "" && ind.Level2Raw != ind.Level2 {
			row.Level2 = ind.Level2 + " (" + ind.Level2Raw + ")"
		}
		p.Rows = append(p.Rows, row)
	}
	spans(p.Rows)

	editable := map[string]bool{}
	for _, c := range p.cells() {
		editable[c.Field] = true
	}
	for _, fl := range f.Flags {
		l := flagLink{Flag: fl}
		switch i, indicator := jixiao.IndicatorIndex(fl.Field); {
		case editable[fl.Field]:
			l.Focus = fl.Field
		case indicator:
			// A flag on a row's name goes to its name, else to its value.
			l.Focus = jixiao.IndicatorField(i, jixiao.IndicatorValue)
			if fl.Field == jixiao.IndicatorField(i, jixiao.IndicatorName) {
				l.Focus = fl.Field
			}
		case fl.Field == jixiao.FieldFunds:
			l.Focus = jixiao.FieldFundsTotal
		case fl.Field == jixiao.FieldBudgetRequest && len(p.Request) > 0:
			l.Focus = p.Request[0].Amount.Field // a split that does not add up: start at the total
		}
		p.OpenFlags = append(p.OpenFlags, l)
	}
}

// spans sets the row spans of the level cells: a level-1 cell spans the
// rows of the same level-1 below it, a level-2 cell those of the same
// level-1 and level-2, as the paper form merges them.
func spans(rows []indicatorRow) {
	for i := 0; i < len(rows); {
		j := i
		for j < len(rows) && rows[j].Level1 == rows[i].Level1 {
			j++
		}
		rows[i].L1Span = j - i
		for k := i; k < j; {
			m := k
			for m < j && rows[m].Level2 == rows[k].Level2 {
				m++
			}
			rows[k].L2Span = m - k
			k = m
		}
		i = j
	}
}

// cellBox returns where field was read on its page image, as
// "page,x,y,w,h" (page 1-based; x, y, w, h fractions of the page's width
// and height), for the page pane to outline: from the form's geometry (the
// machine's reading: a correction does not move it), "" when the form has
// no place for the field or no size for its page (text exports).
func cellBox(f jixiao.Form, field string) string {
	pl, ok := f.Geometry[field]
	if !ok || pl.Box.Empty() {
		return ""
	}
	for _, pg := range f.Pages {
		if pg.Page != pl.Page || pg.Width <= 0 || pg.Height <= 0 {
			continue
		}
		b := pl.Box
		frac := func(v, of float64) string { return strconv.FormatFloat(min(max(v/of, 0), 1), 'f', 5, 64) }
		return fmt.Sprintf("%d,%s,%s,%s,%s", pl.Page, frac(b[0], pg.Width), frac(b[1], pg.Height),
			frac(b[2]-b[0], pg.Width), frac(b[3]-b[1], pg.Height))
	}
	return ""
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
