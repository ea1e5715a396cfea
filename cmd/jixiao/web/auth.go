package web

// Serving beyond loopback: which Host names are answered, and the login
// every visitor needs when the server has a token.
//
// A Server answers to the loopback names (localhost, 127.0.0.0/8, ::1)
// and to Options.AllowHosts; any other Host header is refused with 403,
// which defeats DNS rebinding (a page of evil.example whose name resolves
// to this machine still sends "Host: evil.example").
//
// With Options.Token, every request but GET /static/… and /login needs
// the session cookie that /login sets for the right token. The cookie is
// an HMAC of the token under a key drawn when the Server is made, so it
// does not reveal the token and is void once the server stops. There is
// one login for everyone who has the token; the reviewer's name is still
// asked (or given with --reviewer) for the audit trail.
//
// Limitations: no rate limit on wrong tokens (a 256-bit token cannot be
// guessed; each wrong one is logged); no logout other than stopping the
// server or closing the browser (the cookie is a browser-session cookie).

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const sessionCookie = "jixiao_session"

// MinTokenLen is the shortest Options.Token New accepts.
const MinTokenLen = 16

// NewToken returns a fresh login token: 32 bytes from crypto/rand,
// hex-encoded (64 characters). It fails only when the system's random
// source does.
func NewToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("web: login token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// CheckToken reports why tok cannot be an Options.Token: shorter than
// MinTokenLen, or holding a character other than a printable ASCII one
// (the token travels in a URL and a form). It returns nil for a good one.
func CheckToken(tok string) error {
	if len(tok) < MinTokenLen {
		return fmt.Errorf("token shorter than %d characters", MinTokenLen)
	}
	for _, c := range tok {
		if c <= ' ' || c >= 0x7f {
			return errors.New("token holds a space, control or non-ASCII character")
		}
	}
	return nil
}

// hostRule is one entry of Options.AllowHosts: a lower-case host name (no
// trailing dot) or IP address, and a port, "" for any.
type hostRule struct{ host, port string }

// CheckAllowHost reports why name cannot be an entry of
// Options.AllowHosts, nil when it can: a host name or IP address, with or
// without a port ("review.example.org", "review.example.org:8443",
// "10.0.0.5", "[2001:db8::1]:8080"), no scheme, path or white space.
func CheckAllowHost(name string) error {
	_, err := parseHost(name)
	return err
}

func parseHost(name string) (hostRule, error) {
	host, port := splitHost(name)
	host = normHost(host)
	if host == "" {
		return hostRule{}, fmt.Errorf("allowed host %q: no host name", name)
	}
	if port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return hostRule{}, fmt.Errorf("allowed host %q: bad port %q", name, port)
		}
	}
	if net.ParseIP(host) == nil {
		if len(host) > 253 || strings.ContainsFunc(host, func(c rune) bool {
			return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')
		}) {
			return hostRule{}, fmt.Errorf("allowed host %q: not a host name (letters, digits, '-', '.'; no scheme or path)", name)
		}
	}
	return hostRule{host, port}, nil
}

// splitHost splits "host:port", "[v6]:port", "host", "[v6]" or "v6" into
// host and port ("" when absent).
func splitHost(hostport string) (host, port string) {
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		return h, p
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]"), ""
}

// normHost lower-cases a host name and drops a trailing dot.
func normHost(h string) string {
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// hostAllowed reports whether the Host header of r names this server: a
// loopback name, or an entry of Options.AllowHosts (an entry without a
// port matches any port; a Host without a port has port 80, or 443 over
// TLS).
func (s *Server) hostAllowed(r *http.Request) bool {
	if loopbackHost(r.Host) {
		return true
	}
	host, port := splitHost(r.Host)
	host = normHost(host)
	if port == "" {
		port = "80"
		if r.TLS != nil {
			port = "443"
		}
	}
	for _, a := range s.hosts {
		if a.host == host && (a.port == "" || a.port == port) {
			return true
		}
	}
	return false
}

// sessionValue returns the session cookie's value for token under key:
// hex(HMAC-SHA256(key, token)).
func sessionValue(key []byte, token string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// loggedIn reports whether r may see the workbench: always without a
// Token, else when it carries the session cookie (compared in constant
// time).
func (s *Server) loggedIn(r *http.Request) bool {
	if s.opt.Token == "" {
		return true
	}
	c, err := r.Cookie(sessionCookie)
	return err == nil && subtle.ConstantTimeCompare([]byte(c.Value), []byte(s.session)) == 1
}

// loginFree reports whether r is answered without a login: GET (or HEAD)
// of a static file, and /login itself.
func loginFree(r *http.Request) bool {
	if r.URL.Path == "/login" {
		return true
	}
	return (r.Method == http.MethodGet || r.Method == http.MethodHead) && strings.HasPrefix(r.URL.Path, "/static/")
}

// requireLogin answers a request that needs a login and has none, and
// reports whether it did: a GET (or HEAD) is sent to /login with the page
// as next, anything else is refused with 403.
func (s *Server) requireLogin(w http.ResponseWriter, r *http.Request) bool {
	if loginFree(r) || s.loggedIn(r) {
		return false
	}
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return true
	}
	http.Error(w, "forbidden: log in first (open the login address jixiao serve printed)", http.StatusForbidden)
	return true
}

// loginPage is the data of login.html.
type loginPage struct {
	page
	Next  string
	Error string
}

// handleLogin logs a visitor in: GET /login?token=T (the address jixiao
// serve prints) or POST /login with the form fields token and next. The
// right token sets the session cookie and redirects to next (a path of
// this site, else /); a wrong one is logged and answered with 403 and the
// form again; no token shows the form (or redirects when already logged
// in). Without a Token it only redirects.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	tok, next := q.Get("token"), q.Get("next")
	if r.Method == http.MethodPost {
		tok, next = r.PostFormValue("token"), r.PostFormValue("next")
	}
	next = localPath(next)
	if s.opt.Token == "" || tok == "" && s.loggedIn(r) {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	p := loginPage{page: s.page(r, "Log in"), Next: next}
	if tok == "" {
		s.render(w, "login.html", p)
		return
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.opt.Token)) != 1 {
		s.opt.Log.Printf("jixiao serve: wrong login token from %s", r.RemoteAddr)
		p.Error = "Wrong token. Use the login address jixiao serve printed when it started."
		s.renderStatus(w, http.StatusForbidden, "login.html", p)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: s.session, Path: "/",
		HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// localPath returns next when it is a path of this site, else "/", so
// that the reviewer and login pages redirect nowhere else: next must start
// with a single "/" (not "//" or "/\", which browsers read as another
// host), be valid UTF-8 without control, format or white-space characters
// ("/\t/evil.com" is refused: browsers drop the tab), and parse as a URL
// without scheme, host or user.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		!utf8.ValidString(next) || strings.ContainsFunc(next, func(c rune) bool {
		return unicode.IsControl(c) || unicode.IsSpace(c) || unicode.Is(unicode.Cf, c)
	}) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return "/"
	}
	return next
}
