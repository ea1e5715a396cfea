//go:build !linux

package worker

import (
	"errors"
	"os"
	"os/exec"
)

// setProcAttr leaves the child's attributes as they are.
func setProcAttr(cmd *exec.Cmd) {}

// Streams fails: children run on Linux only.
func Streams() (in *os.File, out *os.File, err error) {
	return nil, nil, errors.New("worker: child processes need Linux")
}

// Supported reports whether this system runs children.
const Supported = false

// peakRSS is unknown here.
func peakRSS(ps *os.ProcessState) int64 { return 0 }

// dataSize is unknown here.
func dataSize(pid int) int64 { return 0 }
