//go:build !unix

package extract

import "os"

// ThreadLimitEnv is the setting that keeps each Tesseract instance on one
// thread.
const ThreadLimitEnv = "OMP_THREAD_LIMIT=1"

// ReexecWithThreadLimit sets OMP_THREAD_LIMIT=1 for child processes; on
// this platform the running process cannot be executed again, so its own
// OpenMP keeps its default unless the variable was set before it started.
func ReexecWithThreadLimit() error {
	if _, ok := os.LookupEnv("OMP_THREAD_LIMIT"); ok {
		return nil
	}
	return os.Setenv("OMP_THREAD_LIMIT", "1")
}
