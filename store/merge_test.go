package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"jixiao"
	"jixiao/store"
)

// TestDocumentsRoundTrip saves documents (one without forms) and reads them
// back with Documents: each comes with its forms, in order, and saving them
// into a second database gives the same forms.
func TestDocumentsRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	saved := []struct {
		d     store.Document
		forms []jixiao.Form
	}{
		{doc("a"), sampleForms()},
		{doc("empty"), nil},
		{doc("b"), sampleForms()[:1]},
		{doc("self"), []jixiao.Form{selfEvalForm()}},   // the form family's fields, a budget
		{doc("dept"), []jixiao.Form{departmentForm()}}, // tasks, a budget request, their boxes and flags
	}
	saved[1].d.ModTime = time.Time{}
	for _, s := range saved {
		if _, _, err := db.SaveDocument(ctx, s.d, s.forms); err != nil {
			t.Fatal(err)
		}
	}
	other, err := store.Open(ctx, filepath.Join(t.TempDir(), "other.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	i := 0
	err = db.Documents(ctx, func(d store.Document, forms []jixiao.Form) error {
		s := saved[i]
		i++
		if d.Path != s.d.Path || d.SHA256 != s.d.SHA256 || d.Kind != s.d.Kind || d.Size != s.d.Size || !d.ModTime.Equal(s.d.ModTime) {
			t.Errorf("document %d = %+v, want %+v", i, d, s.d)
		}
		if len(forms) != len(s.forms) {
			t.Errorf("document %d: %d forms, want %d", i, len(forms), len(s.forms))
		}
		_, added, err := other.SaveDocument(ctx, d, forms)
		if !added {
			t.Errorf("document %d not added", i)
		}
		return err
	})
	if err != nil || i != len(saved) {
		t.Fatalf("Documents: %v after %d documents", err, i)
	}
	if a, b := allForms(t, db), allForms(t, other); jsonOf(t, a) != jsonOf(t, b) {
		t.Errorf("forms differ after a copy through Documents and SaveDocument")
	}
	// The tables the forms' fields are stored in, row for row (ids
	// included: the copy is saved in the same order).
	for _, table := range []string{"budget", "tasks", "budget_request", "field_boxes", "flags"} {
		q := "SELECT * FROM " + table + " ORDER BY id"
		if a, b := joinRows(t, db, q), joinRows(t, other, q); a != b || a == "" {
			t.Errorf("%s copied as\n%s\nwant\n%s", table, b, a)
		}
	}
	if a, b := summary(t, db), summary(t, other); a != b {
		t.Errorf("summaries differ: %+v, %+v", a, b)
	}
}

// TestMergeFailure copies failures with their time, once.
func TestMergeFailure(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, err := db.RecordFailure(ctx, "bad.pdf", "ab12", jixiao.ErrMalformed, "no xref"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.RecordFailure(ctx, "gone.pdf", "", jixiao.ErrIO, "no such file"); err != nil {
		t.Fatal(err)
	}
	other, _ := openDB(t)
	for round := range 2 {
		n := 0
		err := db.Failures(ctx, func(f store.Failure) error {
			added, err := other.MergeFailure(ctx, f)
			if added {
				n++
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{2, 0}[round]; n != want {
			t.Errorf("round %d: %d failures added, want %d", round, n, want)
		}
	}
	var a, b []store.Failure
	_ = db.Failures(ctx, func(f store.Failure) error { a = append(a, f); return nil })
	_ = other.Failures(ctx, func(f store.Failure) error { b = append(b, f); return nil })
	if len(a) != 2 || len(b) != 2 || a[0] != b[0] || a[1] != b[1] {
		t.Errorf("failures %v, copied %v", a, b)
	}
}
