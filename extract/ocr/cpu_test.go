package ocr

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func childCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCPUPerPage compares the CPU time per page of one Reader (after its
// start-up) with that of the tesseract command on the same pages
// (JIXIAO_OCR_CPU=n pages from page 3 of the fixture scans). CPU time, not
// wall time: the machine is shared.
func TestCPUPerPage(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_CPU"))
	if n == 0 {
		t.Skip("set JIXIAO_OCR_CPU=pages")
	}
	r, err := NewReader(Options{DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var files []string
	for i := 3; i < 3+n; i++ {
		files = append(files, fmt.Sprintf("../../fixtures/scan/genpdf-a-%03d.jpg", i))
	}
	c0 := cpuTime()
	for i, f := range files {
		data, _ := os.ReadFile(f)
		if _, err := r.ReadImage(context.Background(), data, i+1); err != nil {
			t.Fatal(err)
		}
	}
	ours := (cpuTime() - c0) / time.Duration(n)
	k0 := childCPU()
	for _, f := range files {
		cmd := exec.Command("tesseract", f, "-", "-l", "chi_sim")
		cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	}
	cli := (childCPU() - k0) / time.Duration(n)
	t.Logf("CPU per page: reader %.2f s, tesseract CLI %.2f s, ratio %.2f; %+v", ours.Seconds(), cli.Seconds(), ours.Seconds()/cli.Seconds(), r.Stats())
}
