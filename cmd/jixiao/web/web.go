// Package web is the review workbench of jixiao serve: a local web app in
// which an archivist checks what the machine read from each form against its
// source, corrects fields in place and signs forms off.
//
// Pages: the list of forms (search, facets, most flags first), and a form
// page with the record beside its source (the lines of a text export; the
// page images of a PDF or scan, with the focused and the flagged fields
// outlined). Corrections go to the database's audit trail (review.Correct);
// the stored reading is never overwritten.
//
// Security: document text is untrusted and always escaped (html/template),
// and a Content-Security-Policy forbids inline scripts; every state change
// is a POST carrying the server's CSRF token, from the same origin; the
// Host header must be a loopback name or one of Options.AllowHosts (DNS
// rebinding); with Options.Token every page needs a login (see auth.go:
// a session cookie set by /login for the right token, HttpOnly and
// SameSite=Strict); redirects after the reviewer and login pages go only
// to paths of this site (localPath); source files are served only for
// documents of the database, by id, and only while their SHA-256 still
// matches; in read-only mode every POST is refused.
//
// Limitations: a field wrapped onto a second page is outlined on its first
// page only; a PDF page is rendered at one resolution (pdfDPI), not again
// for each zoom level.
package web

import (
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"jixiao/store"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Options configure a Server.
type Options struct {
	DB       *store.DB // the database; opened read-only when ReadOnly
	ReadOnly bool      // refuse every change
	// Reviewer is the name corrections are stored under. When empty, the
	// first visit asks for a name and keeps it in a cookie.
	Reviewer string
	// AllowHosts are the Host header values answered besides the loopback
	// names (which always are): host names or IP addresses, each with an
	// optional port ("review.example.org", "10.0.0.5:8443"); without a
	// port any port matches. Names compare case-insensitively. Any other
	// Host is refused with 403, which defeats DNS rebinding. Empty means
	// loopback names only. New fails on a malformed entry (see
	// CheckAllowHost), and when AllowHosts is set without a Token.
	AllowHosts []string
	// Token, when not empty, makes every request but GET /static/… and
	// /login need a login: /login?token=Token sets a session cookie. New
	// fails when it is shorter than MinTokenLen or not printable ASCII
	// (see CheckToken; NewToken makes a good one).
	Token string
	// BaseDir resolves relative document paths (the paths as given to
	// jixiao ingest); "" means the working directory.
	BaseDir string
	// CacheDir holds rendered PDF pages; "" means a jixiao-pages directory
	// under the user's cache directory (or the temporary directory).
	CacheDir string
	// Pdftoppm is the pdftoppm program (poppler-utils); "" means "pdftoppm".
	Pdftoppm string
	// Log receives errors that are not the client's fault; nil means the
	// standard logger.
	Log *log.Logger
}

// Server is the review workbench, an http.Handler. It is safe for
// concurrent use.
type Server struct {
	opt     Options
	csrf    string     // the token every POST must carry
	hosts   []hostRule // Options.AllowHosts, parsed
	session string     // the session cookie's value when Options.Token is set
	tmpl    map[string]*template.Template
	mux     *http.ServeMux
	files   *fileCache
	pages   sync.Mutex // serialises page rendering (one pdftoppm at a time)
}

// New returns a Server for opt. It fails when opt.DB is nil, an entry of
// opt.AllowHosts is malformed, opt.AllowHosts is set without opt.Token,
// opt.Token is not a good token, or the templates do not parse.
func New(opt Options) (*Server, error) {
	if opt.DB == nil {
		return nil, errors.New("web: no database")
	}
	if opt.Log == nil {
		opt.Log = log.Default()
	}
	if opt.Pdftoppm == "" {
		opt.Pdftoppm = "pdftoppm"
	}
	if opt.CacheDir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		opt.CacheDir = filepath.Join(dir, "jixiao-pages")
	}
	opt.Reviewer = strings.TrimSpace(opt.Reviewer)
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("web: csrf token: %w", err)
	}
	s := &Server{opt: opt, csrf: hex.EncodeToString(b), files: newFileCache(8)}
	for _, h := range opt.AllowHosts {
		rule, err := parseHost(h)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		s.hosts = append(s.hosts, rule)
	}
	if len(s.hosts) > 0 && opt.Token == "" {
		return nil, errors.New("web: AllowHosts without a Token: beyond loopback every visitor must log in")
	}
	if opt.Token != "" {
		if err := CheckToken(opt.Token); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("web: session key: %w", err)
		}
		s.session = sessionValue(key, opt.Token)
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) parseTemplates() error {
	s.tmpl = map[string]*template.Template{}
	for _, page := range []string{"list.html", "form.html", "reviewer.html", "login.html", "error.html"} {
		t, err := template.New(page).Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/"+page)
		if err != nil {
			return fmt.Errorf("web: template %s: %w", page, err)
		}
		s.tmpl[page] = t
	}
	return nil
}

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFiles, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.needReviewer(s.handleList))
	m.HandleFunc("GET /next", s.needReviewer(s.handleNext))
	m.HandleFunc("GET /forms/{id}", s.needReviewer(s.handleForm))
	m.HandleFunc("GET /forms/{id}/next", s.needReviewer(s.handleNext))
	m.HandleFunc("POST /forms/{id}/corrections", s.handleCorrect)
	m.HandleFunc("POST /forms/{id}/review", s.handleReview)
	m.HandleFunc("GET /reviewer", s.handleReviewerPage)
	m.HandleFunc("POST /reviewer", s.handleReviewerSet)
	m.HandleFunc("GET /documents/{id}/pages/{page}", s.handlePage)
	m.HandleFunc("GET /login", s.handleLogin)
	m.HandleFunc("POST /login", s.handleLogin)
	s.mux = m
}

// ServeHTTP sets the security headers, checks the Host header and the
// login (with a Token), refuses state changes without the CSRF token (and
// all of them in read-only mode), and dispatches. A POST to /login needs
// no CSRF token (the login token stands in for it; the page asking for it
// has none to give) but must still come from the same origin, and is
// allowed in read-only mode.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin") // not no-referrer: then browsers send "Origin: null"
	h.Set("X-Frame-Options", "DENY")
	if !s.hostAllowed(r) {
		http.Error(w, "forbidden host (jixiao serve answers to loopback names and --allow-host only)", http.StatusForbidden)
		return
	}
	if s.requireLogin(w, r) {
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		login := r.URL.Path == "/login"
		if s.opt.ReadOnly && !login {
			http.Error(w, "read-only: the workbench was started with --read-only", http.StatusForbidden)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		check := s.checkCSRF
		if login {
			check = sameOrigin
		}
		if err := check(r); err != nil {
			http.Error(w, "forbidden: "+err.Error(), http.StatusForbidden)
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// checkCSRF accepts a state change only from a page of this server: the
// token in the csrf form field or the X-CSRF-Token header, and no
// cross-site Origin or Sec-Fetch-Site.
func (s *Server) checkCSRF(r *http.Request) error {
	if err := sameOrigin(r); err != nil {
		return err
	}
	tok := r.Header.Get("X-CSRF-Token")
	if tok == "" {
		tok = r.PostFormValue("csrf")
	}
	if subtle.ConstantTimeCompare([]byte(tok), []byte(s.csrf)) != 1 {
		return errors.New("missing or wrong CSRF token (reload the page)")
	}
	return nil
}

// sameOrigin refuses a request that says it comes from another site: a
// Sec-Fetch-Site other than same-origin or none, or an Origin whose host
// is not the request's Host.
func sameOrigin(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		return fmt.Errorf("cross-site request (%s)", site)
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return errors.New("cross-origin request")
		}
	}
	return nil
}

// loopbackHost reports whether the host of a Host header is localhost or a
// loopback address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

const reviewerCookie = "jixiao_reviewer"

// reviewer returns the reviewer's name: the one given at start, else the
// one kept in the cookie; "" when none.
func (s *Server) reviewer(r *http.Request) string {
	if s.opt.Reviewer != "" {
		return s.opt.Reviewer
	}
	c, err := r.Cookie(reviewerCookie)
	if err != nil {
		return ""
	}
	name, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return cleanName(name)
}

// cleanName returns name trimmed, or "" when it is empty, longer than 80
// characters or holds control characters.
func cleanName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 80 || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return ""
	}
	return name
}

// needReviewer sends a visitor without a reviewer name to the page that
// asks for one (not in read-only mode, where nothing is signed).
func (s *Server) needReviewer(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.opt.ReadOnly && s.reviewer(r) == "" {
			http.Redirect(w, r, "/reviewer?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}

// page is what every template gets.
type page struct {
	Title    string
	Reviewer string
	ReadOnly bool
	CSRF     string // "" before the login: a visitor without one gets no token
	FixedRev bool   // the reviewer was given at start
}

func (s *Server) page(r *http.Request, title string) page {
	p := page{Title: title, Reviewer: s.reviewer(r), ReadOnly: s.opt.ReadOnly, FixedRev: s.opt.Reviewer != ""}
	if s.loggedIn(r) {
		p.CSRF = s.csrf
	}
	return p
}

// render executes template name with data; a failure is logged and answered
// with a 500.
func (s *Server) render(w http.ResponseWriter, name string, data any) {
	s.renderStatus(w, http.StatusOK, name, data)
}

// renderStatus is render with another status than 200.
func (s *Server) renderStatus(w http.ResponseWriter, status int, name string, data any) {
	var b strings.Builder
	if err := s.tmpl[name].ExecuteTemplate(&b, "layout", data); err != nil {
		s.opt.Log.Printf("jixiao serve: render %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprint(w, b.String())
}

// fail answers with an error page: status and a message for the user.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	data := struct {
		page
		Status  int
		Message string
	}{s.page(r, http.StatusText(status)), status, msg}
	s.renderStatus(w, status, "error.html", data)
}
