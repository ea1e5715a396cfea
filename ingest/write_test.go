package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/normalize"
	"jixiao/store"
)

// fixture is the text export of the 44 seed forms.
const fixture = "../fixtures/text/forms.txt"

// TestWriteBatch stores, in one batch, documents that were read, one that
// could not be read, one already stored, one the database refuses inside
// the shared transaction (two indicators with one seq) and the same bytes
// twice: the good ones are all stored, the refused one and the unreadable
// one are recorded as failures with their reasons, and each is counted
// once.
func TestWriteBatch(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// read returns the result of reading the fixture as the document
	// named name (its hash derived from the name), its first n forms.
	read := func(name string, n int, refuse bool) Result {
		t.Helper()
		d, err := extract.Read(ctx, name, data)
		if err != nil {
			t.Fatal(err)
		}
		d.Forms = d.Forms[:n]
		d.SHA256 = fmt.Sprintf("%064x", name)
		for i := range d.Forms {
			normalize.Form(&d.Forms[i])
		}
		if refuse {
			d.Forms[0].Indicators[1].Seq = d.Forms[0].Indicators[0].Seq
		}
		r := Result{Path: name, Doc: d}
		if r.prep, err = store.Prepare(store.Document{Path: d.Path, SHA256: d.SHA256, Kind: d.Kind, Size: d.Size}, d.Forms); err != nil {
			t.Fatal(err)
		}
		return r
	}
	var before Stats
	writeBatch(ctx, db, []Result{read("stored.txt", 1, false)}, &before)
	if before.Docs != 1 {
		t.Fatalf("first batch: %+v", before)
	}

	batch := []Result{
		read("a.txt", 2, false),
		{Path: "broken.pdf", Err: &jixiao.Error{Op: "extract", Path: "broken.pdf", Kind: jixiao.ErrMalformed, Err: errors.New("no xref")}},
		{Path: "stored.txt", Skipped: true},
		read("refused.txt", 3, true),
		read("b.txt", 4, false),
		read("a.txt", 2, false), // the same bytes as the first
	}
	var st Stats
	writeBatch(ctx, db, batch, &st)
	want := Stats{Docs: 2, Forms: 6, Skipped: 2, Failed: 2, NewFailures: 2}
	st.Indicators, st.Flags = 0, 0
	if st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	if !batch[5].Skipped {
		t.Error("the same bytes twice: the second not marked skipped")
	}
	if batch[3].Err == nil || !strings.Contains(batch[3].Err.Error(), "UNIQUE constraint failed") {
		t.Errorf("refused document: error %v", batch[3].Err)
	}
	sum, err := db.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 3 || sum.Forms != 7 {
		t.Errorf("database holds %d documents, %d forms; want 3, 7", sum.Documents, sum.Forms)
	}
	var failed []string
	if err := db.Failures(ctx, func(f store.Failure) error {
		failed = append(failed, fmt.Sprintf("%s %s", f.Path, f.Kind))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(failed, "; "), "broken.pdf malformed; refused.txt I/O"; got != want {
		t.Errorf("failures %q, want %q", got, want)
	}
}
