package store_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/mattn/go-sqlite3"

	"jixiao"
	"jixiao/store"
)

func ptr[T any](v T) *T { return &v }

// openDB opens a new database in a temporary directory, closed at the end
// of the test.
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

// doc returns a document whose hash is derived from name.
func doc(name string) store.Document {
	return store.Document{
		Path:    "in/" + name + ".txt",
		SHA256:  fmt.Sprintf("%064x", name),
		Kind:    jixiao.KindText,
		Size:    1234,
		ModTime: time.Date(2024, 5, 1, 8, 30, 0, 123, time.FixedZone("CST", 8*3600)),
	}
}

// sampleForms returns two forms exercising nil pointers, empty and nil
// slices, empty strings and zero numbers, flags on indicators and on the
// form, and every field set.
func sampleForms() []jixiao.Form {
	return []jixiao.Form{
		{
			Source: jixiao.Source{
				Path: "ignored: the document's path is stored", SHA256: "ignored", Kind: jixiao.KindPDF,
				FormIndex: 1, LineFrom: 3, LineTo: 88,
			},
			Title:            "2023年度财政项目支出绩效目标申报表",
			Year:             2023,
			ProjectName:      ptr("城区道路养护（二期）"),
			ProjectNature:    ptr("延续项目"),
			ProjectCategory:  ptr(""), // printed but blank: not nil
			Department:       ptr("市住房和城乡建设局"),
			ImplementingUnit: ptr("市市政设施管理处"),
			StartDate:        ptr("2023-01-01"),
			EndDate:          ptr("2023年底"),
			Funds: jixiao.Funds{
				Total:         ptr(1234567.89),
				AnnualTotal:   ptr(500.0),
				Fiscal:        ptr(0.0), // zero, not nil
				Appropriation: ptr(-1e-7),
				Carryover:     nil,
				Other:         ptr(math.MaxFloat64),
				AnnualOther:   nil,
			},
			FundsRaw: jixiao.FundsRaw{
				Total:         ptr("1,234,567.89"),
				AnnualTotal:   ptr("500"),
				Fiscal:        ptr("0"),
				Appropriation: ptr("-0.0000001"),
				Carryover:     nil,
				Other:         ptr("很多"),
				AnnualOther:   ptr("—"),
			},
			FundsUnit: jixiao.FundsWanYuan,
			Goals:     jixiao.Goals{Overall: ptr("改善道路通行条件。\n第二行"), Annual: nil},
			Indicators: []jixiao.Indicator{
				{
					Seq: 1, Level1: jixiao.L1Output, Level2: "数量指标", Level2Raw: "数量 指标",
					Level1Weight: ptr(50.0), Level2Weight: ptr(12.5),
					Name: ptr("养护道路长度 （城区）"), NameNorm: "养护道路长度(城区)", Value: ptr("≥12公里"),
					Target: fullTarget(), Confidence: 1,
					Flags: []string{}, Line: 40,
				},
				{
					Seq: 2, Level1: "", Level2: "",
					Name: nil, Value: ptr(""),
					Target: jixiao.Target{Kind: jixiao.TargetKind("comparison")}, Confidence: 0.375,
					Flags: []string{jixiao.FlagNameMissing, jixiao.FlagLevelMissing},
				},
				{
					Seq: 3, Level1: jixiao.L1Satisfaction, Level2: "服务对象满意度指标", Level2Raw: "社会公众满意度指标",
					Level1Weight: ptr(0.0), // zero, not nil
					Name:         ptr("群众满意度"), NameNorm: "群众满意度", Value: nil,
					// Zero numbers and an empty unit are given, not absent.
					Target: jixiao.Target{Kind: jixiao.TargetRange, Min: ptr(0.0), Max: ptr(-1.5), Unit: ptr("")}, Confidence: 0,
					Flags: nil, // comes back empty
				},
			},
			Flags: []jixiao.Flag{
				{Code: jixiao.FlagNameMissing, Field: "indicators[1].name", Message: "第2行没有指标名称"},
				{Code: jixiao.FlagAmountMissing, Field: "funds.carryover", Message: "blank"},
				{Code: jixiao.FlagLevelMissing, Field: "indicators[1]", Message: ""},
				{Code: jixiao.FlagValueMissing, Field: "indicators[2].value", Message: "no value"},
				{Code: jixiao.FlagExtraCells, Field: "indicators[99].value", Message: "out of range: not linked"},
				{Code: jixiao.FlagTitleMissing, Field: "", Message: "whole form"},
			},
		},
		{
			// Nothing known: every pointer nil, nil slices; but where
			// fields were read on two pages of a scan.
			Source: jixiao.Source{FormIndex: 2, PageFrom: 4, PageTo: 5},
			Pages: []jixiao.Page{
				{Page: 4, Width: 1654, Height: 2339, Unit: jixiao.UnitPixel},
				{Page: 5, Width: 1654.5, Height: 2339, Unit: jixiao.UnitPixel},
			},
			Geometry: map[string]jixiao.Place{
				"title":               {Page: 4, Box: jixiao.Box{10, 20, 1600, 80}},
				"indicators[0].value": {Page: 5, Box: jixiao.Box{1200.5, 300, 1500, 345.25}},
			},
		},
	}
}

// fullTarget returns a Target with every field set (no kind of target has
// them all, but the store must keep whatever it is given), strings with
// characters that JSON escapes included.
func fullTarget() jixiao.Target {
	return jixiao.Target{
		Kind: jixiao.TargetQuantity, Op: ">=", Value: ptr(1e7), Unit: ptr("万元/\"吨\""),
		Min: ptr(-0.000001), Max: ptr(math.MaxFloat64),
		By: "2023-12-31", From: "2023-09-01", To: "2023-10-31",
		Times: 2, Every: -3, Per: "month",
		Direction: "increase", Basis: "yoy", Label: "及时<当日>&", Detail: "（24小时以内）\n\u2028\\",
	}
}

// want returns what Forms gives back for f saved as id in d: f with its ID
// and Source set, and empty (non-nil) slices where f has nil ones.
func want(t *testing.T, f jixiao.Form, id int64, d store.Document) jixiao.Form {
	t.Helper()
	// A deep copy, so that fixing up w does not alter f.
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var w jixiao.Form
	if err := json.Unmarshal(b, &w); err != nil {
		t.Fatal(err)
	}
	w.ID = id
	w.Source.Path, w.Source.SHA256, w.Source.Kind = d.Path, d.SHA256, d.Kind
	if w.Indicators == nil {
		w.Indicators = []jixiao.Indicator{}
	}
	if w.Flags == nil {
		w.Flags = []jixiao.Flag{}
	}
	for i := range w.Indicators {
		if w.Indicators[i].Flags == nil {
			w.Indicators[i].Flags = []string{}
		}
	}
	return w
}

// allForms returns what Forms gives.
func allForms(t *testing.T, db *store.DB) []jixiao.Form {
	t.Helper()
	var got []jixiao.Form
	if err := db.Forms(context.Background(), func(f jixiao.Form) error {
		got = append(got, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

func summary(t *testing.T, db *store.DB) store.Summary {
	t.Helper()
	s, err := db.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	d := doc("a")
	forms := sampleForms()
	in := sampleForms() // untouched copy of what was saved

	docID, added, err := db.SaveDocument(ctx, d, forms)
	if err != nil || !added || docID == 0 {
		t.Fatalf("SaveDocument = %d, %v, %v; want an id, true, nil", docID, added, err)
	}
	for i, f := range forms {
		if f.ID == 0 {
			t.Errorf("forms[%d].ID not set", i)
		}
	}

	got := allForms(t, db)
	if len(got) != len(in) {
		t.Fatalf("Forms gave %d forms, want %d", len(got), len(in))
	}
	for i := range in {
		w := want(t, in[i], forms[i].ID, d)
		if !reflect.DeepEqual(got[i], w) {
			t.Errorf("form %d:\n got %s\nwant %s", i, jsonOf(t, got[i]), jsonOf(t, w))
		}
		// And after a JSON round trip, as the export sees them.
		var rt jixiao.Form
		if err := json.Unmarshal([]byte(jsonOf(t, got[i])), &rt); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rt, w) {
			t.Errorf("form %d after JSON round trip:\n got %s\nwant %s", i, jsonOf(t, rt), jsonOf(t, w))
		}
	}
	if g := got[1]; g.Indicators == nil || g.Flags == nil || got[0].Indicators[2].Flags == nil {
		t.Error("nil slice in a rebuilt form")
	}
}

// TestFundsUnitAndWeights checks the columns of the funds unit and the
// level weights, and that they come back in the record.
func TestFundsUnitAndWeights(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	forms := sampleForms()
	if _, _, err := db.SaveDocument(ctx, doc("u"), forms); err != nil {
		t.Fatal(err)
	}
	rows, err := store.ReaderPool(db).Query(`SELECT f.form_index, quote(f.funds_unit), quote(i.level1_weight), quote(i.level2_weight)
		FROM forms f LEFT JOIN indicators i ON i.form_id = f.id ORDER BY f.id, i.seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var n int
		var u, w1, w2 string
		if err := rows.Scan(&n, &u, &w1, &w2); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprint(n, " ", u, " ", w1, " ", w2))
	}
	want := []string{"1 '万元' 50.0 12.5", "1 '万元' NULL NULL", "1 '万元' 0.0 NULL", "2 '' NULL NULL"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("columns:\n got %q\nwant %q", got, want)
	}
	back := allForms(t, db)
	if back[0].FundsUnit != jixiao.FundsWanYuan || back[1].FundsUnit != "" {
		t.Errorf("funds_unit read back %q, %q", back[0].FundsUnit, back[1].FundsUnit)
	}
	if w := back[0].Indicators[0]; w.Level1Weight == nil || *w.Level1Weight != 50 || w.Level2Weight == nil || *w.Level2Weight != 12.5 {
		t.Errorf("weights read back %v, %v", w.Level1Weight, w.Level2Weight)
	}
	bad := sampleForms()
	bad[0].Indicators[0].Level2Weight = ptr(math.NaN())
	if _, _, err := db.SaveDocument(ctx, doc("nan"), bad); err == nil || !strings.Contains(err.Error(), "level2_weight") {
		t.Errorf("a NaN weight: %v, want refused", err)
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFlagIndicatorLink checks that a flag on "indicators[i]…" points at
// the i-th (0-based) indicator and other flags at none.
func TestFlagIndicatorLink(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, _, err := db.SaveDocument(ctx, doc("a"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	rows, err := store.ReaderPool(db).QueryContext(ctx, `
		SELECT fl.field, i.seq FROM flags fl LEFT JOIN indicators i ON i.id = fl.indicator_id ORDER BY fl.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]int64{}
	for rows.Next() {
		var field string
		var seq sql.NullInt64
		if err := rows.Scan(&field, &seq); err != nil {
			t.Fatal(err)
		}
		got[field] = seq.Int64
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wantSeq := map[string]int64{
		"indicators[1].name":   2,
		"funds.carryover":      0,
		"indicators[1]":        2,
		"indicators[2].value":  3,
		"indicators[99].value": 0,
		"":                     0,
	}
	if !reflect.DeepEqual(got, wantSeq) {
		t.Errorf("flag field → indicator seq = %v, want %v", got, wantSeq)
	}
}

// TestSaveDocument saves documents in turn and checks what each save
// returns and what the database then holds.
func TestSaveDocument(t *testing.T) {
	type save struct {
		doc       store.Document
		forms     []jixiao.Form
		wantAdded bool
	}
	named := func(name string, idx int) jixiao.Form {
		return jixiao.Form{Source: jixiao.Source{FormIndex: idx}, ProjectName: ptr(name),
			Indicators: []jixiao.Indicator{{Seq: 1, Name: ptr("x"), Target: jixiao.Target{Kind: jixiao.TargetText}}},
			Flags:      []jixiao.Flag{{Code: jixiao.FlagFieldMissing, Field: "department"}}}
	}
	tests := []struct {
		name  string
		saves []save
		want  store.Summary
		// wantNames are the project names Forms gives, in order.
		wantNames []string
	}{
		{
			name:      "re-saving the same sha256 is a no-op",
			saves:     []save{{doc("a"), sampleForms(), true}, {doc("a"), sampleForms(), false}},
			want:      store.Summary{Documents: 1, Forms: 2, Indicators: 3, Flags: 6},
			wantNames: []string{"城区道路养护（二期）", ""},
		},
		{
			name: "same sha256 under another path is a no-op",
			saves: []save{
				{doc("a"), []jixiao.Form{named("甲", 1)}, true},
				{store.Document{Path: "copy.txt", SHA256: doc("a").SHA256}, []jixiao.Form{named("乙", 1)}, false},
			},
			want:      store.Summary{Documents: 1, Forms: 1, Indicators: 1, Flags: 1},
			wantNames: []string{"甲"},
		},
		{
			name:      "two forms of one document share a project name",
			saves:     []save{{doc("a"), []jixiao.Form{named("同名项目", 1), named("同名项目", 2)}, true}},
			want:      store.Summary{Documents: 1, Forms: 2, Indicators: 2, Flags: 2},
			wantNames: []string{"同名项目", "同名项目"},
		},
		{
			name: "forms of two documents share a project name",
			saves: []save{
				{doc("a"), []jixiao.Form{named("同名项目", 1)}, true},
				{doc("b"), []jixiao.Form{named("同名项目", 1), named("另一个", 2)}, true},
			},
			want:      store.Summary{Documents: 2, Forms: 3, Indicators: 3, Flags: 3},
			wantNames: []string{"同名项目", "同名项目", "另一个"},
		},
		{
			name:  "a document without forms",
			saves: []save{{doc("a"), nil, true}, {doc("a"), nil, false}},
			want:  store.Summary{Documents: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openDB(t)
			ids := map[string]int64{}
			for i, s := range tt.saves {
				id, added, err := db.SaveDocument(ctx, s.doc, s.forms)
				if err != nil {
					t.Fatalf("save %d: %v", i, err)
				}
				if added != s.wantAdded {
					t.Errorf("save %d: added = %v, want %v", i, added, s.wantAdded)
				}
				if first, ok := ids[s.doc.SHA256]; ok && first != id {
					t.Errorf("save %d: document id %d, want the first save's %d", i, id, first)
				}
				ids[s.doc.SHA256] = id
				for j, f := range s.forms {
					if (f.ID != 0) != s.wantAdded {
						t.Errorf("save %d: forms[%d].ID = %d with added=%v", i, j, f.ID, s.wantAdded)
					}
				}
				has, err := db.HasDocument(ctx, s.doc.SHA256)
				if err != nil || !has {
					t.Errorf("save %d: HasDocument = %v, %v; want true", i, has, err)
				}
			}
			if got := summary(t, db); got != tt.want {
				t.Errorf("Summary = %+v, want %+v", got, tt.want)
			}
			var names []string
			for _, f := range allForms(t, db) {
				n := ""
				if f.ProjectName != nil {
					n = *f.ProjectName
				}
				names = append(names, n)
			}
			if !reflect.DeepEqual(names, tt.wantNames) {
				t.Errorf("project names = %q, want %q", names, tt.wantNames)
			}
		})
	}
}

// TestSaveDocumentRefused checks that a bad save stores nothing at all.
func TestSaveDocumentRefused(t *testing.T) {
	dupSeq := sampleForms()
	dupSeq[0].Indicators[2].Seq = 1
	nanAmount := sampleForms()
	nanAmount[0].Funds.Carryover = ptr(math.NaN())
	infAmount := sampleForms()
	infAmount[1].Funds.Total = ptr(math.Inf(-1))
	nanConf := sampleForms()
	nanConf[0].Indicators[0].Confidence = math.NaN()
	nanTarget := sampleForms()
	nanTarget[0].Indicators[0].Target.Value = ptr(math.NaN())
	infTarget := sampleForms()
	infTarget[0].Indicators[2].Target.Max = ptr(math.Inf(1))
	nanBox := sampleForms()
	nanBox[1].Geometry["title"] = jixiao.Place{Page: 4, Box: jixiao.Box{0, math.NaN(), 1, 1}}
	infPage := sampleForms()
	infPage[1].Pages[1].Height = math.Inf(1)
	noHash := doc("a")
	noHash.SHA256 = ""

	tests := []struct {
		name    string
		doc     store.Document
		forms   []jixiao.Form
		wantErr string
	}{
		{"duplicate indicator seq", doc("a"), dupSeq, "UNIQUE constraint failed"},
		{"NaN amount", doc("a"), nanAmount, "form 1: funds.carryover is NaN"},
		{"infinite amount", doc("a"), infAmount, "form 2: funds.total is -Inf"},
		{"NaN confidence", doc("a"), nanConf, "indicators[0].confidence is NaN"},
		{"NaN target value", doc("a"), nanTarget, "form 1: indicators[0].target.value is NaN"},
		{"infinite target max", doc("a"), infTarget, "form 1: indicators[2].target.max is +Inf"},
		{"NaN box", doc("a"), nanBox, "form 2: geometry of title is [0 NaN 1 1]"},
		{"infinite page", doc("a"), infPage, "form 2: page 5 is 1654.5 × +Inf"},
		{"empty sha256", noHash, sampleForms(), "empty sha256"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openDB(t)
			_, added, err := db.SaveDocument(ctx, tt.doc, tt.forms)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "store: ") {
				t.Fatalf("SaveDocument error = %v, want one containing %q", err, tt.wantErr)
			}
			if added {
				t.Error("added = true on error")
			}
			for i, f := range tt.forms {
				if f.ID != 0 {
					t.Errorf("forms[%d].ID = %d after a failed save", i, f.ID)
				}
			}
			if got := summary(t, db); got != (store.Summary{}) {
				t.Errorf("Summary after a failed save = %+v, want all zero", got)
			}
			// The same document can then be saved.
			if _, added, err := db.SaveDocument(ctx, doc("a"), sampleForms()); err != nil || !added {
				t.Errorf("save after a failed save = %v, %v", added, err)
			}
		})
	}
}

// TestSaveDocumentCancelled checks that a save under a cancelled context
// stores nothing, and that the next one works.
func TestSaveDocumentCancelled(t *testing.T) {
	db, _ := openDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	forms := sampleForms()
	if _, added, err := db.SaveDocument(ctx, doc("a"), forms); !errors.Is(err, context.Canceled) || added {
		t.Errorf("SaveDocument with a cancelled context = %v, %v; want context.Canceled", added, err)
	}
	if forms[0].ID != 0 {
		t.Error("form ID set by a cancelled save")
	}
	if got := summary(t, db); got != (store.Summary{}) {
		t.Errorf("Summary after a cancelled save = %+v, want all zero", got)
	}
	if _, added, err := db.SaveDocument(context.Background(), doc("a"), sampleForms()); err != nil || !added {
		t.Errorf("save after a cancelled save = %v, %v", added, err)
	}
}

// TestSaveDocumentCancelledMidway cancels saves of a large document after
// varying delays: each save stores all of it or nothing, the error of a
// cancelled one says so, and the database stays usable.
func TestSaveDocumentCancelledMidway(t *testing.T) {
	db, _ := openDB(t)
	var big []jixiao.Form
	for range 10 {
		big = append(big, fixtureForms(t)...)
	}
	stored := 0
	for i, delay := range []time.Duration{0, 10 * time.Microsecond, 100 * time.Microsecond, 300 * time.Microsecond,
		time.Millisecond, 3 * time.Millisecond, 10 * time.Millisecond, 30 * time.Millisecond, time.Hour} {
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(delay, cancel)
		_, added, err := db.SaveDocument(ctx, doc(fmt.Sprint("big", i)), slices.Clone(big))
		timer.Stop()
		cancel()
		switch {
		case err == nil && added:
			stored++
		case err != nil && !errors.Is(err, context.Canceled):
			t.Errorf("delay %v: error %v, want one wrapping context.Canceled", delay, err)
		}
		if got, want := summary(t, db).Forms, stored*len(big); got != want {
			t.Fatalf("delay %v: %d forms stored, want %d: a save was not atomic", delay, got, want)
		}
	}
	if stored == 0 {
		t.Error("no save finished, not even the one cancelled after an hour")
	}
	if _, added, err := db.SaveDocument(context.Background(), doc("after"), sampleForms()); err != nil || !added {
		t.Errorf("save after the cancelled ones = %v, %v", added, err)
	}
}

// TestSaveAfterLostConnection drops the writing connection, on which
// SaveDocument's statements are prepared: they are prepared again on the
// next one.
func TestSaveAfterLostConnection(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, _, err := db.SaveDocument(ctx, doc("a"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	c, err := store.WriterPool(db).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// database/sql closes a connection on which Raw returns ErrBadConn.
	if err := c.Raw(func(any) error { return driver.ErrBadConn }); !errors.Is(err, driver.ErrBadConn) {
		t.Fatal(err)
	}
	c.Close()
	if _, added, err := db.SaveDocument(ctx, doc("b"), sampleForms()); err != nil || !added {
		t.Fatalf("SaveDocument on a new connection = %v, %v", added, err)
	}
	if got := summary(t, db).Forms; got != 4 {
		t.Errorf("%d forms stored, want 4", got)
	}
}

func TestRecordFailure(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	for _, f := range []struct {
		path, sha string
		kind      jixiao.ErrorKind
		msg       string
		first     bool
	}{
		{"bad.pdf", "ab12", jixiao.ErrMalformed, "extract bad.pdf page 3: malformed: no xref", true},
		{"bad.pdf", "ab12", jixiao.ErrTimeout, "the same file again: one row, the last error", false},
		{"gone.pdf", "", jixiao.ErrIO, "open gone.pdf: no such file", true},
		{"gone.pdf", "", jixiao.ErrIO, "open gone.pdf: still no such file", false},
		{"bad.pdf", "cd34", jixiao.ErrMalformed, "other bytes at the same path: another file", true},
		{"other/bad.pdf", "ab12", jixiao.ErrMalformed, "the same bytes at another path: another file", true},
	} {
		first, err := db.RecordFailure(ctx, f.path, f.sha, f.kind, f.msg)
		if err != nil {
			t.Fatal(err)
		}
		if first != f.first {
			t.Errorf("RecordFailure(%s, %q, %q): first = %v, want %v", f.path, f.sha, f.msg, first, f.first)
		}
	}
	if got, want := summary(t, db), (store.Summary{Failures: 4}); got != want {
		t.Errorf("Summary = %+v, want %+v", got, want)
	}
	rows, err := store.ReaderPool(db).QueryContext(ctx,
		`SELECT path, sha256, error_kind, message, failed_at, attempts FROM failures ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := []struct {
		path, sha string
		kind      jixiao.ErrorKind
		msg       string
		attempts  int
	}{
		{"bad.pdf", "ab12", jixiao.ErrTimeout, "the same file again: one row, the last error", 2},
		{"gone.pdf", "", jixiao.ErrIO, "open gone.pdf: still no such file", 2},
		{"bad.pdf", "cd34", jixiao.ErrMalformed, "other bytes at the same path: another file", 1},
		{"other/bad.pdf", "ab12", jixiao.ErrMalformed, "the same bytes at another path: another file", 1},
	}
	i := 0
	for ; rows.Next(); i++ {
		var path, kind, msg, at string
		var sha sql.NullString
		var attempts int
		if err := rows.Scan(&path, &sha, &kind, &msg, &at, &attempts); err != nil {
			t.Fatal(err)
		}
		if i >= len(want) {
			continue
		}
		f := want[i]
		if path != f.path || sha.String != f.sha || sha.Valid != (f.sha != "") || kind != string(f.kind) || msg != f.msg || attempts != f.attempts {
			t.Errorf("failure %d = %q %v %q %q %d, want %+v", i, path, sha, kind, msg, attempts, f)
		}
		if _, err := time.Parse(time.RFC3339Nano, at); err != nil || !strings.HasSuffix(at, "Z") {
			t.Errorf("failure %d: failed_at %q is not UTC RFC 3339", i, at)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if i != len(want) {
		t.Errorf("%d failure rows, want %d", i, len(want))
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "jixiao.db")
	rw, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := rw.SaveDocument(ctx, doc("a"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	want := allForms(t, rw)
	// Keep rw open: a reader beside a writer is the normal case.
	defer rw.Close()

	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if got := allForms(t, ro); !reflect.DeepEqual(got, want) {
		t.Error("read-only Forms differs from read-write Forms")
	}

	writes := []struct {
		name string
		fn   func() error
		want error // an error of the store, or a sqlite3.ErrNo code
	}{
		{"SaveDocument", func() error {
			_, _, err := ro.SaveDocument(ctx, doc("b"), sampleForms())
			return err
		}, store.ErrReadOnly},
		{"RecordFailure", func() error {
			_, err := ro.RecordFailure(ctx, "x", "", jixiao.ErrIO, "m")
			return err
		}, store.ErrReadOnly},
		// Below the API: SQLite itself refuses.
		{"raw INSERT", func() error {
			_, err := store.ReaderPool(ro).ExecContext(ctx, `INSERT INTO failures (path, error_kind, message, failed_at) VALUES ('x','I/O','m','t')`)
			return err
		}, sqlite3.ErrReadonly},
		{"raw PRAGMA user_version", func() error {
			_, err := store.ReaderPool(ro).ExecContext(ctx, `PRAGMA user_version = 7`)
			return err
		}, sqlite3.ErrReadonly},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			err := w.fn()
			if err == nil {
				t.Fatal("write succeeded on a read-only database")
			}
			if code, ok := w.want.(sqlite3.ErrNo); ok {
				var se sqlite3.Error
				if !errors.As(err, &se) || se.Code != code {
					t.Errorf("error %v, want SQLite's %v", err, code)
				}
			} else if !errors.Is(err, w.want) {
				t.Errorf("error %v, want one wrapping %v", err, w.want)
			}
		})
	}
	if got, want := summary(t, ro), (store.Summary{Documents: 1, Forms: 2, Indicators: 3, Flags: 6}); got != want {
		t.Errorf("Summary after refused writes = %+v, want %+v", got, want)
	}

	missing := filepath.Join(t.TempDir(), "missing.db")
	if db, err := store.OpenReadOnly(ctx, missing); err == nil {
		db.Close()
		t.Error("OpenReadOnly of a missing file succeeded")
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("OpenReadOnly created %s", missing)
	}
}

// rawExec runs statements on the file at path with a plain connection.
func rawExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func TestSchemaVersion(t *testing.T) {
	tests := []struct {
		name         string
		setup        func(t *testing.T, path string)
		wantOpen     error // nil: Open succeeds
		wantReadOnly error // nil: OpenReadOnly succeeds
	}{
		{
			name:  "current version",
			setup: func(t *testing.T, path string) { openClose(t, path) },
		},
		{
			name: "future version",
			setup: func(t *testing.T, path string) {
				openClose(t, path)
				rawExec(t, path, fmt.Sprintf("PRAGMA user_version = %d", store.SchemaVersion+1))
			},
			wantOpen:     store.ErrSchemaTooNew,
			wantReadOnly: store.ErrSchemaTooNew,
		},
		{
			name:         "another program's database",
			setup:        func(t *testing.T, path string) { rawExec(t, path, "CREATE TABLE notes (x)") },
			wantOpen:     store.ErrNotJixiao,
			wantReadOnly: store.ErrNotJixiao,
		},
		{
			name:         "empty database is migrated by Open only",
			setup:        func(t *testing.T, path string) { rawExec(t, path, "VACUUM") },
			wantReadOnly: store.ErrSchemaTooOld,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// OpenReadOnly first: Open would migrate the empty database.
			path := filepath.Join(t.TempDir(), "jixiao.db")
			tt.setup(t, path)
			checkOpen(t, "OpenReadOnly", store.OpenReadOnly, path, tt.wantReadOnly)
			checkOpen(t, "Open", store.Open, path, tt.wantOpen)
		})
	}
}

func openClose(t *testing.T, path string) {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

func checkOpen(t *testing.T, name string, open func(context.Context, string) (*store.DB, error), path string, want error) {
	t.Helper()
	db, err := open(context.Background(), path)
	if err == nil {
		defer db.Close()
	}
	switch {
	case want == nil && err != nil:
		t.Errorf("%s: %v", name, err)
	case want != nil && !errors.Is(err, want):
		t.Errorf("%s: error %v, want one wrapping %v", name, err, want)
	case want != nil && !strings.HasPrefix(err.Error(), "store: open ") || err != nil && !strings.Contains(err.Error(), path):
		t.Errorf("%s: error %q lacks context", name, err)
	}
	if err == nil {
		var v int
		if err := store.ReaderPool(db).QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != store.SchemaVersion {
			t.Errorf("%s: user_version = %d, %v; want %d", name, v, err, store.SchemaVersion)
		}
	}
}

// TestPragmas checks the pragmas on several pooled connections at once, and
// that foreign keys are enforced and cascade.
func TestPragmas(t *testing.T) {
	ctx := context.Background()
	db, path := openDB(t)
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()

	pools := map[string]*sql.DB{"writer": store.WriterPool(db), "reader": store.ReaderPool(db), "read-only": store.ReaderPool(ro)}
	for name, pool := range pools {
		// Hold three connections at once so they are distinct (the writer
		// has only one).
		n := 3
		if name == "writer" {
			n = 1
		}
		var conns []*sql.Conn
		for range n {
			c, err := pool.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for i, c := range conns {
			for _, p := range []struct{ pragma, want string }{
				{"journal_mode", "wal"},
				{"foreign_keys", "1"},
				{"busy_timeout", "5000"},
			} {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+p.pragma).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != p.want {
					t.Errorf("%s connection %d: PRAGMA %s = %q, want %q", name, i, p.pragma, got, p.want)
				}
			}
			c.Close()
		}
	}

	w := store.WriterPool(db)
	_, err = w.ExecContext(ctx, `INSERT INTO flags (form_id, code, field, message) VALUES (424242, 'x', '', '')`)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("flag of a missing form: error %v, want a FOREIGN KEY failure", err)
	}

	if _, _, err := db.SaveDocument(ctx, doc("a"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ExecContext(ctx, `DELETE FROM documents`); err != nil {
		t.Fatal(err)
	}
	if got := summary(t, db); got != (store.Summary{}) {
		t.Errorf("after deleting the document, Summary = %+v, want all zero (cascade)", got)
	}
	var n int
	if err := w.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM funds) + (SELECT count(*) FROM goals)`).Scan(&n); err != nil || n != 0 {
		t.Errorf("funds and goals left after the cascade: %d, %v", n, err)
	}
}

// TestPathEscaping opens a database whose path needs escaping in a URI.
func TestPathEscaping(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "绩效 a?b#c%20d&mode=ro.db")
	db, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveDocument(ctx, doc("a"), nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not at the path given: %v", err)
	}
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if has, err := ro.HasDocument(ctx, doc("a").SHA256); err != nil || !has {
		t.Errorf("HasDocument = %v, %v after reopening", has, err)
	}
}

// TestFormsWhileWriting saves from inside Forms' callback: the reader must
// not block the writer, and must not see the new forms.
func TestFormsWhileWriting(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, _, err := db.SaveDocument(ctx, doc("a"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	seen := 0
	err := db.Forms(ctx, func(f jixiao.Form) error {
		seen++
		_, _, err := db.SaveDocument(ctx, doc(fmt.Sprint("new", seen)), sampleForms())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != 2 {
		t.Errorf("Forms saw %d forms, want the 2 of its snapshot", seen)
	}
	if got := summary(t, db).Forms; got != 6 {
		t.Errorf("Forms = %d after the saves, want 6", got)
	}
}

func TestFormsStops(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	if _, _, err := db.SaveDocument(ctx, doc("a"), sampleForms()); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	calls := 0
	err := db.Forms(ctx, func(jixiao.Form) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("Forms = %v after %d calls, want fn's error after 1", err, calls)
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.Forms(cancelled, func(jixiao.Form) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Forms with a cancelled context = %v", err)
	}
}

// TestConcurrentSaves saves from many goroutines (run with -race).
func TestConcurrentSaves(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	var wg sync.WaitGroup
	const n = 16
	errs := make(chan error, 3*n)
	for i := range n {
		wg.Go(func() {
			// Two goroutines per document: one adds it, the other finds it.
			_, _, err := db.SaveDocument(ctx, doc(fmt.Sprint(i/2)), sampleForms())
			errs <- err
			_, err = db.RecordFailure(ctx, "f", "", jixiao.ErrTimeout, "m")
			errs <- err
		})
		wg.Go(func() {
			_, err := db.Summary(ctx)
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	want := store.Summary{Documents: n / 2, Forms: n, Indicators: 3 * n / 2, Flags: 3 * n, Failures: 1}
	if got := summary(t, db); got != want {
		t.Errorf("Summary = %+v, want %+v", got, want)
	}
}

func TestCloseTwice(t *testing.T) {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestLoadMigrations(t *testing.T) {
	file := &fstest.MapFile{Data: []byte("CREATE TABLE t (x);")}
	tests := []struct {
		name    string
		files   []string
		wantErr bool
	}{
		{"embedded set", nil, false},
		{"gap", []string{"migrations/0001_a.sql", "migrations/0003_c.sql"}, true},
		{"bad name", []string{"migrations/first.sql"}, true},
		{"more files than SchemaVersion", moreMigrations(store.SchemaVersion + 1), true},
		{"fewer files than SchemaVersion", moreMigrations(store.SchemaVersion - 1), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.name == "embedded set" {
				_, err = store.LoadMigrations(os.DirFS("."))
			} else {
				fsys := fstest.MapFS{}
				for _, f := range tt.files {
					fsys[f] = file
				}
				_, err = store.LoadMigrations(fsys)
			}
			if (err != nil) != tt.wantErr {
				t.Errorf("error = %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

// moreMigrations returns the names of n migration files numbered from 1.
func moreMigrations(n int) []string {
	names := []string{}
	for i := range n {
		names = append(names, fmt.Sprintf("migrations/%04d_m.sql", i+1))
	}
	return names
}

// TestSchemaComments checks that every column of every table carries a SQL
// comment in the schema source, so that the schema documents itself: in
// CREATE TABLE, on the column's line; for ALTER TABLE … ADD COLUMN, after the
// statement's ";" (before it, SQLite would copy the comment into the table's
// CREATE TABLE text and comment out its closing parenthesis).
func TestSchemaComments(t *testing.T) {
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(names) != store.SchemaVersion {
		t.Fatalf("migration files %q, %v; want %d", names, err, store.SchemaVersion)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		inTable := false
		for i, line := range strings.Split(string(b), "\n") {
			s := strings.TrimSpace(line)
			code, comment, _ := strings.Cut(s, "--")
			switch {
			case strings.HasPrefix(s, "CREATE TABLE"):
				inTable = true
			case s == ");":
				inTable = false
			case inTable && s != "" && !strings.HasPrefix(s, "--") && !strings.HasPrefix(s, "UNIQUE") && !strings.Contains(s, "--"):
				t.Errorf("%s:%d: column without a comment: %s", name, i+1, s)
			case strings.HasPrefix(s, "ALTER TABLE") && strings.Contains(s, "ADD COLUMN") &&
				(!strings.HasSuffix(strings.TrimSpace(code), ";") || strings.TrimSpace(comment) == ""):
				t.Errorf("%s:%d: want one added column per line, ending with \"; -- comment\": %s", name, i+1, s)
			}
		}
	}
}
