package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/normalize"
	"jixiao/store"
)

// formsPerDocument is the size of the documents BenchmarkSaveDocument
// saves: a realistic batch export.
const formsPerDocument = 20

// fixtureForms returns the normalized forms of the text fixture, as ingest
// would save them.
func fixtureForms(tb testing.TB) []jixiao.Form {
	tb.Helper()
	path := filepath.Join("..", "fixtures", "text", "forms.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := extract.Read(context.Background(), path, data)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range d.Forms {
		normalize.Form(&d.Forms[i])
	}
	return d.Forms
}

// BenchmarkSaveDocument saves documents of 20 realistic forms (taken in
// turn from the text fixture, normalized), each under a new SHA-256, into
// one growing database, and reports forms/s and indicators/s.
//
// The context can be cancelled, as ingest's is (a signal-aware context):
// go-sqlite3 takes a slower path for statements under such a context.
func BenchmarkSaveDocument(b *testing.B) {
	ctx := b.Context()
	all := fixtureForms(b)
	if len(all) == 0 {
		b.Fatal("no forms in the fixture")
	}
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()

	// Documents of formsPerDocument forms, cycling through the fixture.
	docs := make([][]jixiao.Form, len(all))
	for i := range docs {
		forms := make([]jixiao.Form, formsPerDocument)
		for j := range forms {
			forms[j] = all[(i*formsPerDocument+j)%len(all)]
			forms[j].Source.FormIndex = j + 1
		}
		docs[i] = forms
	}

	n, indicators := 0, 0
	for b.Loop() {
		forms := docs[n%len(docs)]
		d := store.Document{
			Path:   fmt.Sprintf("bench/%d.txt", n),
			SHA256: fmt.Sprintf("%064x", n),
			Kind:   jixiao.KindText,
			Size:   80_000, // about the size of 20 forms in a text export
		}
		if _, added, err := db.SaveDocument(ctx, d, forms); err != nil || !added {
			b.Fatalf("SaveDocument = %v, %v", added, err)
		}
		for _, f := range forms {
			indicators += len(f.Indicators)
		}
		n++
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n*formsPerDocument)/sec, "forms/s")
	b.ReportMetric(float64(indicators)/sec, "indicators/s")
}

// BenchmarkSaveBatch measures the single writer as ingest drives it:
// documents of 20 forms prepared beforehand (store.Prepare runs on the
// readers' goroutines), saved 16 to a transaction, the search indexes
// filled every 256 documents; it reports forms/s of the writer alone.
func BenchmarkSaveBatch(b *testing.B) {
	ctx := b.Context()
	all := fixtureForms(b)
	db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.DeferSearchIndex()
	const batch = 16
	n := 0
	for b.Loop() {
		b.StopTimer()
		ps := make([]*store.Prepared, batch)
		for i := range ps {
			forms := make([]jixiao.Form, formsPerDocument)
			for j := range forms {
				forms[j] = all[((n+i)*formsPerDocument+j)%len(all)]
				forms[j].Source.FormIndex = j + 1
			}
			d := store.Document{Path: fmt.Sprintf("bench/%d.txt", n+i), SHA256: fmt.Sprintf("%064x", n+i),
				Kind: jixiao.KindText, Size: 80_000}
			if ps[i], err = store.Prepare(d, forms); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		for i, r := range db.SaveBatch(ctx, ps) {
			if r.Err != nil || !r.Added {
				b.Fatalf("document %d: %+v", n+i, r)
			}
		}
		n += batch
		if n%256 == 0 {
			if err := db.IndexPending(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(n*formsPerDocument)/b.Elapsed().Seconds(), "forms/s")
}
