package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// docsDir is where the screenshots for docs/review.md go, with
// -update-screenshots; otherwise they are written to a temporary directory.
const docsDir = "../../docs"

var updateScreenshots = flag.Bool("update-screenshots", false, "write the end-to-end test's screenshots into docs/ (for docs/review.md)")

// TestServeEndToEnd drives the review workbench in headless Chromium: give
// a reviewer name, search a project, open it, correct two indicator values
// with the keyboard, mark the form reviewed; then checks the audit tables
// and what 'jixiao export' writes; then opens a scanned form (a two-page
// TIFF), checks the outline drawn over a flagged field's cell, zooms, and
// shows page 2. It takes screenshots of the list and form pages (into
// docs/ with -update-screenshots).
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
	if code, _, errOut := runCLI(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt", "../../fixtures/pdf/genpdf-a.pdf", "../../"+scanFixture); code != 0 {
		t.Fatalf("ingest: %d %s", code, errOut)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
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
	// Enter saved, then moved on to the next flagged field (or, after
	// the last, to the button that signs the form off).
	waitJS(t, bctx, `(document.activeElement.dataset.field || "") !== "`+missing+`" &&
		(document.activeElement.classList.contains("flagged") || document.activeElement.id === "mark-reviewed-next")`)
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
	// The focused field is outlined on the page, at its box.
	do("pdf focus", chromedp.Focus(sel("project_name")))
	checkOutline(t, eval, "project_name")
	shot("review-form-pdf.png")

	checkScanForm(t, do, eval, ts.URL, dbPath, shot)

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
	code, out, errOut := runCLI(t, "", "export", "--db", dbPath)
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
	code, out, errOut = runCLI(t, "", "export", "--db", dbPath, "--format", "csv")
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

// scanFixture is the scanned form of the end-to-end test: golden form 15 on
// pages 16 and 17 of genpdf-a.pdf, as cmd/genscan scanned them into a
// two-page TIFF (200 dpi).
const scanFixture = "fixtures/scan/small/genpdf-a-016-017.tif"

// checkScanForm opens the scanned form: Enter goes from one flagged field
// to the next, the focused field is outlined over its cell (against the
// stored box, and against where genpdf printed its text), flagged cells
// are marked on the image in their flag's colour, the page zooms to 100%
// and back, and page 2 of the TIFF is shown.
func checkScanForm(t *testing.T, do func(string, ...chromedp.Action[chromedp.Void]), eval func(string, string) string, base, dbPath string, shot func(string)) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+dbPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var formID int64
	if err := raw.QueryRow(`SELECT f.id FROM forms f JOIN documents d ON d.id = f.document_id WHERE d.kind = 'image'`).Scan(&formID); err != nil {
		t.Fatalf("the scanned form: %v", err)
	}
	ensureFlags(t, dbPath, formID, "funds.annual_total", "funds.appropriation")
	do("scan form", chromedp.Navigate(base+"/forms/"+strconv.FormatInt(formID, 10)),
		chromedp.WaitVisible(chromedp.CSS(`.page[data-page="1"] img`)))
	focused := eval("scan focus", `document.activeElement.dataset.field || ""`)
	flagged := eval("flagged", `JSON.stringify(Array.from(document.querySelectorAll(".cell.flagged")).map(c => c.dataset.field))`)
	var fields []string
	if err := json.Unmarshal([]byte(flagged), &fields); err != nil || len(fields) < 2 || fields[0] != focused {
		t.Fatalf("focus on %q, flagged fields %s: want the focus on the first of at least two", focused, flagged)
	}
	// Enter accepts the field and goes to the next flagged one.
	do("next flag", chromedp.SendKeys(chromedp.CSS(`.cell[data-field="`+focused+`"]`), kb.Enter))
	waitFor(t, eval, "focus moved", `(document.activeElement.dataset.field || "") !== "`+focused+`"`)
	if got := eval("after Enter", `document.activeElement.dataset.field || ""`); got != fields[1] {
		t.Fatalf("Enter on %s moved to %q, want the next flagged field %s", focused, got, fields[1])
	}
	field := fields[1]
	checkOutline(t, eval, field)
	checkPrinted(t, eval, raw, formID, field)
	// Low-confidence cells are marked on the image itself, in orange.
	marks := eval("marks", `JSON.stringify(Array.from(document.querySelectorAll(".page .mark")).map(m => m.className + "|" + getComputedStyle(m).borderTopColor))`)
	if !strings.Contains(marks, `mark low|rgb(240, 140, 0)`) {
		t.Errorf("no low-confidence mark in orange on the page: %s", marks)
	}
	if cls := eval("box class", `document.querySelector(".page .box:not([hidden])").className`); !strings.Contains(cls, "low") && !strings.Contains(cls, "flagged") {
		t.Errorf("the outline of flagged field %s has class %q", field, cls)
	}
	shot("review-form-scan.png")

	// Zoom to 100%: the image at its own pixels, the outline still on its
	// cell and scrolled into the source pane.
	do("zoom 100%", chromedp.Click(chromedp.ID("zoom-100")))
	waitFor(t, eval, "zoomed to 100%", `(() => { const i = document.querySelector('.page[data-page="1"] img'); return Math.round(i.getBoundingClientRect().width) === i.naturalWidth; })()`)
	if w := eval("zoomed", `(() => { const i = document.querySelector('.page[data-page="1"] img'); return Math.round(i.getBoundingClientRect().width) + "/" + i.naturalWidth; })()`); w != "1654/1654" {
		t.Errorf("at 100%% the page image is %s pixels wide, want 1654/1654", w)
	}
	checkOutline(t, eval, field)
	if in := eval("in view", `(() => { const b = document.querySelector(".page .box:not([hidden])").getBoundingClientRect(), p = document.getElementById("source").getBoundingClientRect();
		return String(b.left >= p.left && b.right <= p.right && b.top >= p.top && b.bottom <= p.bottom); })()`); in != "true" {
		t.Errorf("at 100%% the outline is not scrolled into the source pane")
	}
	shot("review-form-scan-zoom.png")
	do("zoom out", chromedp.Click(chromedp.ID("zoom-out")))
	if lv := eval("level", `document.getElementById("zoom-level").textContent`); lv != "80%" {
		t.Errorf("zoom level after − from 100%%: %q", lv)
	}
	do("fit", chromedp.Click(chromedp.ID("zoom-fit")))

	// Page 2 of the TIFF is shown: focusing the last indicator, read
	// there, outlines it on page 2 and scrolls the pane to it.
	last := eval("last indicator", `Array.from(document.querySelectorAll('.cell[data-field$=".value"]')).pop().dataset.field`)
	do("page 2", chromedp.Focus(chromedp.CSS(`.cell[data-field="`+last+`"]`)))
	waitFor(t, eval, "page 2 loaded", `(() => { const i = document.querySelector('.page[data-page="2"] img'); return i.complete && i.naturalWidth > 0; })()`)
	if box := eval("last box", `document.querySelector('.cell[data-field="`+last+`"]').dataset.box || ""`); !strings.HasPrefix(box, "2,") {
		t.Errorf("%s: box %q, want one on page 2", last, box)
	}
	checkOutline(t, eval, last)
	if size := eval("page 2 size", `(() => { const i = document.querySelector('.page[data-page="2"] img'); return i.naturalWidth + "x" + i.naturalHeight; })()`); size != "1654x2339" {
		t.Errorf("page 2 of the TIFF: image %s, want 1654x2339", size)
	}
	shot("review-form-scan-page2.png")
}

// checkOutline checks that the outline shown is field's, drawn where the
// cell's data-box puts it on the image of its page: each edge within 2
// pixels of the screen.
func checkOutline(t *testing.T, eval func(string, string) string, field string) {
	t.Helper()
	js := `(() => {
		const c = document.querySelector('.cell[data-field="` + field + `"]');
		if (!c || !c.dataset.box) return "no box";
		const [p, x, y, w, h] = c.dataset.box.split(",").map(Number);
		const b = document.querySelector('.page[data-page="' + p + '"] .box');
		if (!b || b.hidden || b.dataset.field !== c.dataset.field) return "no outline for " + c.dataset.box;
		const i = b.parentElement.querySelector("img").getBoundingClientRect(), r = b.getBoundingClientRect();
		const want = [i.left + x * i.width, i.top + y * i.height, i.left + (x + w) * i.width, i.top + (y + h) * i.height];
		const have = [r.left, r.top, r.right, r.bottom];
		return have.every((v, k) => Math.abs(v - want[k]) <= 2) ? "ok" : "outline " + have.map(Math.round) + ", want " + want.map(Math.round);
	})()`
	// the layout may still move (an image loading, a zoom applied)
	got := ""
	for range 50 {
		if got = eval("outline", js); got == "ok" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("%s: %s", field, got)
}

// checkPrinted checks the outline of field against where genpdf printed
// the field's golden text on the page cmd/genscan scanned: the middle of
// the printed text, carried onto the scan (200 dpi, turned by the page's
// degradation angle), lies inside the box the page shows outlined.
func checkPrinted(t *testing.T, eval func(string, string) string, raw *sql.DB, formID int64, field string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext is not installed: the outline is not compared with the printed text")
		return
	}
	b, err := os.ReadFile("../../fixtures/golden/form-15.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		FundsRaw map[string]*string `json:"funds_raw"`
	}
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatal(err)
	}
	name, ok := strings.CutPrefix(field, "funds.")
	if !ok || golden.FundsRaw[name] == nil {
		t.Logf("%s: not an amount of the golden; not compared with the printed text", field)
		return
	}
	text := *golden.FundsRaw[name]
	const sourcePage = 16 // genpdf-a.pdf page of the TIFF's page 1
	out, err := exec.Command("pdftotext", "-bbox", "-f", "16", "-l", "16", "../../fixtures/pdf/genpdf-a.pdf", "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	word := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">` + regexp.QuoteMeta(text) + `</word>`)
	ms := word.FindAllSubmatch(out, -1)
	if ms == nil {
		t.Fatalf("%q is not printed on page %d of genpdf-a.pdf", text, sourcePage)
	}
	var x0, y0, x1, y1 float64
	if err := raw.QueryRow(`SELECT x0, y0, x1, y1 FROM field_boxes WHERE form_id = ? AND field = ?`, formID, field).Scan(&x0, &y0, &x1, &y1); err != nil {
		t.Fatalf("field_boxes of %s: %v", field, err)
	}
	// genscan: 200 dpi, turned about the raster's centre by the page's
	// angle (seed 1: the first draw of the page's generator).
	const w, h, scale = 1654.0, 2339.0, 200.0 / 72
	milli := rand.New(rand.NewPCG(1, sourcePage)).IntN(3001) - 1500
	sin, cos := math.Sincos(float64(milli) / 1000 * math.Pi / 180)
	var places []string
	inside := false
	for _, m := range ms { // the same amount may be printed in two cells
		var v [4]float64
		for k := range v {
			v[k], _ = strconv.ParseFloat(string(m[1+k]), 64)
		}
		dx, dy := (v[0]+v[2])/2*scale-(w-1)/2, (v[1]+v[3])/2*scale-(h-1)/2
		x, y := (w-1)/2+cos*dx-sin*dy, (h-1)/2+sin*dx+cos*dy
		inside = inside || (x >= x0 && x <= x1 && y >= y0 && y <= y1)
		places = append(places, fmt.Sprintf("(%.0f, %.0f)", x, y))
	}
	if !inside {
		t.Errorf("%s: printed %q at %v on the scan, outside its box [%v %v %v %v]", field, text, places, x0, y0, x1, y1)
	}
	// And the outline on screen is that box.
	got := eval("box vs stored", `document.querySelector('.cell[data-field="`+field+`"]').dataset.box`)
	want := fmt.Sprintf("1,%.5f,%.5f,%.5f,%.5f", x0/w, y0/h, (x1-x0)/w, (y1-y0)/h)
	if got != want {
		t.Errorf("%s: data-box %s, want the stored box %s", field, got, want)
	}
}

// ensureFlags gives the form low_confidence flags on fields when it has
// fewer than two flagged fields: what Enter and the outlines do is tested
// whatever the reader was unsure of on the fixture.
func ensureFlags(t *testing.T, dbPath string, formID int64, fields ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(DISTINCT field) FROM flags WHERE form_id = ? AND field != ''`, formID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n >= 2 {
		return
	}
	for _, f := range fields {
		if _, err := db.Exec(`INSERT INTO flags (form_id, code, field, message) VALUES (?, 'low_confidence', ?, 'OCR confidence 0.50 (below 0.80): set by the test')`, formID, f); err != nil {
			t.Fatal(err)
		}
	}
}

// waitFor waits until the expression is true, for 10 s at most.
func waitFor(t *testing.T, eval func(string, string) string, what, js string) {
	t.Helper()
	for range 100 {
		if eval(what, "String("+js+")") == "true" {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: not within 10 s", what)
}
