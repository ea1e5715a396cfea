package main

import (
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress is a progress bar on stderr, or nothing.
type progress struct{ bar *progressbar.ProgressBar }

// newProgress shows a bar of n steps on w when w is a terminal, or when
// forced; otherwise its methods do nothing.
func newProgress(w io.Writer, force bool, n int, what string) progress {
	f, isFile := w.(*os.File)
	if !force && (!isFile || !term.IsTerminal(int(f.Fd()))) {
		return progress{}
	}
	return progress{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionClearOnFinish(),
	)}
}

// Add advances the bar.
func (p progress) Add(n int) {
	if p.bar != nil {
		_ = p.bar.Add(n)
	}
}

// Clear blanks the bar's line so that a message can be printed.
func (p progress) Clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

// Finish completes and removes the bar.
func (p progress) Finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
