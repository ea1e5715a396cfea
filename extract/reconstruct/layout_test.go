package reconstruct_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"jixiao"
)

// row is an indicator in short, with the fields the layouts add.
type row struct {
	period, l1, l2, name, value string
	parts                       string // value_parts joined by "/", "" for nil
	extra                       string // direction, standard, note, weight: "d=正向 s=计划标准 n=… w=10"
}

func rowOf(x jixiao.Indicator) row {
	r := row{period: x.Period, l1: x.Level1, l2: x.Level2, name: *x.Name}
	if x.Value != nil {
		r.value = *x.Value
	}
	if x.ValueParts != nil {
		r.parts = strings.Join(x.ValueParts, "/")
	}
	var ex []string
	for _, e := range []struct {
		k string
		p *string
	}{{"d", x.Direction}, {"s", x.Standard}, {"n", x.Note}} {
		if e.p != nil {
			ex = append(ex, e.k+"="+*e.p)
		}
	}
	if x.Weight != nil {
		ex = append(ex, fmt.Sprintf("w=%g", *x.Weight))
	}
	r.extra = strings.Join(ex, " ")
	return r
}

const (
	A = jixiao.PeriodAnnual
	M = jixiao.PeriodMediumTerm
)

// Grids whose header prints more than the standard columns are read by
// their columns, cells matched to columns by what they say (a text
// export drops blank cells) and to the medium-term or annual grid by
// where a 二级 label stands.
func TestLayouts(t *testing.T) {
	split := "一级指标|二级指标|三级指标|指标性质|指标值|度量单位"
	double := "一级指标|二级指标|三级指标|指标值|二级指标|三级指标|指标值"
	tests := []struct {
		name  string
		lines []string
		want  []row
	}{
		{
			name:  "split value joined as printed, parts kept",
			lines: []string{split, "产出指标|数量指标|服务人次|≧|735|人次", "||质量指标|合格率|═|100|%"},
			want: []row{{A, "产出指标", "数量指标", "服务人次", "≧735人次", "≧/735/人次", ""},
				{A, "产出指标", "质量指标", "合格率", "═100%", "═/100/%", ""}},
		},
		{
			name:  "blank parts dropped by the export",
			lines: []string{split, "产出指标|数量指标|车位|500|个", "|||响应|≤|2", "满意度指标|服务对象满意度指标|满意度|≥|90|%"},
			want: []row{{A, "产出指标", "数量指标", "车位", "500个", "/500/个", ""},
				{A, "产出指标", "数量指标", "响应", "≤2", "≤/2/", ""},
				{A, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "≥/90/%", ""}},
		},
		{
			name:  "a word alone is the value, not its unit",
			lines: []string{split + "|备注", "效益指标|社会效益指标|出行条件|改善", "|||获得感|增强|问卷调查"},
			want: []row{{A, "效益指标", "社会效益指标", "出行条件", "改善", "/改善/", ""},
				{A, "效益指标", "社会效益指标", "获得感", "增强", "/增强/", "n=问卷调查"}},
		},
		{
			name:  "正向/反向 in 指标性质, the operator from 指标方向",
			lines: []string{"一级指标|二级指标|三级指标|指标性质|指标方向|指标值|计量单位", "效益指标|环境效益指标|PM2.5浓度|反向|≤|30|微克/立方米", "|||事件|反向|0|起"},
			want: []row{{A, "效益指标", "生态效益指标", "PM2.5浓度", "≤30微克/立方米", "≤/30/微克/立方米", "d=反向"},
				{A, "效益指标", "生态效益指标", "事件", "0起", "/0/起", "d=反向"}},
		},
		{
			name:  "standard, weight and notes",
			lines: []string{"一级指标|二级指标|三级指标|指标值|绩效标准|分值|指标解释|备注", "产出指标|数量指标|企业|≥500家次|计划标准|20|含回访|抽查", "|||培训|≥20场|15"},
			want: []row{{A, "产出指标", "数量指标", "企业", "≥500家次", "", "s=计划标准 n=含回访；抽查 w=20"},
				{A, "产出指标", "数量指标", "培训", "≥20场", "", "w=15"}},
		},
		{
			name:  "value type is a hint, not kept",
			lines: []string{"一级指标|二级指标|三级指标|指标值类型|指标值", "产出指标|数量指标|a|定量|10个"},
			want:  []row{{A, "产出指标", "数量指标", "a", "10个", "", ""}},
		},
		{
			name:  "placeholders skipped; 一级 repeated keeps the 二级",
			lines: []string{split, "产出指标|数量指标|a|≥|1|个", "产出指标|||b|2|个", "产出指标|指标1|……", "产出指标|……"},
			want: []row{{A, "产出指标", "数量指标", "a", "≥1个", "≥/1/个", ""},
				{A, "产出指标", "数量指标", "b", "2个", "/2/个", ""}},
		},
		{
			name:  "a satisfaction 二级 printed under 效益指标 is under 满意度指标",
			lines: []string{split, "效益指标|社会效益指标|a|≥|1|个", "|社会公众或服务对象满意度指标|满意度|≥|90|%"},
			want: []row{{A, "效益指标", "社会效益指标", "a", "≥1个", "≥/1/个", ""},
				{A, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "≥/90/%", ""}},
		},
		{
			name:  "成本指标 as a 一级",
			lines: []string{split, "成本指标|经济成本指标|亩均投资|≤|1500|元/亩", "|社会成本指标|占用耕地|0|亩", "产出指标|经济成本指标|c|≤|1|万元"},
			want: []row{{A, "成本指标", "经济成本指标", "亩均投资", "≤1500元/亩", "≤/1500/元/亩", ""},
				{A, "成本指标", "社会成本指标", "占用耕地", "0亩", "/0/亩", ""},
				{A, "产出指标", "经济成本指标", "c", "≤1万元", "≤/1/万元", ""}},
		},
		{
			name: "double grid: both 二级 labels, then merged ones",
			lines: []string{double, "产出指标|数量指标|站点|≥60个|数量指标|站点|≥20个", "|||数据|≥95%|||数据|≥90%",
				"满意度指标|服务对象满意度指标|满意度|≥90%|服务对象满意度指标|满意度|≥85%"},
			want: []row{{M, "产出指标", "数量指标", "站点", "≥60个", "", ""}, {A, "产出指标", "数量指标", "站点", "≥20个", "", ""},
				{M, "产出指标", "数量指标", "数据", "≥95%", "", ""}, {A, "产出指标", "数量指标", "数据", "≥90%", "", ""},
				{M, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "", ""}, {A, "满意度指标", "服务对象满意度指标", "满意度", "≥85%", "", ""}},
		},
		{
			name:  "double grid: blank medium-term cells, the annual alone",
			lines: []string{double, "产出指标|数量指标|站点|≥60个|数量指标|站点|≥20个", "||||||培训|≥5000人次", "|||||质量指标|合格率|100%"},
			want: []row{{M, "产出指标", "数量指标", "站点", "≥60个", "", ""}, {A, "产出指标", "数量指标", "站点", "≥20个", "", ""},
				{A, "产出指标", "数量指标", "培训", "≥5000人次", "", ""}, {A, "产出指标", "质量指标", "合格率", "100%", "", ""}},
		},
		{
			name:  "double grid: blank year's cells kept as columns, the medium term alone",
			lines: []string{double, "产出指标|数量指标|站点|≥60个|数量指标|站点|≥20个", "|数量指标|培训|≥5000人次", "|||数据|≥95%|||数据|≥90%"},
			want: []row{{M, "产出指标", "数量指标", "站点", "≥60个", "", ""}, {A, "产出指标", "数量指标", "站点", "≥20个", "", ""},
				{M, "产出指标", "数量指标", "培训", "≥5000人次", "", ""},
				{M, "产出指标", "数量指标", "数据", "≥95%", "", ""}, {A, "产出指标", "数量指标", "数据", "≥90%", "", ""}},
		},
		{
			name:  "double grid: blank cells dropped, a short row is the year's",
			lines: []string{double, "产出指标|数量指标|站点|≥60个|数量指标|站点|≥20个", "产出指标|数量指标|培训|≥5000人次"},
			want: []row{{M, "产出指标", "数量指标", "站点", "≥60个", "", ""}, {A, "产出指标", "数量指标", "站点", "≥20个", "", ""},
				{A, "产出指标", "数量指标", "培训", "≥5000人次", "", ""}},
		},
		{
			name:  "double grid by suffixed headers; one 二级 label applies to both",
			lines: []string{"一级指标|二级指标(长期)|三级指标(长期)|指标值(长期)|二级指标(年度)|三级指标(年度)|指标值(年度)", "产出指标|进度指标|完工率|100%||完工率|≥95%"},
			want:  []row{{M, "产出指标", "时效指标", "完工率", "100%", "", ""}, {A, "产出指标", "时效指标", "完工率", "≥95%", "", ""}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := build(append([]string{"项目支出绩效目标表"}, tt.lines...)...)
			var got []row
			for _, x := range f.Indicators {
				got = append(got, rowOf(x))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("indicators:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// Header synonyms set the standard fields, header fields of their own go
// to header_extra, 财政拨款 and 其他资金 of a form with only the annual
// column are the annual ones, and a goal label may have its text beside
// it.
func TestLayoutHeader(t *testing.T) {
	f := build("2023年项目支出绩效目标申报表",
		"项目支出名称|道路养护|项目支出实施期|2023.07-2024.01",
		"预算部门|(433)乌海市城管局|项目执行单位|市政处",
		"归口科室：|城建科|项目属性|延续项目",
		"项目资金(万元)|年度资金总额|250|其中：财政拨款|230|其他资金|20",
		"实施期绩效目标|目标1：养护；目标2：维修。",
		"本年度绩效目标|完成养护",
		"|120公里。",
		"一级指标|二级指标|三级指标|指标值",
		"产出指标|数量指标|a|1")
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	for _, c := range []struct{ field, got, want string }{
		{"template", f.Template, jixiao.TemplateTarget},
		{"form_type", string(f.FormType), string(jixiao.FormTarget)},
		{"year", fmt.Sprint(f.Year), "2023"},
		{"project_name", str(f.ProjectName), "道路养护"},
		{"department", str(f.Department), "(433)乌海市城管局"},
		{"implementing_unit", str(f.ImplementingUnit), "市政处"},
		{"project_nature", str(f.ProjectNature), "延续项目"},
		{"header_extra", fmt.Sprint(f.HeaderExtra), "map[归口科室:城建科 项目支出实施期:2023.07-2024.01]"},
		{"funds_unit", f.FundsUnit, jixiao.FundsWanYuan},
		{"total", str(f.FundsRaw.Total), "<nil>"},
		{"annual_total", str(f.FundsRaw.AnnualTotal), "250"},
		{"fiscal", str(f.FundsRaw.Fiscal), "<nil>"},
		{"appropriation", str(f.FundsRaw.Appropriation), "230"},
		{"other", str(f.FundsRaw.Other), "<nil>"},
		{"annual_other", str(f.FundsRaw.AnnualOther), "20"},
		{"overall", str(f.Goals.Overall), "目标1：养护；目标2：维修。"},
		{"annual", str(f.Goals.Annual), "完成养护120公里。"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
}

// The 88号 form's funds: the medium-term column is total/fiscal/other,
// the annual one annual_total/appropriation/annual_other.
func TestMOF88Funds(t *testing.T) {
	f := build("项目支出绩效目标申报表",
		"项目名称|监测|主管部门及代码|[066]自然资源部",
		"项目资金（万元）|中期资金总额|1200|年度资金总额|400",
		"|其中：财政拨款|1100|其中：财政拨款|380",
		"|其他资金|100|其他资金|20",
		"中期目标(2024年—2026年)|三年目标", "年度目标|年度目标一",
		"一级指标|二级指标|三级指标|指标值|二级指标|三级指标|指标值",
		"产出指标|数量指标|a|3|数量指标|a|1")
	got := fmt.Sprintln(*f.FundsRaw.Total, *f.FundsRaw.Fiscal, *f.FundsRaw.Other, *f.FundsRaw.AnnualTotal,
		*f.FundsRaw.Appropriation, *f.FundsRaw.AnnualOther, f.FundsRaw.Carryover == nil)
	if want := "1200 1100 100 400 380 20 true\n"; got != want {
		t.Errorf("funds %s, want %s", got, want)
	}
	if f.Template != jixiao.TemplateMOF88 || *f.Department != "[066]自然资源部" || *f.Goals.Overall != "三年目标" || *f.Goals.Annual != "年度目标一" {
		t.Errorf("template %q, department %q, goals %q / %q", f.Template, *f.Department, *f.Goals.Overall, *f.Goals.Annual)
	}
}
