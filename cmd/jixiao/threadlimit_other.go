//go:build !unix

package main

import "os"

// reexecWithThreadLimit sets OMP_THREAD_LIMIT=1 for child processes; on
// this platform the running process cannot be executed again, so its own
// OpenMP keeps its default unless the variable was set before it started.
func reexecWithThreadLimit() error {
	if _, ok := os.LookupEnv("OMP_THREAD_LIMIT"); ok {
		return nil
	}
	return os.Setenv("OMP_THREAD_LIMIT", "1")
}
