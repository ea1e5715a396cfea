//go:build !linux

package worker

import "runtime/debug"

// limitMemory limits Go's heap to three quarters of limit bytes; other
// systems than Linux get no limit on the memory of C libraries.
func limitMemory(limit int64) error {
	if limit > 0 {
		debug.SetMemoryLimit(limit / 4 * 3)
	}
	return nil
}
