package worker

import (
	"runtime/debug"
	"syscall"
)

// limitMemory limits the process's data segment to limit bytes and Go's
// heap to three quarters of it. RLIMIT_DATA counts the private writable
// mappings (what malloc and Go's heap use) but not the address space Go
// reserves without touching it, so unlike RLIMIT_AS it does not fail a Go
// program that has plenty of memory left.
func limitMemory(limit int64) error {
	if limit <= 0 {
		return nil
	}
	debug.SetMemoryLimit(limit / 4 * 3)
	rl := syscall.Rlimit{Cur: uint64(limit), Max: uint64(limit)}
	return syscall.Setrlimit(syscall.RLIMIT_DATA, &rl)
}
