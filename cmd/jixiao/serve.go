package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"jixiao/cmd/jixiao/web"
	"jixiao/store"
)

const serveHelp = `
Usage: jixiao serve [--db FILE] [--addr HOST:PORT] [--allow-host NAME]... [--reviewer NAME] [--read-only]

Starts the review workbench, a local web app: the list of forms (search,
facets, most flags first) and, for each form, the record beside its source
(the lines of a text export, the page images of a PDF or scan). Correct any
field in place (Enter saves and moves on, Esc undoes, Ctrl+Enter marks the
form reviewed and opens the next form with open flags). Corrections are kept
as an audit trail under the reviewer's name; what the machine read is never
overwritten, and 'jixiao export' shows the corrected values beside the
original ones.

The workbench listens on loopback only unless --addr names another address,
and refuses requests whose Host is not a loopback name (DNS rebinding).
To listen beyond loopback (--addr 0.0.0.0:8080, :8080, a LAN address),
name the Host names it answers to with --allow-host (repeatable or
comma-separated; "name" matches any port, "name:port" only that one):
every other Host is refused. Then a login is required: the start-up line
shows the address to open, http://NAME:PORT/login?token=…, with a random
token (or the one given with --token); it sets a session cookie that lasts
until the server stops or the browser closes. --allow-host or --token on a
loopback address (behind a reverse proxy) require the login too. Serve it
over HTTPS through a proxy when the network is not trusted: the workbench
itself speaks plain HTTP.

Every change needs the page's CSRF token. Document paths are read as they
were given to 'jixiao ingest', relative to the working directory (or
--base); a source file is shown only while its SHA-256 is the stored one.
PDF pages are rendered with pdftoppm (poppler-utils) into --cache.

Stop it with Ctrl-C.

Examples:
  jixiao serve
  jixiao serve --db 2023.db --reviewer 王芳 --addr 127.0.0.1:9000
  jixiao serve --db archive.db --read-only
  jixiao serve --addr 0.0.0.0:8080 --allow-host review.example.org
`

func runServe(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "serve", serveHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to review")
	addr := f.String("addr", "127.0.0.1:8080", "the address to listen on (host:port; port 0 picks a free one)")
	reviewer := f.String("reviewer", "", "the reviewer's name for the audit trail (asked on the first visit when empty)")
	readOnly := f.Bool("read-only", false, "show the forms but refuse every change (the database is opened read-only)")
	base := f.String("base", "", "the directory relative document paths are read from (default: the working directory)")
	cache := f.String("cache", "", "the directory rendered PDF pages are kept in (default: the user's cache directory)")
	var allow hostList
	f.Var(&allow, "allow-host", "a Host name (optionally name:port) answered beyond loopback; repeatable or comma-separated; needed for a non-loopback --addr")
	token := f.String("token", "", "the login token (at least 16 printable ASCII characters; default: a random one, printed at start; visible to other local users in the process list)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() > 0 {
		return f.usageError("unexpected argument %q", f.Arg(0))
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return f.usageError("--addr %q: %v", *addr, err)
	}
	if !loopback(host) && len(allow) == 0 {
		return f.usageError("--addr %s listens beyond loopback: name the host it is reached by with --allow-host (e.g. --allow-host review.example.org); other Host names are refused, against DNS rebinding", *addr)
	}
	if *token != "" {
		if err := web.CheckToken(*token); err != nil {
			return f.usageError("--token: %v", err)
		}
	}
	login := !loopback(host) || len(allow) > 0 || *token != ""
	if login && *token == "" {
		if *token, err = web.NewToken(); err != nil {
			fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
			return exitSomeFailed
		}
	}
	if _, err := os.Stat(*dbPath); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "jixiao: no database %s (run 'jixiao ingest' first)\n", *dbPath)
		return exitSomeFailed
	}
	var db *store.DB
	if *readOnly {
		db, err = store.OpenReadOnly(ctx, *dbPath)
	} else {
		db, err = store.Open(ctx, *dbPath)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return exitSomeFailed
	}
	defer db.Close()
	srv, err := web.New(web.Options{
		DB: db, ReadOnly: *readOnly, Reviewer: *reviewer,
		AllowHosts: allow, Token: *token, BaseDir: *base, CacheDir: *cache,
		Log: log.New(e.stderr, "", log.LstdFlags),
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return exitSomeFailed
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return exitSomeFailed
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(e.stderr, "", log.LstdFlags)}
	mode := ""
	if *readOnly {
		mode = " (read-only)"
	}
	if login {
		fmt.Fprintf(e.stderr, "jixiao: reviewing %s on %s, log in at %s%s; Ctrl-C stops\n", *dbPath, ln.Addr(), loginURL(allow, ln.Addr(), *token), mode)
	} else {
		fmt.Fprintf(e.stderr, "jixiao: reviewing %s at http://%s/%s; Ctrl-C stops\n", *dbPath, ln.Addr(), mode)
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(e.stderr, "jixiao: serve: %v\n", err)
		return exitSomeFailed
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	hs.Shutdown(shut)
	return exitOK
}

// loopback reports whether host (from --addr) is a loopback name or
// address. An empty host (":8080") listens everywhere: not loopback.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// hostList is the value of --allow-host: names given by repeating the flag
// or separated by commas, each checked by web.CheckAllowHost.
type hostList []string

func (l *hostList) String() string { return strings.Join(*l, ",") }

func (l *hostList) Set(v string) error {
	for _, h := range strings.Split(v, ",") {
		h = strings.TrimSpace(h)
		if err := web.CheckAllowHost(h); err != nil {
			return err
		}
		*l = append(*l, h)
	}
	return nil
}

// loginURL returns the address that logs a browser in: the first allowed
// host (with its own port, else the port listened on), or the address
// listened on when no host is allowed, then /login?token=token.
func loginURL(allow []string, addr net.Addr, token string) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		host, port = addr.String(), ""
	}
	if len(allow) > 0 {
		if h, p, err := net.SplitHostPort(allow[0]); err == nil {
			host, port = h, p
		} else {
			host = strings.TrimSuffix(strings.TrimPrefix(allow[0], "["), "]")
		}
	}
	return "http://" + net.JoinHostPort(host, port) + "/login?token=" + url.QueryEscape(token)
}
