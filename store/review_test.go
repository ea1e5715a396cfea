package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

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

func TestCorrectIndicatorValue(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	forms := ingestFixture(t, db)
	f, i := findIndicator(t, forms, func(ind jixiao.Indicator) bool { return ind.Value == nil })
	field := "indicators[" + strconv.Itoa(i) + "].value"

	c, changed, err := db.Correct(ctx, store.Edit{FormID: f.ID, Field: field, Value: " ≥95% ", Base: ptr(""), Reviewer: "王芳"})
	if err != nil || !changed {
		t.Fatalf("Correct: %v, changed %v", err, changed)
	}
	if c.Old != nil || c.New == nil || *c.New != "≥95%" || c.Reviewer != "王芳" {
		t.Errorf("correction = %+v", c)
	}
	r, err := db.ReviewedForm(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Form.Indicators[i]
	if got.Value == nil || *got.Value != "≥95%" {
		t.Fatalf("corrected value = %v", got.Value)
	}
	tg := got.Target
	if tg.Kind != jixiao.TargetQuantity || tg.Op != ">=" || tg.Value == nil || *tg.Value != 95 || tg.Unit == nil || *tg.Unit != "%" {
		t.Errorf("corrected target = %+v, want quantity >= 95 %%", tg)
	}
	if slices.Contains(got.Flags, jixiao.FlagValueMissing) {
		t.Errorf("value_missing still on the corrected indicator: %v", got.Flags)
	}
	for _, fl := range r.Form.Flags {
		if fl.Field == field {
			t.Errorf("flag %v still on the corrected field", fl)
		}
	}
	// The machine's reading is kept.
	if r.Original.Indicators[i].Value != nil || !slices.Contains(r.Original.Indicators[i].Flags, jixiao.FlagValueMissing) {
		t.Errorf("original changed: %+v", r.Original.Indicators[i])
	}
	all := allForms(t, db)
	for _, g := range all {
		if g.ID == f.ID && g.Indicators[i].Value != nil {
			t.Errorf("Forms returns the corrected value; it must return the stored reading")
		}
	}
	// The SQL view shows both, the typed target included.
	var value, original, kind, op string
	var number float64
	err = store.ReaderPool(db).QueryRow(`SELECT value, coalesce(original_value, 'NULL'), kind, op, number
		FROM indicator_targets WHERE form_id = ? AND seq = ?`, f.ID, f.Indicators[i].Seq).Scan(&value, &original, &kind, &op, &number)
	if err != nil || value != "≥95%" || original != "NULL" || kind != "quantity" || op != ">=" || number != 95 {
		t.Errorf("indicator_targets: %q %q %q %q %v %v", value, original, kind, op, number, err)
	}

	// A stale base is a conflict; the same value again changes nothing.
	if _, _, err := db.Correct(ctx, store.Edit{FormID: f.ID, Field: field, Value: "1", Base: ptr(""), Reviewer: "x"}); !errors.Is(err, store.ErrConflict) {
		t.Errorf("stale base: err = %v, want ErrConflict", err)
	}
	if _, changed, err := db.Correct(ctx, store.Edit{FormID: f.ID, Field: field, Value: "≥95%", Reviewer: "x"}); err != nil || changed {
		t.Errorf("same value: changed %v, err %v", changed, err)
	}
	// A second correction records the first as its old value; a value
	// still not understood keeps unparsed_value.
	c2, _, err := db.Correct(ctx, store.Edit{FormID: f.ID, Field: field, Value: "本部及派出所", Reviewer: "李雷"})
	if err != nil || c2.Old == nil || *c2.Old != "≥95%" {
		t.Fatalf("second correction: %+v, %v", c2, err)
	}
	r, _ = db.ReviewedForm(ctx, f.ID)
	if !slices.Contains(r.Form.Indicators[i].Flags, jixiao.FlagUnparsedValue) || len(r.Corrections) != 2 || len(r.Corrected()) != 1 {
		t.Errorf("after second correction: flags %v, %d corrections", r.Form.Indicators[i].Flags, len(r.Corrections))
	}
}

func TestCorrectHeaderFundsDate(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	f := ingestFixture(t, db)[0]
	edits := []store.Edit{
		{FormID: f.ID, Field: "project_name", Value: "<script>alert(1)</script>"},
		{FormID: f.ID, Field: "funds.total", Value: "1,000.50"},
		{FormID: f.ID, Field: "start_date", Value: "2023年2月1日"},
		{FormID: f.ID, Field: "goals.annual", Value: ""},
	}
	for _, e := range edits {
		e.Reviewer = "王芳"
		if _, _, err := db.Correct(ctx, e); err != nil {
			t.Fatalf("%s: %v", e.Field, err)
		}
	}
	r, err := db.ReviewedForm(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	g := r.Form
	switch {
	case g.ProjectName == nil || *g.ProjectName != "<script>alert(1)</script>":
		t.Errorf("project_name = %v", g.ProjectName)
	case g.Funds.Total == nil || *g.Funds.Total != 1000.5:
		t.Errorf("funds.total = %v", g.Funds.Total)
	case g.StartDate == nil || *g.StartDate != "2023-02-01":
		t.Errorf("start_date = %v", g.StartDate)
	case g.Goals.Annual != nil:
		t.Errorf("goals.annual = %v, want cleared", g.Goals.Annual)
	}
	if !slices.ContainsFunc(g.Flags, func(fl jixiao.Flag) bool { return fl.Code == jixiao.FlagFieldMissing && fl.Field == "goals.annual" }) {
		t.Errorf("clearing goals.annual did not flag it missing: %v", g.Flags)
	}
	if !slices.ContainsFunc(g.Flags, func(fl jixiao.Flag) bool { return fl.Code == jixiao.FlagFundsMismatch }) {
		t.Errorf("a total that no longer adds up is not flagged: %v", g.Flags)
	}
}

func TestCorrectRefused(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	f := ingestFixture(t, db)[0]
	for _, tt := range []struct {
		name string
		e    store.Edit
		want error
	}{
		{"unknown form", store.Edit{FormID: 9999, Field: "project_name", Value: "x", Reviewer: "a"}, store.ErrNotFound},
		{"unknown field", store.Edit{FormID: f.ID, Field: "title", Value: "x", Reviewer: "a"}, store.ErrBadField},
		{"indicator out of range", store.Edit{FormID: f.ID, Field: "indicators[999].value", Value: "x", Reviewer: "a"}, store.ErrBadField},
		{"indicator part", store.Edit{FormID: f.ID, Field: "indicators[0].target", Value: "x", Reviewer: "a"}, store.ErrBadField},
		{"no reviewer", store.Edit{FormID: f.ID, Field: "project_name", Value: "x", Reviewer: " "}, nil},
	} {
		_, _, err := db.Correct(ctx, tt.e)
		if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := db.SetReview(ctx, 9999, store.StatusReviewed, "a"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("review of unknown form: %v", err)
	}
	db.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, _, err := ro.Correct(ctx, store.Edit{FormID: f.ID, Field: "project_name", Value: "x", Reviewer: "a"}); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("read-only correct: %v", err)
	}
	if _, err := ro.SetReview(ctx, f.ID, store.StatusReviewed, "a"); !errors.Is(err, store.ErrReadOnly) {
		t.Errorf("read-only review: %v", err)
	}
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
	if _, err := db.SetReview(ctx, first.ID, store.StatusReviewed, "王芳"); err != nil {
		t.Fatal(err)
	}
	r, _ := db.ReviewedForm(ctx, first.ID)
	if !r.Review.Reviewed() || r.Review.Reviewer != "王芳" {
		t.Errorf("review = %+v", r.Review)
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

func TestReviewedFormsExportOrder(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	forms := ingestFixture(t, db)
	if _, _, err := db.Correct(ctx, store.Edit{FormID: forms[2].ID, Field: "department", Value: "新部门", Reviewer: "a"}); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := db.ReviewedForms(ctx, func(r store.ReviewedForm) error {
		n++
		if r.Form.ID == forms[2].ID {
			if r.Form.Department == nil || *r.Form.Department != "新部门" || len(r.Corrected()) != 1 {
				t.Errorf("form %d not corrected: %v", r.Form.ID, r.Form.Department)
			}
		} else if len(r.Corrections) != 0 || jsonOf(t, r.Form) != jsonOf(t, r.Original) {
			t.Errorf("form %d changed without corrections", r.Form.ID)
		}
		return nil
	})
	if err != nil || n != len(forms) {
		t.Errorf("ReviewedForms: %d forms, %v", n, err)
	}
}

// FuzzApplyCorrections applies a correction of any field path and value to
// a fixture-like form: it must not panic, and a field it accepts shows the
// value entered (dates are shown normalised, so they are left out).
func FuzzApplyCorrections(f *testing.F) {
	for _, field := range append([]string{"indicators[0].value", "indicators[1].name", "indicators[9].value",
		"indicators[-1].value", "indicators[].value", "indicators[0]", "funds", ""}, store.CorrectableFields...) {
		f.Add(field, "≥95%")
	}
	f.Add("funds.total", "1,000.50")
	f.Add("indicators[0].value", "")
	f.Fuzz(func(t *testing.T, field, value string) {
		name, v := "项目", "约1360件"
		base := jixiao.Form{Year: 2023, ProjectName: &name, Indicators: []jixiao.Indicator{
			{Seq: 1, Level1: "产出指标", Level2: "数量指标", Name: &name, Value: &v, Flags: []string{}},
			{Seq: 2, Level1: "产出指标", Level2: "数量指标", Name: &name, Flags: []string{jixiao.FlagValueMissing}},
		}, Flags: []jixiao.Flag{{Code: jixiao.FlagValueMissing, Field: "indicators[1].value"}}}
		var nv *string
		if value != "" {
			nv = &value
		}
		got := store.ApplyCorrections(base, []store.Correction{{Field: field, New: nv}})
		if *base.Indicators[0].Value != "约1360件" || base.Indicators[1].Value != nil {
			t.Fatalf("the original form was modified")
		}
		cur, err := store.FieldValue(got, field)
		if err != nil || field == "start_date" || field == "end_date" {
			return
		}
		if (cur == nil) != (nv == nil) || (cur != nil && *cur != value) {
			t.Errorf("%s shows %v after a correction to %q", field, cur, value)
		}
	})
}

// TestCorrectionRederivesFundsUnit: a flag normalize raises on a field the
// reviewer did not touch (the funds' unit) is derived again from the
// corrected record: correcting the one amount that lacked a unit clears
// funds_unit_unknown.
func TestCorrectionRederivesFundsUnit(t *testing.T) {
	name, total, annual := "项目", "250万元", "2500000"
	f := jixiao.Form{Year: 2023, ProjectName: &name, FundsRaw: jixiao.FundsRaw{Total: &total, AnnualTotal: &annual}}
	normalize.Form(&f)
	has := func(f jixiao.Form) bool {
		for _, fl := range f.Flags {
			if fl.Code == jixiao.FlagFundsUnitUnknown {
				return true
			}
		}
		return false
	}
	if !has(f) {
		t.Fatalf("the form before the correction has no %s flag: %+v", jixiao.FlagFundsUnitUnknown, f.Flags)
	}
	fixed := "250万元"
	got := store.ApplyCorrections(f, []store.Correction{{Field: jixiao.FieldFundsAnnualTotal, New: &fixed}})
	if has(got) {
		t.Errorf("after correcting %s to %q the form still has %s: %+v", jixiao.FieldFundsAnnualTotal, fixed, jixiao.FlagFundsUnitUnknown, got.Flags)
	}
}
