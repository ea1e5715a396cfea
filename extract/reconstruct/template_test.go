package reconstruct_test

import (
	"testing"

	"jixiao"
)

// The template comes from the title and the labels a form prints.
func TestTemplate(t *testing.T) {
	grid := "一级指标|二级指标|三级指标|年度指标值"
	for _, tt := range []struct {
		name  string
		lines []string
		typ   jixiao.FormType
		tpl   string
	}{
		{"standard form", []string{title, "项目名称|A", "项目类别|B", grid}, jixiao.FormTarget, jixiao.TemplateShanghai},
		{"no title, standard labels", []string{"项目名称|A", grid}, jixiao.FormTarget, jixiao.TemplateShanghai},
		{"another title", []string{"项目支出绩效目标表", "项目名称|A", grid}, jixiao.FormTarget, jixiao.TemplateTarget},
		{"a department's title", []string{"鄂州市财政局部门预算项目支出绩效目标表", "项目名称|A", grid}, jixiao.FormTarget, jixiao.TemplateTarget},
		{"standard title, a header synonym", []string{title, "项目支出名称|A", grid}, jixiao.FormTarget, jixiao.TemplateTarget},
		{"standard title, split columns", []string{title, "项目名称|A", "一级指标|二级指标|三级指标|指标性质|指标值|度量单位"}, jixiao.FormTarget, jixiao.TemplateTarget},
		{"header extra", []string{title, "项目名称|A", "项目期|3年", grid}, jixiao.FormTarget, jixiao.TemplateTarget},
		{"medium-term goal", []string{"项目支出绩效目标申报表", "项目名称|A", "中期目标(2024年—2026年)|x", grid}, jixiao.FormTarget, jixiao.TemplateMOF88},
		{"medium-term total", []string{"项目支出绩效目标申报表", "中期资金总额|1", grid}, jixiao.FormTarget, jixiao.TemplateMOF88},
		{"doubled grid", []string{"项目支出绩效目标申报表", "一级指标|二级指标|三级指标|指标值|二级指标|三级指标|指标值"}, jixiao.FormTarget, jixiao.TemplateMOF88},
		{"self-evaluation", []string{"项目支出绩效自评表（2023年度）", "项目名称|A", grid}, jixiao.FormSelfEvaluation, jixiao.TemplateSelfEval},
		{"whole department", []string{"部门整体支出绩效目标申报表", grid}, jixiao.FormDepartmentTarget, jixiao.TemplateDepartment},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := build(tt.lines...)
			if f.FormType != tt.typ || f.Template != tt.tpl {
				t.Errorf("form_type %q, template %q; want %q, %q", f.FormType, f.Template, tt.typ, tt.tpl)
			}
			for _, ind := range f.Indicators {
				if ind.Period == "" {
					t.Errorf("indicator %d has no period", ind.Seq)
				}
			}
		})
	}
}
