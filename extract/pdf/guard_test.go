package pdf

import (
	"bytes"
	"errors"
	"jixiao/extract/pdf/pdftest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	lpdf "github.com/ledongthuc/pdf"
)

func badFile(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("../../fixtures/bad", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGuardRefuses checks that the PDFs that made the library loop forever
// are refused with the reason, and quickly.
func TestGuardRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"cyclic-kids", badFile(t, "cyclic-kids.pdf"), "a cycle"},
		{"cyclic-parent", badFile(t, "cyclic-parent.pdf"), "/Parent chain loops"},
		{"self-length", badFile(t, "self-length.pdf"), "/Length is a stream"},
		{"deep-tree-2000", badFile(t, "deep-tree.pdf"), "deeper than 256"},
		{"deep-tree-20000", pdftest.DeepTreePDF(20000), "deeper than 256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			_, err := Rows(tc.data)
			if tc.name != "self-length" && !errors.Is(err, ErrPageTree) {
				t.Errorf("error %v, want one wrapping ErrPageTree", err)
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to say %q", err, tc.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// TestGuardAccepts checks that the guard passes every fixture PDF and a
// page tree at the depth limit.
func TestGuardAccepts(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/pdf/*.pdf")
	if len(files) == 0 {
		t.Fatal("no fixture PDFs")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := checkPageTree(r); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// The root at depth 1, MaxTreeDepth-2 nodes below it, the page at
	// depth MaxTreeDepth: the deepest tree read.
	data := pdftest.DeepTreePDF(MaxTreeDepth - 2)
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkPageTree(r); err != nil {
		t.Errorf("a tree %d levels deep: %v", MaxTreeDepth, err)
	}
	data = pdftest.DeepTreePDF(MaxTreeDepth - 1)
	r, err = lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := checkPageTree(r); !errors.Is(err, ErrPageTree) {
		t.Errorf("a tree %d levels deep: %v, want ErrPageTree", MaxTreeDepth+1, err)
	}
}

// TestObjectID checks that the object number is still read from the
// library's Value: without it, cycles are caught by the caps only.
func TestObjectID(t *testing.T) {
	data := badFile(t, "cyclic-kids.pdf")
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	root := r.Trailer().Key("Root").Key("Pages")
	if got := objectID(root) >> 16; got != 2 {
		t.Errorf("objectID(root) = %d, want 2 (has github.com/ledongthuc/pdf renamed Value.ptr?)", got)
	}
}
