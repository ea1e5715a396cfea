package table

import (
	"strings"

	"jixiao"
)

// Splitter cuts a stream of rows, in reading order, into the tables of
// single forms. A form starts at its title row (jixiao.IsTitle: the
// title of any member of the form family); a form whose title row is
// missing starts where a second 项目名称 (or 项目支出名称, or a
// department's name) row appears. Rows before the first form are
// dropped. Not safe for concurrent use.
type Splitter struct {
	emit    func(Table) error
	cur     Table
	started bool // cur is a form (title seen, or a 项目名称 row)
	hasName bool // cur has a 项目名称 row
	err     error
}

// NewSplitter returns a Splitter that calls emit with each form's table.
func NewSplitter(emit func(Table) error) *Splitter { return &Splitter{emit: emit} }

// Add adds the next row. It returns emit's first error, and keeps returning
// it.
func (s *Splitter) Add(r Row) error {
	if s.err != nil {
		return s.err
	}
	if len(r.Cells) == 0 {
		return nil
	}
	isTitle, isName := classifyRow(r)
	if isTitle || (isName && s.hasName) {
		s.flush()
		s.started = true
	}
	if isName {
		s.started = true
	}
	if s.err != nil || !s.started {
		return s.err
	}
	s.hasName = s.hasName || isName
	s.cur.Rows = append(s.cur.Rows, r)
	return nil
}

// Break ends the current form, if any, as Close does, and goes on: rows
// that follow are dropped until the next form starts. A reader calls it
// where the rows stop being continuous (a page that could not be read), so
// that a form is never joined across a gap.
func (s *Splitter) Break() { s.flush() }

// InForm reports whether a form is in progress: a row added now would be
// part of it (unless the row starts a new one).
func (s *Splitter) InForm() bool { return s.started && s.err == nil }

// StartsForm reports whether r starts a form: it holds the title, or a
// 项目名称 label (the first of a form whose title is missing).
func StartsForm(r Row) bool {
	isTitle, isName := classifyRow(r)
	return isTitle || isName
}

// Close emits the last form.
func (s *Splitter) Close() error {
	s.flush()
	return s.err
}

func (s *Splitter) flush() {
	if s.started && len(s.cur.Rows) > 0 && s.err == nil {
		s.err = s.emit(s.cur)
	}
	s.cur, s.started, s.hasName = Table{}, false, false
}

func classifyRow(row Row) (isTitle, isName bool) {
	for _, c := range row.Cells {
		if jixiao.IsTitle(c.Text) {
			isTitle = true
		}
		if jixiao.IsDepartmentName(c.Text) {
			isName = true
		}
		if len(c.Text) < 40 {
			switch strings.Join(strings.Fields(c.Text), "") {
			case jixiao.LabelProjectName, jixiao.LabelProjectNameSpending:
				isName = true
			}
		}
	}
	return isTitle, isName
}
