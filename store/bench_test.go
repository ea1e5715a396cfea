package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao/extract"
	"jixiao/extract/form"
	"jixiao/normalize"
	"jixiao/store"
)

// formsPerDocument is the size of the documents BenchmarkSaveDocument
// saves: a realistic batch export.
const formsPerDocument = 20

// fixtureForms returns the normalized forms of the text fixture, as ingest
// would save them.
func fixtureForms(tb testing.TB) []form.Form {
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
	docs := make([][]form.Form, len(all))
	for i := range docs {
		forms := make([]form.Form, formsPerDocument)
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
			Kind:   form.KindText,
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
