package main

import (
	"io"
	"path/filepath"
	"slices"

	"jixiao/extract/sniff"
	"jixiao/ingest"
)

// planUnits groups files (expandInputs' list) into the units ingest reads.
// With join, the image files (PNG, JPEG, TIFF, by their bytes) of one
// directory form a page stream, in natural name order (p2 before p10),
// placed where the first of them was in files; a directory with a single
// image file gives a unit of one file. Other files, standard input, and
// every file without join, are units of their own, in order.
func planUnits(files []string, join bool) []ingest.Unit {
	var units []ingest.Unit
	streamAt := map[string]int{} // directory → index of its stream in units
	for _, f := range files {
		if !join || f == stdinName || !isImage(f) {
			units = append(units, ingest.Unit{Files: []string{f}})
			continue
		}
		dir := filepath.Dir(f)
		if i, ok := streamAt[dir]; ok {
			units[i].Files = append(units[i].Files, f)
			continue
		}
		streamAt[dir] = len(units)
		units = append(units, ingest.Unit{Files: []string{f}, Stream: true})
	}
	for i := range units {
		u := &units[i]
		if !u.Stream {
			continue
		}
		if len(u.Files) == 1 {
			u.Stream = false
			continue
		}
		slices.SortStableFunc(u.Files, func(a, b string) int {
			switch a, b := filepath.Base(a), filepath.Base(b); {
			case naturalLess(a, b):
				return -1
			case naturalLess(b, a):
				return 1
			}
			return 0
		})
	}
	return units
}

// isImage reports whether the file at path holds a PNG, JPEG or TIFF image,
// by its first bytes. A file that cannot be read (or is no regular file)
// is not: it is read, and fails, on its own.
func isImage(path string) bool {
	f, _, err := ingest.OpenFile(path, path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, sniff.HeadSize)
	n, _ := io.ReadFull(f, head)
	switch sniff.Detect(head[:n]) {
	case sniff.PNG, sniff.JPEG, sniff.TIFF:
		return true
	}
	return false
}
