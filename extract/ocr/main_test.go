//go:build unix

package ocr

import (
	"os"
	"syscall"
	"testing"
)

// TestMain runs the tests with OMP_THREAD_LIMIT=1, as jixiao runs
// Tesseract: libgomp reads it when it is loaded, so the test binary
// executes itself again with it set. Without it every Tesseract call
// starts a team of OpenMP threads that spin, which doubles the CPU time
// of a page and skews every timing.
func TestMain(m *testing.M) {
	if os.Getenv("OMP_THREAD_LIMIT") == "" {
		if exe, err := os.Executable(); err == nil {
			env := append(os.Environ(), "OMP_THREAD_LIMIT=1")
			_ = syscall.Exec(exe, os.Args, env) // returns only on failure
		}
	}
	os.Exit(m.Run())
}
