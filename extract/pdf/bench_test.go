package pdf

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRows reads each fixture PDF (44 forms; ruled and borderless
// tables, four producers) into rows.
func BenchmarkRows(b *testing.B) {
	paths, _ := filepath.Glob("../../fixtures/pdf/*.pdf")
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(p), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := Rows(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
