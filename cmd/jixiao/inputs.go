package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stdinName is the path under which data read from standard input is stored.
const stdinName = "-"

// expandInputs turns the command-line paths into the list of files to read:
// files as given, directories walked recursively (in name order, skipping
// hidden entries), "-" for standard input. A path that does not exist is an
// error of its own, returned beside the files that do.
func expandInputs(paths []string) (files []string, missing []error) {
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		if p == stdinName {
			add(p)
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			missing = append(missing, fmt.Errorf("ingest %s: %w", p, err))
			continue
		}
		if !info.IsDir() {
			add(p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				missing = append(missing, fmt.Errorf("ingest %s: %w", path, err))
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			missing = append(missing, fmt.Errorf("ingest %s: %w", p, err))
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return files, missing
}
