package paddle

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"unicode/utf8"
)

// maxDictEntries bounds a dictionary file; PP-OCR's largest have some
// 18,000 entries.
const maxDictEntries = 1 << 20

// loadDictionary reads a PP-OCR character dictionary (see parseDictionary).
func loadDictionary(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("paddle: read dictionary: %w", err)
	}
	entries, err := parseDictionary(data)
	if err != nil {
		return nil, fmt.Errorf("paddle: dictionary %s: %w", path, err)
	}
	return entries, nil
}

// parseDictionary parses a PP-OCR character dictionary: one entry (the text
// of one class, usually one character) per line, LF or CRLF, the last line
// with or without a line end. Entry i is the recogniser's class i+1 (class
// 0 is the CTC blank). An empty file, an empty line (it would shift every
// class after it without naming one), invalid UTF-8, a NUL byte, a
// carriage return other than before a line feed, or more than
// maxDictEntries lines are errors.
func parseDictionary(data []byte) ([]string, error) {
	if len(data) == 0 {
		return nil, errors.New("empty")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, fmt.Errorf("NUL byte at offset %d", i)
	}
	data = bytes.TrimSuffix(data, []byte("\n"))
	n := bytes.Count(data, []byte("\n")) + 1
	if n > maxDictEntries {
		return nil, fmt.Errorf("%d lines, more than %d", n, maxDictEntries)
	}
	entries := make([]string, 0, n)
	for line := range bytes.SplitSeq(data, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(line) == 0 {
			return nil, fmt.Errorf("line %d is empty", len(entries)+1)
		}
		if bytes.IndexByte(line, '\r') >= 0 {
			return nil, fmt.Errorf("line %d has a carriage return inside", len(entries)+1)
		}
		if !utf8.Valid(line) {
			return nil, fmt.Errorf("line %d is not UTF-8", len(entries)+1)
		}
		entries = append(entries, string(line))
	}
	return entries, nil
}
