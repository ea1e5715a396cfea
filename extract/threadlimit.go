//go:build unix

package extract

import (
	"os"
	"syscall"
)

// ThreadLimitEnv is the setting that keeps each Tesseract instance on one
// thread. Tesseract's LSTM runs OpenMP loops with several threads by
// default; with one instance per worker they oversubscribe the CPUs and a
// page takes about three times as long.
const ThreadLimitEnv = "OMP_THREAD_LIMIT=1"

// ReexecWithThreadLimit makes Tesseract single-threaded for the rest of the
// process. OpenMP (libgomp) reads OMP_THREAD_LIMIT once, when the program
// is loaded, so setting it from Go is too late: when the variable is unset,
// ReexecWithThreadLimit executes the running program again with
// OMP_THREAD_LIMIT=1 added to its environment (same arguments, same
// process id and standard streams) and does not return. It returns nil when
// the variable is already set (by the user or by the re-execution), and the
// error when the program cannot be executed again, in which case the caller
// goes on with OpenMP's default. Call it first thing in main (or TestMain),
// before any goroutine matters.
func ReexecWithThreadLimit() error {
	if _, ok := os.LookupEnv("OMP_THREAD_LIMIT"); ok {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, append(os.Environ(), ThreadLimitEnv))
}
