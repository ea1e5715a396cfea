package ocr

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"jixiao/extract/ocr/paddle"
	"jixiao/extract/scan"
)

// TestOrientationCorpus turns every page of the scan corpus in
// JIXIAO_ORIENT_CORPUS (a directory of genscan's pages) by 0°, 90°, 180°
// and 270° and checks that the orientation found turns it back; it prints
// the pages it got wrong and the time per page. It is a measurement, not
// run by default: JIXIAO_ORIENT_TITLE=1 measures the fallback without the
// classifier.
func TestOrientationCorpus(t *testing.T) {
	dir := os.Getenv("JIXIAO_ORIENT_CORPUS")
	if dir == "" {
		t.Skip("JIXIAO_ORIENT_CORPUS not set")
	}
	r := &Reader{}
	if os.Getenv("JIXIAO_ORIENT_TITLE") == "" {
		m, err := paddle.Locate("")
		if err != nil {
			t.Skip(err)
		}
		cls, err := paddle.NewClassifier(m)
		if err != nil {
			t.Fatal(err)
		}
		defer cls.Close()
		r.cls = cls
	}
	var files []string
	_ = filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && !strings.HasSuffix(p, ".json") && !strings.HasPrefix(info.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	type tally struct{ pages, right, left, wrong int }
	var tallies [4]tally
	var upright []time.Duration
	ctx := context.Background()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := scan.Open(data)
		if err != nil {
			continue
		}
		for n := 1; n <= d.Pages(); n++ {
			img, err := d.Page(n)
			if err != nil {
				t.Fatalf("%s page %d: %v", f, n, err)
			}
			for k, rot := range []int{0, 90, 180, 270} {
				turned, _ := scan.Rotate(img, rot)
				t0 := time.Now()
				_, o, err := r.Upright(ctx, turned)
				if err != nil {
					t.Fatalf("%s page %d: %v", f, n, err)
				}
				if rot == 0 {
					upright = append(upright, time.Since(t0))
				}
				want := (360 - rot) % 360
				tl := &tallies[k]
				tl.pages++
				switch {
				case o.Turn == want:
					tl.right++
				case o.Turn == 0 && o.Lines == 0:
					tl.left++ // no clear lines: left as it is
				default:
					tl.wrong++
					t.Logf("WRONG %s p%d turned %d: turn %d (%d lines, by %q)", strings.TrimPrefix(f, dir), n, rot, o.Turn, o.Lines, o.By)
				}
				if want != 0 && o.Turn == 0 && o.Lines == 0 {
					t.Logf("left %s p%d turned %d", strings.TrimPrefix(f, dir), n, rot)
				}
			}
		}
	}
	sort.Slice(upright, func(i, j int) bool { return upright[i] < upright[j] })
	var sum time.Duration
	for _, d := range upright {
		sum += d
	}
	for k, tl := range tallies {
		t.Logf("turned %3d°: %d pages, %d turned back, %d left as they were (no clear lines), %d wrong", 90*k, tl.pages, tl.right, tl.left, tl.wrong)
	}
	if len(upright) > 0 {
		t.Logf("upright pages: %v per page on average, median %v, max %v", sum/time.Duration(len(upright)), upright[len(upright)/2], upright[len(upright)-1])
	}
}
