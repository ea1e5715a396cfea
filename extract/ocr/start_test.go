//go:build unix

package ocr

import (
	"sync"
	"syscall"
	"testing"
)

// TestConcurrentStartKeepsStderr starts Tesseract readers at the same
// time: standard error must still be the same file afterwards (gosseract
// points it at /dev/null while a client starts, and two at once could
// leave it there, losing every later message).
func TestConcurrentStartKeepsStderr(t *testing.T) {
	var before syscall.Stat_t
	if err := syscall.Fstat(2, &before); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			r, err := NewReader(Options{Engine: EngineTesseract})
			if err != nil {
				errs <- err
				return
			}
			r.Close()
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Skipf("Tesseract not usable here: %v", err)
	}
	var after syscall.Stat_t
	if err := syscall.Fstat(2, &after); err != nil {
		t.Fatal(err)
	}
	if after.Dev != before.Dev || after.Ino != before.Ino {
		t.Errorf("standard error is another file after the readers started (device %d inode %d, was %d %d)", after.Dev, after.Ino, before.Dev, before.Ino)
	}
}
