package normalize_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
)

// consistentSelfEval is a self-evaluation form whose scores follow the
// 10号 rule and add up: budget 10 of 10, indicators 90 of which 86.
func consistentSelfEval() jixiao.Form {
	w := func(v float64) *float64 { return &v }
	return jixiao.Form{
		FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval, Year: 2023,
		ProjectName: ptr("p"), Department: ptr("d"), ImplementingUnit: ptr("u"),
		Goals:     jixiao.Goals{Expected: ptr("e"), Achieved: ptr("a")},
		FundsUnit: jixiao.FundsWanYuan,
		Budget: map[string]jixiao.BudgetRow{
			jixiao.BudgetTotal:         {Label: "年度资金总额", Weight: w(10), Rate: w(100), Score: w(10)},
			jixiao.BudgetAppropriation: {Label: "其中：当年财政拨款"},
		},
		Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: ptr("a"), Value: ptr("≥10个"), Actual: ptr("12个"), Weight: w(30), Score: w(30)},
			{Seq: 2, Level1: jixiao.L1Output, Level2: "质量指标", Name: ptr("b"), Value: ptr("100%"), Actual: ptr("98%"), Weight: w(20), Score: w(19.6)},
			{Seq: 3, Level1: jixiao.L1Benefit, Level2: "社会效益指标", Name: ptr("c"), Value: ptr("有效"), Actual: ptr("基本达到"), Weight: w(30), Score: w(22)},
			{Seq: 4, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Name: ptr("满意度"), Value: ptr("≤5次"), Actual: ptr("3次"), Weight: w(10), Score: w(10)},
		},
		TotalScore: w(91.6),
	}
}

// scoreFlags returns the self-evaluation score flags of f as "code field".
func scoreFlags(f jixiao.Form) []string {
	var out []string
	for _, fl := range f.Flags {
		switch fl.Code {
		case jixiao.FlagScoreSumMismatch, jixiao.FlagScoreOverWeight, jixiao.FlagWeightTotal, jixiao.FlagScoreVsActual:
			out = append(out, fl.Code+" "+fl.Field)
		}
	}
	sort.Strings(out)
	return out
}

func TestSelfEvalFlags(t *testing.T) {
	w := func(v float64) *float64 { return &v }
	for _, tt := range []struct {
		name   string
		change func(f *jixiao.Form)
		want   []string
	}{
		{"consistent", func(*jixiao.Form) {}, nil},
		{"total rounded", func(f *jixiao.Form) { f.Indicators[1].Score = w(19.604) }, nil},
		{"sum mismatch", func(f *jixiao.Form) { f.TotalScore = w(92) },
			[]string{"score_sum_mismatch total_score"}},
		{"over weight", func(f *jixiao.Form) { f.Indicators[0].Score = w(31); f.TotalScore = w(92.6) },
			[]string{"score_over_weight indicators[0].score"}},
		{"budget over weight", func(f *jixiao.Form) {
			r := f.Budget[jixiao.BudgetTotal]
			r.Score = w(11)
			f.Budget[jixiao.BudgetTotal] = r
			f.TotalScore = w(92.6)
		}, []string{"score_over_weight budget.total.score"}},
		{"weight total", func(f *jixiao.Form) {
			r := f.Budget[jixiao.BudgetTotal]
			r.Weight = w(15)
			f.Budget[jixiao.BudgetTotal] = r
		},
			[]string{"weight_total indicators"}},
		{"met but lost points", func(f *jixiao.Form) { f.Indicators[0].Score = w(28); f.TotalScore = w(89.6) },
			[]string{"score_vs_actual indicators[0].score"}},
		{"missed but full marks", func(f *jixiao.Form) { f.Indicators[1].Score = w(20); f.TotalScore = w(92) },
			[]string{"score_vs_actual indicators[1].score"}},
		{"≤ target missed", func(f *jixiao.Form) { f.Indicators[3].Actual = ptr("6次") },
			[]string{"score_vs_actual indicators[3].score"}},
		{"qualitative tier", func(f *jixiao.Form) { f.Indicators[2].Score = w(30); f.TotalScore = w(99.6) },
			[]string{"score_vs_actual indicators[2].score"}},
		{"qualitative achieved", func(f *jixiao.Form) {
			f.Indicators[2].Actual = ptr("达成预期指标")
			f.Indicators[2].Score = w(27)
			f.TotalScore = w(96.6)
		}, nil},
		{"qualitative not achieved", func(f *jixiao.Form) {
			f.Indicators[2].Actual = ptr("未达成")
			f.Indicators[2].Score = w(24)
			f.TotalScore = w(93.6)
		},
			[]string{"score_vs_actual indicators[2].score"}},
		{"duration met but lost points", func(f *jixiao.Form) {
			f.Indicators[3].Value, f.Indicators[3].Actual, f.Indicators[3].Score = ptr("≤2小时"), ptr("1.5小时"), w(9)
			f.TotalScore = w(90.6)
		}, []string{"score_vs_actual indicators[3].score"}},
		{"other unit not judged", func(f *jixiao.Form) {
			f.Indicators[0].Actual = ptr("12台")
			f.Indicators[0].Score = w(20)
			f.TotalScore = w(81.6)
		}, nil},
		{"blank actual not judged", func(f *jixiao.Form) {
			f.Indicators[0].Actual = nil
			f.Indicators[0].Score = w(20)
			f.TotalScore = w(81.6)
		}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := consistentSelfEval()
			tt.change(&f)
			normalize.Form(&f)
			if got := scoreFlags(f); strings.Join(got, ";") != strings.Join(tt.want, ";") {
				t.Errorf("flags %q, want %q", got, tt.want)
			}
			if f.Funds != (jixiao.Funds{}) {
				t.Errorf("funds %+v on a self-evaluation form", f.Funds)
			}
			if len(f.Flags) != len(tt.want) {
				t.Errorf("flags %+v, want only %q", f.Flags, tt.want)
			}
			for _, fl := range f.Flags {
				if fl.Message == "" {
					t.Errorf("flag %s on %s has no message", fl.Code, fl.Field)
				}
				if fl.Code == jixiao.FlagFieldMissing || fl.Code == jixiao.FlagAmountMissing {
					t.Errorf("flag %s on %s: not a field of the self-evaluation form", fl.Code, fl.Field)
				}
			}
			if f.Indicators[1].ActualTarget == nil || f.Indicators[1].ActualTarget.Kind != jixiao.TargetQuantity {
				t.Errorf("actual target %+v", f.Indicators[1].ActualTarget)
			}
			// flagged, never rewritten, and idempotent
			once, _ := json.Marshal(f)
			normalize.Form(&f)
			if twice, _ := json.Marshal(f); string(once) != string(twice) {
				t.Errorf("changes when normalized again")
			}
		})
	}
}

// TestSelfEvalGoldenScoreFlags: the self-evaluation goldens carry no
// score flag, except the form the fixtures' README names for scores that
// do not follow the 10号 rule (TestGoldenSelfEval checks that reading
// the exports gives the goldens' flags).
func TestSelfEvalGoldenScoreFlags(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(selfEvalGoldens, "form-*.json"))
	wantFlagged := map[string][]string{
		"form-09.json": {"score_vs_actual indicators[1].score", "score_vs_actual indicators[3].score"},
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var f jixiao.Form
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		if got, want := scoreFlags(f), wantFlagged[filepath.Base(p)]; strings.Join(got, ";") != strings.Join(want, ";") {
			t.Errorf("%s: score flags %q, want %q", p, got, want)
		}
	}
}

// TestSelfEvalHeaderFlags: the fields a self-evaluation form prints are
// checked, and a budget block without a unit is flagged.
func TestSelfEvalHeaderFlags(t *testing.T) {
	f := consistentSelfEval()
	f.Department, f.Goals.Achieved, f.FundsUnit = nil, nil, ""
	normalize.Form(&f)
	got := codes(f)
	want := map[string]string{
		jixiao.FieldDepartment:   jixiao.FlagFieldMissing,
		jixiao.FieldGoalAchieved: jixiao.FlagFieldMissing,
		jixiao.FieldFundsUnit:    jixiao.FlagFundsUnitUnknown,
	}
	if len(got) != len(want) {
		t.Errorf("flags %v, want %v", got, want)
	}
	for field, code := range want {
		if got[field] != code {
			t.Errorf("flag on %s = %q, want %q", field, got[field], code)
		}
	}
}
