package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"jixiao"
	"jixiao/review"
	"jixiao/store"
)

func TestServeUsage(t *testing.T) {
	code, out, _ := runCLI(t, "", "serve", "--help")
	if code != 0 || !strings.Contains(out, "Examples:") || !strings.Contains(out, "--read-only") {
		t.Errorf("serve --help: %d %q", code, out)
	}
	if code, _, _ := runCLI(t, "", "serve", "--addr", "nonsense"); code != exitUsage {
		t.Errorf("bad --addr: exit %d", code)
	}
	if code, _, _ := runCLI(t, "", "serve", "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d", code)
	}
	if code, _, errOut := runCLI(t, "", "serve", "--db", filepath.Join(t.TempDir(), "none.db")); code != exitSomeFailed || !strings.Contains(errOut, "no database") {
		t.Errorf("missing database: exit %d %q", code, errOut)
	}
}

// TestServeAllowHostUsage checks the usage errors of serving beyond
// loopback; none of them gets as far as the database.
func TestServeAllowHostUsage(t *testing.T) {
	none := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"all interfaces", []string{"--addr", "0.0.0.0:8080"}, "--allow-host"},
		{"empty host", []string{"--addr", ":8080"}, "--allow-host"},
		{"IPv6 all interfaces", []string{"--addr", "[::]:8080"}, "--allow-host"},
		{"LAN address", []string{"--addr", "192.168.1.5:8080"}, "--allow-host"},
		{"host name", []string{"--addr", "review.example.org:8080"}, "--allow-host"},
		{"empty allowed host", []string{"--addr", "0.0.0.0:0", "--allow-host", ""}, "allow-host"},
		{"scheme in allowed host", []string{"--addr", "0.0.0.0:0", "--allow-host", "http://review.example.org"}, "allow-host"},
		{"bad entry in a list", []string{"--addr", "0.0.0.0:0", "--allow-host", "review.example.org,a/b"}, "allow-host"},
		{"short token", []string{"--addr", "0.0.0.0:0", "--allow-host", "review.example.org", "--token", "short"}, "--token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"serve", "--db", none}, tc.args...)
			code, _, errOut := runCLI(t, "", args...)
			if code != exitUsage || !strings.Contains(errOut, tc.want) {
				t.Errorf("serve %v: exit %d %q, want %d and %q", tc.args, code, errOut, exitUsage, tc.want)
			}
		})
	}
}

// startServe runs jixiao serve with args and returns its start-up line and
// a function that stops it as Ctrl-C would and checks it exits 0.
func startServe(t *testing.T, args ...string) (line string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve"}, args...), strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	return line, func() {
		t.Helper()
		cancel()
		select {
		case code := <-done:
			if code != exitOK {
				t.Errorf("exit %d after Ctrl-C", code)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
		}
	}
}

// TestServeLogin starts the command with --allow-host (on loopback, as
// behind a reverse proxy, so the test opens no port to the network) and
// logs in with the address it prints.
func TestServeLogin(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	const fixed = "a-token-for-scripts-0123456789"
	tests := []struct {
		name  string
		args  []string
		token string // "" for a random one
	}{
		{"random token", []string{"--allow-host", "review.example.org", "--allow-host", "other.example"}, ""},
		{"given token", []string{"--allow-host", "review.example.org,other.example", "--token", fixed}, fixed},
	}
	loginRE := regexp.MustCompile(`http://review\.example\.org:(\d+)/login\?token=(\S+?);`)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			line, stop := startServe(t, append([]string{"--db", dbPath, "--addr", "127.0.0.1:0", "--reviewer", "测试"}, tc.args...)...)
			defer stop()
			m := loginRE.FindStringSubmatch(line)
			if m == nil {
				t.Fatalf("no login address in %q", line)
			}
			port, tok := m[1], m[2]
			if tc.token != "" && tok != tc.token || tc.token == "" && !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(tok) {
				t.Fatalf("token %q in %q", tok, line)
			}
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			fetch := func(host, path string, cookies ...*http.Cookie) *http.Response {
				t.Helper()
				req, _ := http.NewRequest("GET", "http://127.0.0.1:"+port+path, nil)
				req.Host = host
				for _, c := range cookies {
					req.AddCookie(c)
				}
				res, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				return res
			}
			host := "review.example.org:" + port
			if res := fetch("evil.example:"+port, "/"); res.StatusCode != http.StatusForbidden {
				t.Errorf("rebinding Host: %d, want 403", res.StatusCode)
			}
			if res := fetch(host, "/"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
				t.Errorf("without login: %d %q", res.StatusCode, res.Header.Get("Location"))
			}
			if res := fetch(host, "/login?token=wrong"); res.StatusCode != http.StatusForbidden {
				t.Errorf("wrong token: %d", res.StatusCode)
			}
			res := fetch(host, "/login?token="+tok)
			if res.StatusCode != http.StatusSeeOther || len(res.Cookies()) == 0 {
				t.Fatalf("login: %d, cookies %v", res.StatusCode, res.Cookies())
			}
			for _, h := range []string{host, "other.example", "localhost:" + port} {
				if res := fetch(h, "/", res.Cookies()...); res.StatusCode != http.StatusOK {
					t.Errorf("Host %s after login: %d", h, res.StatusCode)
				}
			}
		})
	}
}

// TestServeRuns starts the command on a free loopback port, fetches the
// list and stops it as Ctrl-C would.
func TestServeRuns(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "s.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	for _, ro := range []bool{false, true} {
		args := []string{"--db", dbPath, "--addr", "127.0.0.1:0", "--reviewer", "测试"}
		if ro {
			args = append(args, "--read-only")
		}
		line, stop := startServe(t, args...)
		u := regexp.MustCompile(`http://[0-9.:]+/`).FindString(line)
		if u == "" {
			stop()
			t.Fatalf("no address in %q", line)
		}
		res, err := http.Get(u)
		if err != nil {
			stop()
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("read-only %v: GET / = %d", ro, res.StatusCode)
		}
		stop()
	}
}

// TestExportShowsCorrections makes the corrections of the end-to-end test
// through the store (no browser) and checks the audit tables and export.
func TestExportShowsCorrections(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "x.db")
	if code, _, errOut := runCLI(t, "", "ingest", "--db", dbPath, "../../fixtures/text/forms.txt"); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.SearchForms(ctx, store.ListQuery{Flag: "value_missing", Sort: "id"})
	if err != nil || len(res.Forms) == 0 {
		t.Fatalf("no form with a missing value: %v", err)
	}
	r, err := review.Load(ctx, db, res.Forms[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	missing := ""
	for _, fl := range r.Form.Flags {
		if fl.Code == "value_missing" && missing == "" {
			missing = fl.Field
		}
	}
	first := "indicators[0].value"
	if missing == first || r.Form.Indicators[0].Value == nil {
		t.Skip("the first form with a missing value misses its first value")
	}
	firstBefore := *r.Form.Indicators[0].Value
	for _, e := range []review.Edit{{Field: missing, Value: "≥95%"}, {Field: first, Value: "1400件"}} {
		e.FormID, e.Reviewer = r.Form.ID, "王芳"
		if _, _, err := review.Correct(ctx, db, e); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := review.Mark(ctx, db, r.Form.ID, jixiao.StatusReviewed, "王芳"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	id := strconv.FormatInt(r.Form.ID, 10)
	checkAudit(t, dbPath, id, missing, first, firstBefore)
	checkExport(t, dbPath, id, missing, first, firstBefore)
}
