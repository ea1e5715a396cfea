package store

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"jixiao"
)

// Prepared is a document made ready for [DB.SaveBatch] by [Prepare]:
// validated, with the arguments of each of its rows' INSERT statements
// built. A Prepared is saved by one call at a time; it is not safe for
// concurrent use.
type Prepared struct {
	doc   Document
	forms []jixiao.Form
	rows  []formRows // one per form
	// pages are the arguments of the document's rows of pages (the
	// first, its id, filled in by the writer): the pages of all its
	// forms, each once, in page order.
	pages [][]any
}

// formRows are the statement arguments of one form's rows. The first
// argument of each row is its form's id (the document's id for the form
// row), and a flag's second its indicator's id: the writer fills them in
// (flagInd[i] is the position in ind of flag i's indicator, -1 for none).
type formRows struct {
	form, funds, goals insertRow
	ind                []insertRow
	budget             []insertRow // rows of budget (schema version 10)
	tasks, request     []insertRow // rows of tasks and budget_request (schema version 10)
	flags              [][]any
	flagInd            []int
	boxes              [][]any // rows of field_boxes, by field path
}

// insertRow is one row for an INSERT of a table's columns: only the
// columns that are not NULL are given (cols), so that the writer binds
// fewer values (each a call from Go into C); the others take their default,
// NULL. Column 0, the parent id, is always given.
type insertRow struct {
	cols uint64 // bit i: column i of the table is given
	args []any  // the given columns' values, in column order
}

// given returns the insertRow of a table's column values vals (at most 64),
// vals[0] being the parent id.
func given(vals ...any) insertRow {
	r := insertRow{cols: 1, args: make([]any, 1, len(vals))}
	for i, v := range vals[1:] {
		if v != nil {
			r.cols |= 1 << (i + 1)
			r.args = append(r.args, v)
		}
	}
	return r
}

// Prepare validates doc and its forms as [DB.SaveDocument] does and builds
// the arguments of their rows' statements (encoding targets and flag codes
// as JSON), so that the single writer has only SQLite's work left. It
// touches no database and is safe to call from several goroutines at once
// for different forms. It returns an error, wrapped with the document's
// path, for what SaveDocument refuses before writing: an empty SHA-256, a
// NaN or infinite number.
func Prepare(doc Document, forms []jixiao.Form) (*Prepared, error) {
	if err := validate(doc, forms); err != nil {
		return nil, fmt.Errorf("store: save %s: %w", doc.Path, err)
	}
	p := &Prepared{doc: doc, forms: forms, rows: make([]formRows, len(forms))}
	for i := range forms {
		if err := p.rows[i].build(&forms[i]); err != nil {
			return nil, fmt.Errorf("store: save %s form %d: %w", doc.Path, i+1, err)
		}
	}
	p.pages = pageRows(forms)
	return p, nil
}

// build fills r with the arguments of f's rows.
func (r *formRows) build(f *jixiao.Form) error {
	src := f.Source
	var headerExtra any // NULL for nil; an empty map is "{}"
	if f.HeaderExtra != nil {
		b, err := json.Marshal(f.HeaderExtra)
		if err != nil {
			return fmt.Errorf("encode %s: %w", jixiao.FieldHeaderExtra, err)
		}
		headerExtra = string(b)
	}
	r.form = given(nil, int64(src.FormIndex),
		nullZero(src.LineFrom), nullZero(src.LineTo), nullZero(src.PageFrom), nullZero(src.PageTo),
		nullEmpty(f.Title), nullZero(f.Year), text(f.ProjectName), text(f.ProjectNature), text(f.ProjectCategory),
		text(f.Department), text(f.ImplementingUnit), text(f.StartDate), text(f.EndDate), f.FundsUnit,
		nullEmpty(string(f.FormType)), nullEmpty(f.Template), headerExtra, number(f.TotalScore), text(f.Grade))
	fu, raw := &f.Funds, &f.FundsRaw
	r.funds = given(nil,
		number(fu.Total), text(raw.Total), number(fu.AnnualTotal), text(raw.AnnualTotal),
		number(fu.Fiscal), text(raw.Fiscal), number(fu.Appropriation), text(raw.Appropriation),
		number(fu.Carryover), text(raw.Carryover), number(fu.Other), text(raw.Other),
		number(fu.AnnualOther), text(raw.AnnualOther))
	r.goals = given(nil, text(f.Goals.Overall), text(f.Goals.Annual), text(f.Goals.Expected), text(f.Goals.Achieved))
	r.budget = make([]insertRow, 0, len(f.Budget))
	for _, key := range budgetKeys(f.Budget) {
		b := f.Budget[key]
		r.budget = append(r.budget, given(nil, key, nullEmpty(b.Label),
			number(b.Initial), number(b.Adjusted), number(b.Executed), number(b.Weight), number(b.Rate), number(b.Score)))
	}
	r.tasks = make([]insertRow, len(f.Tasks))
	for i, t := range f.Tasks {
		r.tasks[i] = given(nil, int64(i+1), text(t.Name), text(t.Content), number(t.Amount), text(t.AmountRaw))
	}
	r.request = make([]insertRow, len(f.BudgetRequest))
	for i, l := range f.BudgetRequest {
		// basis is NOT NULL: "" is the total's.
		r.request[i] = given(nil, int64(i+1), l.Basis, nullEmpty(l.Label), number(l.Amount), text(l.Raw))
	}

	r.ind = make([]insertRow, len(f.Indicators))
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		t := &ind.Target
		target, err := json.Marshal(t)
		if err != nil {
			return fmt.Errorf("%s: encode target: %w", jixiao.IndicatorField(i, ""), err)
		}
		codes := "[]" // most rows have no flag
		if len(ind.Flags) > 0 {
			c, err := json.Marshal(ind.Flags)
			if err != nil {
				return fmt.Errorf("%s: encode flags: %w", jixiao.IndicatorField(i, ""), err)
			}
			codes = string(c)
		}
		var parts any // NULL for nil; an empty list is "[]"
		if ind.ValueParts != nil {
			b, err := json.Marshal(ind.ValueParts)
			if err != nil {
				return fmt.Errorf("%s: encode: %w", jixiao.IndicatorField(i, jixiao.IndicatorValueParts), err)
			}
			parts = string(b)
		}
		// The typed actual: NULL columns when there is none.
		var (
			actualKind, actualJSON any
			a                      = &jixiao.Target{}
		)
		if ind.ActualTarget != nil {
			a = ind.ActualTarget
			b, err := json.Marshal(a)
			if err != nil {
				return fmt.Errorf("%s: encode actual target: %w", jixiao.IndicatorField(i, jixiao.IndicatorActual), err)
			}
			actualKind, actualJSON = string(a.Kind), string(b)
		}
		r.ind[i] = given(nil, int64(ind.Seq),
			nullEmpty(ind.Level1), nullEmpty(ind.Level2), nullEmpty(ind.Level2Raw),
			text(ind.Name), nullEmpty(ind.NameNorm), text(ind.Value),
			string(t.Kind), string(target), ind.Confidence, codes, nullZero(ind.Line),
			nullEmpty(t.Op), number(t.Value), text(t.Unit), number(t.Min), number(t.Max),
			nullEmpty(t.By), nullEmpty(t.From), nullEmpty(t.To),
			nullZero(t.Times), nullZero(t.Every), nullEmpty(t.Per),
			nullEmpty(t.Direction), nullEmpty(t.Basis), nullEmpty(t.Label), nullEmpty(t.Detail),
			number(ind.Level1Weight), number(ind.Level2Weight),
			nullEmpty(ind.Period), parts, text(ind.Direction), text(ind.Standard), text(ind.Note),
			text(ind.Actual), actualKind, actualJSON,
			nullEmpty(a.Op), number(a.Value), text(a.Unit), number(a.Min), number(a.Max),
			nullEmpty(a.By), nullEmpty(a.From), nullEmpty(a.To),
			nullZero(a.Times), nullZero(a.Every), nullEmpty(a.Per),
			nullEmpty(a.Direction), nullEmpty(a.Basis), nullEmpty(a.Label), nullEmpty(a.Detail),
			number(ind.Weight), number(ind.Score), text(ind.Deviation))
	}

	fields := slices.Sorted(maps.Keys(f.Geometry))
	r.boxes = make([][]any, len(fields))
	for i, field := range fields {
		pl := f.Geometry[field]
		r.boxes[i] = row(nil, field, int64(pl.Page), pl.Box[0], pl.Box[1], pl.Box[2], pl.Box[3])
	}

	r.flags = make([][]any, len(f.Flags))
	r.flagInd = make([]int, len(f.Flags))
	for i := range f.Flags {
		fl := &f.Flags[i]
		r.flagInd[i] = -1 // NULL unless the flag is on an indicator
		if j, ok := jixiao.IndicatorIndex(fl.Field); ok && j < len(f.Indicators) {
			r.flagInd[i] = j
		}
		r.flags[i] = row(nil, nil, fl.Code, fl.Field, fl.Message)
	}
	return nil
}

// budgetKeys returns the keys of a budget block in the order its rows are
// stored: the standard keys in record order, then the others sorted.
func budgetKeys(b map[string]jixiao.BudgetRow) []string {
	var keys []string
	for _, k := range []string{jixiao.BudgetTotal, jixiao.BudgetAppropriation, jixiao.BudgetCarryover, jixiao.BudgetOther} {
		if _, ok := b[k]; ok {
			keys = append(keys, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(b)) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// pageRows returns the rows of pages of a document's forms: each page
// once (the first form's size of it), in page order.
func pageRows(forms []jixiao.Form) [][]any {
	seen := map[int]bool{}
	var ps []jixiao.Page
	for _, f := range forms {
		for _, pg := range f.Pages {
			if !seen[pg.Page] {
				seen[pg.Page] = true
				ps = append(ps, pg)
			}
		}
	}
	slices.SortFunc(ps, func(a, b jixiao.Page) int { return a.Page - b.Page })
	out := make([][]any, len(ps))
	for i, pg := range ps {
		out[i] = row(nil, int64(pg.Page), pg.Width, pg.Height, string(pg.Unit), nullEmpty(pg.File), nullZero(pg.FilePage), int64(pg.Turn))
	}
	return out
}

// row returns its arguments as a slice.
func row(vals ...any) []any { return vals }
