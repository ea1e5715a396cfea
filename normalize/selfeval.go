package normalize

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"jixiao"
)

// A self-evaluation form (jixiao.FormSelfEvaluation) has no funds block,
// dates or target goals of the target form: its header is checked for the
// fields it prints (项目名称, 主管部门, 实施单位), its goals for 预期目标 and
// 实际完成情况, its budget block for a unit (funds_unit_unknown when it
// declares none: reconstruct took the amounts as 元), each actual is typed
// like a target (ActualTarget), and its scores are checked, never
// rewritten:
//
//   - score_sum_mismatch (total_score): the indicators' scores and the
//     budget block's do not add up to the total score. Each printed score
//     may be rounded to 0.01, so the sum may be off by 0.005 per score and
//     0.005 for the total; a larger gap is flagged.
//   - score_over_weight (indicators[i].score, budget.<row>.score): a score
//     above its weight, by more than 0.005.
//   - weight_total (indicators): the weights printed (indicators and the
//     budget block) do not add up to 100, within 0.005 per weight.
//   - score_vs_actual (indicators[i].score), the 10号 rule: a
//     quantitative actual (a quantity or a duration) that meets its target (≥, >, = read as reaching
//     the number; ≤, < the other way, as a 反向 direction turns =) scored
//     less than its weight, or one that misses it scored full marks; a
//     qualitative actual scored outside its tier (达成 80–100% of the
//     weight, 部分达成/基本达到 60–80%, 未达成 0–60%; the tier is read from
//     its words, an actual that repeats the target is 达成). Actuals of
//     another unit, ≈ targets, and words of no tier are not judged.
//
// The budget block's points are its total row's, or the sum of its rows'
// where the total row prints none.
const scoreTolerance = 0.005

// selfEvalHeader checks the header fields and goals a self-evaluation
// form prints.
func (v *validator) selfEvalHeader() {
	f := v.f
	for _, h := range []struct {
		field string
		p     *string
	}{
		{jixiao.FieldProjectName, f.ProjectName}, {jixiao.FieldDepartment, f.Department},
		{jixiao.FieldImplementingUnit, f.ImplementingUnit},
		{jixiao.FieldGoalExpected, f.Goals.Expected}, {jixiao.FieldGoalAchieved, f.Goals.Achieved},
	} {
		if h.p == nil {
			v.flag(jixiao.FlagFieldMissing, h.field, "%s is not on the form", h.field)
		}
	}
	if f.ProjectName != nil && Truncated(*f.ProjectName) {
		v.flag(jixiao.FlagNameTruncated, jixiao.FieldProjectName, "project name %q has an unclosed bracket: it was probably cut off", *f.ProjectName)
	}
	if len(f.Budget) > 0 && f.FundsUnit == "" {
		v.flag(jixiao.FlagFundsUnitUnknown, jixiao.FieldFundsUnit,
			"the budget block does not say its unit (as %s（%s）): amounts without a unit of their own were taken as %s",
			jixiao.LabelFunds, jixiao.FundsWanYuan, jixiao.FundsYuan)
	}
}

// selfEvalScores types the actuals and checks the scores.
func (v *validator) selfEvalScores() {
	f := v.f
	for i := range f.Indicators {
		ind := &f.Indicators[i]
		ind.ActualTarget = nil
		if ind.Actual != nil {
			t := cachedValue(*ind.Actual, f.Year)
			ind.ActualTarget = &t
		}
	}
	keys := make([]string, 0, len(f.Budget))
	for k := range f.Budget {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	bw, bs := budgetPoints(f.Budget)

	for i, ind := range f.Indicators {
		if over(ind.Score, ind.Weight) {
			v.flag(jixiao.FlagScoreOverWeight, jixiao.IndicatorField(i, jixiao.IndicatorScore),
				"indicator %d (%s) scored %g of a weight of %g", ind.Seq, deref(ind.Name), *ind.Score, *ind.Weight)
		}
		if msg := scoreVsActual(ind); msg != "" {
			v.flag(jixiao.FlagScoreVsActual, jixiao.IndicatorField(i, jixiao.IndicatorScore), "indicator %d (%s): %s", ind.Seq, deref(ind.Name), msg)
		}
	}
	for _, k := range keys {
		if r := f.Budget[k]; over(r.Score, r.Weight) {
			v.flag(jixiao.FlagScoreOverWeight, jixiao.BudgetField(k, jixiao.BudgetLeafScore),
				"budget row %s scored %g of a weight of %g", r.Label, *r.Score, *r.Weight)
		}
	}

	weights, nw := bw, 0
	if bw != nil {
		nw++
	}
	sum, ns := 0.0, 0
	if bs != nil {
		sum, ns = *bs, 1
	}
	total := 0.0
	if weights != nil {
		total = *weights
	}
	for _, ind := range f.Indicators {
		if ind.Weight != nil {
			total += *ind.Weight
			nw++
		}
		if ind.Score != nil {
			sum += *ind.Score
			ns++
		}
	}
	if nw > 0 && math.Abs(total-100) > scoreTolerance*float64(nw) {
		v.flag(jixiao.FlagWeightTotal, jixiao.FieldIndicators, "the weights add up to %g, not 100", round2(total))
	}
	if f.TotalScore != nil && ns > 0 && math.Abs(sum-*f.TotalScore) > scoreTolerance*float64(ns+1) {
		v.flag(jixiao.FlagScoreSumMismatch, jixiao.FieldTotalScore, "the scores add up to %g, the total printed is %g", round2(sum), *f.TotalScore)
	}
}

// budgetPoints returns the budget block's weight and score: the total
// row's, or the sum of the rows' where the total row has none; nil when
// no row has one.
func budgetPoints(b map[string]jixiao.BudgetRow) (weight, score *float64) {
	pick := func(get func(jixiao.BudgetRow) *float64) *float64 {
		if p := get(b[jixiao.BudgetTotal]); p != nil {
			return p
		}
		var sum *float64
		for _, r := range b {
			if p := get(r); p != nil {
				s := *p
				if sum != nil {
					s += *sum
				}
				sum = &s
			}
		}
		return sum
	}
	return pick(func(r jixiao.BudgetRow) *float64 { return r.Weight }), pick(func(r jixiao.BudgetRow) *float64 { return r.Score })
}

// over reports whether a score is above its weight (both printed).
func over(score, weight *float64) bool {
	return score != nil && weight != nil && *score > *weight+scoreTolerance
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// The tiers of a qualitative actual (10号): the words that say it, the
// least tier first so that 未达成 is not read as 达成, and the share of
// the weight each allows.
var tiers = []struct {
	words    []string
	min, max float64
	name     string
}{
	{[]string{"未达成", "未完成", "未达到", "未实现", "没有", "较差", "无效", "不合格", "不达标", "滞后"}, 0, 0.6, "not achieved"},
	{[]string{"部分", "基本", "一定效果", "较好"}, 0.6, 0.8, "partly achieved"},
	{[]string{"达成", "完成", "达到", "实现", "合格", "达标", "有效", "满意", "及时", "良好", "规范", "健全", "提升", "改善", "正常", "稳定"}, 0.8, 1, "achieved"},
}

// scoreVsActual returns why an indicator's score does not follow the 10号
// rule for its actual, "" when it does or cannot be judged.
func scoreVsActual(ind jixiao.Indicator) string {
	if ind.Score == nil || ind.Weight == nil || ind.Actual == nil || *ind.Weight <= 0 {
		return ""
	}
	s, w := *ind.Score, *ind.Weight
	full := s >= w-scoreTolerance
	if met, ok := quantMet(ind); ok {
		switch {
		case met && !full:
			return "the actual " + *ind.Actual + " meets the target " + deref(ind.Value) + " but lost points"
		case !met && full:
			return "the actual " + *ind.Actual + " misses the target " + deref(ind.Value) + " but scored full marks"
		}
		return ""
	}
	if ind.ActualTarget != nil && (ind.ActualTarget.Kind == jixiao.TargetQuantity || ind.ActualTarget.Kind == jixiao.TargetDuration) {
		return "" // a number that cannot be set against the target
	}
	a := strings.TrimSpace(*ind.Actual)
	for i, t := range tiers {
		hit := i == len(tiers)-1 && ind.Value != nil && a == strings.TrimSpace(*ind.Value)
		for _, word := range t.words {
			hit = hit || strings.Contains(a, word)
		}
		if !hit {
			continue
		}
		share := s / w
		if share < t.min-scoreTolerance/w || share > t.max+scoreTolerance/w {
			return "the actual " + *ind.Actual + " is " + t.name + ", which scores " + pct(t.min) + "–" + pct(t.max) + " of the weight, not " + pct(share)
		}
		return ""
	}
	return ""
}

func pct(x float64) string { return fmt.Sprintf("%g%%", round2(x*100)) }

// quantMet reports whether a quantitative actual meets its quantitative
// target (quantities, or durations: ≤2小时 and 1.5小时); ok false when
// either is not a number, they are not of one kind, or their units
// differ.
func quantMet(ind jixiao.Indicator) (met, ok bool) {
	t, a := ind.Target, ind.ActualTarget
	if a == nil || t.Kind != a.Kind || t.Kind != jixiao.TargetQuantity && t.Kind != jixiao.TargetDuration || t.Value == nil || a.Value == nil {
		return false, false
	}
	if t.Unit != nil && a.Unit != nil && *t.Unit != *a.Unit {
		return false, false
	}
	tv, av := *t.Value, *a.Value
	op := t.Op
	if op == "=" && ind.Direction != nil && *ind.Direction == jixiao.DirectionNegative {
		op = "<="
	}
	switch op {
	case ">=", "=":
		return av >= tv, true
	case ">":
		return av > tv, true
	case "<=":
		return av <= tv, true
	case "<":
		return av < tv, true
	}
	return false, false
}
