package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao/ingest"
	"jixiao/store"
)

// BenchmarkIngestText ingests 45 distinct copies of the fixture file (1,980
// forms) into a new database per iteration, end to end: read, extract,
// normalize, store. It reports forms/s.
func BenchmarkIngestText(b *testing.B) {
	fix, err := os.ReadFile(fixture)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	var files []string
	for i := range 45 {
		p := filepath.Join(dir, fmt.Sprintf("in/%02d.txt", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, append(bytes.Clone(fix), bytes.Repeat([]byte("\n"), i+1)...), 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, p)
	}
	forms := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		db, err := store.Open(context.Background(), filepath.Join(dir, fmt.Sprintf("b%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		st, err := ingest.Run(context.Background(), db, planUnits(files, false), ingest.Options{Workers: 2, MaxSize: 1 << 30})
		db.Close()
		if err != nil || st.Failed > 0 {
			b.Fatalf("%+v %v", st, err)
		}
		forms += st.Forms
	}
	b.ReportMetric(float64(forms)/b.Elapsed().Seconds(), "forms/s")
}
