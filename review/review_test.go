package review_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/normalize"
	"jixiao/review"
	"jixiao/store"
)

func ptr[T any](v T) *T { return &v }

// openDB opens a new database in a temporary directory, closed at the end
// of the test, and returns it with its path.
func openDB(t *testing.T) (*store.DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "jixiao.db")
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	})
	return db, path
}

// readFixture reads and normalises the text fixture's forms.
func readFixture(t *testing.T) (store.Document, []jixiao.Form) {
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
	return store.Document{Path: path, SHA256: d.SHA256, Kind: d.Kind, Size: d.Size}, d.Forms
}

// ingestFixture stores the text fixture's forms in db and returns them as
// read (ids set).
func ingestFixture(t *testing.T, db *store.DB) []jixiao.Form {
	t.Helper()
	doc, forms := readFixture(t)
	if _, _, err := db.SaveDocument(context.Background(), doc, forms); err != nil {
		t.Fatal(err)
	}
	return forms
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

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// queryRow returns the values of the one row of a reading SQL statement,
// as text.
func queryRow(t *testing.T, db *store.DB, query string) []string {
	t.Helper()
	var row []string
	err := db.Query(context.Background(), query, func(_ []string, vals []any) error {
		if row != nil {
			return errors.New("more than one row")
		}
		for _, v := range vals {
			row = append(row, fmt.Sprint(v))
		}
		return nil
	})
	if err != nil || row == nil {
		t.Fatalf("%s: %v, %d values", query, err, len(row))
	}
	return row
}

func TestCorrectIndicatorValue(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	forms := ingestFixture(t, db)
	f, i := findIndicator(t, forms, func(ind jixiao.Indicator) bool { return ind.Value == nil })
	field := jixiao.IndicatorField(i, jixiao.IndicatorValue)

	c, changed, err := review.Correct(ctx, db, review.Edit{FormID: f.ID, Field: field, Value: " ≥95% ", Base: ptr(""), Reviewer: "王芳"})
	if err != nil || !changed {
		t.Fatalf("Correct: %v, changed %v", err, changed)
	}
	if c.ID == 0 || c.FormID != f.ID || c.Old != nil || c.New == nil || *c.New != "≥95%" || c.Reviewer != "王芳" || c.At.IsZero() {
		t.Errorf("correction = %+v", c)
	}
	r, err := review.Load(ctx, db, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Corrections) != 1 || !r.Corrections[0].At.Equal(c.At) || r.Corrections[0].ID != c.ID {
		t.Errorf("stored corrections %+v, want %+v", r.Corrections, c)
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
	err = db.Forms(ctx, func(g jixiao.Form) error {
		if g.ID == f.ID && g.Indicators[i].Value != nil {
			t.Errorf("Forms returns the corrected value; it must return the stored reading")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The SQL view shows both, the typed target stored with the correction included.
	got4 := queryRow(t, db, fmt.Sprintf(`SELECT value, coalesce(original_value, 'NULL'), kind, op, number
		FROM indicator_targets WHERE form_id = %d AND seq = %d`, f.ID, f.Indicators[i].Seq))
	if want := []string{"≥95%", "NULL", "quantity", ">=", "95"}; !slices.Equal(got4, want) {
		t.Errorf("indicator_targets: %q, want %q", got4, want)
	}

	// A stale base is a conflict; the same value again changes nothing.
	if _, _, err := review.Correct(ctx, db, review.Edit{FormID: f.ID, Field: field, Value: "1", Base: ptr(""), Reviewer: "x"}); !errors.Is(err, review.ErrConflict) {
		t.Errorf("stale base: err = %v, want ErrConflict", err)
	}
	if _, changed, err := review.Correct(ctx, db, review.Edit{FormID: f.ID, Field: field, Value: "≥95%", Reviewer: "x"}); err != nil || changed {
		t.Errorf("same value: changed %v, err %v", changed, err)
	}
	// A second correction records the first as its old value; a value
	// still not understood keeps unparsed_value.
	c2, _, err := review.Correct(ctx, db, review.Edit{FormID: f.ID, Field: field, Value: "本部及派出所", Reviewer: "李雷"})
	if err != nil || c2.Old == nil || *c2.Old != "≥95%" {
		t.Fatalf("second correction: %+v, %v", c2, err)
	}
	r, _ = review.Load(ctx, db, f.ID)
	if !slices.Contains(r.Form.Indicators[i].Flags, jixiao.FlagUnparsedValue) || len(r.Corrections) != 2 || len(r.Corrected()) != 1 {
		t.Errorf("after second correction: flags %v, %d corrections", r.Form.Indicators[i].Flags, len(r.Corrections))
	}
}

func TestCorrectHeaderFundsDate(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	f := ingestFixture(t, db)[0]
	edits := []review.Edit{
		{FormID: f.ID, Field: jixiao.FieldProjectName, Value: "<script>alert(1)</script>"},
		{FormID: f.ID, Field: jixiao.FieldFundsTotal, Value: "1,000.50"},
		{FormID: f.ID, Field: jixiao.FieldStartDate, Value: "2023年2月1日"},
		{FormID: f.ID, Field: jixiao.FieldGoalAnnual, Value: ""},
	}
	for _, e := range edits {
		e.Reviewer = "王芳"
		if _, _, err := review.Correct(ctx, db, e); err != nil {
			t.Fatalf("%s: %v", e.Field, err)
		}
	}
	r, err := review.Load(ctx, db, f.ID)
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
	if !slices.ContainsFunc(g.Flags, func(fl jixiao.Flag) bool {
		return fl.Code == jixiao.FlagFieldMissing && fl.Field == jixiao.FieldGoalAnnual
	}) {
		t.Errorf("clearing goals.annual did not flag it missing: %v", g.Flags)
	}
	if !slices.ContainsFunc(g.Flags, func(fl jixiao.Flag) bool { return fl.Code == jixiao.FlagFundsMismatch }) {
		t.Errorf("a total that no longer adds up is not flagged: %v", g.Flags)
	}
}

// TestRefused: each edit or mark that must be refused, on a writable
// database and on a read-only one; nothing is stored for any.
func TestRefused(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	f := ingestFixture(t, db)[0]
	edit := func(formID int64, field, reviewer string) func(*store.DB) error {
		return func(db *store.DB) error {
			_, _, err := review.Correct(ctx, db, review.Edit{FormID: formID, Field: field, Value: "x", Reviewer: reviewer})
			return err
		}
	}
	mark := func(formID int64, status, reviewer string) func(*store.DB) error {
		return func(db *store.DB) error {
			_, err := review.Mark(ctx, db, formID, status, reviewer)
			return err
		}
	}
	tests := []struct {
		name string
		do   func(*store.DB) error
		want error // nil: any error
	}{
		{"unknown form", edit(9999, jixiao.FieldProjectName, "a"), store.ErrNotFound},
		{"unknown field", edit(f.ID, jixiao.FieldTitle, "a"), review.ErrBadField},
		{"indicator out of range", edit(f.ID, jixiao.IndicatorField(999, jixiao.IndicatorValue), "a"), review.ErrBadField},
		{"indicator part", edit(f.ID, jixiao.IndicatorField(0, "target"), "a"), review.ErrBadField},
		{"no reviewer", edit(f.ID, jixiao.FieldProjectName, " "), nil},
		{"mark unknown form", mark(9999, jixiao.StatusReviewed, "a"), store.ErrNotFound},
		{"mark unknown status", mark(f.ID, "approved", "a"), nil},
		{"mark no reviewer", mark(f.ID, jixiao.StatusReviewed, ""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.do(db)
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
		})
	}
	r, err := review.Load(ctx, db, f.ID)
	if err != nil || len(r.Corrections) != 0 || r.Review != (jixiao.Review{}) {
		t.Errorf("after refused edits: %d corrections, review %+v, %v", len(r.Corrections), r.Review, err)
	}
	db.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for name, do := range map[string]func(*store.DB) error{
		"read-only correct": edit(f.ID, jixiao.FieldProjectName, "a"),
		"read-only mark":    mark(f.ID, jixiao.StatusReviewed, "a"),
	} {
		if err := do(ro); !errors.Is(err, store.ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", name, err)
		}
	}
}

// TestMark signs a form off and reopens it: the latest mark is its status.
func TestMark(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	f := ingestFixture(t, db)[0]
	for _, tt := range []struct {
		status, reviewer, wantReviewer string
		reviewed                       bool
	}{
		{jixiao.StatusReviewed, " 王芳 ", "王芳", true},
		{jixiao.StatusReopened, "李雷", "李雷", false},
		{jixiao.StatusReviewed, "李雷", "李雷", true},
	} {
		got, err := review.Mark(ctx, db, f.ID, tt.status, tt.reviewer)
		if err != nil {
			t.Fatal(err)
		}
		r, err := review.Load(ctx, db, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.Review.Reviewed() != tt.reviewed || r.Review.Status != tt.status || r.Review.Reviewer != tt.wantReviewer ||
			!r.Review.At.Equal(got.At) || got.Reviewer != tt.wantReviewer {
			t.Errorf("after %s by %q: review %+v, Mark returned %+v", tt.status, tt.reviewer, r.Review, got)
		}
	}
}

// TestForms checks that Forms gives every form in id order, the corrected
// one corrected and the others as stored.
func TestForms(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	forms := ingestFixture(t, db)
	if _, _, err := review.Correct(ctx, db, review.Edit{FormID: forms[2].ID, Field: jixiao.FieldDepartment, Value: "新部门", Reviewer: "a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := review.Mark(ctx, db, forms[3].ID, jixiao.StatusReviewed, "a"); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	err := review.Forms(ctx, db, func(r review.Form) error {
		ids = append(ids, r.Form.ID)
		switch r.Form.ID {
		case forms[2].ID:
			if r.Form.Department == nil || *r.Form.Department != "新部门" || len(r.Corrected()) != 1 {
				t.Errorf("form %d not corrected: %v", r.Form.ID, r.Form.Department)
			}
		case forms[3].ID:
			if !r.Review.Reviewed() {
				t.Errorf("form %d: review %+v, want reviewed", r.Form.ID, r.Review)
			}
		}
		if r.Form.ID != forms[2].ID && (len(r.Corrections) != 0 || jsonOf(t, r.Form) != jsonOf(t, r.Original)) {
			t.Errorf("form %d changed without corrections", r.Form.ID)
		}
		return nil
	})
	if err != nil || len(ids) != len(forms) || !slices.IsSorted(ids) {
		t.Errorf("Forms: ids %v of %d forms, %v", ids, len(forms), err)
	}
	stop := errors.New("stop")
	n := 0
	if err := review.Forms(ctx, db, func(review.Form) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Forms after fn's error: %v after %d forms, want it unwrapped after 1", err, n)
	}
}

// TestDisagreements saves the fixture twice, the second reading differing
// in one field, and checks that Disagreements compares the corrected
// records: a correction that makes the readings agree ends the
// disagreement.
func TestDisagreements(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	docA, formsA := readFixture(t)
	docB, formsB := readFixture(t)
	docB.Path, docB.SHA256, docB.Kind = "scan/forms.pdf", fmt.Sprintf("%064x", "pdf reading"), jixiao.KindPDF
	formsB[0].ProjectNature = ptr("另一种性质")
	for _, d := range []struct {
		doc   store.Document
		forms []jixiao.Form
	}{{docA, formsA}, {docB, formsB}} {
		if _, _, err := db.SaveDocument(ctx, d.doc, d.forms); err != nil {
			t.Fatal(err)
		}
	}
	a, b := formsA[0].ID, formsB[0].ID
	ds, err := review.Disagreements(ctx, db, b)
	want := review.Disagreement{Field: jixiao.FieldProjectNature, Value: "另一种性质", OtherID: a, OtherPath: docA.Path,
		OtherValue: *formsA[0].ProjectNature, OtherReview: "open"}
	if err != nil || len(ds) != 1 || ds[0] != want {
		t.Errorf("Disagreements(%d) = %+v, %v; want [%+v]", b, ds, err, want)
	}
	if ds, err := review.Disagreements(ctx, db, formsA[1].ID); err != nil || len(ds) != 0 {
		t.Errorf("Disagreements of a form its readings agree on = %+v, %v", ds, err)
	}
	if ds, err := review.Disagreements(ctx, db, 9999); err != nil || ds != nil {
		t.Errorf("Disagreements of no form = %+v, %v", ds, err)
	}
	if _, err := review.Mark(ctx, db, a, jixiao.StatusReviewed, "王芳"); err != nil {
		t.Fatal(err)
	}
	if ds, _ := review.Disagreements(ctx, db, b); len(ds) != 1 || ds[0].OtherReview != jixiao.StatusReviewed {
		t.Errorf("after signing off form %d: %+v", a, ds)
	}
	if _, _, err := review.Correct(ctx, db, review.Edit{FormID: b, Field: jixiao.FieldProjectNature,
		Value: *formsA[0].ProjectNature, Reviewer: "王芳"}); err != nil {
		t.Fatal(err)
	}
	if ds, err := review.Disagreements(ctx, db, b); err != nil || len(ds) != 0 {
		t.Errorf("after correcting form %d to agree: %+v, %v", b, ds, err)
	}
}

// TestCorrectSelfEvaluation corrects the fields of a self-evaluation
// form: an actual gets its typed reading (in indicator_results too), a
// weight or score is a number of points (shown and stored in its shortest
// form), a total score likewise; what is not a number is refused.
func TestCorrectSelfEvaluation(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	name, value, actual, grade := "完成培训人次", "≥500人次", "480人次", "良"
	f := jixiao.Form{FormType: jixiao.FormSelfEvaluation, Template: jixiao.TemplateSelfEval, Year: 2023,
		ProjectName: ptr("培训项目"), TotalScore: ptr(88.0), Grade: &grade,
		Indicators: []jixiao.Indicator{{Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Name: &name, Value: &value,
			Period: jixiao.PeriodAnnual, Actual: &actual, Weight: ptr(20.0), Score: ptr(19.2), Flags: []string{}}}}
	normalize.Form(&f)
	doc := store.Document{Path: "selfeval.txt", SHA256: "5e1f", Kind: jixiao.KindText, Size: 1}
	docID, _, err := db.SaveDocument(ctx, doc, []jixiao.Form{f})
	if err != nil {
		t.Fatal(err)
	}
	var id int64
	if _, err := fmt.Sscan(queryRow(t, db, fmt.Sprintf(`SELECT id FROM forms WHERE document_id = %d`, docID))[0], &id); err != nil {
		t.Fatal(err)
	}
	edit := func(field, v string) error {
		_, _, err := review.Correct(ctx, db, review.Edit{FormID: id, Field: field, Value: v, Reviewer: "王芳"})
		return err
	}
	for _, tc := range []struct{ field, value, shown string }{
		{jixiao.IndicatorField(0, jixiao.IndicatorActual), "520人次", "520人次"},
		{jixiao.IndicatorField(0, jixiao.IndicatorScore), " 20分 ", "20"},
		{jixiao.IndicatorField(0, jixiao.IndicatorWeight), "20.0", ""}, // the same number: nothing to store
		{jixiao.IndicatorField(0, jixiao.IndicatorDeviation), "无", "无"},
		{jixiao.FieldTotalScore, "89", "89"},
		{jixiao.FieldGrade, "优", "优"},
		{jixiao.FieldGoalAchieved, "全部完成", "全部完成"},
	} {
		if err := edit(tc.field, tc.value); err != nil {
			t.Errorf("correct %s to %q: %v", tc.field, tc.value, err)
			continue
		}
		r, err := review.Load(ctx, db, id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := review.FieldValue(r.Form, tc.field)
		if want := tc.shown; want == "" {
			want = "20"
			if err != nil || got == nil || *got != want {
				t.Errorf("%s shows %v after %q, want %q", tc.field, got, tc.value, want)
			}
			if len(r.Corrected()) > 0 && r.Corrected()[len(r.Corrected())-1].Field == tc.field {
				t.Errorf("%s: the same number was stored as a correction", tc.field)
			}
			continue
		} else if err != nil || got == nil || *got != want {
			t.Errorf("%s shows %v after %q, want %q", tc.field, got, tc.value, want)
		}
	}
	for _, bad := range []string{"二十", "-3", "NaN"} {
		if err := edit(jixiao.IndicatorField(0, jixiao.IndicatorScore), bad); !errors.Is(err, review.ErrBadValue) {
			t.Errorf("score %q: err %v, want ErrBadValue", bad, err)
		}
	}
	got := queryRow(t, db, fmt.Sprintf(`SELECT actual, actual_kind, actual_number, score, coalesce(met, 'NULL')
		FROM indicator_results WHERE form_id = %d AND seq = 1`, id))
	if want := []string{"520人次", "quantity", "520", "20", "1"}; !slices.Equal(got, want) {
		t.Errorf("indicator_results after the corrections: %q, want %q", got, want)
	}
}
