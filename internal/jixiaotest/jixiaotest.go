// Package jixiaotest holds helpers for tests that compare records.
package jixiaotest

import (
	"fmt"
	"sort"
	"testing"
)

// Diff reports, as errors of t, every leaf where want and got (values
// decoded from JSON: maps, slices and scalars) differ, named by its JSON
// path under path.
func Diff(t testing.TB, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s: want object, got %v", path, got)
			return
		}
		keys := map[string]bool{}
		for k := range w {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		sorted := make([]string, 0, len(keys))
		for k := range keys {
			sorted = append(sorted, k)
		}
		sort.Strings(sorted)
		for _, k := range sorted {
			Diff(t, path+"."+k, w[k], g[k])
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			t.Errorf("%s: want array, got %v", path, got)
			return
		}
		for i := 0; i < max(len(w), len(g)); i++ {
			p := fmt.Sprintf("%s[%d]", path, i)
			switch {
			case i >= len(g):
				t.Errorf("%s: missing, want %v", p, w[i])
			case i >= len(w):
				t.Errorf("%s: unexpected %v", p, g[i])
			default:
				Diff(t, p, w[i], g[i])
			}
		}
	default:
		if fmt.Sprintf("%#v", want) != fmt.Sprintf("%#v", got) {
			t.Errorf("%s: want %#v, got %#v", path, want, got)
		}
	}
}

// Unmessaged drops the messages of the flags of a record decoded from
// JSON and sorts its flags by field and code, so that records read from
// different sources compare by what is flagged, not by how it is said.
func Unmessaged(m map[string]any) {
	fl, ok := m["flags"].([]any)
	if !ok {
		return
	}
	for _, x := range fl {
		delete(x.(map[string]any), "message")
	}
	sort.SliceStable(fl, func(i, j int) bool {
		a, b := fl[i].(map[string]any), fl[j].(map[string]any)
		return fmt.Sprint(a["field"], a["code"]) < fmt.Sprint(b["field"], b["code"])
	})
}
