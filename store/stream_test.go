package store_test

import (
	"context"
	"fmt"
	"testing"

	"jixiao"
	"jixiao/store"
)

// A document read as a page stream keeps its files: each page says its
// file, PageFile finds the file of a page, and HasFiles knows the files.
func TestPageStreamFiles(t *testing.T) {
	ctx := context.Background()
	db, _ := openDB(t)
	d := doc("stream")
	d.Kind = jixiao.KindImage
	d.Files = []store.File{
		{Path: "scans/a.tif", SHA256: fmt.Sprintf("%064x", 1), Size: 10, FirstPage: 1, Pages: 2},
		{Path: "scans/b.png", SHA256: fmt.Sprintf("%064x", 2), Size: 20, FirstPage: 3, Pages: 1},
	}
	name := "项目"
	f := jixiao.Form{Title: "t", ProjectName: &name, Source: jixiao.Source{FormIndex: 1, PageFrom: 1, PageTo: 3},
		Pages: []jixiao.Page{
			{Page: 1, Width: 100, Height: 200, Unit: jixiao.UnitPixel, File: "scans/a.tif", FilePage: 1},
			{Page: 3, Width: 100, Height: 200, Unit: jixiao.UnitPixel, File: "scans/b.png", FilePage: 1},
		}}
	docID, added, err := db.SaveDocument(ctx, d, []jixiao.Form{f})
	if err != nil || !added {
		t.Fatalf("save: %v, %v", added, err)
	}
	var got []jixiao.Page
	if err := db.Forms(ctx, func(f jixiao.Form) error { got = f.Pages; return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(f.Pages) {
		t.Errorf("pages read back %v, want %v", got, f.Pages)
	}
	cases := []struct {
		page     int
		path     string
		filePage int
		ok       bool
	}{{1, "scans/a.tif", 1, true}, {2, "scans/a.tif", 2, true}, {3, "scans/b.png", 1, true}, {4, "", 0, false}}
	for _, tc := range cases {
		path, _, fp, ok, err := db.PageFile(ctx, docID, tc.page)
		if err != nil || path != tc.path || fp != tc.filePage || ok != tc.ok {
			t.Errorf("page %d: %q page %d, %v, %v; want %q page %d, %v", tc.page, path, fp, ok, err, tc.path, tc.filePage, tc.ok)
		}
	}
	for _, tc := range []struct {
		hashes []string
		want   bool
	}{
		{[]string{d.Files[0].SHA256, d.Files[1].SHA256}, true},
		{[]string{d.Files[1].SHA256}, true},
		{[]string{d.Files[0].SHA256, fmt.Sprintf("%064x", 3)}, false},
		{nil, false},
	} {
		if got, err := db.HasFiles(ctx, tc.hashes); got != tc.want || err != nil {
			t.Errorf("HasFiles(%d hashes) = %v, %v; want %v", len(tc.hashes), got, err, tc.want)
		}
	}
}
