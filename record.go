package jixiao

// SourceKind says how a document was read.
type SourceKind string

// The source kinds. They are stored in the database and the export record;
// the list only grows.
const (
	KindText   SourceKind = "text"    // a text export of another OCR tool
	KindPDF    SourceKind = "pdf"     // a PDF with a text layer
	KindPDFOCR SourceKind = "pdf-ocr" // an image-only PDF, read by OCR
	KindImage  SourceKind = "image"   // a scanned image, read by OCR
	// A web page's tables, and a spreadsheet (XLSX, ODS, FODS).
	KindHTML        SourceKind = "html"
	KindSpreadsheet SourceKind = "spreadsheet"
)

// Source says where in which document a form was found.
type Source struct {
	Path      string     `json:"path"`
	SHA256    string     `json:"sha256"`
	Kind      SourceKind `json:"kind"`
	FormIndex int        `json:"form_index"`          // 1-based position of the form in its document
	PageFrom  int        `json:"page_from,omitempty"` // 1-based; 0 for text exports
	PageTo    int        `json:"page_to,omitempty"`
	LineFrom  int        `json:"line_from,omitempty"` // 1-based lines of a text export; 0 otherwise
	LineTo    int        `json:"line_to,omitempty"`
}

// Form is one 财政项目支出绩效目标申报表 as read from its source.
//
// Strings keep the printed characters (trimmed, HTML stripped); nothing is
// "corrected". A field that the source does not give is nil (or "" for
// plain strings), never a made-up default. Level names are canonical.
type Form struct {
	ID     int64  `json:"form_id,omitempty"` // set by the store
	Source Source `json:"source"`

	// FormType and Template say which member of the form family this is
	// and the layout it was read as (TemplateShanghai …).
	FormType FormType `json:"form_type"`
	Template string   `json:"template"`

	Title            string  `json:"title"`
	Year             int     `json:"year,omitempty"`
	ProjectName      *string `json:"project_name"`
	ProjectNature    *string `json:"project_nature"`
	ProjectCategory  *string `json:"project_category"`
	Department       *string `json:"department"`
	ImplementingUnit *string `json:"implementing_unit"`
	StartDate        *string `json:"start_date"` // ISO 8601 after normalize; as printed when it does not parse
	EndDate          *string `json:"end_date"`
	// HeaderExtra holds the printed header fields that have no field of
	// their own (项目期, 项目支出实施期, 归口科室 …): printed label → printed
	// value. nil when there are none.
	HeaderExtra map[string]string `json:"header_extra,omitempty"`

	Funds    Funds    `json:"funds"`
	FundsRaw FundsRaw `json:"funds_raw"`
	// FundsUnit is the unit the funds block is printed in: FundsYuan or
	// FundsWanYuan as the form says it (a label 项目资金(万元), a line
	// 单位：万元, or every amount written 250万), "" when the form does not
	// say (the amounts are then taken as 元). Funds are in 元 whatever it
	// is; FundsRaw keeps the cells as printed.
	FundsUnit string `json:"funds_unit"`
	Goals     Goals  `json:"goals"`

	// Budget is a self-evaluation form's budget-execution block, by row
	// (BudgetTotal … or the printed label of another row); nil on other
	// forms, whose money is in Funds.
	Budget map[string]BudgetRow `json:"budget,omitempty"`
	// TotalScore is a self-evaluation form's 总分 (or its 合计 where the
	// form totals that way), Grade its printed grade (优, 良 …); nil where
	// not printed.
	TotalScore *float64 `json:"total_score,omitempty"`
	Grade      *string  `json:"grade,omitempty"`

	Indicators []Indicator `json:"indicators"`
	Flags      []Flag      `json:"flags"`

	// Pages are the sizes of the pages the form was read from
	// (Source.PageFrom to PageTo, those whose size is known), in page
	// order; nil for text exports.
	Pages []Page `json:"pages,omitempty"`
	// Geometry says where each field was read on a paged source, by its
	// path in the record (as Flag.Field: "project_name", "funds.total",
	// "goals.overall", "indicators[3].name", "indicators[3].value",
	// "indicators[3].level2"); its boxes are in the unit of their page in
	// Pages. A field read from cells on several pages has the place of its
	// first cell's page (the union of its cells there). nil for text
	// exports.
	Geometry map[string]Place `json:"geometry,omitempty"`

	// Tasks and BudgetRequest are a whole-department form's 年度主要任务
	// rows and 年度预算申请 amounts (the total, then the income split,
	// then the expense split, each as printed), in 元 like the funds; nil
	// on other forms. See Task and BudgetLine.
	Tasks         []Task       `json:"tasks,omitempty"`
	BudgetRequest []BudgetLine `json:"budget_request,omitempty"`
}

// Funds are the seven amounts of the funds block, in 元 after normalize
// whatever unit the form prints them in (Form.FundsUnit, or a unit written
// in the cell: 250万), converted exactly from the printed decimals. A blank
// cell is nil, not 0.
type Funds struct {
	Total         *float64 `json:"total"`         // 项目资金总额
	AnnualTotal   *float64 `json:"annual_total"`  // 年度资金申请总额
	Fiscal        *float64 `json:"fiscal"`        // 其中：财政资金
	Appropriation *float64 `json:"appropriation"` // 其中：当年财政拨款
	Carryover     *float64 `json:"carryover"`     // 上年结转资金
	Other         *float64 `json:"other"`         // 其他资金 under 项目资金总额
	AnnualOther   *float64 `json:"annual_other"`  // 其他资金 under 年度资金申请总额
}

// FundsRaw holds the funds cells as printed, beside the parsed Funds.
type FundsRaw struct {
	Total         *string `json:"total"`
	AnnualTotal   *string `json:"annual_total"`
	Fiscal        *string `json:"fiscal"`
	Appropriation *string `json:"appropriation"`
	Carryover     *string `json:"carryover"`
	Other         *string `json:"other"`
	AnnualOther   *string `json:"annual_other"`
}

// Goals are the goal texts of the form.
type Goals struct {
	Overall *string `json:"overall"` // 项目总目标, 中期目标, 实施期绩效目标
	Annual  *string `json:"annual"`  // 年度总体目标, 年度目标
	// Expected and Achieved are a self-evaluation form's 预期目标 and
	// 实际完成情况; nil on other forms.
	Expected *string `json:"expected,omitempty"`
	Achieved *string `json:"achieved,omitempty"`
}

// Indicator is one row of the indicator grid (三级指标 with its value).
type Indicator struct {
	Seq    int    `json:"seq"`    // 1-based order in the form
	Level1 string `json:"level1"` // canonical 一级指标, "" when unknown
	Level2 string `json:"level2"` // canonical 二级指标, "" when unknown
	// Level2Raw is the level-2 label as printed on the row that introduced
	// it (a synonym such as 可持续发展指标, stray spaces); "" if none was printed.
	Level2Raw string `json:"level2_raw"`
	// Level1Weight and Level2Weight are the points printed with the
	// level-1 and level-2 labels in force for this indicator (产出指标(50分)
	// gives 50), nil when the label prints none.
	Level1Weight *float64 `json:"level1_weight"`
	Level2Weight *float64 `json:"level2_weight"`
	Name         *string  `json:"name"` // 三级指标 as printed
	// NameNorm is Name folded for search and grouping: NFKC, no white space,
	// punctuation unified. "" when Name is nil.
	NameNorm string  `json:"name_norm"`
	Value    *string `json:"value"` // 年度指标值 as printed
	Target   Target  `json:"target"`
	// Period is PeriodAnnual, or PeriodMediumTerm for the medium-term
	// grid of an 88号 form.
	Period string `json:"period"`
	// ValueParts are the cells of a target printed in split columns
	// (指标性质, 指标值, 度量单位) as printed, "" for a blank part; Value
	// is then their join. nil when the form prints one value column.
	ValueParts []string `json:"value_parts,omitempty"`
	// Direction is 正向 or 反向 (higher or lower is better) where the
	// form prints it; Standard the 绩效标准, Note the 备注 or 指标解释.
	Direction *string `json:"direction,omitempty"`
	Standard  *string `json:"standard,omitempty"`
	Note      *string `json:"note,omitempty"`
	// Actual is a self-evaluation form's 实际完成值 as printed (nil for
	// — or a blank; 无 and 0 are kept), ActualTarget its typed reading;
	// Weight and Score the 分值 and 得分 in points; Deviation the reason
	// given for a shortfall (偏差原因分析及改进措施).
	Actual       *string  `json:"actual,omitempty"`
	ActualTarget *Target  `json:"actual_target,omitempty"`
	Weight       *float64 `json:"weight,omitempty"`
	Score        *float64 `json:"score,omitempty"`
	Deviation    *string  `json:"deviation,omitempty"`
	Confidence   float64  `json:"confidence"` // 0..1; 1 for text exports
	Flags        []string `json:"flags"`      // codes of the flags on this indicator
	Line         int      `json:"line,omitempty"`
}

// The units of Form.FundsUnit.
const (
	FundsYuan    = "元"
	FundsWanYuan = "万元"
)

// Flag marks a field that a reviewer should look at.
type Flag struct {
	Code    string `json:"code"`
	Field   string `json:"field"` // path in the record: "project_name", "funds.other", "indicators[3].value"
	Message string `json:"message"`
}
