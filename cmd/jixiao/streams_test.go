package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/ingest"
)

// planUnits joins the images of a directory, in natural order, and
// leaves other files, other directories and --no-join files alone.
func TestPlanUnits(t *testing.T) {
	dir := t.TempDir()
	jpeg := []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00")
	files := map[string][]byte{
		"a/p10.jpg": jpeg, "a/p2.jpg": jpeg, "a/notes.txt": []byte("项目名称\t测试\n"), "a/p1.jpg": jpeg,
		"b/only.jpg": jpeg, "c/17-p2.jpg": jpeg, "c/17-p1.jpg": jpeg,
	}
	for name, data := range files {
		copyFile(t, filepath.Join(dir, name), data)
	}
	inputs, missing := expandInputs([]string{dir})
	if len(missing) > 0 {
		t.Fatal(missing)
	}
	show := func(us []ingest.Unit) string {
		var out []string
		for _, u := range us {
			var names []string
			for _, f := range u.Files {
				rel, _ := filepath.Rel(dir, f)
				names = append(names, filepath.ToSlash(rel))
			}
			s := strings.Join(names, "+")
			if u.Stream {
				s = "stream(" + s + ")"
			}
			out = append(out, s)
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		join bool
		want string
	}{
		{true, "a/notes.txt stream(a/p1.jpg+a/p2.jpg+a/p10.jpg) b/only.jpg stream(c/17-p1.jpg+c/17-p2.jpg)"},
		{false, "a/notes.txt a/p1.jpg a/p10.jpg a/p2.jpg b/only.jpg c/17-p1.jpg c/17-p2.jpg"},
	} {
		if got := show(planUnits(inputs, tc.join)); got != tc.want {
			t.Errorf("join %v:\n got %s\nwant %s", tc.join, got, tc.want)
		}
	}
	// A stream is in one shard whole, whatever the shard of its files.
	units := planUnits(inputs, true)
	seen := map[string]int{}
	for i := 1; i <= 3; i++ {
		for _, u := range selectShardUnits([]string{dir}, units, shardSpec{i, 3}) {
			seen[fmt.Sprint(u.Files)]++
		}
	}
	if len(seen) != len(units) {
		t.Errorf("the shards hold %d units, want %d", len(seen), len(units))
	}
	for u, n := range seen {
		if n != 1 {
			t.Errorf("%s in %d shards", u, n)
		}
	}
}
