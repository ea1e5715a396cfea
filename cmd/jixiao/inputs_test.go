package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"jixiao"
)

// TestExpandInputs checks what a directory tree with symbolic links, a
// FIFO, hidden entries and a missing path expands to: links to files and
// directories are followed, a loop and a broken link are reported, and
// nothing is skipped without a word.
func TestExpandInputs(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string) string {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	link := func(target, p string) {
		if err := os.Symlink(target, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	mk("in/a.txt")
	mk("in/.hidden.txt")
	mk("other/b.txt")
	link(filepath.Join(dir, "other/b.txt"), "in/link-b.txt")
	link(filepath.Join(dir, "other"), "in/link-other")
	link(filepath.Join(dir, "in"), "in/loop")
	link(filepath.Join(dir, "nowhere"), "in/broken.txt")
	if err := syscall.Mkfifo(filepath.Join(dir, "in/fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, problems := expandInputs([]string{filepath.Join(dir, "in"), filepath.Join(dir, "missing.txt")})
	rel := func(p string) string { r, _ := filepath.Rel(dir, p); return r }
	var got []string
	for _, f := range files {
		got = append(got, rel(f))
	}
	want := []string{"in/a.txt", "in/fifo", "in/link-b.txt", "in/link-other/b.txt"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	wantProblems := map[string]string{
		"in/loop":       "loops back",
		"in/broken.txt": "broken symbolic link",
		"missing.txt":   "no such file",
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("problems %v, want %d", problems, len(wantProblems))
	}
	for _, err := range problems {
		fe, ok := err.(*jixiao.Error)
		if !ok || fe.Kind != jixiao.ErrIO {
			t.Errorf("%v: not an I/O *jixiao.Error", err)
			continue
		}
		if w, ok := wantProblems[rel(fe.Path)]; !ok || !strings.Contains(err.Error(), w) {
			t.Errorf("problem %v, want one of %v", err, wantProblems)
		}
	}
}
