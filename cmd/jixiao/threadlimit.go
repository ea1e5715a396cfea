//go:build unix

package main

import (
	"os"
	"syscall"
)

// threadLimitEnv is the setting that keeps each Tesseract instance on one
// thread. Tesseract's LSTM runs OpenMP loops with several threads by
// default; with one instance per worker they oversubscribe the CPUs.
const threadLimitEnv = "OMP_THREAD_LIMIT=1"

// reexecWithThreadLimit makes Tesseract single-threaded for the rest of the
// process. OpenMP (libgomp) reads OMP_THREAD_LIMIT once, when the program
// is loaded, so setting it from Go is too late: when the variable is unset,
// reexecWithThreadLimit executes the running program again with
// OMP_THREAD_LIMIT=1 added to its environment (same arguments, same
// process id and standard streams) and does not return. It returns nil when
// the variable is already set (by the user or by the re-execution), and the
// error when the program cannot be executed again, in which case the caller
// goes on with OpenMP's default. main calls it first, before any goroutine
// or signal handler matters.
func reexecWithThreadLimit() error {
	if _, ok := os.LookupEnv("OMP_THREAD_LIMIT"); ok {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, append(os.Environ(), threadLimitEnv))
}
