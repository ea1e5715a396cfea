package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

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
}

// indicatorRow is one row of the indicator grid.
type indicatorRow struct {
	Seq            int
	Level1, Level2 string
	L1Span, L2Span int // rows the level cells span; 0 on rows they cover from above
	Name, Value    cell
	// Period is "中期" on an indicator of an 88号 form's medium-term
	// grid, "" otherwise.
	Period string
	// Actual, Weight, Score and Deviation are a self-evaluation's cells
	// (formPage.SelfEval).
	Actual, Weight, Score, Deviation cell
	Target                           string // the typed target, in words
	TargetKind                       string
	Codes                            []string // the row's flag codes
	Confidence                       float64
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
	// SelfEval is set for a self-evaluation form: its scores, budget block
	// and the indicators' actuals are shown (Scores, Budget, the rows'
	// Actual …); Periods when some indicator is of a medium-term grid.
	SelfEval, Periods bool
	Scores            []cell
	Budget            []budgetLine
	OpenFlags         []flagLink // every current flag, in record order
	Source            source
	Trail             []jixiao.Correction // newest first
	Confidence        bool                // some indicator has a confidence below 1 (OCR)
	Readings          []int64             // the other readings of the same form (same identity key), ascending
	Chosen            int64               // the reading forms_distinct uses
	Disagree          []review.Disagreement
}

// budgetLine is a row of a self-evaluation's budget block, as shown (not
// correctable).
type budgetLine struct {
	Label                                            string
	Initial, Adjusted, Executed, Weight, Rate, Score string
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
		if l.Kind == jixiao.LabelHeader {
			p.Header = append(p.Header, mk(l.Printed(), l.Field, false))
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
	if p.SelfEval {
		p.Goals = []cell{mk(jixiao.LabelGoalExpected, jixiao.FieldGoalExpected, true), mk(jixiao.LabelGoalAchieved, jixiao.FieldGoalAchieved, true)}
		p.Scores = []cell{mk(jixiao.LabelTotalScore, jixiao.FieldTotalScore, false), mk(jixiao.LabelGrade, jixiao.FieldGrade, false)}
		p.Budget = budgetLines(f.Budget)
	} else {
		p.Goals = []cell{mk(jixiao.LabelOf(jixiao.FieldGoalOverall), jixiao.FieldGoalOverall, true),
			mk(jixiao.LabelOf(jixiao.FieldGoalAnnual), jixiao.FieldGoalAnnual, true)}
	}

	for i, ind := range f.Indicators {
		row := indicatorRow{Seq: ind.Seq, Level1: ind.Level1, Level2: ind.Level2,
			Name:   mk(jixiao.LabelLevel3, jixiao.IndicatorField(i, jixiao.IndicatorName), false),
			Value:  mk(jixiao.LabelValueShort, jixiao.IndicatorField(i, jixiao.IndicatorValue), false),
			Target: targetSummary(ind.Target), TargetKind: string(ind.Target.Kind), Codes: ind.Flags, Confidence: ind.Confidence}
		row.Name.Line, row.Value.Line = ind.Line, ind.Line
		if ind.Period == jixiao.PeriodMediumTerm {
			row.Period, p.Periods = "中期", true
		}
		if p.SelfEval {
			row.Actual = mk(jixiao.LabelActual, jixiao.IndicatorField(i, jixiao.IndicatorActual), false)
			row.Weight = mk(jixiao.LabelWeight, jixiao.IndicatorField(i, jixiao.IndicatorWeight), false)
			row.Score = mk(jixiao.LabelEvalScore, jixiao.IndicatorField(i, jixiao.IndicatorScore), false)
			row.Deviation = mk(jixiao.LabelDeviation, jixiao.IndicatorField(i, jixiao.IndicatorDeviation), false)
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
	for _, c := range slices.Concat(p.Header, p.Funds, p.Goals, p.Scores) {
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
		}
		p.OpenFlags = append(p.OpenFlags, l)
	}
}

// budgetLines returns the rows of a budget block in the order a
// self-evaluation prints them: total, appropriation, carryover, other,
// then the other rows by label.
func budgetLines(b map[string]jixiao.BudgetRow) []budgetLine {
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		if i := slices.Index([]string{jixiao.BudgetTotal, jixiao.BudgetAppropriation, jixiao.BudgetCarryover, jixiao.BudgetOther}, k); i >= 0 {
			return i
		}
		return 4
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	var out []budgetLine
	for _, k := range keys {
		r := b[k]
		label := r.Label
		if label == "" {
			label = k
		}
		out = append(out, budgetLine{Label: label, Initial: num(r.Initial), Adjusted: num(r.Adjusted), Executed: num(r.Executed),
			Weight: num(r.Weight), Rate: num(r.Rate), Score: num(r.Score)})
	}
	return out
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
