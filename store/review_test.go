package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"jixiao"
	"jixiao/extract"
	"jixiao/normalize"
	"jixiao/store"
)

// ingestFixture stores the text fixture's forms in db and returns them as
// read (ids set).
func ingestFixture(t *testing.T, db *store.DB) []jixiao.Form {
	t.Helper()
	path := filepath.Join("..", "fixtures", "text", "forms.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := extract.Read(context.Background(), path, data)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Forms {
		normalize.Form(&d.Forms[i])
	}
	_, _, err = db.SaveDocument(context.Background(), store.Document{Path: path, SHA256: d.SHA256, Kind: d.Kind, Size: d.Size}, d.Forms)
	if err != nil {
		t.Fatal(err)
	}
	return d.Forms
}

// findIndicator returns a form and the index of an indicator of it for
// which ok holds.
func findIndicator(t *testing.T, forms []jixiao.Form, ok func(jixiao.Indicator) bool) (jixiao.Form, int) {
	t.Helper()
	for _, f := range forms {
		for i, ind := range f.Indicators {
			if ok(ind) {
				return f, i
			}
		}
	}
	t.Fatal("no such indicator in the fixture")
	return jixiao.Form{}, 0
}

func TestReviewAndList(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	forms := ingestFixture(t, db)
	res, err := db.SearchForms(ctx, store.ListQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != len(forms) || len(res.Forms) != len(forms) {
		t.Fatalf("list: %d of %d, want %d", len(res.Forms), res.Total, len(forms))
	}
	for i := 1; i < len(res.Forms); i++ {
		if res.Forms[i].Flags > res.Forms[i-1].Flags {
			t.Fatalf("not sorted by flags: %d after %d", res.Forms[i].Flags, res.Forms[i-1].Flags)
		}
	}
	first := res.Forms[0]
	if err := db.AddReview(ctx, first.ID, jixiao.Review{Status: jixiao.StatusReviewed, Reviewer: "王芳", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	res, _ = db.SearchForms(ctx, store.ListQuery{Status: store.ListReviewed})
	if res.Total != 1 || res.Forms[0].ID != first.ID || res.Forms[0].Reviewer != "王芳" {
		t.Errorf("reviewed forms: %+v", res.Forms)
	}
	// Next open form skips the reviewed one.
	next, ok, err := db.NextOpen(ctx, first.ID)
	if err != nil || !ok || next == first.ID {
		t.Errorf("NextOpen = %d, %v, %v", next, ok, err)
	}

	// Search: a project name, a word of an indicator, a LIKE wildcard.
	name := *forms[5].ProjectName
	res, _ = db.SearchForms(ctx, store.ListQuery{Text: name})
	if res.Total < 1 || !slices.ContainsFunc(res.Forms, func(s store.FormSummary) bool { return s.ID == forms[5].ID }) {
		t.Errorf("search %q: %+v", name, res.Forms)
	}
	for _, s := range res.Forms {
		if s.ProjectName == "" {
			t.Errorf("search %q found a form without a name", name)
		}
	}
	if res, _ = db.SearchForms(ctx, store.ListQuery{Text: "_"}); res.Total != 0 {
		t.Errorf("search _: %d forms, want 0 (no form has an underscore; LIKE must not read it as a wildcard)", res.Total)
	}
	// Facets count the selection.
	res, _ = db.SearchForms(ctx, store.ListQuery{Flag: jixiao.FlagValueMissing})
	for _, fc := range res.FlagCodes {
		if fc.Value == jixiao.FlagValueMissing && fc.Count != res.Total {
			t.Errorf("facet value_missing = %d, total %d", fc.Count, res.Total)
		}
	}
	sum := 0
	for _, fc := range res.Departments {
		sum += fc.Count
	}
	if sum != res.Total {
		t.Errorf("department facets add up to %d, total %d", sum, res.Total)
	}
}

// TestAddCorrection checks the persistence of corrections: decide sees
// the stored reading and the corrections before, oldest first; what it
// returns is stored as it is and read back by FormReview; nil or an error
// stores nothing.
func TestAddCorrection(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	forms := ingestFixture(t, db)
	f, i := findIndicator(t, forms, func(ind jixiao.Indicator) bool { return ind.Value == nil })
	at := time.Date(2026, 12, 7, 8, 30, 0, 123456789, time.UTC)
	row := func(field string, old, new *string, target *jixiao.Target) *store.CorrectionRow {
		return &store.CorrectionRow{Correction: jixiao.Correction{Field: field, Old: old, New: new, Reviewer: "王芳", At: at},
			Target: target}
	}
	value := jixiao.IndicatorField(i, jixiao.IndicatorValue)
	errStop := errors.New("stop")
	tests := []struct {
		name    string
		formID  int64
		row     *store.CorrectionRow
		err     error
		seen    int   // corrections decide must see
		wantErr error // nil: none
	}{
		{"header field", f.ID, row(jixiao.FieldProjectName, f.ProjectName, ptr("甲"), nil), nil, 0, nil},
		{"indicator value with target", f.ID, row(value, nil, ptr("≥90%"),
			&jixiao.Target{Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(90.0), Unit: ptr("%")}), nil, 1, nil},
		{"nothing to store", f.ID, nil, nil, 2, nil},
		{"decide refuses", f.ID, row(jixiao.FieldProjectName, nil, ptr("乙"), nil), errStop, 2, errStop},
		{"unknown form", 9999, nil, nil, -1, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			seen := -1
			c, added, err := db.AddCorrection(ctx, tt.formID, func(stored jixiao.Form, cs []jixiao.Correction) (*store.CorrectionRow, error) {
				seen = len(cs)
				if stored.ID != tt.formID || jsonOf(t, stored) != jsonOf(t, forms[stored.ID-forms[0].ID]) {
					t.Errorf("decide got form %d, not the stored reading of form %d", stored.ID, tt.formID)
				}
				if !slices.IsSortedFunc(cs, func(a, b jixiao.Correction) int { return int(a.ID - b.ID) }) {
					t.Errorf("corrections not oldest first: %+v", cs)
				}
				return tt.row, tt.err
			})
			switch {
			case seen != tt.seen:
				t.Errorf("decide saw %d corrections, want %d", seen, tt.seen)
			case tt.wantErr != nil && (!errors.Is(err, tt.wantErr) || added):
				t.Errorf("err = %v, added %v; want %v", err, added, tt.wantErr)
			case tt.err != nil && err != tt.err:
				t.Errorf("decide's error came back as %v, want it unwrapped", err)
			case tt.wantErr == nil && (err != nil || added != (tt.row != nil)):
				t.Errorf("err = %v, added %v", err, added)
			case added && (c.ID == 0 || c.FormID != tt.formID || c.Field != tt.row.Field || !c.At.Equal(at)):
				t.Errorf("stored %+v", c)
			}
		})
	}
	r, err := db.FormReview(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Corrections) != 2 || r.DocumentID == 0 || jsonOf(t, r.Form) != jsonOf(t, f) {
		t.Fatalf("FormReview: %d corrections, document %d", len(r.Corrections), r.DocumentID)
	}
	for j, want := range []*store.CorrectionRow{tests[0].row, tests[1].row} {
		got := r.Corrections[j]
		want.Correction.ID, want.Correction.FormID = got.ID, f.ID
		if jsonOf(t, got) != jsonOf(t, want.Correction) {
			t.Errorf("correction %d read back as %+v, want %+v", j, got, want.Correction)
		}
	}
	var kind string
	var number float64
	err = store.ReaderPool(db).QueryRow(`SELECT kind, number FROM indicator_targets WHERE form_id = ? AND seq = ?`,
		f.ID, f.Indicators[i].Seq).Scan(&kind, &number)
	if err != nil || kind != "quantity" || number != 90 {
		t.Errorf("indicator_targets: %q %v, %v; want the target stored with the correction", kind, number, err)
	}

	db.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	called := false
	_, _, err = ro.AddCorrection(ctx, f.ID, func(jixiao.Form, []jixiao.Correction) (*store.CorrectionRow, error) {
		called = true
		return nil, nil
	})
	if !errors.Is(err, store.ErrReadOnly) || called {
		t.Errorf("read-only: %v, decide called %v", err, called)
	}
}

// TestAddReview checks the persistence of review marks: the latest is the
// form's status; an unknown form, an unknown status and a read-only
// database are refused.
func TestAddReview(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	f := ingestFixture(t, db)[0]
	at := time.Date(2026, 12, 7, 8, 30, 0, 0, time.UTC)
	tests := []struct {
		name    string
		formID  int64
		r       jixiao.Review
		wantErr error // nil: none, unless refused
		refused bool
	}{
		{"reviewed", f.ID, jixiao.Review{Status: jixiao.StatusReviewed, Reviewer: "王芳", At: at}, nil, false},
		{"reopened", f.ID, jixiao.Review{Status: jixiao.StatusReopened, Reviewer: "李雷", At: at.Add(time.Second)}, nil, false},
		{"unknown status", f.ID, jixiao.Review{Status: "approved", Reviewer: "李雷", At: at}, nil, true},
		{"unknown form", 9999, jixiao.Review{Status: jixiao.StatusReviewed, Reviewer: "李雷", At: at}, store.ErrNotFound, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.AddReview(ctx, tt.formID, tt.r)
			if (err != nil) != tt.refused || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want refused %v (%v)", err, tt.refused, tt.wantErr)
			}
		})
	}
	r, err := db.FormReview(ctx, f.ID)
	if err != nil || r.Review != tests[1].r {
		t.Errorf("FormReview: review %+v, %v; want %+v", r.Review, err, tests[1].r)
	}
	db.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.AddReview(ctx, f.ID, tests[0].r); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("read-only: %v", err)
	}
}
