package ingest_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"jixiao"
	"jixiao/extract"
	"jixiao/ingest"
	"jixiao/store"
)

// fixture is the text export of the 44 seed forms.
const fixture = "../fixtures/text/forms.txt"

// fakeReader is an ingest.Reader that reads no real document: a file's
// text says what to do, in words separated by spaces:
//
//	pages=N      read N pages (default 1), each a form
//	page=D       each page takes D (a time.Duration), not interrupted
//	fail         fail with kind malformed once the pages are read
//	panic        panic once the pages are read
//
// It checks ctx between pages, as the real readers do, and counts the
// documents it reads at once and the pages it reads.
type fakeReader struct {
	running, most atomic.Int32
	pages         atomic.Int32
	// onPage, when set, is called with the file's name and the page
	// number before each page.
	onPage func(name string, page int)
}

func (f *fakeReader) Read(ctx context.Context, src *ingest.Source) (extract.Document, error) {
	n := f.running.Add(1)
	defer f.running.Add(-1)
	for {
		m := f.most.Load()
		if n <= m || f.most.CompareAndSwap(m, n) {
			break
		}
	}
	data, err := src.Bytes()
	if err != nil {
		return extract.Document{}, err
	}
	pages, delay, fail, crash := 1, time.Duration(0), false, false
	for _, w := range strings.Fields(string(data)) {
		switch k, v, _ := strings.Cut(w, "="); k {
		case "pages":
			pages, _ = strconv.Atoi(v)
		case "page":
			delay, _ = time.ParseDuration(v)
		case "fail":
			fail = true
		case "panic":
			crash = true
		}
	}
	doc := extract.Document{Path: src.Name, SHA256: src.SHA256, Size: src.Size, Kind: jixiao.KindImage, Pages: pages}
	for p := 1; p <= pages; p++ {
		if err := ctx.Err(); err != nil {
			return extract.Document{Path: src.Name}, err
		}
		if f.onPage != nil {
			f.onPage(filepath.Base(src.Path), p)
		}
		time.Sleep(delay)
		f.pages.Add(1)
		name := fmt.Sprintf("%s p%d", filepath.Base(src.Path), p)
		doc.Forms = append(doc.Forms, jixiao.Form{Title: "财政项目支出绩效目标申报表", ProjectName: &name,
			Source: jixiao.Source{Path: src.Name, SHA256: src.SHA256, Kind: jixiao.KindImage, FormIndex: p, PageFrom: p, PageTo: p}})
	}
	switch {
	case crash:
		panic("the fake reader was told to panic")
	case fail:
		return extract.Document{Path: src.Name, SHA256: src.SHA256},
			&jixiao.Error{Op: "extract", Path: src.Name, Kind: jixiao.ErrMalformed, Err: errors.New("told to fail")}
	}
	return doc, nil
}

func (f *fakeReader) ReadStream(ctx context.Context, files []extract.StreamFile, fileRead func()) ([]extract.StreamPart, error) {
	return nil, errors.New("the fake reader reads no page stream")
}

// batch writes files named 00.fake, 01.fake, … holding specs (each
// made distinct by its name) into a new directory, and returns their
// units and a new database.
func batch(t *testing.T, specs ...string) ([]ingest.Unit, *store.DB, string) {
	t.Helper()
	dir := t.TempDir()
	var units []ingest.Unit
	for i, s := range specs {
		p := filepath.Join(dir, fmt.Sprintf("%02d.fake", i))
		if err := os.WriteFile(p, []byte(s+" #"+filepath.Base(p)), 0o644); err != nil {
			t.Fatal(err)
		}
		units = append(units, ingest.Unit{Files: []string{p}})
	}
	dbPath := filepath.Join(dir, "j.db")
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return units, db, dbPath
}

// stored returns the base names of the documents in the database at
// path, in the order they were stored, and the base names of the files
// in failures.
func stored(t *testing.T, path string) (docs, failures []string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for q, out := range map[string]*[]string{
		`SELECT path FROM documents ORDER BY id`:  &docs,
		`SELECT path FROM failures ORDER BY path`: &failures,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var p string
			if err := rows.Scan(&p); err != nil {
				t.Fatal(err)
			}
			*out = append(*out, filepath.Base(p))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return docs, failures
}

func names(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("%02d.fake", i))
	}
	return out
}

// Documents read out of order (the later ones faster) are stored, and
// reported to Done, in the order of the units.
func TestOrderedCommits(t *testing.T) {
	var specs []string
	for i := range 16 {
		specs = append(specs, fmt.Sprintf("pages=2 page=%dms", 2*(16-i)))
	}
	units, db, path := batch(t, specs...)
	var done []string
	fr := &fakeReader{}
	st, err := ingest.Run(context.Background(), db, units, ingest.Options{Workers: 4, Reader: fr,
		Done: func(r ingest.Result) { done = append(done, filepath.Base(r.Path)) }})
	if err != nil || st.Docs != 16 || st.Forms != 32 || st.Failed != 0 || st.Interrupted {
		t.Fatalf("%+v, %v", st, err)
	}
	want := names(16)
	if !slices.Equal(done, want) {
		t.Errorf("Done order %v", done)
	}
	if docs, _ := stored(t, path); !slices.Equal(docs, want) {
		t.Errorf("stored in the order %v", docs)
	}
	// Again: everything is skipped.
	st, err = ingest.Run(context.Background(), db, units, ingest.Options{Workers: 4, Reader: fr})
	if err != nil || st.Docs != 0 || st.Skipped != 16 {
		t.Errorf("rerun: %+v, %v", st, err)
	}
}

// No more than Workers documents are read at once.
func TestWorkersLimit(t *testing.T) {
	specs := slices.Repeat([]string{"page=20ms"}, 12)
	for _, workers := range []int{1, 3} {
		units, db, _ := batch(t, specs...)
		fr := &fakeReader{}
		if st, err := ingest.Run(context.Background(), db, units, ingest.Options{Workers: workers, Reader: fr}); err != nil || st.Docs != 12 {
			t.Fatalf("-j %d: %+v, %v", workers, st, err)
		}
		if most := fr.most.Load(); most > int32(workers) || (workers > 1 && most < 2) {
			t.Errorf("-j %d: %d documents read at once", workers, most)
		}
	}
}

// A document that fails, or whose reader panics, is logged in failures
// with its reason, and the others are stored.
func TestFailingDocument(t *testing.T) {
	units, db, path := batch(t, "pages=1", "fail", "pages=2", "panic", "pages=1")
	var errs []string
	st, err := ingest.Run(context.Background(), db, units, ingest.Options{Workers: 2, Reader: &fakeReader{},
		Done: func(r ingest.Result) {
			if r.Err != nil {
				errs = append(errs, fmt.Sprintf("%s: %s", jixiao.KindOf(r.Err), r.Err))
			}
		}})
	if err != nil || st.Docs != 3 || st.Failed != 2 || st.NewFailures != 2 || st.Forms != 4 {
		t.Fatalf("%+v, %v", st, err)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "malformed: ") || !strings.Contains(errs[0], "01.fake") ||
		!strings.HasPrefix(errs[1], "crashed: ") || !strings.Contains(errs[1], "panic: the fake reader was told to panic") {
		t.Errorf("errors %q", errs)
	}
	docs, failures := stored(t, path)
	if want := []string{"00.fake", "02.fake", "04.fake"}; !slices.Equal(docs, want) {
		t.Errorf("stored %v, want %v", docs, want)
	}
	if want := []string{"01.fake", "03.fake"}; !slices.Equal(failures, want) {
		t.Errorf("failures %v, want %v", failures, want)
	}
}

// Cancelling while a long document is read stops it at its next page,
// soon: nothing of it is stored or logged as a failure, the document
// before it stays stored, the one after it (read whole meanwhile) is not
// stored either, so that what is stored is a prefix of the batch; the
// rerun stores the rest, in order.
func TestCancelMidDocument(t *testing.T) {
	units, db, path := batch(t, "pages=1", "pages=60 page=20ms", "pages=1", "pages=1")
	ctx, cancel := context.WithCancel(context.Background())
	var (
		cancelled time.Time
		once      sync.Once
		after     atomic.Int32 // pages of 01.fake started after the cancellation
	)
	fr := &fakeReader{onPage: func(name string, page int) {
		switch {
		case name == "01.fake" && page == 5:
			once.Do(func() { cancelled = time.Now(); cancel() })
		case name == "01.fake" && page > 5:
			after.Add(1)
		}
	}}
	var done []string
	st, err := ingest.Run(ctx, db, units, ingest.Options{Workers: 3, Reader: fr,
		Done: func(r ingest.Result) { done = append(done, filepath.Base(r.Path)) }})
	took := time.Since(cancelled)
	if err != nil || !st.Interrupted || st.Failed != 0 {
		t.Fatalf("%+v, %v", st, err)
	}
	if cancelled.IsZero() {
		t.Fatal("never cancelled")
	}
	if took > time.Second {
		t.Errorf("Run returned %v after the cancellation", took)
	}
	if n := after.Load(); n != 0 {
		t.Errorf("%d pages started after the cancellation", n)
	}
	docs, failures := stored(t, path)
	if want := []string{"00.fake"}; !slices.Equal(docs, want) || !slices.Equal(done, want) || st.Docs != 1 {
		t.Errorf("stored %v, reported %v, counted %d; want %v", docs, done, st.Docs, want)
	}
	if len(failures) != 0 {
		t.Errorf("failures %v", failures)
	}

	fr.onPage = nil
	st, err = ingest.Run(context.Background(), db, units, ingest.Options{Workers: 3, Reader: fr})
	if err != nil || st.Interrupted || st.Skipped != 1 || st.Docs != 3 {
		t.Fatalf("rerun: %+v, %v", st, err)
	}
	if docs, _ := stored(t, path); !slices.Equal(docs, names(4)) {
		t.Errorf("after the rerun: stored %v", docs)
	}
}

// A context done before Run starts stores nothing and reads nothing.
func TestCancelledBeforeStart(t *testing.T) {
	units, db, path := batch(t, "pages=1", "pages=1")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fr := &fakeReader{}
	st, err := ingest.Run(ctx, db, units, ingest.Options{Workers: 2, Reader: fr})
	if err != nil || !st.Interrupted || st.Docs != 0 || st.Failed != 0 {
		t.Fatalf("%+v, %v", st, err)
	}
	if docs, failures := stored(t, path); len(docs)+len(failures) != 0 {
		t.Errorf("stored %v, failures %v", docs, failures)
	}
}

// Read in this process (no Reader), from standard input and from a file,
// with the package-level extractor: the fixture's forms are stored.
func TestInProcess(t *testing.T) {
	data, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	units, db, _ := batch(t)
	p := filepath.Join(t.TempDir(), "forms.txt")
	if err := os.WriteFile(p, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	units = append(units, ingest.Unit{Files: []string{ingest.Stdin}}, ingest.Unit{Files: []string{p}})
	st, err := ingest.Run(context.Background(), db, units, ingest.Options{Stdin: strings.NewReader(string(data))})
	if err != nil || st.Docs != 2 || st.Forms != 88 || st.Failed != 0 {
		t.Fatalf("%+v, %v", st, err)
	}
}
