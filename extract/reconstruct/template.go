package reconstruct

import (
	"strings"

	"jixiao"
	"jixiao/extract/table"
)

// Templates are recognised from what a form prints, never from its file:
//
//   - a title holding jixiao.TitleSelfEval is a self-evaluation form
//     (jixiao.TemplateSelfEval; without a title, IsSelfEval tells it by
//     its grid or budget header), one holding jixiao.TitleDepartment a
//     whole department's (jixiao.TemplateDepartment; or isDepartment);
//   - a target form that prints a label marking the 88号 layout (a
//     medium-term goal, total or grid column: jixiao.Label.Template), or
//     whose grid header prints 三级指标 twice, is jixiao.TemplateMOF88;
//   - one that prints any other label of another layout (a header
//     synonym, a header field of its own, split value columns …), or a
//     title other than jixiao.Title, is jixiao.TemplateTarget;
//   - any other is the standard form, jixiao.TemplateShanghai (a form
//     whose title is missing included).

// templateOf returns the form type and template of the form in t.
func templateOf(t table.Table) (jixiao.FormType, string) {
	title := ""
	marks := map[string]bool{}
	names := 0 // 三级指标 cells of the grid's header row
	for _, r := range t.Rows {
		rowNames := 0
		for _, c := range r.Cells {
			if title == "" && jixiao.IsTitle(c.Text) {
				title = c.Text
			}
			s := classify(c.Text)
			if s.mark != "" {
				marks[s.mark] = true
			}
			if s.gridName() {
				rowNames++
			}
		}
		names = max(names, rowNames)
	}
	switch {
	case strings.Contains(title, jixiao.TitleSelfEval) || IsSelfEval(t):
		return jixiao.FormSelfEvaluation, jixiao.TemplateSelfEval
	case strings.Contains(title, jixiao.TitleDepartment) || isDepartment(t):
		return jixiao.FormDepartmentTarget, jixiao.TemplateDepartment
	case marks[jixiao.TemplateMOF88] || names > 1:
		return jixiao.FormTarget, jixiao.TemplateMOF88
	case marks[jixiao.TemplateTarget] || (title != "" && !strings.Contains(title, jixiao.Title)):
		return jixiao.FormTarget, jixiao.TemplateTarget
	}
	return jixiao.FormTarget, jixiao.TemplateShanghai
}

// builderOf returns the builder of a template. Every target layout
// (shanghai, mof88, target) shares one builder, which reads the grid by
// the columns its header row prints (see layout); a template with a
// builder of its own (the self-evaluation form's, the department form's)
// is added here. A template without one is read as a target form.
func builderOf(template string) func(table.Table, Options) jixiao.Form {
	switch template {
	case jixiao.TemplateSelfEval:
		return SelfEval
	case jixiao.TemplateDepartment:
		return departmentForm
	}
	return targetForm
}
