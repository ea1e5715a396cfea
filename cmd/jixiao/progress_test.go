package main

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is a bytes.Buffer safe for concurrent use.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func TestProgressPlain(t *testing.T) {
	lineRE := regexp.MustCompile(`^jixiao: ingesting: \d+/4 files(, \d+ pages? read)?, \d+s$`)
	for _, tc := range []struct {
		name        string
		force       bool
		files       int
		pages       int
		wait        time.Duration
		lines       int    // at least this many lines (0: none at all)
		last        string // the last line, without its elapsed time
		withMessage bool
	}{
		{"not forced: nothing", false, 4, 3, 30 * time.Millisecond, 0, "", true},
		{"forced: lines, then the last", true, 4, 3, 60 * time.Millisecond, 2, "jixiao: ingesting: 4/4 files, 3 pages read, ", true},
		{"no pages", true, 2, 0, 0, 1, "jixiao: ingesting: 2/4 files, ", false},
		{"one page", true, 1, 1, 0, 1, "jixiao: ingesting: 1/4 files, 1 page read, ", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var w lockedBuffer
			p := startProgress(&w, false, tc.force, 4, "ingesting", 10*time.Millisecond)
			var wg sync.WaitGroup
			for range tc.files {
				wg.Go(func() { p.Add(1) })
			}
			for range tc.pages {
				wg.Go(p.Page)
			}
			wg.Wait()
			if tc.withMessage {
				p.Printf("jixiao: a message\n")
			}
			time.Sleep(tc.wait)
			p.Finish()
			p.Finish() // does nothing
			out := w.String()
			if strings.ContainsAny(out, "\r\x1b") {
				t.Errorf("carriage return or escape in %q", out)
			}
			var lines []string
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if l != "" && l != "jixiao: a message" {
					lines = append(lines, l)
				}
			}
			if tc.withMessage && !strings.Contains(out, "jixiao: a message\n") {
				t.Errorf("message missing from %q", out)
			}
			if tc.lines == 0 {
				if len(lines) != 0 {
					t.Errorf("want no progress lines, got %q", lines)
				}
				return
			}
			if len(lines) < tc.lines {
				t.Fatalf("%d lines, want at least %d: %q", len(lines), tc.lines, out)
			}
			for _, l := range lines {
				if !lineRE.MatchString(l) {
					t.Errorf("line %q does not match %s", l, lineRE)
				}
			}
			if last := lines[len(lines)-1]; !strings.HasPrefix(last, tc.last) {
				t.Errorf("last line %q, want %q…", last, tc.last)
			}
		})
	}
}
