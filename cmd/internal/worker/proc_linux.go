package worker

import (
	"bytes"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"syscall"
)

// setProcAttr puts the child in a process group of its own, so that the
// terminal's Ctrl-C reaches the parent only (which stops the children it
// needs to stop), and has the kernel kill the child when the parent dies.
func setProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// Streams returns the child's protocol streams: standard input, and a new
// descriptor for what standard output was. Standard output is then pointed
// at standard error, so that nothing a C library prints can break a frame.
func Streams() (in *os.File, out *os.File, err error) {
	fd, err := syscall.Dup(1)
	if err != nil {
		return nil, nil, err
	}
	if err := syscall.Dup3(2, 1, 0); err != nil {
		return nil, nil, err
	}
	syscall.CloseOnExec(fd)
	// Tesseract points standard error at /dev/null while it starts; a
	// fatal error of the runtime then (out of memory, often) would go
	// unseen. A copy of the descriptor keeps it for the parent.
	if crash, err := syscall.Dup(2); err == nil {
		syscall.CloseOnExec(crash)
		_ = debug.SetCrashOutput(os.NewFile(uintptr(crash), "crash"), debug.CrashOptions{})
	}
	return os.Stdin, os.NewFile(uintptr(fd), "protocol"), nil
}

// Supported reports whether this system runs children.
const Supported = true

// peakRSS returns the peak resident memory of an ended process, in bytes;
// 0 when unknown.
func peakRSS(ps *os.ProcessState) int64 {
	if ps == nil {
		return 0
	}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}

// dataSize returns the size of the data segment (what RLIMIT_DATA counts:
// heap, private writable mappings and stack) of running process pid, in
// bytes; 0 when unknown or the process has ended.
func dataSize(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/statm")
	if err != nil {
		return 0
	}
	f := bytes.Fields(b)
	if len(f) < 6 {
		return 0
	}
	pages, err := strconv.ParseInt(string(f[5]), 10, 64)
	if err != nil {
		return 0
	}
	return pages * int64(os.Getpagesize())
}
