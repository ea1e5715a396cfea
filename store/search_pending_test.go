package store_test

import (
	"context"
	"testing"

	"jixiao/store"
)

// TestDeferSearchIndex checks that deferred documents are found once
// IndexPending runs, and that a batch stopped before it (a crash) is indexed
// by the next Open; and that indexing in batches gives the same hits as
// indexing each document.
func TestDeferSearchIndex(t *testing.T) {
	ctx := context.Background()
	forms := fixtureForms(t)
	direct, _ := fixtureDB(t)

	db, path := openDB(t)
	db.DeferSearchIndex()
	if _, _, err := db.SaveDocument(ctx, doc("first"), forms[:20]); err != nil {
		t.Fatal(err)
	}
	hits := func(db *store.DB, q string) int {
		t.Helper()
		_, n, err := db.Search(ctx, q, 1)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := hits(db, "满意度"); n != 0 {
		t.Fatalf("before IndexPending: %d hits, want 0", n)
	}
	if err := db.IndexPending(ctx); err != nil {
		t.Fatal(err)
	}
	first := hits(db, "满意度")
	if first == 0 {
		t.Fatal("after IndexPending: no hits")
	}
	// A second batch saved and never indexed: the process "crashes".
	if _, _, err := db.SaveDocument(ctx, doc("second"), forms[20:]); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{"满意度", "警用装备", "北斗", "提升工作效率", "档案"} {
		if got, want := hits(db, q), hits(direct, q); got != want {
			t.Errorf("%s: %d hits after reopening, want %d as when indexed per document", q, got, want)
		}
	}
	if err := db.IndexPending(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := hits(db, "满意度"), hits(direct, "满意度"); got != want {
		t.Errorf("IndexPending twice: %d hits, want %d", got, want)
	}
}
