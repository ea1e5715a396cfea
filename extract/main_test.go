package extract_test

import (
	"fmt"
	"os"
	"testing"

	"jixiao/extract"
)

// TestMain runs the tests with Tesseract single-threaded, as jixiao runs.
func TestMain(m *testing.M) {
	if err := extract.ReexecWithThreadLimit(); err != nil {
		fmt.Fprintln(os.Stderr, "extract tests: cannot set OMP_THREAD_LIMIT:", err)
	}
	os.Exit(m.Run())
}
