package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"jixiao/cmd/jixiao/web"
	"jixiao/store"
)

// chromium returns the browser the end-to-end test drives: $CHROMIUM, or
// Debian's chromium (installed by the Makefile); "" when there is none.
func chromium() string {
	for _, c := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	return ""
}

// docsDir is where the screenshots for the README go, with
// -update-screenshots; otherwise they are written to a temporary directory.
const docsDir = "../../docs"

var updateScreenshots = flag.Bool("update-screenshots", false, "write the end-to-end test's screenshots into docs/ (for the README)")

// TestServeEndToEnd drives the review workbench in headless Chromium: give
// a reviewer name, search a project, open it, correct two indicator values
// with the keyboard, mark the form reviewed; then checks the audit tables
// and what 'jixiao export' writes. It takes screenshots of the list and
// form pages (into docs/ with -update-screenshots).
func TestServeEndToEnd(t *testing.T) {
	browser := chromium()
	if browser == "" {
		t.Skip("chromium is not installed (make deps installs it)")
	}
	dir := t.TempDir()
	shots := filepath.Join(dir, "shots")
	if *updateScreenshots {
		shots = docsDir
	}
	dbPath := filepath.Join(dir, "e2e.db")
	if code, _, errOut := jixiao(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt", "../../fixtures/pdf/genpdf-a.pdf"); code != 0 {
		t.Fatalf("ingest: %d %s", code, errOut)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, err := web.New(web.Options{DB: db, CacheDir: filepath.Join(dir, "cache"), Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(browser), chromedp.NoSandbox, chromedp.WindowSize(1440, 1000),
		chromedp.Flag("lang", "zh-CN"), chromedp.Flag("disable-gpu", true))...)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for i, step := range steps {
			sctx, cancel := context.WithTimeout(bctx, 20*time.Second)
			_, err := chromedp.Run(sctx, step)
			cancel()
			if err != nil {
				page, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`location.href + "\n" + document.body.innerText.slice(0, 400)`))
				t.Fatalf("%s, step %d: %v\npage: %s", what, i+1, err, page)
			}
		}
	}
	eval := func(what, js string) string {
		t.Helper()
		s, err := chromedp.Run(bctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return s
	}
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// First visit: the workbench asks who is reviewing.
	if _, err := chromedp.Run(bctx, chromedp.Navigate(ts.URL+"/")); err != nil { // starts the browser
		t.Fatalf("start %s: %v", browser, err)
	}
	do("reviewer",
		chromedp.WaitVisible(chromedp.ID("reviewer-name")),
		chromedp.SendKeys(chromedp.ID("reviewer-name"), "王芳"+kb.Enter),
		chromedp.WaitVisible(chromedp.ID("forms")))
	if who := eval("reviewer shown", `document.getElementById("reviewer").textContent`); who != "王芳" {
		t.Fatalf("reviewer shown as %q", who)
	}
	shot("review-list.png")

	// Search a project; it is in the text export and in the PDF.
	const project = "警用装备"
	do("search", chromedp.SendKeys(chromedp.ID("q"), project+kb.Enter))
	waitJS(t, bctx, `location.search.includes("q=") && document.readyState === "complete" && document.querySelector("#forms") !== null`)
	var rows []struct{ Href, Name, Source string }
	if err := json.Unmarshal([]byte(eval("results", `JSON.stringify(Array.from(document.querySelectorAll("#forms tbody tr")).map(tr => ({
		Href: tr.querySelector("a.form-link").getAttribute("href"),
		Name: tr.querySelector("a.form-link").textContent,
		Source: tr.querySelector(".small").textContent})))`)), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || len(rows) >= 50 {
		t.Fatalf("search %s: %d results; want the project's few forms", project, len(rows))
	}
	var textForm, pdfForm string
	for _, r := range rows {
		if r.Name != project { // a form may match by an indicator name
			continue
		}
		switch {
		case strings.HasPrefix(r.Source, "text") && textForm == "":
			textForm = r.Href
		case strings.HasPrefix(r.Source, "pdf") && pdfForm == "":
			pdfForm = r.Href
		}
	}
	if textForm == "" || pdfForm == "" {
		t.Fatalf("search %s: results %+v lack the text or the PDF form", project, rows)
	}

	// Open it: the first doubtful field has the focus, its source line is
	// highlighted.
	do("open", chromedp.Click(chromedp.CSS(`a.form-link[href="`+textForm+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".form-page")))
	if cls := eval("focus", `document.activeElement.className`); !strings.Contains(cls, "flagged") {
		t.Errorf("the focused field is not a flagged one: class %q", cls)
	}
	missing := eval("missing value", `(() => { for (const s of document.querySelectorAll(".field-flags")) {
		if (Array.from(s.querySelectorAll(".badge")).some(b => b.textContent === "value_missing")) return s.dataset.flagsFor; } return ""; })()`)
	if !strings.HasSuffix(missing, ".value") {
		t.Fatalf("form %s shows no value_missing field", textForm)
	}
	first := "indicators[0].value"
	if first == missing {
		t.Fatal("the first indicator is the one without a value; pick another to change")
	}
	sel := func(field string) chromedp.CSS { return chromedp.CSS(`.cell[data-field="` + field + `"]`) }
	firstBefore := eval("first value", `document.querySelector('.cell[data-field="indicators[0].value"]').value`)
	if firstBefore == "" {
		t.Fatal("the first indicator has no value")
	}

	// Correct: fill the missing value, Enter saves and moves on; change the
	// first value.
	do("correct missing", chromedp.Focus(sel(missing)), chromedp.SendKeys(sel(missing), "≥95%"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`.cell.corrected[data-field="`+missing+`"]`)))
	// Enter saved, then moved on to the next field.
	waitJS(t, bctx, `(document.activeElement.dataset.field || "") !== "`+missing+`" && document.activeElement.classList.contains("cell")`)
	if tg := eval("target", `document.querySelector('[data-target-for="`+missing+`"]').textContent`); tg != "quantity: ≥ 95 %" {
		t.Errorf("typed target of the correction shown as %q", tg)
	}
	eval("clear first", `(() => { const c = document.querySelector('.cell[data-field="indicators[0].value"]'); c.value = ""; return c.value; })()`)
	do("correct first", chromedp.Focus(sel(first)),
		chromedp.SendKeys(sel(first), "1400件"+kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(`.cell.corrected[data-field="`+first+`"]`)),
		chromedp.Focus(sel(missing)))
	shot("review-form.png")

	// Mark reviewed.
	do("mark reviewed", chromedp.Click(chromedp.ID("mark-reviewed")),
		chromedp.WaitVisible(chromedp.CSS(".status.reviewed")))
	if v := eval("after reload", `document.querySelector('.cell[data-field="`+missing+`"]').value`); v != "≥95%" {
		t.Errorf("after reload the corrected field shows %q", v)
	}

	// The same project from the PDF, with its page image.
	do("pdf form", chromedp.Navigate(ts.URL+pdfForm), chromedp.WaitVisible(chromedp.CSS(".page img")))
	waitJS(t, bctx, `Array.from(document.querySelectorAll(".page img")).every(i => i.complete && i.naturalWidth > 0)`)
	shot("review-form-pdf.png")

	formID := strings.TrimPrefix(textForm, "/forms/")
	checkAudit(t, dbPath, formID, missing, first, firstBefore)
	checkExport(t, dbPath, formID, missing, first, firstBefore)
}

// waitJS waits until the expression is true, for 10 s at most.
func waitJS(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	for range 100 {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("waited in vain for %s", js)
}

// checkAudit checks the corrections and reviews tables, and that the
// machine's reading is still stored.
func checkAudit(t *testing.T, dbPath, formID, missing, first, firstBefore string) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT field, coalesce(old_value, 'NULL'), coalesce(new_value, 'NULL'), reviewer,
		coalesce(json_extract(target_json, '$.kind'), '') FROM corrections WHERE form_id = ? ORDER BY id`, formID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var f, o, n, r, k string
		if err := rows.Scan(&f, &o, &n, &r, &k); err != nil {
			t.Fatal(err)
		}
		got = append(got, strings.Join([]string{f, o, n, r, k}, "|"))
	}
	want := []string{missing + "|NULL|≥95%|王芳|quantity", first + "|" + firstBefore + "|1400件|王芳|quantity"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("corrections table:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var status, reviewer string
	if err := raw.QueryRow(`SELECT status, reviewer FROM review_status WHERE form_id = ?`, formID).Scan(&status, &reviewer); err != nil || status != "reviewed" || reviewer != "王芳" {
		t.Errorf("review_status: %q %q %v", status, reviewer, err)
	}
	var stored sql.NullString
	if err := raw.QueryRow(`SELECT value FROM indicators WHERE form_id = ? ORDER BY id LIMIT 1`, formID).Scan(&stored); err != nil || stored.String != firstBefore {
		t.Errorf("the machine's reading was overwritten: %q %v", stored.String, err)
	}
}

// checkExport checks that jixiao export shows the corrected values and the
// original ones.
func checkExport(t *testing.T, dbPath, formID, missing, first, firstBefore string) {
	t.Helper()
	code, out, errOut := jixiao(t, "", "export", "--db", dbPath)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	var rec struct {
		FormID     json.Number `json:"form_id"`
		Indicators []struct {
			Value  *string `json:"value"`
			Target struct {
				Kind  string   `json:"kind"`
				Op    string   `json:"op"`
				Value *float64 `json:"value"`
			} `json:"target"`
			Flags []string `json:"flags"`
		} `json:"indicators"`
		Corrections []struct {
			Field     string  `json:"field"`
			Original  *string `json:"original"`
			Corrected *string `json:"corrected"`
			Reviewer  string  `json:"reviewer"`
		} `json:"corrections"`
		Review *struct{ Status, Reviewer string } `json:"review"`
	}
	found := false
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(line, `"form_id":`+formID+`,`) {
			continue
		}
		found = true
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
	}
	if !found {
		t.Fatalf("form %s not exported", formID)
	}
	mi := indexOf(missing)
	ind := rec.Indicators[mi]
	if ind.Value == nil || *ind.Value != "≥95%" || ind.Target.Kind != "quantity" || ind.Target.Op != ">=" || ind.Target.Value == nil || *ind.Target.Value != 95 {
		t.Errorf("exported corrected indicator: %+v", ind)
	}
	for _, f := range ind.Flags {
		if f == "value_missing" {
			t.Errorf("value_missing still exported on the corrected indicator")
		}
	}
	if len(rec.Corrections) != 2 || rec.Review == nil || rec.Review.Status != "reviewed" || rec.Review.Reviewer != "王芳" {
		t.Fatalf("exported corrections %+v, review %+v", rec.Corrections, rec.Review)
	}
	c0, c1 := rec.Corrections[0], rec.Corrections[1]
	if c0.Field != missing || c0.Original != nil || c0.Corrected == nil || *c0.Corrected != "≥95%" || c0.Reviewer != "王芳" ||
		c1.Field != first || c1.Original == nil || *c1.Original != firstBefore || *c1.Corrected != "1400件" {
		t.Errorf("exported corrections: %+v", rec.Corrections)
	}

	// CSV: the corrected value, and the original beside it.
	code, out, errOut = jixiao(t, "", "export", "--db", dbPath, "--format", "csv")
	if code != 0 {
		t.Fatalf("export csv: %d %s", code, errOut)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix([]byte(out), []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range recs[0] {
		col[c] = i
	}
	var values []string
	for _, r := range recs[1:] {
		if r[col["form_id"]] == formID && (r[col["seq"]] == "1" || r[col["seq"]] == strconv.Itoa(mi+1)) {
			values = append(values, r[col["seq"]]+":"+r[col["value"]]+"<"+r[col["original_value"]]+":"+r[col["kind"]])
		}
	}
	want := []string{"1:1400件<" + firstBefore + ":quantity", strconv.Itoa(mi+1) + ":≥95%<:quantity"}
	if strings.Join(values, " ") != strings.Join(want, " ") {
		t.Errorf("CSV rows %v, want %v", values, want)
	}
}

// indexOf returns i of "indicators[i].value".
func indexOf(field string) int {
	n := 0
	for _, r := range strings.TrimSuffix(strings.TrimPrefix(field, "indicators["), "].value") {
		n = n*10 + int(r-'0')
	}
	return n
}
