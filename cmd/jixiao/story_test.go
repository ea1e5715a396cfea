package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"jixiao/cmd/jixiao/web"
	"jixiao/store"
)

// TestResearchStory drives issue 16's story end to end: the same forms
// read from a text export, a PDF and a scan, plus one form printed in 万元;
// a reviewer corrects a header field, an amount and an indicator value and
// marks a form reviewed, through the review app's own handlers; the
// database is merged into another; and every place a researcher looks
// (views, stats, search, both exports, the review list) shows the
// corrected record, its review status, amounts in 元, one row per real
// form, and where the readings disagree.
func TestResearchStory(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := readFixture(t)
	first, _, _ := strings.Cut(string(text), "\n\n")
	if !strings.Contains(first, "项目资金(元)") || !strings.Contains(first, "1,800,000.00") {
		t.Fatal("the first fixture form changed: update this test")
	}
	wan := strings.NewReplacer("项目资金(元)", "项目资金（万元）", "1,800,000.00", "180.00").Replace(first)
	wan = strings.Replace(wan, "档案", "万元档案", 1) // another project: its own identity
	copyFile(t, filepath.Join(dir, "wan.txt"), []byte(wan+"\n"))
	db1 := filepath.Join(dir, "review.db")
	code, out, errOut := runCLI(t, "", "ingest", "--db", db1, "--no-join", fixture, "../../fixtures/pdf/genpdf-a.pdf",
		"../../fixtures/scan/small/genpdf-a-004.jpg", filepath.Join(dir, "wan.txt"))
	if code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errOut)
	}

	// Review in the web app: form 2 (text) gets a new project name, form
	// 45 (its PDF reading) a new 财政资金 and a new first indicator value,
	// and form 45 is marked reviewed.
	db, err := store.Open(ctx, db1)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Options{DB: db, Reviewer: "王芳"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	page := httpGet(t, ts.URL+"/forms/2")
	m := regexp.MustCompile(`name="csrf-token" content="([0-9a-f]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the form page")
	}
	for _, c := range []struct {
		form  string
		field string
		value string
	}{
		{"2", "project_name", "更正的项目名称"},
		{"45", "funds.fiscal", "1,900,000.00"},
		{"45", "indicators[0].value", "≥99%"},
	} {
		base := currentValue(t, ts.URL, c.form, c.field)
		res := httpPost(t, ts.URL+"/forms/"+c.form+"/corrections", m[1], url.Values{"field": {c.field}, "value": {c.value}, "base": {base}})
		if res != http.StatusOK {
			t.Fatalf("correct %s of form %s: status %d", c.field, c.form, res)
		}
	}
	if res := httpPost(t, ts.URL+"/forms/45/review", m[1], url.Values{"status": {"reviewed"}}); res >= 400 {
		t.Fatalf("review form 45: status %d", res)
	}
	ts.Close()
	db.Close()

	db2 := filepath.Join(dir, "merged.db")
	if code, out, errOut := runCLI(t, "", "merge", "--db", db2, db1); code != exitOK || !strings.Contains(out, "3 correction(s), 1 review(s)") {
		t.Fatalf("merge: exit %d\n%s%s", code, out, errOut)
	}

	q := func(sql string) string {
		t.Helper()
		code, out, errOut := runCLI(t, "", "query", "--db", db2, "--format", "csv", sql)
		if code != exitOK {
			t.Fatalf("query %s: exit %d %s", sql, code, errOut)
		}
		return strings.TrimSpace(out)
	}
	for _, c := range []struct{ sql, want string }{
		{`SELECT project_name, review_status FROM forms_overview WHERE form_id = 2`, "更正的项目名称,open"},
		{`SELECT funds_fiscal, funds_fiscal_read, review_status, reviewer FROM forms_current WHERE form_id = 45`, "1900000,1800000,reviewed,王芳"},
		{`SELECT count(*) FROM flags_open WHERE form_id = 45`, "0"},
		{`SELECT value FROM indicator_targets WHERE form_id = 45 AND seq = 1`, "≥99%"},
		{`SELECT f.funds_unit, o.funds_total FROM forms f JOIN forms_overview o ON o.form_id = f.id WHERE o.project_name LIKE '%万元档案%'`, "万元,1800000"},
		{`SELECT count(*) = count(DISTINCT identity_key) FROM forms_distinct`, "1"},
		{`SELECT form_id FROM forms_distinct WHERE identity_key = (SELECT identity_key FROM forms_overview WHERE form_id = 45)`, "45"},
		{`SELECT count(*) > 0 FROM form_disagreements WHERE field = 'funds.fiscal' AND form_id_b = 45`, "1"},
	} {
		if got := q(c.sql); !strings.HasSuffix(got, c.want) {
			t.Errorf("%s\n got %q, want it to end with %q", c.sql, got, c.want)
		}
	}
	// forms_distinct: the text, PDF and scan readings of form 1 are one row.
	if got := q(`SELECT readings FROM forms_distinct WHERE identity_key = (SELECT identity_key FROM forms_overview WHERE form_id = 1)`); !strings.HasSuffix(got, "2") && !strings.HasSuffix(got, "3") {
		t.Errorf("form 1 has readings %q, want 2 or 3 (text, PDF, maybe the scan)", got)
	}

	if code, out, _ := runCLI(t, "", "search", "--db", db2, "更正的项目名称"); code != exitOK || !strings.Contains(out, "更正的项目名称") {
		t.Errorf("search for the corrected name: exit %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "", "stats", "--db", db2); code != exitOK || out == "" {
		t.Errorf("stats: exit %d", code)
	}
	code, jsonl, _ := runCLI(t, "", "export", "--db", db2)
	if code != exitOK || !strings.Contains(jsonl, "更正的项目名称") || !strings.Contains(jsonl, "≥99%") {
		t.Errorf("jsonl export lacks the corrections (exit %d)", code)
	}
	for _, l := range strings.Split(strings.TrimSpace(jsonl), "\n") {
		var r struct {
			FormID int64 `json:"form_id"`
			Funds  struct{ Fiscal *float64 }
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		if r.FormID == 45 && (r.Funds.Fiscal == nil || *r.Funds.Fiscal != 1900000) {
			t.Errorf("jsonl form 45 funds.fiscal %v, want 1900000", r.Funds.Fiscal)
		}
	}
	flat := filepath.Join(dir, "indicators.csv")
	if code, _, errOut := runCLI(t, "", "export", "--db", db2, "--format", "csv", "--out", flat); code != exitOK {
		t.Fatalf("csv export: exit %d %s", code, errOut)
	}
	csv, err := os.ReadFile(flat)
	if err != nil || !strings.Contains(string(csv), "更正的项目名称") || !strings.Contains(string(csv), "≥99%") {
		t.Errorf("the CSV export lacks the corrections (%v)", err)
	}

	// The review list of the merged database.
	mdb, err := store.OpenReadOnly(ctx, db2)
	if err != nil {
		t.Fatal(err)
	}
	defer mdb.Close()
	msrv, err := web.New(web.Options{DB: mdb, ReadOnly: true, Reviewer: "读者"})
	if err != nil {
		t.Fatal(err)
	}
	mts := httptest.NewServer(msrv)
	defer mts.Close()
	if list := httpGet(t, mts.URL+"/?q=更正的项目名称"); !strings.Contains(list, "更正的项目名称") {
		t.Errorf("the review list does not show the corrected name")
	}
}

// currentValue returns the value the form page shows for field (the base
// a correction is made against), "" when it shows none.
func currentValue(t *testing.T, base, id, field string) string {
	t.Helper()
	page := httpGet(t, base+"/forms/"+id)
	re := regexp.MustCompile(`name="` + regexp.QuoteMeta(field) + `"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="` + regexp.QuoteMeta(field) + `"`)
	if m := re.FindStringSubmatch(page); m != nil {
		return htmlUnescape(m[1] + m[2])
	}
	return ""
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&quot;", `"`).Replace(s)
}

func httpGet(t *testing.T, u string) string {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func httpPost(t *testing.T, u, csrf string, form url.Values) int {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-CSRF-Token", csrf)
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
