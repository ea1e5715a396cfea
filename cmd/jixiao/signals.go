package main

import (
	"context"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// interruptSignals are the signals that interrupt a command.
var interruptSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

// interruptContext returns a context that the first SIGINT (Ctrl-C) or
// SIGTERM cancels, so that the command winds down (ingest stops between
// pages and keeps what it stored), and that calls exit(130) on the second,
// for the user who will not wait. stop restores the signals' default
// behaviour and cancels the context; it may be called more than once.
func interruptContext(parent context.Context, exit func(code int)) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, interruptSignals...)
	stopped := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-stopped:
			return
		}
		select {
		case <-sigs:
			exit(exitInterrupted)
		case <-stopped:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(stopped)
			cancel()
		})
	}
}
