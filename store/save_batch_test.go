package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"jixiao"
	"jixiao/store"
)

// prepare returns the documents named names, each with fresh sample forms,
// prepared for SaveBatch; bad names get forms that SQLite refuses (two
// indicators with the same seq), which Prepare cannot see.
func prepare(t *testing.T, names []string, bad map[string]bool) ([]*store.Prepared, [][]jixiao.Form) {
	t.Helper()
	var ps []*store.Prepared
	var forms [][]jixiao.Form
	for _, name := range names {
		fs := sampleForms()
		if bad[name] {
			fs[0].Indicators[2].Seq = fs[0].Indicators[0].Seq
		}
		p, err := store.Prepare(doc(name), fs)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
		forms = append(forms, fs)
	}
	return ps, forms
}

// TestSaveBatch saves documents together, some of which fail inside the
// shared transaction: the others are all stored, each failing one is
// stored not at all and reported, and the form ids are those a save of
// each document on its own gives.
func TestSaveBatch(t *testing.T) {
	tests := []struct {
		name  string
		names []string
		bad   map[string]bool
	}{
		{"all good", []string{"a", "b", "c"}, nil},
		{"bad in the middle", []string{"a", "b", "c"}, map[string]bool{"b": true}},
		{"bad first and last", []string{"a", "b", "c", "d"}, map[string]bool{"a": true, "d": true}},
		{"all bad", []string{"a", "b"}, map[string]bool{"a": true, "b": true}},
		{"same bytes twice", []string{"a", "b", "a"}, nil},
		{"bad and same bytes twice", []string{"a", "b", "a"}, map[string]bool{"b": true}},
		{"one", []string{"a"}, nil},
		{"one bad", []string{"a"}, map[string]bool{"a": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openDB(t)
			ps, forms := prepare(t, tt.names, tt.bad)
			res := db.SaveBatch(ctx, ps)
			if len(res) != len(ps) {
				t.Fatalf("%d results for %d documents", len(res), len(ps))
			}
			seen := map[string]bool{}
			stored := 0
			for i, name := range tt.names {
				r := res[i]
				switch {
				case tt.bad[name]:
					if r.Err == nil || !strings.Contains(r.Err.Error(), "UNIQUE constraint failed") ||
						!strings.Contains(r.Err.Error(), doc(name).Path) {
						t.Errorf("%s: error %v, want a UNIQUE constraint failure naming the document", name, r.Err)
					}
					if r.Added {
						t.Errorf("%s: added on error", name)
					}
				case seen[name]:
					if r.Err != nil || r.Added || r.DocID != res[i-2].DocID {
						t.Errorf("%s again: %+v, want not added, the id of the first", name, r)
					}
				default:
					if r.Err != nil || !r.Added {
						t.Errorf("%s: %+v, want added", name, r)
					}
					stored++
					for j, f := range forms[i] {
						if f.ID == 0 {
							t.Errorf("%s: forms[%d].ID not set", name, j)
						}
					}
				}
				seen[name] = true
			}
			// What is stored: exactly the good documents, whole, and in
			// order; the same ids as saving them one by one.
			got := allForms(t, db)
			if len(got) != 2*stored {
				t.Fatalf("%d forms stored, want %d", len(got), 2*stored)
			}
			one, _ := openDB(t)
			done := map[string]bool{}
			for _, name := range tt.names {
				if tt.bad[name] || done[name] {
					continue
				}
				done[name] = true
				if _, added, err := one.SaveDocument(ctx, doc(name), sampleForms()); err != nil || !added {
					t.Fatalf("%s on its own: %v, %v", name, added, err)
				}
			}
			if a, b := jsonOf(t, got), jsonOf(t, allForms(t, one)); a != b {
				t.Errorf("the batch stored other rows or ids than saving each document on its own:\n%s\n%s", a, b)
			}
			if s := summary(t, db); s.Documents != stored {
				t.Errorf("%d documents stored, want %d", s.Documents, stored)
			}
		})
	}
}

// TestSaveBatchCancelled: a batch whose context is done stores nothing,
// and every document reports the cancellation.
func TestSaveBatchCancelled(t *testing.T) {
	db, _ := openDB(t)
	ps, _ := prepare(t, []string{"a", "b", "c"}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, r := range db.SaveBatch(ctx, ps) {
		if r.Err == nil || r.Added || !strings.Contains(r.Err.Error(), "context canceled") {
			t.Errorf("document %d: %+v, want a cancellation", i, r)
		}
	}
	if s := summary(t, db); s.Documents != 0 {
		t.Errorf("%d documents stored after a cancelled batch", s.Documents)
	}
}

// TestSaveBatchReadOnly: every document reports ErrReadOnly.
func TestSaveBatchReadOnly(t *testing.T) {
	_, path := openDB(t)
	ro, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ps, _ := prepare(t, []string{"a", "b"}, nil)
	for i, r := range ro.SaveBatch(context.Background(), ps) {
		if !errors.Is(r.Err, store.ErrReadOnly) {
			t.Errorf("document %d: %v, want %v", i, r.Err, store.ErrReadOnly)
		}
	}
}

// TestManyColumnSets saves indicators whose targets give 300 different
// sets of fields (more than the writer prepares statements for: the rest
// go through the statement of all columns) and reads each back as saved,
// NULL for the fields not given and zero values where given.
func TestManyColumnSets(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	full := fullTarget()
	var inds []jixiao.Indicator
	for k := range 300 {
		// Bit i of k gives field i of the target; the others stay unset.
		tg := jixiao.Target{Kind: jixiao.TargetQuantity}
		set := []func(){
			func() { tg.Op = full.Op }, func() { tg.Value = full.Value }, func() { tg.Unit = ptr("") },
			func() { tg.Min = ptr(0.0) }, func() { tg.Max = full.Max }, func() { tg.By = full.By },
			func() { tg.From = full.From }, func() { tg.To = full.To }, func() { tg.Times = full.Times },
			func() { tg.Every = full.Every }, func() { tg.Per = full.Per }, func() { tg.Direction = full.Direction },
		}
		for i, f := range set {
			if k&(1<<i) != 0 {
				f()
			}
		}
		ind := jixiao.Indicator{Seq: k + 1, Target: tg, Confidence: 1, Flags: []string{}}
		if k%3 == 0 {
			ind.Name = ptr(fmt.Sprint("指标", k))
		}
		inds = append(inds, ind)
	}
	forms := []jixiao.Form{{Source: jixiao.Source{FormIndex: 1}, Indicators: inds}}
	in := []jixiao.Form{{Source: jixiao.Source{FormIndex: 1}, Indicators: inds}}
	if _, added, err := db.SaveDocument(ctx, doc("many"), forms); err != nil || !added {
		t.Fatalf("SaveDocument = %v, %v", added, err)
	}
	got := allForms(t, db)
	if len(got) != 1 {
		t.Fatalf("%d forms stored, want 1", len(got))
	}
	w := want(t, in[0], forms[0].ID, doc("many"))
	for i := range w.Indicators {
		if g, w := jsonOf(t, got[0].Indicators[i]), jsonOf(t, w.Indicators[i]); g != w {
			t.Errorf("indicator %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
}
