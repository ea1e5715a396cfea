package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"jixiao"
	"jixiao/ingest"
)

// stdinName is the path under which data read from standard input is stored.
const stdinName = ingest.Stdin

// expandInputs turns the command-line paths into the list of files to read:
// files as given, directories walked recursively (in name order, skipping
// hidden entries), "-" for standard input. Symbolic links are followed,
// to files and to directories, each directory walked once (a link back to
// a directory being walked is a loop, reported). A path that cannot be
// used (missing, unreadable, a broken or looping link) is an error of its
// own, a *jixiao.Error naming it, returned beside the files that can. What
// is not a regular file (a FIFO, a device) is listed, and refused when
// read.
func expandInputs(paths []string) (files []string, problems []error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	fail := func(p string, err error) {
		problems = append(problems, &jixiao.Error{Op: "ingest", Path: p, Kind: jixiao.ErrIO, Err: err})
	}
	for _, p := range paths {
		if p == stdinName {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			fail(p, unwrapPath(err))
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		w := walker{fail: fail, walking: map[string]bool{}}
		w.walk(p)
		sort.Strings(w.found)
		for _, f := range w.found {
			add(f)
		}
	}
	return files, problems
}

// walker walks a directory tree, following symbolic links.
type walker struct {
	found   []string
	fail    func(path string, err error)
	walking map[string]bool // real paths of the directories being walked
}

// walk adds the files under dir (named as found) to w.found.
func (w *walker) walk(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		w.fail(dir, unwrapPath(err))
		return
	}
	if w.walking[real] {
		w.fail(dir, fmt.Errorf("a symbolic link loops back to %s", real))
		return
	}
	w.walking[real] = true
	defer delete(w.walking, real)
	// With a trailing separator the walk starts in what a link to a
	// directory points at; the names found still start with dir.
	root := strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if path == root {
			path = dir
		}
		if err != nil {
			w.fail(path, unwrapPath(err))
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			info, err := os.Stat(path)
			switch {
			case err != nil:
				w.fail(path, fmt.Errorf("broken symbolic link: %w", unwrapPath(err)))
			case info.IsDir():
				w.walk(path)
			default:
				w.found = append(w.found, path)
			}
		case d.IsDir():
			if path != dir {
				real, err := filepath.EvalSymlinks(path)
				if err == nil && w.walking[real] { // a bind mount or the like
					w.fail(path, fmt.Errorf("loops back to %s", real))
					return filepath.SkipDir
				}
			}
		default:
			w.found = append(w.found, path) // refused when read if not a regular file
		}
		return nil
	})
}

// unwrapPath drops the *fs.PathError around err: the path is named by the
// *jixiao.Error that wraps it.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
