package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/scan"
	"jixiao/normalize"
	"jixiao/review"
	"jixiao/store"
)

// testDB ingests the given fixture files (relative to the repository) into
// a new database at path.
func testDB(t *testing.T, path string, files ...string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, name := range files {
		p := filepath.Join("..", "..", "..", name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d, err := extract.Read(ctx, p, data)
		if err != nil {
			t.Fatal(err)
		}
		for i := range d.Forms {
			normalize.Form(&d.Forms[i])
		}
		if _, _, err := db.SaveDocument(ctx, store.Document{Path: p, SHA256: d.SHA256, Kind: d.Kind, Size: d.Size}, d.Forms); err != nil {
			t.Fatal(err)
		}
	}
}

// newServer returns a test server on a database holding the text fixture,
// and the database.
func newServer(t *testing.T, opt Options) (*httptest.Server, *Server, *store.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.db")
	testDB(t, path, "fixtures/text/forms.txt")
	return serverOn(t, path, opt)
}

func serverOn(t *testing.T, path string, opt Options) (*httptest.Server, *Server, *store.DB) {
	t.Helper()
	open := store.Open
	if opt.ReadOnly {
		open = store.OpenReadOnly
	}
	db, err := open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	opt.DB = db
	if opt.CacheDir == "" {
		opt.CacheDir = t.TempDir()
	}
	if opt.Log == nil {
		opt.Log = log.New(io.Discard, "", 0)
	}
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return ts, s, db
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func post(t *testing.T, u string, form url.Values, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func corrections(t *testing.T, db *store.DB, id int64) int {
	t.Helper()
	r, err := review.Load(context.Background(), db, id)
	if err != nil {
		t.Fatal(err)
	}
	return len(r.Corrections)
}

func TestScriptStaysInert(t *testing.T) {
	ts, s, db := newServer(t, Options{Reviewer: "王芳"})
	ctx := context.Background()
	evil := map[string]string{
		"project_name":        `<script>alert("name")</script>`,
		"indicators[0].value": `"><img src=x onerror=alert(1)>`,
		"goals.overall":       `</textarea><script>alert(2)</script>`,
	}
	for field, v := range evil {
		if _, _, err := review.Correct(ctx, db, review.Edit{FormID: 1, Field: field, Value: v, Reviewer: `<b>x</b>`}); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []string{"/forms/1", "/", "/?q=" + url.QueryEscape(`<script>alert("q")</script>`)} {
		res, body := get(t, ts.Client(), ts.URL+u)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", u, res.StatusCode)
		}
		for _, bad := range []string{`<script>alert`, `<img src=x`, `</textarea><script>`, `<b>x</b>`} {
			if strings.Contains(body, bad) {
				t.Errorf("%s: page holds %q unescaped", u, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;alert(") {
			t.Errorf("%s: the escaped text is not shown", u)
		}
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: Content-Security-Policy %q", u, csp)
		}
	}
	// The source lines (text of an untrusted file: the fixture's lines hold
	// HTML such as <h2>) are escaped too.
	data, err := os.ReadFile("../../../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var withHTML int64
	db.Forms(ctx, func(f jixiao.Form) error {
		for n := f.Source.LineFrom; withHTML == 0 && n <= f.Source.LineTo; n++ {
			if strings.Contains(lines[n-1], "<p>") {
				withHTML = f.ID
			}
		}
		return nil
	})
	if withHTML == 0 {
		t.Fatal("no fixture form whose lines hold <p>")
	}
	_, body := get(t, ts.Client(), ts.URL+"/forms/"+strconv.FormatInt(withHTML, 10))
	if strings.Contains(body, "<p>") || !strings.Contains(body, "&lt;p&gt;") {
		t.Errorf("source lines of form %d not escaped", withHTML)
	}
	_ = s
}

func TestCSRF(t *testing.T) {
	ts, s, db := newServer(t, Options{Reviewer: "王芳"})
	u := ts.URL + "/forms/1/corrections"
	edit := url.Values{"field": {"project_name"}, "value": {"forged"}}
	with := func(extra url.Values) url.Values {
		v := url.Values{}
		for k, x := range edit {
			v[k] = x
		}
		for k, x := range extra {
			v[k] = x
		}
		return v
	}
	for _, tt := range []struct {
		name   string
		form   url.Values
		header map[string]string
	}{
		{"no token", edit, nil},
		{"wrong token", with(url.Values{"csrf": {"0123"}}), nil},
		{"empty token", with(url.Values{"csrf": {""}}), nil},
		{"token of the right length", with(url.Values{"csrf": {strings.Repeat("0", len(s.csrf))}}), nil},
		{"cross-site fetch", with(url.Values{"csrf": {s.csrf}}), map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"foreign origin", with(url.Values{"csrf": {s.csrf}}), map[string]string{"Origin": "http://evil.example"}},
	} {
		res, _ := post(t, u, tt.form, tt.header)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tt.name, res.StatusCode)
		}
	}
	for _, p := range []string{"/forms/1/review", "/reviewer"} {
		if res, _ := post(t, ts.URL+p, url.Values{"status": {"reviewed"}, "name": {"x"}}, nil); res.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without token: %d", p, res.StatusCode)
		}
	}
	if n := corrections(t, db, 1); n != 0 {
		t.Fatalf("%d corrections stored by forged requests", n)
	}
	r, _ := review.Load(context.Background(), db, 1)
	if r.Review.Status != "" {
		t.Fatalf("forged review stored: %+v", r.Review)
	}

	// With the token (form field or header) the same edit goes through.
	res, body := post(t, u, with(url.Values{"csrf": {s.csrf}}), map[string]string{"Origin": ts.URL, "Sec-Fetch-Site": "same-origin"})
	if res.StatusCode != 200 || corrections(t, db, 1) != 1 {
		t.Fatalf("with token: %d %s", res.StatusCode, body)
	}
	res, _ = post(t, ts.URL+"/forms/1/review", url.Values{"status": {"reviewed"}}, map[string]string{"X-CSRF-Token": s.csrf})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review with token: %d", res.StatusCode)
	}
}

func TestCorrectionReply(t *testing.T) {
	ts, s, db := newServer(t, Options{Reviewer: "王芳"})
	rf, _ := review.Load(context.Background(), db, 7)
	field, i := "", 0
	for j, ind := range rf.Form.Indicators {
		if ind.Value == nil {
			field, i = "indicators["+strings.TrimSpace(string(rune('0'+j)))+"].value", j
			break
		}
	}
	if field == "" || i > 9 {
		t.Skip("fixture form 7 changed: no missing value among its first ten indicators")
	}
	hdr := map[string]string{"X-CSRF-Token": s.csrf}
	res, body := post(t, ts.URL+"/forms/7/corrections", url.Values{"field": {field}, "value": {"≥95%"}, "base": {""}}, hdr)
	var reply correctionReply
	if err := json.Unmarshal([]byte(body), &reply); err != nil || res.StatusCode != 200 {
		t.Fatalf("%d %s %v", res.StatusCode, body, err)
	}
	if !reply.Changed || !reply.Corrected || reply.Value != "≥95%" || reply.TargetKind != "quantity" || reply.Original != nil {
		t.Errorf("reply %+v", reply)
	}
	for _, c := range reply.RowFlags {
		if c == "value_missing" {
			t.Errorf("value_missing still on the row: %v", reply.RowFlags)
		}
	}
	// A second edit from a page that still shows the old value conflicts.
	res, body = post(t, ts.URL+"/forms/7/corrections", url.Values{"field": {field}, "value": {"1"}, "base": {""}}, hdr)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, "≥95%") {
		t.Errorf("stale edit: %d %s", res.StatusCode, body)
	}
	res, _ = post(t, ts.URL+"/forms/7/corrections", url.Values{"field": {"title"}, "value": {"1"}}, hdr)
	if res.StatusCode != http.StatusBadRequest {
		t.Errorf("uncorrectable field: %d", res.StatusCode)
	}
	res, _ = post(t, ts.URL+"/forms/9999/corrections", url.Values{"field": {"project_name"}, "value": {"1"}}, hdr)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("unknown form: %d", res.StatusCode)
	}
	// The form page shows the correction and the machine's reading.
	_, page := get(t, ts.Client(), ts.URL+"/forms/7")
	if !strings.Contains(page, `value="≥95%"`) || !strings.Contains(page, "corrected") || !strings.Contains(page, "quantity: ≥ 95 %") {
		t.Errorf("form page does not show the correction")
	}
}

func TestPathTraversalRefused(t *testing.T) {
	ts, _, _ := newServer(t, Options{Reviewer: "王芳"})
	for _, p := range []string{
		"/documents/../../../../etc/passwd",
		"/documents/1/pages/..%2f..%2f..%2f..%2fetc%2fpasswd",
		"/documents/..%2f..%2fetc%2fpasswd/pages/1",
		"/documents/%2e%2e/pages/1",
		"/documents/1/pages/1/../../../../web.go",
		"/documents/1/pages/-1",
		"/documents/0/pages/1",
		"/documents/99/pages/1",
		"/documents/1/pages/1?path=/etc/passwd", // document 1 is a text export: it has no pages
		"/static/../web.go",
		"/static/..%2fweb.go",
		"/static/%2e%2e/web.go",
	} {
		res, body := get(t, noRedirect, ts.URL+p)
		if res.StatusCode == 200 || strings.Contains(body, "root:") || strings.Contains(body, "package web") {
			t.Errorf("GET %s: %d, %.60q", p, res.StatusCode, body)
		}
	}
}

func TestChangedSourceNotShown(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "forms.txt")
	data, err := os.ReadFile("../../../fixtures/text/forms.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(src, data, 0o644)
	path := filepath.Join(dir, "t.db")
	ctx := context.Background()
	db, _ := store.Open(ctx, path)
	d, _ := extract.Read(ctx, src, data)
	db.SaveDocument(ctx, store.Document{Path: src, SHA256: d.SHA256, Kind: d.Kind, Size: d.Size}, d.Forms)
	db.Close()
	ts, _, _ := serverOn(t, path, Options{Reviewer: "a"})
	_, body := get(t, ts.Client(), ts.URL+"/forms/1")
	if !strings.Contains(body, `id="L1"`) {
		t.Fatalf("source lines not shown")
	}
	os.WriteFile(src, append(data, "\nchanged\n"...), 0o644)
	_, body = get(t, ts.Client(), ts.URL+"/forms/1")
	if strings.Contains(body, `id="L1"`) || !strings.Contains(body, "has changed since it was ingested") {
		t.Errorf("a changed source file is still shown")
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.db")
	testDB(t, path, "fixtures/text/forms.txt")
	ts, s, db := serverOn(t, path, Options{ReadOnly: true})
	// No reviewer needed to look.
	res, body := get(t, noRedirect, ts.URL+"/forms/1")
	if res.StatusCode != 200 || strings.Contains(body, `id="review-form"`) || !strings.Contains(body, "read-only") {
		t.Fatalf("read-only form page: %d", res.StatusCode)
	}
	hdr := map[string]string{"X-CSRF-Token": s.csrf}
	for _, p := range []string{"/forms/1/corrections", "/forms/1/review", "/reviewer"} {
		res, _ := post(t, ts.URL+p, url.Values{"field": {"project_name"}, "value": {"x"}, "status": {"reviewed"}, "name": {"x"}}, hdr)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("read-only POST %s: %d, want 403", p, res.StatusCode)
		}
	}
	if n := corrections(t, db, 1); n != 0 {
		t.Errorf("read-only stored %d corrections", n)
	}
}

func TestHostAndReviewer(t *testing.T) {
	ts, s, _ := newServer(t, Options{})
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "evil.example:80"
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("foreign Host: %d, want 403", res.StatusCode)
	}

	// Without --reviewer, the first visit asks for a name.
	res, _ = get(t, noRedirect, ts.URL+"/forms/3")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/reviewer?next=") {
		t.Fatalf("first visit: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = post(t, ts.URL+"/reviewer", url.Values{"csrf": {s.csrf}, "name": {" 李雷 "}, "next": {"//evil.example/"}}, nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("reviewer: %d, Location %q (want / : no open redirect)", res.StatusCode, res.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == reviewerCookie {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("reviewer cookie %+v", cookie)
	}
	req, _ = http.NewRequest("GET", ts.URL+"/forms/3", nil)
	req.AddCookie(cookie)
	res, err = noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(b), "李雷") {
		t.Errorf("with the cookie: %d", res.StatusCode)
	}
	if res, _ := post(t, ts.URL+"/reviewer", url.Values{"csrf": {s.csrf}, "name": {"a\x00b"}}, nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("control character in name: %d", res.StatusCode)
	}
}

func TestPDFPage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	path := filepath.Join(t.TempDir(), "t.db")
	testDB(t, path, "fixtures/pdf/genpdf-a.pdf")
	ts, _, _ := serverOn(t, path, Options{Reviewer: "a"})
	_, body := get(t, ts.Client(), ts.URL+"/forms/1")
	if !strings.Contains(body, `src="/documents/1/pages/1"`) {
		t.Fatalf("form page has no page image")
	}
	for i := 0; i < 2; i++ { // rendered, then cached
		res, img := get(t, ts.Client(), ts.URL+"/documents/1/pages/1")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(img, "\x89PNG") {
			t.Fatalf("page 1: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
	}
	if res, _ := get(t, ts.Client(), ts.URL+"/documents/1/pages/9999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("page beyond the end: %d", res.StatusCode)
	}
}

func TestListSearch(t *testing.T) {
	ts, _, _ := newServer(t, Options{Reviewer: "a"})
	_, body := get(t, ts.Client(), ts.URL+"/?q="+url.QueryEscape("警用装备"))
	if !strings.Contains(body, `href="/forms/7"`) {
		t.Errorf("search for 警用装备 does not list form 7")
	}
	_, body = get(t, ts.Client(), ts.URL+"/?q=zzzz-no-such")
	if !strings.Contains(body, "No form matches") {
		t.Errorf("search for nothing lists forms")
	}
	res, _ := get(t, noRedirect, ts.URL+"/next")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/forms/") {
		t.Errorf("next: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}

// TestImagePage serves scanned images as stored (PNG, JPEG) or converted
// (every page of a TIFF → PNG). The test stores documents of kind image by
// hand (no OCR).
func TestImagePage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"genpdf-a-016-017.tif", "genpdf-a-002.png", "genpdf-a-004.jpg"}
	for _, name := range files {
		p := filepath.Join("..", "..", "..", "fixtures", "scan", "small", name)
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := "x"
		f := jixiao.Form{Source: jixiao.Source{FormIndex: 1, PageFrom: 1, PageTo: 1}, ProjectName: &name}
		if _, _, err := db.SaveDocument(ctx, store.Document{Path: p, SHA256: extract.Hash(data), Kind: jixiao.KindImage, Size: int64(len(data))}, []jixiao.Form{f}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	ts, _, _ := serverOn(t, path, Options{Reviewer: "a"})
	for i, want := range []string{"image/png", "image/png", "image/jpeg"} {
		u := ts.URL + "/documents/" + strconv.Itoa(i+1) + "/pages/1"
		res, body := get(t, ts.Client(), u)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != want {
			t.Errorf("%s: %d %s, want %s", files[i], res.StatusCode, res.Header.Get("Content-Type"), want)
		}
		if want == "image/png" && !strings.HasPrefix(body, "\x89PNG") {
			t.Errorf("%s: not a PNG", files[i])
		}
		// The TIFF has two pages, each shown as a PNG; the others one.
		wantPage2, wantPage3 := http.StatusNotFound, http.StatusNotFound
		if i == 0 {
			wantPage2 = http.StatusOK
		}
		res2, body2 := get(t, ts.Client(), ts.URL+"/documents/"+strconv.Itoa(i+1)+"/pages/2")
		if res2.StatusCode != wantPage2 || (wantPage2 == http.StatusOK && !strings.HasPrefix(body2, "\x89PNG")) {
			t.Errorf("%s page 2: %d %s, want %d", files[i], res2.StatusCode, res2.Header.Get("Content-Type"), wantPage2)
		}
		if res, _ := get(t, ts.Client(), ts.URL+"/documents/"+strconv.Itoa(i+1)+"/pages/3"); res.StatusCode != wantPage3 {
			t.Errorf("%s page 3: %d", files[i], res.StatusCode)
		}
	}
	_, page := get(t, ts.Client(), ts.URL+"/forms/1")
	if !strings.Contains(page, `src="/documents/1/pages/1"`) {
		t.Errorf("form of an image shows no page image")
	}
}

// A page that was read turned upright is shown turned the same way, so
// that the record's boxes, in the turned image's pixels, fall on it.
func TestTurnedImagePage(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join("..", "..", "..", "fixtures", "scan", "small", "genpdf-a-002.png")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, turn := range []int{90, 180, 270} {
		name := "x"
		b := orig.Bounds()
		w, h := b.Dx(), b.Dy()
		if turn != 180 {
			w, h = h, w
		}
		f := jixiao.Form{Source: jixiao.Source{FormIndex: 1, PageFrom: 1, PageTo: 1}, ProjectName: &name,
			Pages: []jixiao.Page{{Page: 1, Width: float64(w), Height: float64(h), Unit: jixiao.UnitPixel, Turn: turn}}}
		// Three files, three hashes: the same image with bytes after its end.
		fp := filepath.Join(t.TempDir(), fmt.Sprintf("turned-%d.png", turn))
		fdata := append(slices.Clip(data), fmt.Sprintf("turn %d", turn)...)
		if err := os.WriteFile(fp, fdata, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SaveDocument(ctx, store.Document{Path: fp, SHA256: extract.Hash(fdata), Kind: jixiao.KindImage, Size: int64(len(fdata))}, []jixiao.Form{f}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	ts, _, _ := serverOn(t, path, Options{Reviewer: "a"})
	for i, turn := range []int{90, 180, 270} {
		res, body := get(t, ts.Client(), ts.URL+"/documents/"+strconv.Itoa(i+1)+"/pages/1")
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" {
			t.Fatalf("turn %d: %d %s", turn, res.StatusCode, res.Header.Get("Content-Type"))
		}
		got, err := png.Decode(strings.NewReader(body))
		if err != nil {
			t.Fatalf("turn %d: %v", turn, err)
		}
		want, err := scan.Rotate(orig, turn)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("turn %d: served %v, want %v", turn, got.Bounds(), want.Bounds())
		}
		for _, pt := range []image.Point{{10, 20}, {want.Bounds().Dx() / 3, want.Bounds().Dy() / 2}, {want.Bounds().Dx() - 5, want.Bounds().Dy() - 7}} {
			if g, w := color.GrayModel.Convert(got.At(pt.X, pt.Y)), color.GrayModel.Convert(want.At(pt.X, pt.Y)); g != w {
				t.Errorf("turn %d: pixel %v is %v, want %v", turn, pt, g, w)
			}
		}
	}
}

// TestOtherReadings: forms 3 and 4 of the text fixture share an identity
// key (the same project, department, unit, year and total), so each form
// page lists the other and where the two disagree; form 1 has no other
// reading.
func TestOtherReadings(t *testing.T) {
	ts, _, db := newServer(t, Options{Reviewer: "a"})
	others, chosen, err := db.Readings(context.Background(), 4)
	if err != nil || len(others) != 1 || others[0] != 3 || chosen != 3 {
		t.Fatalf("Readings(4) = %v, %d, %v", others, chosen, err)
	}
	ds, err := review.Disagreements(context.Background(), db, 4)
	if err != nil {
		t.Fatal(err)
	}
	_, body := get(t, ts.Client(), ts.URL+"/forms/4")
	if !strings.Contains(body, `id="readings"`) || !strings.Contains(body, `forms_distinct uses <a href="/forms/3">`) {
		t.Errorf("form 4 does not list its other reading, form 3")
	}
	for _, d := range ds {
		if !strings.Contains(body, "<td>"+d.Field+"</td>") {
			t.Errorf("form 4 does not show the disagreement on %s", d.Field)
		}
	}
	if _, body := get(t, ts.Client(), ts.URL+"/forms/1"); strings.Contains(body, `id="readings"`) {
		t.Errorf("form 1 lists other readings")
	}
}
