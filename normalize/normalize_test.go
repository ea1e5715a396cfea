package normalize_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
)

func TestAmount(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1,800,000.00", 1800000, true},
		{"0", 0, true},
		{"0.00", 0, true},
		{"１２３，４５６．７", 123456.7, true},
		{"762 206.00", 762206, true},
		{"", 0, false},
		{"-", 0, false},
		{"约100", 0, false},
		{"1e9", 0, false},
		{"0x10", 0, false},
		{"NaN", 0, false},
		{"Inf", 0, false},
	}
	for _, tt := range tests {
		got, ok := normalize.Amount(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Amount(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestYuan(t *testing.T) {
	tests := []struct {
		in, unit string
		want     float64
		cellUnit string
		ok       bool
	}{
		{"180.00", jixiao.FundsWanYuan, 1800000, "", true},
		{"180.00万元", "", 1800000, jixiao.FundsWanYuan, true},
		{"0.35万", "", 3500, jixiao.FundsWanYuan, true},
		{"0.35", jixiao.FundsWanYuan, 3500, "", true},
		{"1,234.56万元", "", 12345600, jixiao.FundsWanYuan, true},
		{"1,234.56", jixiao.FundsWanYuan, 12345600, "", true},
		{"43.2", jixiao.FundsWanYuan, 432000, "", true},
		{"0.0001", jixiao.FundsWanYuan, 1, "", true},
		{"0.00001", jixiao.FundsWanYuan, 0.1, "", true},
		{"250万", jixiao.FundsYuan, 2500000, jixiao.FundsWanYuan, true}, // the cell's unit wins
		{"250 万元", "", 2500000, jixiao.FundsWanYuan, true},
		{"２５０万", "", 2500000, jixiao.FundsWanYuan, true},
		{"1000000", "", 1000000, "", true},
		{"1000000", jixiao.FundsYuan, 1000000, "", true},
		{"1,800,000.00元", jixiao.FundsWanYuan, 1800000, jixiao.FundsYuan, true},
		{"762 206.00", "", 762206, "", true},
		{".5万", "", 5000, jixiao.FundsWanYuan, true},
		{"-1.5万", "", -15000, jixiao.FundsWanYuan, true},
		{"", jixiao.FundsWanYuan, 0, "", false},
		{"万元", "", 0, "", false},
		{"约100万", "", 0, "", false},
		{"1e2万", "", 0, "", false},
		{"100", "千元", 0, "", false},
	}
	for _, tt := range tests {
		got, cu, ok := normalize.Yuan(tt.in, tt.unit)
		if got != tt.want || cu != tt.cellUnit || ok != tt.ok {
			t.Errorf("Yuan(%q, %q) = %v, %q, %v; want %v, %q, %v", tt.in, tt.unit, got, cu, ok, tt.want, tt.cellUnit, tt.ok)
		}
	}
}

// TestYuanExact checks the 万元 scaling against every amount of cents up
// to 10,000.00万元 in a few strides: the result must be the integer (or
// the float64 nearest the decimal) a human would write, never 1799999.9999.
func TestYuanExact(t *testing.T) {
	for c := int64(0); c <= 1000000; c += 7 {
		s := fmt.Sprintf("%d.%02d", c/100, c%100)
		got, _, ok := normalize.Yuan(s, jixiao.FundsWanYuan)
		if want := float64(c * 100); !ok || got != want {
			t.Fatalf("Yuan(%q, 万元) = %v, %v; want %v", s, got, ok, want)
		}
	}
}

func TestFundsUnit(t *testing.T) {
	tests := []struct {
		name     string
		declared string   // Form.FundsUnit from reconstruct
		cells    []string // total, annual total, fiscal, appropriation, carryover, other, annual other ("-": blank)
		unit     string   // FundsUnit after normalize
		total    float64
		flagged  bool // funds_unit_unknown
	}{
		{"declared 万元", jixiao.FundsWanYuan, []string{"180.00", "180.00", "180.00", "180.00", "0.00", "0.00", "0.00"}, jixiao.FundsWanYuan, 1800000, false},
		{"declared 元", jixiao.FundsYuan, []string{"1,800,000.00", "1,800,000.00", "1,800,000.00", "1,800,000.00", "0.00", "0.00", "0.00"}, jixiao.FundsYuan, 1800000, false},
		{"declared 元, small amounts are not second-guessed", jixiao.FundsYuan, []string{"250", "250", "250", "250", "0", "0", "0"}, jixiao.FundsYuan, 250, false},
		{"undeclared, plausible 元", "", []string{"1,800,000.00", "1,800,000.00", "1,800,000.00", "1,800,000.00", "0.00", "0.00", "0.00"}, "", 1800000, false},
		{"undeclared, every amount written 万", "", []string{"250万", "250万", "250万元", "250万", "0", "0", "0"}, jixiao.FundsWanYuan, 2500000, false},
		{"undeclared, mixed 万 and bare", "", []string{"250万", "250", "250", "250", "0", "0", "0"}, "", 2500000, true},
		{"undeclared, all below 10,000", "", []string{"250", "250", "200", "200", "0", "50", "50"}, "", 250, true},
		{"undeclared, four decimals", "", []string{"43.2150", "43.2150", "43.2150", "43.2150", "0", "0", "0"}, "", 43.215, true},
		{"undeclared, more than two decimals on a large amount", "", []string{"12345.678", "12345.678", "12345.678", "12345.678", "0", "0", "0"}, "", 12345.678, true},
		{"undeclared, all zero", "", []string{"0", "0", "0", "0", "0", "0", "0"}, "", 0, false},
		{"undeclared, all blank", "", []string{"-", "-", "-", "-", "-", "-", "-"}, "", -1, false},
		{"undeclared, 万 and 元 each written", "", []string{"250万", "2,500,000元", "250万", "250万", "0", "0", "0"}, "", 2500000, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p [7]*string
			for i, c := range tt.cells {
				if c != "-" {
					p[i] = ptr(c)
				}
			}
			f := jixiao.Form{FundsUnit: tt.declared, FundsRaw: jixiao.FundsRaw{Total: p[0], AnnualTotal: p[1], Fiscal: p[2],
				Appropriation: p[3], Carryover: p[4], Other: p[5], AnnualOther: p[6]}}
			normalize.Form(&f)
			if f.FundsUnit != tt.unit {
				t.Errorf("FundsUnit = %q, want %q", f.FundsUnit, tt.unit)
			}
			switch {
			case tt.total < 0 && f.Funds.Total != nil:
				t.Errorf("total = %v, want nil", *f.Funds.Total)
			case tt.total >= 0 && (f.Funds.Total == nil || *f.Funds.Total != tt.total):
				t.Errorf("total = %v, want %v", f.Funds.Total, tt.total)
			}
			if got := codes(f)["funds_unit"] == jixiao.FlagFundsUnitUnknown; got != tt.flagged {
				t.Errorf("funds_unit_unknown = %v, want %v (flags %v)", got, tt.flagged, f.Flags)
			}
			if tt.cells[0] != "-" && *f.FundsRaw.Total != tt.cells[0] {
				t.Errorf("funds_raw.total = %q, changed", *f.FundsRaw.Total)
			}
			once, _ := json.Marshal(f)
			normalize.Form(&f)
			if twice, _ := json.Marshal(f); string(once) != string(twice) {
				t.Errorf("not idempotent:\n%s\n%s", once, twice)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023-01-01", "2023-01-01"},
		{"2023/1/5", "2023-01-05"},
		{"2023.12.31", "2023-12-31"},
		{"2023年7月1日", "2023-07-01"},
		{"2023 年 7 月 1 日", "2023-07-01"},
		{"20231231", "2023-12-31"},
		{"２０２３－０１－０１", "2023-01-01"},
		{"2023-02-30", ""},
		{"2023-13-01", ""},
		{"全年", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := normalize.Date(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Date(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestTruncated(t *testing.T) {
	for in, want := range map[string]bool{
		"上海市公安局综合智能运维数字化升级改造（闵行分局配": true,
		"网上警务室(2023运维)":              false,
		"电子物证鉴定实验室（二级、三级）项目(2023运维)": false,
		"党建经费": false,
		"a(b":  true,
	} {
		if got := normalize.Truncated(in); got != want {
			t.Errorf("Truncated(%q) = %v", in, got)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func codes(f jixiao.Form) map[string]string {
	m := map[string]string{}
	for _, fl := range f.Flags {
		m[fl.Field] = fl.Code
	}
	return m
}

func TestFormFlags(t *testing.T) {
	f := jixiao.Form{
		ProjectName: ptr("a（b"), ProjectNature: ptr("x"), ProjectCategory: ptr("x"),
		Department: ptr("x"), ImplementingUnit: ptr("x"), StartDate: ptr("2023年1月1日"), EndDate: ptr("年底"),
		FundsRaw: jixiao.FundsRaw{Total: ptr("100"), AnnualTotal: ptr("100"), Fiscal: ptr("90"),
			Appropriation: ptr("100"), Carryover: ptr("0"), Other: ptr("5"), AnnualOther: ptr("abc")},
		FundsUnit: jixiao.FundsYuan, // small amounts: without it they are flagged funds_unit_unknown
		Goals:     jixiao.Goals{Overall: ptr("g")},
		Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: "满意度指标", Level2: "服务对象满意度指标", Name: ptr("人力资源管理规范性"), Value: ptr("规范")},
			{Seq: 2, Level1: "产出指标", Level2: "数量指标", Name: ptr("a")},
			{Seq: 3, Name: ptr("b"), Value: ptr("1")},
		},
	}
	normalize.Form(&f)
	want := map[string]string{
		"project_name":         jixiao.FlagNameTruncated,
		"end_date":             jixiao.FlagDateUnparsed,
		"funds.annual_other":   jixiao.FlagAmountUnparsed,
		"funds":                jixiao.FlagFundsMismatch,
		"goals.annual":         jixiao.FlagFieldMissing,
		"indicators[0].level2": jixiao.FlagLevelSuspect,
		"indicators[1].value":  jixiao.FlagValueMissing,
		"indicators[2].level2": jixiao.FlagLevelMissing,
	}
	got := codes(f)
	for field, code := range want {
		if got[field] != code {
			t.Errorf("flag on %s = %q, want %q", field, got[field], code)
		}
	}
	if len(got) != len(want) {
		t.Errorf("flags %v, want %v", got, want)
	}
	if *f.StartDate != "2023-01-01" || *f.EndDate != "年底" {
		t.Errorf("dates %q %q", *f.StartDate, *f.EndDate)
	}
	if f.Year != 2023 {
		t.Errorf("year from start date = %d", f.Year)
	}
	if f.Funds.AnnualOther != nil || *f.Funds.Fiscal != 90 {
		t.Errorf("funds %+v", f.Funds)
	}
	if len(f.Indicators[1].Flags) != 1 || f.Indicators[1].Flags[0] != jixiao.FlagValueMissing {
		t.Errorf("indicator flags %v", f.Indicators[1].Flags)
	}
}

func TestFormIdempotent(t *testing.T) {
	for _, f := range pipeline(t, fixture) {
		once, _ := json.Marshal(f)
		normalize.Form(&f)
		twice, _ := json.Marshal(f)
		if string(once) != string(twice) {
			t.Fatalf("form %d changes when normalized again:\n%s\n%s", f.Source.FormIndex, once, twice)
		}
	}
}

func FuzzAmount(f *testing.F) {
	for _, s := range []string{"1,800,000.00", "0", "", "１２３，４５６．７", "1e9", "-5",
		"180.00万元", "0.35万", "1,234.56万元", "250元", "万", ".5万", "1.万", "+0.00001万", "９９万元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := normalize.Amount(s)
		if ok && (n != n || n > 1e308 || n < -1e308) {
			t.Fatalf("Amount(%q) = %v", s, n)
		}
		y, unit, yok := normalize.Yuan(s, "")
		if ok && (!yok || unit != "" || y != n) {
			t.Fatalf("Amount(%q) = %v but Yuan = %v, %q, %v", s, n, y, unit, yok)
		}
		if !yok {
			return
		}
		if y != y || math.IsInf(y, 0) {
			t.Fatalf("Yuan(%q) = %v", s, y)
		}
		if unit == "" { // a bare amount in a 万元 block is the amount written 万
			w, _, wok := normalize.Yuan(s, jixiao.FundsWanYuan)
			v, vu, vok := normalize.Yuan(s+"万", "")
			if wok != vok || w != v || (vok && vu != jixiao.FundsWanYuan) {
				t.Fatalf("Yuan(%q, 万元) = %v, %v; Yuan(%q) = %v, %v", s, w, wok, s+"万", v, vok)
			}
		}
	})
}

func FuzzDate(f *testing.F) {
	for _, s := range []string{"2023-01-01", "2023年7月1日", "20231231", "2023-02-30", "全年"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		iso, ok := normalize.Date(s)
		if !ok {
			return
		}
		again, ok2 := normalize.Date(iso)
		if !ok2 || again != iso || len(iso) != 10 {
			t.Fatalf("Date(%q) = %q, not a fixed point (%q, %v)", s, iso, again, ok2)
		}
	})
}

func TestFormLevelChecks(t *testing.T) {
	base := func() jixiao.Form {
		return jixiao.Form{
			Year: 2023, StartDate: ptr("2023-01-01"), EndDate: ptr("2023-12-31"),
			Indicators: []jixiao.Indicator{
				{Seq: 1, Level1: "产出指标", Level2: "质量指标", Name: ptr("合格率"), Value: ptr("100%")},
				{Seq: 2, Level1: "满意度指标", Level2: "服务对象满意度指标", Name: ptr("群众满意度"), Value: ptr("≥90%")},
			},
		}
	}
	tests := []struct {
		name   string
		change func(*jixiao.Form)
		code   string
		field  string
	}{
		{"percentage above 100", func(f *jixiao.Form) { f.Indicators[0].Value = ptr("120%") }, jixiao.FlagPercentOver100, "indicators[0].value"},
		{"end before start", func(f *jixiao.Form) { f.EndDate = ptr("2022-12-31") }, jixiao.FlagDateOrder, "end_date"},
		{"no satisfaction indicator", func(f *jixiao.Form) { f.Indicators = f.Indicators[:1] }, jixiao.FlagNoSatisfaction, "indicators"},
		{"value not understood", func(f *jixiao.Form) { f.Indicators[0].Value = ptr("详见附件") }, jixiao.FlagUnparsedValue, "indicators[0].value"},
		{"nothing wrong", func(*jixiao.Form) {}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := base()
			tt.change(&f)
			normalize.Form(&f)
			var found []string
			for _, fl := range f.Flags {
				if fl.Code == jixiao.FlagFieldMissing || fl.Code == jixiao.FlagAmountMissing {
					continue // the base form has no header or funds
				}
				found = append(found, fl.Code+"@"+fl.Field)
			}
			want := []string{}
			if tt.code != "" {
				want = append(want, tt.code+"@"+tt.field)
			}
			if strings.Join(found, ",") != strings.Join(want, ",") {
				t.Errorf("flags %v, want %v", found, want)
			}
		})
	}
}

// The cache gives the same targets as Value, and callers cannot change what
// it holds.
func TestCachedTargetsAreCopies(t *testing.T) {
	mk := func() jixiao.Form {
		return jixiao.Form{Year: 2023, Indicators: []jixiao.Indicator{{Seq: 1, Name: ptr("a"), Value: ptr("≥90%")}}}
	}
	a, b := mk(), mk()
	normalize.Form(&a)
	*a.Indicators[0].Target.Value = 1 // a caller changing its own target
	*a.Indicators[0].Target.Unit = "x"
	normalize.Form(&b)
	if got := targetJSON(b.Indicators[0].Target); got != targetJSON(normalize.Value("≥90%", 2023)) {
		t.Errorf("second form's target %s changed through the first", got)
	}
}

// An indicator flagged low_confidence on several parts lists the code once,
// and the record keeps each flag with its field.
func TestLowConfidenceCodesOnce(t *testing.T) {
	name, value := "培训人数", "≥100人"
	f := jixiao.Form{
		Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Name: &name, Value: &value, Confidence: 0.5}},
		Flags: []jixiao.Flag{
			{Code: jixiao.FlagLowConfidence, Field: "indicators[0].value", Message: "OCR confidence 0.50"},
			{Code: jixiao.FlagLowConfidence, Field: "indicators[0].name", Message: "OCR confidence 0.60"},
		},
	}
	normalize.Form(&f)
	n := 0
	for _, c := range f.Indicators[0].Flags {
		if c == jixiao.FlagLowConfidence {
			n++
		}
	}
	if n != 1 {
		t.Errorf("indicator flags %v: low_confidence %d times, want once", f.Indicators[0].Flags, n)
	}
	low := 0
	for _, fl := range f.Flags {
		if fl.Code == jixiao.FlagLowConfidence {
			low++
		}
	}
	if low != 2 || f.Indicators[0].Confidence != 0.5 {
		t.Errorf("record flags %v, confidence %v", f.Flags, f.Indicators[0].Confidence)
	}
}
