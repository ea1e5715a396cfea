package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how far a batch is, on stderr: a bar on a terminal; when
// forced (--progress) on something else (a log file, a pipe), one plain
// line every plainEvery, without carriage returns or escapes; otherwise
// nothing. It counts files (of a known total) and pages read (of scans and
// PDFs, whose number is not known in advance). Its methods are safe for
// concurrent use; messages printed with Printf do not mix with its lines.
type progress struct {
	w     io.Writer
	what  string
	total int
	start time.Time
	files atomic.Int64
	pages atomic.Int64

	mu   sync.Mutex // serializes writes to w
	bar  *progressbar.ProgressBar
	stop chan struct{} // closes the ticker of plain lines; nil without it
	done chan struct{} // closed when the ticker has stopped
	once sync.Once
}

// plainEvery is how often a plain progress line is printed.
var plainEvery = 5 * time.Second

// newProgress shows the progress of n files on w: a bar when w is a
// terminal, plain lines when forced on anything else.
func newProgress(w io.Writer, force bool, n int, what string) *progress {
	f, isFile := w.(*os.File)
	return startProgress(w, isFile && term.IsTerminal(int(f.Fd())), force, n, what, plainEvery)
}

func startProgress(w io.Writer, terminal, force bool, n int, what string, every time.Duration) *progress {
	p := &progress{w: w, what: what, total: n, start: time.Now()}
	switch {
	case terminal:
		p.bar = progressbar.NewOptions(n,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("files"),
			progressbar.OptionThrottle(100_000_000),
			progressbar.OptionClearOnFinish(),
		)
	case force:
		p.stop, p.done = make(chan struct{}), make(chan struct{})
		go func() {
			defer close(p.done)
			t := time.NewTicker(every)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					p.line("")
				case <-p.stop:
					return
				}
			}
		}()
	}
	return p
}

// line prints a plain progress line, with suffix.
func (p *progress) line(suffix string) {
	pages := ""
	if n := p.pages.Load(); n > 0 {
		pages = ", " + plural(int(n), "page") + " read"
	}
	elapsed := time.Since(p.start).Round(time.Second)
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "jixiao: %s: %d/%d files%s, %s%s\n", p.what, p.files.Load(), p.total, pages, elapsed, suffix)
}

// Add counts n files read.
func (p *progress) Add(n int) {
	p.files.Add(int64(n))
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

// Page counts a page read.
func (p *progress) Page() {
	n := p.pages.Add(1)
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s (%s)", p.what, plural(int(n), "page")))
	}
}

// Printf prints a message on its own line of w, clearing the bar first.
func (p *progress) Printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
	fmt.Fprintf(p.w, format, args...)
}

// Finish completes and removes the bar, or prints the last plain line.
// Calls after the first do nothing.
func (p *progress) Finish() {
	p.once.Do(func() {
		if p.bar != nil {
			_ = p.bar.Finish()
		}
		if p.stop != nil {
			close(p.stop)
			<-p.done
			p.line("")
		}
	})
}
