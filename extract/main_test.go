//go:build unix

package extract_test

import (
	"os"
	"syscall"
	"testing"
)

// TestMain runs the tests with Tesseract single-threaded, as jixiao runs:
// libgomp reads OMP_THREAD_LIMIT when it is loaded, so the test binary
// executes itself again with it set.
func TestMain(m *testing.M) {
	if _, ok := os.LookupEnv("OMP_THREAD_LIMIT"); !ok {
		if exe, err := os.Executable(); err == nil {
			_ = syscall.Exec(exe, os.Args, append(os.Environ(), "OMP_THREAD_LIMIT=1")) // returns only on failure
		}
	}
	os.Exit(m.Run())
}
