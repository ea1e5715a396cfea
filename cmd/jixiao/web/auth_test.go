package web

import (
	"bytes"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const testToken = "0123456789abcdef0123456789abcdef"

// do sends a request with the given Host header and cookies, without
// following redirects.
func do(t *testing.T, method, u, host string, form url.Values, header map[string]string, cookies ...*http.Cookie) (*http.Response, string) {
	t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if host != "" {
		req.Host = host
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	return res, b.String()
}

func TestAllowHosts(t *testing.T) {
	tests := []struct {
		name      string
		allow     []string
		host      string
		forbidden bool
	}{
		{"loopback only: loopback", nil, "127.0.0.1:8080", false},
		{"loopback only: localhost", nil, "localhost", false},
		{"loopback only: rebinding", nil, "evil.example", true},
		{"allowed", []string{"review.example.org"}, "review.example.org", false},
		{"allowed with any port", []string{"review.example.org"}, "review.example.org:8080", false},
		{"allowed, other case, trailing dot", []string{"review.example.org"}, "REVIEW.Example.org.", false},
		{"allowed with its port", []string{"10.0.0.5:8443"}, "10.0.0.5:8443", false},
		{"allowed port 80, Host without port", []string{"review.example.org:80"}, "review.example.org", false},
		{"allowed IPv6", []string{"[2001:db8::1]:8080"}, "[2001:db8::1]:8080", false},
		{"loopback besides allowed", []string{"review.example.org"}, "localhost:8080", false},
		{"other port", []string{"10.0.0.5:8443"}, "10.0.0.5:9000", true},
		{"rebinding", []string{"review.example.org"}, "evil.example", true},
		{"rebinding with port", []string{"review.example.org"}, "evil.example:8080", true},
		{"suffix of allowed", []string{"review.example.org"}, "review.example.org.evil.example", true},
		{"prefix of allowed", []string{"review.example.org"}, "evilreview.example.org", true},
		{"empty Host", []string{"review.example.org"}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := Options{Reviewer: "王芳", AllowHosts: tc.allow}
			if tc.allow != nil {
				opt.Token = testToken
			}
			_, s, _ := newServer(t, opt)
			req := httptest.NewRequest("GET", "/static/app.css", nil)
			req.Host = tc.host
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if got := w.Code == http.StatusForbidden; got != tc.forbidden {
				t.Errorf("Host %q: %d, forbidden %v, want %v", tc.host, w.Code, got, tc.forbidden)
			}
		})
	}
}

func TestNewRefusesBadAuthOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Options
	}{
		{"hosts without token", Options{AllowHosts: []string{"review.example.org"}}},
		{"short token", Options{Token: "short"}},
		{"token with space", Options{Token: "0123456789 abcdef0123"}},
		{"empty host", Options{AllowHosts: []string{""}, Token: testToken}},
		{"scheme", Options{AllowHosts: []string{"http://review.example.org"}, Token: testToken}},
		{"path", Options{AllowHosts: []string{"review.example.org/x"}, Token: testToken}},
		{"space", Options{AllowHosts: []string{"review example.org"}, Token: testToken}},
		{"bad port", Options{AllowHosts: []string{"review.example.org:http"}, Token: testToken}},
		{"port out of range", Options{AllowHosts: []string{"review.example.org:70000"}, Token: testToken}},
	}
	_, _, db := newServer(t, Options{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.DB = db
			if _, err := New(tc.opt); err == nil {
				t.Errorf("New(%+v) did not fail", tc.opt)
			}
		})
	}
	if tok, err := NewToken(); err != nil || len(tok) != 64 || CheckToken(tok) != nil {
		t.Errorf("NewToken: %q %v", tok, err)
	}
}

// TestLogin walks through the login a server reached beyond loopback asks
// for.
func TestLogin(t *testing.T) {
	var logged bytes.Buffer
	ts, s, _ := newServer(t, Options{Reviewer: "王芳", AllowHosts: []string{"review.example.org"}, Token: testToken, Log: log.New(&logged, "", 0)})
	const host = "review.example.org:8080"
	get := func(path string, cookies ...*http.Cookie) (*http.Response, string) {
		t.Helper()
		return do(t, "GET", ts.URL+path, host, nil, nil, cookies...)
	}

	// Without the cookie: pages redirect to /login, changes are refused,
	// static files load, and no page gives away the CSRF token.
	for _, tc := range []struct{ path, location string }{
		{"/", "/login?next=%2F"},
		{"/forms/3", "/login?next=%2Fforms%2F3"},
		{"/forms/3/next", "/login?next=%2Fforms%2F3%2Fnext"},
		{"/reviewer", "/login?next=%2Freviewer"},
		{"/documents/1/pages/1", "/login?next=%2Fdocuments%2F1%2Fpages%2F1"},
	} {
		res, _ := get(tc.path)
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tc.location {
			t.Errorf("GET %s without login: %d %q, want 303 %q", tc.path, res.StatusCode, res.Header.Get("Location"), tc.location)
		}
	}
	if res, _ := get("/static/app.js"); res.StatusCode != http.StatusOK {
		t.Errorf("static file without login: %d", res.StatusCode)
	}
	res, body := get("/login?next=/forms/3")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="token"`) || strings.Contains(body, s.csrf) {
		t.Errorf("login page: %d, has the form %v, gives the CSRF token %v", res.StatusCode, strings.Contains(body, `name="token"`), strings.Contains(body, s.csrf))
	}
	withCSRF := url.Values{"csrf": {s.csrf}, "status": {"reviewed"}}
	if res, _ := do(t, "POST", ts.URL+"/forms/1/review", host, withCSRF, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST without login: %d, want 403", res.StatusCode)
	}
	forged := &http.Cookie{Name: sessionCookie, Value: strings.Repeat("0", len(s.session))}
	if res, _ := get("/", forged); res.StatusCode != http.StatusSeeOther {
		t.Errorf("forged session cookie: %d, want 303", res.StatusCode)
	}

	// A wrong token: 403, logged, no cookie.
	for _, tok := range []string{"wrong", testToken[:len(testToken)-1], testToken + "0", strings.ToUpper(testToken)} {
		res, _ := get("/login?token=" + url.QueryEscape(tok))
		if res.StatusCode != http.StatusForbidden || len(res.Cookies()) != 0 {
			t.Errorf("wrong token %q: %d, cookies %v", tok, res.StatusCode, res.Cookies())
		}
	}
	if !strings.Contains(logged.String(), "wrong login token") {
		t.Errorf("wrong token not logged: %q", logged.String())
	}
	if res, _ := do(t, "POST", ts.URL+"/login", host, url.Values{"token": {"wrong"}}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST wrong token: %d", res.StatusCode)
	}

	// The right token: a session cookie, and a redirect to next.
	res, _ = get("/login?token=" + testToken + "&next=" + url.QueryEscape("/forms/3"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/forms/3" {
		t.Fatalf("login: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	cookie := sessionOf(res)
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" || cookie.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, Path=/, not Secure over HTTP", cookie)
	}
	if strings.Contains(cookie.Value, testToken) {
		t.Errorf("the cookie shows the token")
	}
	res, body = get("/forms/3", cookie)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, s.csrf) {
		t.Errorf("form page after login: %d, has the CSRF token %v", res.StatusCode, strings.Contains(body, s.csrf))
	}
	if res, _ := get("/login", cookie); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/" {
		t.Errorf("login page when logged in: %d %q", res.StatusCode, res.Header.Get("Location"))
	}

	// Logged in, a change still needs the CSRF token.
	if res, _ := do(t, "POST", ts.URL+"/forms/1/review", host, url.Values{"status": {"reviewed"}}, nil, cookie); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST with cookie, no CSRF: %d, want 403", res.StatusCode)
	}
	if res, _ := do(t, "POST", ts.URL+"/forms/1/review", host, withCSRF, nil, cookie); res.StatusCode != http.StatusSeeOther {
		t.Errorf("POST with cookie and CSRF: %d, want 303", res.StatusCode)
	}

	// The login form: same origin only.
	form := url.Values{"token": {testToken}, "next": {"/forms/2"}}
	res, _ = do(t, "POST", ts.URL+"/login", host, form, map[string]string{"Origin": "http://" + host})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/forms/2" || sessionOf(res) == nil {
		t.Errorf("POST login: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	res, _ = do(t, "POST", ts.URL+"/login", host, form, map[string]string{"Origin": "http://evil.example"})
	if res.StatusCode != http.StatusForbidden || sessionOf(res) != nil {
		t.Errorf("cross-origin POST login: %d", res.StatusCode)
	}
}

// TestLoginReadOnly checks that the login form works in read-only mode,
// where every other POST is refused.
func TestLoginReadOnly(t *testing.T) {
	ts, _, _ := newServer(t, Options{ReadOnly: true, AllowHosts: []string{"review.example.org"}, Token: testToken})
	res, _ := do(t, "POST", ts.URL+"/login", "review.example.org", url.Values{"token": {testToken}}, nil)
	if res.StatusCode != http.StatusSeeOther || sessionOf(res) == nil {
		t.Fatalf("read-only login: %d", res.StatusCode)
	}
	if res, _ := do(t, "GET", ts.URL+"/", "review.example.org", nil, nil, sessionOf(res)); res.StatusCode != http.StatusOK {
		t.Errorf("read-only list after login: %d", res.StatusCode)
	}
}

// TestLoopbackNeedsNoLogin checks that on loopback without a Token there is
// no login.
func TestLoopbackNeedsNoLogin(t *testing.T) {
	ts, _, _ := newServer(t, Options{Reviewer: "王芳"})
	if res, _ := do(t, "GET", ts.URL+"/forms/3", "", nil, nil); res.StatusCode != http.StatusOK {
		t.Errorf("loopback without login: %d", res.StatusCode)
	}
	if res, _ := do(t, "GET", ts.URL+"/login?next=/forms/3", "", nil, nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/forms/3" {
		t.Errorf("login page without Token: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func sessionOf(res *http.Response) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == sessionCookie {
			return c
		}
	}
	return nil
}

func TestNextPath(t *testing.T) {
	tests := []struct{ next, want string }{
		{"/forms/3", "/forms/3"},
		{"/", "/"},
		{"/?q=%E6%95%99%E8%82%B2&flag=value_missing", "/?q=%E6%95%99%E8%82%B2&flag=value_missing"},
		{"/forms/3/next", "/forms/3/next"},
		{"//evil.com", "/"},
		{"///evil.com", "/"},
		{"/\\evil.com", "/"},
		{"/\t/evil.com", "/"},
		{"/\n/evil.com", "/"},
		{"/ /evil.com", "/"},
		{"/\u3000/evil.com", "/"},
		{"/\u202e/evil.com", "/"},
		{"/\xff", "/"},
		{"https://evil.com", "/"},
		{"https:/evil.com", "/"},
		{"javascript:alert(1)", "/"},
		{"evil.com", "/"},
		{"forms/3", "/"},
		{"", "/"},
	}
	for _, tc := range tests {
		if got := localPath(tc.next); got != tc.want {
			t.Errorf("localPath(%q) = %q, want %q", tc.next, got, tc.want)
		}
	}

	// Through the pages: raw query values as a link would carry them
	// (%09 decodes to a tab).
	ts, s, _ := newServer(t, Options{AllowHosts: []string{"review.example.org"}, Token: testToken})
	raw := []struct{ query, want string }{
		{"/forms/3", "/forms/3"},
		{"%2Fforms%2F3", "/forms/3"},
		{"//evil.com", "/"},
		{"%2F%2Fevil.com", "/"},
		{"/%5Cevil.com", "/"},
		{"/%09/evil.com", "/"},
		{"/%0d%0aSet-Cookie:x=1", "/"},
		{"https://evil.com", "/"},
		{"javascript:alert(1)", "/"},
		{"", "/"},
	}
	for _, tc := range raw {
		res, _ := do(t, "GET", ts.URL+"/login?token="+testToken+"&next="+tc.query, "review.example.org", nil, nil)
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != tc.want {
			t.Errorf("login next=%s: %d %q, want %q", tc.query, res.StatusCode, got, tc.want)
		}
		cookie := sessionOf(res)
		res, _ = do(t, "POST", ts.URL+"/reviewer", "review.example.org",
			url.Values{"csrf": {s.csrf}, "name": {"李雷"}, "next": {mustUnescape(t, tc.query)}}, nil, cookie)
		if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != tc.want {
			t.Errorf("reviewer next=%s: %d %q, want %q", tc.query, res.StatusCode, got, tc.want)
		}
		_, body := do(t, "GET", ts.URL+"/reviewer?next="+tc.query, "review.example.org", nil, nil, cookie)
		if !strings.Contains(body, `name="next" value="`+tc.want+`"`) {
			t.Errorf("reviewer page next=%s: the form does not carry %q", tc.query, tc.want)
		}
	}
}

func mustUnescape(t *testing.T, q string) string {
	t.Helper()
	v, err := url.QueryUnescape(q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
