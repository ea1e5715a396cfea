package jixiao

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The vocabulary of the form: its title, the labels it prints outside the
// cells that hold data, and the paths of the record's fields. Every other
// package takes these from here; see vocab_copies_test.go.

// Title is the title line every form starts with.
const Title = "财政项目支出绩效目标申报表"

// titleEndings are the words a title line ends in (before a unit such as
// （单位：万元）): 申报表 of the standard title, 目标表 of titles such as
// 项目支出绩效目标表, 自评表 of the self-evaluation form's.
var titleEndings = []string{"申报表", "目标表", TitleSelfEval}

// TitleEndings returns the words a title line ends in, before any unit:
// 申报表 of Title, 目标表 of titles such as 项目支出绩效目标表, and
// TitleSelfEval. Each call returns a new slice.
func TitleEndings() []string { return append([]string(nil), titleEndings...) }

// The words of the titles of the form family's other members: every
// title holds TitleWord and ends in one of TitleEndings (or
// TitleSelfEval); a self-evaluation form's title holds TitleSelfEval, a
// whole department's TitleDepartment.
const (
	TitleWord       = "绩效"
	TitleSelfEval   = "自评表"
	TitleDepartment = "部门整体"
)

// maxTitleRunes bounds a title line: longer cells are text.
const maxTitleRunes = 60

// titleUnit is a bracketed tail after a title: （单位：万元）, (2023年度).
var titleUnit = regexp.MustCompile(`[(（][^()（）]*[)）]$`)

// IsTitle reports whether a cell is the title of a form of the family:
// it holds Title, or it is short, holds TitleWord and ends (before a
// bracketed tail such as （单位：万元）) in one of TitleEndings or in
// TitleSelfEval: 项目支出绩效目标表, 2023年项目支出绩效目标申报表,
// 鄂州市…部门预算项目支出绩效目标表, 项目支出绩效自评表. White space is
// ignored. Safe for concurrent use.
func IsTitle(cell string) bool {
	if strings.Contains(cell, Title) {
		return true
	}
	if len(cell) > 4*maxTitleRunes {
		return false
	}
	t := strings.Join(strings.Fields(cell), "")
	if utf8.RuneCountInString(t) > maxTitleRunes || !strings.Contains(t, TitleWord) {
		return false
	}
	for i := 0; i < 2 && titleUnit.MatchString(t); i++ {
		t = titleUnit.ReplaceAllString(t, "")
	}
	for _, e := range append(TitleEndings(), TitleSelfEval) {
		if strings.HasSuffix(t, e) {
			return true
		}
	}
	return false
}

// The labels of the form as the standard form prints them, full-width
// punctuation included.
const (
	LabelProjectName      = "项目名称"
	LabelProjectNature    = "项目性质"
	LabelProjectCategory  = "项目类别"
	LabelDepartment       = "主管部门"
	LabelImplementingUnit = "实施单位"
	LabelStartDate        = "计划开始日期"
	LabelEndDate          = "计划完成日期"

	// LabelFunds names the funds block, printed with the unit of its
	// amounts: 项目资金（元）, 项目资金（万元）.
	LabelFunds              = "项目资金"
	LabelFundsTotal         = "项目资金总额"
	LabelFundsAnnualTotal   = "年度资金申请总额"
	LabelFundsFiscal        = "财政资金"   // printed after Among: 其中：财政资金
	LabelFundsAppropriation = "当年财政拨款" // printed after Among: 其中：当年财政拨款
	LabelFundsCarryover     = "上年结转资金"
	// LabelFundsOther is printed twice: under the total (FieldFundsOther)
	// and under the annual total (FieldFundsAnnualOther).
	LabelFundsOther = "其他资金"

	LabelGoals       = "项目绩效目标" // the goals block
	LabelGoalOverall = "项目总目标"
	LabelGoalAnnual  = "年度总体目标"

	LabelIndicators = "绩效指标" // the indicator grid
	LabelLevel1     = "一级指标"
	LabelLevel2     = "二级指标"
	LabelLevel3     = "三级指标" // the indicator's name
	LabelValue      = "年度指标值"
	// LabelValueProject and LabelValueShort are printed for LabelValue
	// on some forms.
	LabelValueProject = "年度(/项目)指标值"
	LabelValueShort   = "指标值"
)

// The labels other layouts of the form family print (see LayoutLabels),
// full-width punctuation as printed and brackets half-width (labels are
// looked up with brackets folded).
const (
	// Header labels of other layouts for the standard fields.
	LabelProjectNameSpending = "项目支出名称"
	LabelDepartmentCoded     = "主管部门及代码"
	LabelDepartmentBudget    = "预算部门"
	LabelDepartmentProject   = "项目主管部门"
	LabelImplementingProject = "项目执行单位"
	LabelProjectAttribute    = "项目属性"

	// Header labels with no field of their own: their values go to
	// Form.HeaderExtra under the label as printed.
	LabelProjectTerm     = "项目期"
	LabelSpendingTerm    = "项目支出实施期"
	LabelProjectSpan     = "项目起止时间"
	LabelSection         = "归口科室"
	LabelOwnBudgetAmount = "年度本级预算金额"

	// Funds labels: the 88号 form's medium-term total, the annual total
	// of other layouts, and 财政拨款, printed under each total (the first
	// is FieldFundsFiscal, the second FieldFundsAppropriation).
	LabelFundsMediumTotal = "中期资金总额"
	LabelFundsYearTotal   = "年度资金总额"
	LabelFundsFiscalGrant = "财政拨款"

	// Goal labels.
	LabelGoalMedium       = "中期目标"
	LabelGoalTerm         = "实施期绩效目标"
	LabelGoalTermShort    = "实施期目标"
	LabelGoalYear         = "年度目标"
	LabelGoalThisYear     = "本年度绩效目标"
	LabelGoalYearFormance = "年度绩效目标"

	// Grid columns of split values and extra columns.
	LabelValueNature    = "指标性质" // the operator, or 正向/反向
	LabelValueDirection = "指标方向" // the operator, or 正向/反向
	LabelValueUnit      = "度量单位"
	LabelValueUnitCalc  = "计量单位"
	LabelValueType      = "指标值类型" // 定量/定性: a hint, not kept
	LabelStandard       = "绩效标准"
	LabelExplanation    = "指标解释"
	LabelRemark         = "备注"
	LabelScoringRule    = "评(扣)分标准"
	LabelScoringShort   = "评分标准"
	LabelWeight         = "分值"

	// The 88号 form's double grid: the medium-term columns, then the
	// year's.
	LabelLevel2Long  = "二级指标(长期)"
	LabelLevel3Long  = "三级指标(长期)"
	LabelValueLong   = "指标值(长期)"
	LabelLevel2Mid   = "二级指标(中期)"
	LabelLevel3Mid   = "三级指标(中期)"
	LabelValueMid    = "指标值(中期)"
	LabelValueMedium = "中期指标值"
	LabelLevel2Year  = "二级指标(年度)"
	LabelLevel3Year  = "三级指标(年度)"
	LabelValueYear   = "指标值(年度)"
)

// The words a split grid prints in 指标性质 or 指标方向 for the direction of
// an indicator (Indicator.Direction): higher or lower is better.
const (
	DirectionPositive = "正向"
	DirectionNegative = "反向"
)

// Among is the word printed before a part of the amount above it, with a
// full-width colon: 其中：财政资金.
const Among = "其中"

// LabelKind says what a label introduces.
type LabelKind int

// The label kinds.
const (
	LabelHeader LabelKind = iota + 1 // a header field: its value follows in the row
	LabelAmount                      // an amount of the funds block: it follows in the row
	LabelGoal                        // a goal: its text is below the label
	LabelBlock                       // a block of the form (funds, goals, indicators): no value of its own
	LabelGrid                        // a column of the indicator grid's header row
	// LabelExtra is a header field with no field of its own: its value
	// follows in the row and goes to Form.HeaderExtra under the label
	// as printed.
	LabelExtra
)

// Label is one label the form prints outside the cells that hold data.
type Label struct {
	Text string // as printed, without the Among of an Among label
	Kind LabelKind
	// Field is the path of the field the label introduces (header,
	// amount and goal labels), or the indicator field of the column
	// (grid labels: IndicatorName …); "" for a block label.
	Field string
	// Among says the label is printed after Among and a full-width
	// colon, a part of the amount above it.
	Among bool
	// Variants are other printings of the label.
	Variants []string
	// Template is the layout the label marks (TemplateMOF88,
	// TemplateTarget): "" for the labels of the standard form, which
	// every layout may print.
	Template string
	// Period is the grid of a double-grid column label (PeriodMediumTerm
	// or PeriodAnnual); "" for a one-grid label.
	Period string
	// Part is the part of a split value a grid column holds: 1 the
	// operator (or the direction), 3 the unit; 0 for any other column
	// (the number, 2, is the value column of a grid that has a part
	// column).
	Part int
}

// Printed returns the label as the standard form prints it: 其中：财政资金
// for an Among label, Text otherwise.
func (l Label) Printed() string {
	if l.Among {
		return Among + "：" + l.Text
	}
	return l.Text
}

// labels are the labels of the form, in the order it prints them.
var labels = []Label{
	{Text: LabelProjectName, Kind: LabelHeader, Field: FieldProjectName},
	{Text: LabelProjectNature, Kind: LabelHeader, Field: FieldProjectNature},
	{Text: LabelProjectCategory, Kind: LabelHeader, Field: FieldProjectCategory},
	{Text: LabelDepartment, Kind: LabelHeader, Field: FieldDepartment},
	{Text: LabelImplementingUnit, Kind: LabelHeader, Field: FieldImplementingUnit},
	{Text: LabelStartDate, Kind: LabelHeader, Field: FieldStartDate},
	{Text: LabelEndDate, Kind: LabelHeader, Field: FieldEndDate},

	{Text: LabelFunds, Kind: LabelBlock},
	{Text: LabelFundsTotal, Kind: LabelAmount, Field: FieldFundsTotal},
	{Text: LabelFundsAnnualTotal, Kind: LabelAmount, Field: FieldFundsAnnualTotal},
	{Text: LabelFundsFiscal, Kind: LabelAmount, Field: FieldFundsFiscal, Among: true},
	{Text: LabelFundsAppropriation, Kind: LabelAmount, Field: FieldFundsAppropriation, Among: true},
	{Text: LabelFundsCarryover, Kind: LabelAmount, Field: FieldFundsCarryover},
	{Text: LabelFundsOther, Kind: LabelAmount, Field: FieldFundsOther},
	{Text: LabelFundsOther, Kind: LabelAmount, Field: FieldFundsAnnualOther},

	{Text: LabelGoals, Kind: LabelBlock},
	{Text: LabelGoalOverall, Kind: LabelGoal, Field: FieldGoalOverall},
	{Text: LabelGoalAnnual, Kind: LabelGoal, Field: FieldGoalAnnual},

	{Text: LabelIndicators, Kind: LabelBlock},
	{Text: LabelLevel1, Kind: LabelGrid, Field: IndicatorLevel1},
	{Text: LabelLevel2, Kind: LabelGrid, Field: IndicatorLevel2},
	{Text: LabelLevel3, Kind: LabelGrid, Field: IndicatorName},
	{Text: LabelValue, Kind: LabelGrid, Field: IndicatorValue, Variants: []string{LabelValueProject, LabelValueShort}},
}

// layoutLabels are the labels other layouts print: synonyms of the
// standard form's (same Kind and Field) and labels of their own.
var layoutLabels = []Label{
	{Text: LabelProjectNameSpending, Kind: LabelHeader, Field: FieldProjectName, Template: TemplateTarget},
	{Text: LabelProjectAttribute, Kind: LabelHeader, Field: FieldProjectNature, Template: TemplateTarget},
	{Text: LabelDepartmentCoded, Kind: LabelHeader, Field: FieldDepartment, Template: TemplateTarget},
	{Text: LabelDepartmentBudget, Kind: LabelHeader, Field: FieldDepartment, Template: TemplateTarget},
	{Text: LabelDepartmentProject, Kind: LabelHeader, Field: FieldDepartment, Template: TemplateTarget},
	{Text: LabelImplementingProject, Kind: LabelHeader, Field: FieldImplementingUnit, Template: TemplateTarget},

	{Text: LabelProjectTerm, Kind: LabelExtra, Field: FieldHeaderExtra, Template: TemplateTarget},
	{Text: LabelSpendingTerm, Kind: LabelExtra, Field: FieldHeaderExtra, Template: TemplateTarget},
	{Text: LabelProjectSpan, Kind: LabelExtra, Field: FieldHeaderExtra, Template: TemplateTarget},
	{Text: LabelSection, Kind: LabelExtra, Field: FieldHeaderExtra, Template: TemplateTarget},
	{Text: LabelOwnBudgetAmount, Kind: LabelExtra, Field: FieldHeaderExtra, Template: TemplateTarget},

	{Text: LabelFundsMediumTotal, Kind: LabelAmount, Field: FieldFundsTotal, Template: TemplateMOF88},
	{Text: LabelFundsYearTotal, Kind: LabelAmount, Field: FieldFundsAnnualTotal, Template: TemplateTarget},
	{Text: LabelFundsFiscalGrant, Kind: LabelAmount, Field: FieldFundsFiscal, Among: true, Template: TemplateTarget},
	{Text: LabelFundsFiscalGrant, Kind: LabelAmount, Field: FieldFundsAppropriation, Among: true, Template: TemplateTarget},

	{Text: LabelGoalMedium, Kind: LabelGoal, Field: FieldGoalOverall, Template: TemplateMOF88},
	{Text: LabelGoalTerm, Kind: LabelGoal, Field: FieldGoalOverall, Template: TemplateTarget, Variants: []string{LabelGoalTermShort}},
	{Text: LabelGoalYear, Kind: LabelGoal, Field: FieldGoalAnnual, Template: TemplateTarget},
	{Text: LabelGoalThisYear, Kind: LabelGoal, Field: FieldGoalAnnual, Template: TemplateTarget, Variants: []string{LabelGoalYearFormance}},

	{Text: LabelValueNature, Kind: LabelGrid, Field: IndicatorValueParts, Part: 1, Template: TemplateTarget},
	{Text: LabelValueDirection, Kind: LabelGrid, Field: IndicatorDirection, Part: 1, Template: TemplateTarget},
	{Text: LabelValueUnit, Kind: LabelGrid, Field: IndicatorValueParts, Part: 3, Template: TemplateTarget, Variants: []string{LabelValueUnitCalc}},
	{Text: LabelValueType, Kind: LabelGrid, Template: TemplateTarget},
	{Text: LabelStandard, Kind: LabelGrid, Field: IndicatorStandard, Template: TemplateTarget},
	{Text: LabelExplanation, Kind: LabelGrid, Field: IndicatorNote, Template: TemplateTarget,
		Variants: []string{LabelRemark, LabelScoringRule, LabelScoringShort}},
	{Text: LabelWeight, Kind: LabelGrid, Field: IndicatorWeight, Template: TemplateTarget},

	{Text: LabelLevel2Long, Kind: LabelGrid, Field: IndicatorLevel2, Period: PeriodMediumTerm, Template: TemplateMOF88, Variants: []string{LabelLevel2Mid}},
	{Text: LabelLevel3Long, Kind: LabelGrid, Field: IndicatorName, Period: PeriodMediumTerm, Template: TemplateMOF88, Variants: []string{LabelLevel3Mid}},
	{Text: LabelValueLong, Kind: LabelGrid, Field: IndicatorValue, Period: PeriodMediumTerm, Template: TemplateMOF88, Variants: []string{LabelValueMid, LabelValueMedium}},
	{Text: LabelLevel2Year, Kind: LabelGrid, Field: IndicatorLevel2, Period: PeriodAnnual, Template: TemplateMOF88},
	{Text: LabelLevel3Year, Kind: LabelGrid, Field: IndicatorName, Period: PeriodAnnual, Template: TemplateMOF88},
	{Text: LabelValueYear, Kind: LabelGrid, Field: IndicatorValue, Period: PeriodAnnual, Template: TemplateMOF88},
}

// LayoutLabels returns the labels the other layouts of the form family
// print (TEMPLATES.md): synonyms of Labels' (the same Kind and Field),
// header fields with no field of their own (LabelExtra), the columns of
// split values and extra grid columns, the 88号 form's double grid; each
// names the Template it marks. A label printed for two fields is listed
// once for each, in the order the form prints them. Each call returns a
// new slice; safe for concurrent use.
func LayoutLabels() []Label {
	ls := append([]Label(nil), layoutLabels...)
	for i := range ls {
		ls[i].Variants = append([]string(nil), ls[i].Variants...)
	}
	return ls
}

// Labels returns the labels of the form in the order the form prints
// them (LabelFundsOther twice, once for each of its fields). Each call
// returns a new slice; safe for concurrent use.
func Labels() []Label {
	ls := append([]Label(nil), labels...)
	for i := range ls {
		ls[i].Variants = append([]string(nil), ls[i].Variants...)
	}
	return ls
}

// LabelOf returns the label of the header, funds or goal field at path as
// the standard form prints it (Label.Printed), or "" for a path that has
// no label of its own.
func LabelOf(path string) string {
	for _, l := range labels {
		if l.Field == path && l.Kind != LabelGrid {
			return l.Printed()
		}
	}
	return ""
}

// Field paths name a field of the record, as Flag.Field, the keys of
// Form.Geometry and the fields of corrections do: the JSON names from the
// record's root joined by dots (funds are the amounts, and their cells as
// printed when a correction names them). An indicator's fields are under
// its 0-based index: see IndicatorField.
const (
	FieldTitle            = "title"
	FieldYear             = "year"
	FieldProjectName      = "project_name"
	FieldProjectNature    = "project_nature"
	FieldProjectCategory  = "project_category"
	FieldDepartment       = "department"
	FieldImplementingUnit = "implementing_unit"
	FieldStartDate        = "start_date"
	FieldEndDate          = "end_date"

	FieldFunds              = "funds" // the funds block as a whole: its sums
	FieldFundsTotal         = "funds.total"
	FieldFundsAnnualTotal   = "funds.annual_total"
	FieldFundsFiscal        = "funds.fiscal"
	FieldFundsAppropriation = "funds.appropriation"
	FieldFundsCarryover     = "funds.carryover"
	FieldFundsOther         = "funds.other"
	FieldFundsAnnualOther   = "funds.annual_other"
	FieldFundsUnit          = "funds_unit"

	FieldGoalOverall  = "goals.overall"
	FieldGoalAnnual   = "goals.annual"
	FieldGoalExpected = "goals.expected"
	FieldGoalAchieved = "goals.achieved"

	FieldFormType    = "form_type"
	FieldTemplate    = "template"
	FieldHeaderExtra = "header_extra"
	FieldBudget      = "budget" // a self-evaluation form's budget block: see BudgetField
	FieldTotalScore  = "total_score"
	FieldGrade       = "grade"

	FieldIndicators = "indicators" // the grid as a whole
	// FieldIndicatorNames stands for the name of any indicator, where a
	// field is named without an index (a search hit).
	FieldIndicatorNames = FieldIndicators + "." + IndicatorName
)

// The fields of an indicator, as IndicatorField takes them.
const (
	IndicatorName   = "name"
	IndicatorValue  = "value"
	IndicatorLevel1 = "level1"
	IndicatorLevel2 = "level2"

	IndicatorPeriod     = "period"
	IndicatorActual     = "actual"
	IndicatorWeight     = "weight"
	IndicatorScore      = "score"
	IndicatorDeviation  = "deviation"
	IndicatorValueParts = "value_parts"
	IndicatorDirection  = "direction"
	IndicatorStandard   = "standard"
	IndicatorNote       = "note"
)

// fieldPaths lists the paths above, in record order.
var fieldPaths = []string{
	FieldTitle, FieldYear, FieldProjectName, FieldProjectNature, FieldProjectCategory,
	FieldDepartment, FieldImplementingUnit, FieldStartDate, FieldEndDate,
	FieldFunds, FieldFundsTotal, FieldFundsAnnualTotal, FieldFundsFiscal, FieldFundsAppropriation,
	FieldFundsCarryover, FieldFundsOther, FieldFundsAnnualOther, FieldFundsUnit,
	FieldGoalOverall, FieldGoalAnnual, FieldGoalExpected, FieldGoalAchieved,
	FieldFormType, FieldTemplate, FieldHeaderExtra, FieldBudget, FieldTotalScore, FieldGrade,
	FieldIndicators, FieldIndicatorNames,
}

// BudgetField returns the path of field leaf ("executed", "score" …, as
// BudgetRow's JSON names) of the budget row key: BudgetField(BudgetTotal,
// "score") is "budget.total.score". Leaf "" gives the row's own path.
func BudgetField(key, leaf string) string {
	p := FieldBudget + "." + key
	if leaf != "" {
		p += "." + leaf
	}
	return p
}

// BudgetCell returns the row key and leaf of the path of a budget row's
// cell (BudgetField(key, leaf), both not empty): BudgetCell("budget.total.score")
// is "total", "score". The leaf is what follows the last dot, so a key
// printed with a dot in it (1.财政拨款) is read whole. It reports false for
// any other path.
func BudgetCell(path string) (key, leaf string, ok bool) {
	rest, ok := strings.CutPrefix(path, FieldBudget+".")
	if !ok {
		return "", "", false
	}
	i := strings.LastIndex(rest, ".")
	if i <= 0 || i == len(rest)-1 {
		return "", "", false
	}
	return rest[:i], rest[i+1:], true
}

// HeaderExtraField returns the path of the header field kept in
// Form.HeaderExtra under label: HeaderExtraField("项目期") is
// "header_extra.项目期".
func HeaderExtraField(label string) string { return FieldHeaderExtra + "." + label }

// HeaderExtraLabel returns the label of a path of HeaderExtraField, false
// for any other path and for an empty label.
func HeaderExtraLabel(path string) (string, bool) {
	label, ok := strings.CutPrefix(path, FieldHeaderExtra+".")
	if !ok || label == "" {
		return "", false
	}
	return label, true
}

// indicatorPrefix starts the path of every indicator field.
const indicatorPrefix = FieldIndicators + "["

// IndicatorField returns the path of field leaf (IndicatorName …) of the
// indicator at index i, 0-based: IndicatorField(3, IndicatorValue) is
// "indicators[3].value". Leaf "" gives the indicator's own path,
// "indicators[3]".
func IndicatorField(i int, leaf string) string {
	p := indicatorPrefix + strconv.Itoa(i) + "]"
	if leaf != "" {
		p += "." + leaf
	}
	return p
}

// IndicatorIndex returns i when path starts with the path of the
// indicator at index i (IndicatorField(i, "")), i written in decimal
// digits; false for any other path, and for an i too large for an int.
func IndicatorIndex(path string) (int, bool) { return listIndex(indicatorPrefix, path) }

// listIndex returns i when path starts with prefix (a list's path and
// "["), then i in decimal digits and "]"; false otherwise, and for an i
// too large for an int.
func listIndex(prefix, path string) (int, bool) {
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return 0, false
	}
	num, _, ok := strings.Cut(rest, "]")
	if !ok || num == "" || strings.Trim(num, "0123456789") != "" {
		return 0, false
	}
	i, err := strconv.Atoi(num)
	if err != nil { // too large
		return 0, false
	}
	return i, true
}
