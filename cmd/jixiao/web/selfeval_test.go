package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/normalize"
	"jixiao/store"
)

// TestSelfEvaluationPage: a self-evaluation form's page shows its budget
// block, scores and each indicator's actual, weight, score and deviation,
// and a weight or score is corrected as a number of points.
func TestSelfEvaluationPage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := func(s string) *string { return &s }
	n := func(v float64) *float64 { return &v }
	f := jixiao.Form{FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval, Year: 2023,
		Title: "项目支出绩效自评表", ProjectName: p("社区培训项目"), TotalScore: n(88), Grade: p("良"),
		Goals: jixiao.Goals{Expected: p("完成培训500人次"), Achieved: p("完成培训480人次")},
		Budget: map[string]jixiao.BudgetRow{jixiao.BudgetTotal: {Label: "年度资金总额", Initial: n(100000),
			Adjusted: n(120000), Executed: n(103200), Weight: n(10), Rate: n(86), Score: n(8.6)}},
		Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: p("培训人次"),
			Value: p("≥500人次"), Period: jixiao.PeriodAnnual, Actual: p("480人次"), Weight: n(20), Score: n(19.2),
			Deviation: p("部分学员缺课"), Flags: []string{}}}}
	normalize.Form(&f)
	if _, _, err := db.SaveDocument(ctx, store.Document{Path: "selfeval.txt", SHA256: "5e1f", Kind: jixiao.KindText, Size: 1}, []jixiao.Form{f}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ts, s, _ := serverOn(t, path, Options{Reviewer: "王芳"})
	_, page := get(t, ts.Client(), ts.URL+"/forms/1")
	for _, want := range []string{`id="budget"`, "年度资金总额", "103200", `data-field="total_score"`, `value="良"`,
		`data-field="goals.achieved"`, `data-field="indicators[0].actual" data-base="480人次"`,
		`data-field="indicators[0].score" data-base="19.2"`, `data-field="indicators[0].deviation" data-base="部分学员缺课"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the self-evaluation page lacks %s", want)
		}
	}
	if strings.Contains(page, `data-field="funds.total"`) {
		t.Errorf("the self-evaluation page shows the funds block of a target form")
	}
	hdr := map[string]string{"X-CSRF-Token": s.csrf}
	res, body := post(t, ts.URL+"/forms/1/corrections", url.Values{"field": {"indicators[0].score"}, "value": {"二十"}}, hdr)
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("a score that is not a number: %d %s", res.StatusCode, body)
	}
	res, body = post(t, ts.URL+"/forms/1/corrections", url.Values{"field": {"indicators[0].score"}, "value": {"18分"}, "base": {"19.2"}}, hdr)
	var reply correctionReply
	if err := json.Unmarshal([]byte(body), &reply); err != nil || res.StatusCode != http.StatusOK || !reply.Changed || reply.Value != "18" {
		t.Errorf("score correction: %d %s", res.StatusCode, body)
	}
}
