package main

import (
	"os"
	"os/exec"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeLayout checks that every entry of the repository's root that
// git tracks is listed in the README's layout table (by its name, or a
// pattern of the table's first column such as `*.go` or `cmd/gen*`), so
// that a stray file at the root fails.
func TestReadmeLayout(t *testing.T) {
	out, err := exec.Command("git", "-C", "../..", "ls-files").Output()
	if err != nil {
		t.Skipf("git ls-files: %v", err)
	}
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	_, layout, ok := strings.Cut(string(readme), "\n## Layout\n")
	if !ok {
		t.Fatal("README has no ## Layout section")
	}
	layout, _, _ = strings.Cut(layout, "\n## ")
	tick := regexp.MustCompile("`([^`]+)`")
	var listed []string // the first path component of each entry listed
	for _, line := range strings.Split(layout, "\n") {
		cols := strings.Split(line, "|")
		if len(cols) < 3 {
			continue
		}
		for _, m := range tick.FindAllStringSubmatch(cols[1], -1) {
			listed = append(listed, strings.SplitN(strings.TrimSpace(m[1]), "/", 2)[0])
		}
	}
	if len(listed) < 10 {
		t.Fatalf("%d entries in the README's layout table: want the layout", len(listed))
	}
	seen := map[string]bool{}
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		root := strings.SplitN(f, "/", 2)[0]
		if seen[root] {
			continue
		}
		seen[root] = true
		found := false
		for _, pat := range listed {
			if ok, _ := path.Match(pat, root); ok {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s is at the repository root but not in the README's layout table", root)
		}
	}
}

// TestReadmeLength keeps the README a user's guide: under 450 lines, the
// design notes, schema and figures in docs/.
func TestReadmeLength(t *testing.T) {
	b, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n >= 450 {
		t.Errorf("README.md has %d lines: keep it under 450 (move detail to docs/)", n)
	}
}
