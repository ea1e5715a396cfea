package paddle

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseDictionary(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    []string
		wantErr string
	}{
		{"one line", "a", []string{"a"}, ""},
		{"final newline", "a\n（\n", []string{"a", "（"}, ""},
		{"no final newline", "a\n（", []string{"a", "（"}, ""},
		{"CRLF", "a\r\nb\r\n", []string{"a", "b"}, ""},
		{"space entry kept", "a\n \nb", []string{"a", " ", "b"}, ""},
		{"multi-rune entry kept", "ab\nc", []string{"ab", "c"}, ""},
		{"CR inside", "a\rb\n", nil, "line 1 has a carriage return"},
		{"two CRs", "a\r\r\n", nil, "line 1 has a carriage return"},
		{"empty", "", nil, "empty"},
		{"only a newline", "\n", nil, "line 1 is empty"},
		{"empty line", "a\n\nb", nil, "line 2 is empty"},
		{"two final newlines", "a\n\n", nil, "line 2 is empty"},
		{"CR only line", "a\n\r\nb", nil, "line 2 is empty"},
		{"invalid UTF-8", "a\n\xff\n", nil, "line 2 is not UTF-8"},
		{"NUL", "a\x00b", nil, "NUL byte at offset 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseDictionary([]byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestParseDictionaryTooLong(t *testing.T) {
	_, err := parseDictionary([]byte(strings.Repeat("a\n", maxDictEntries+1)))
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("err = %v, want too many lines", err)
	}
}

func TestLoadDictionaryErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "keys.txt")
	if err := os.WriteFile(bad, []byte("a\n\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{bad, filepath.Join(dir, "missing.txt")} {
		if _, err := loadDictionary(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("loadDictionary(%s) error %v does not name the file", path, err)
		}
	}
}

// FuzzParseDictionary: any input either fails or gives entries that are
// non-empty, valid UTF-8 and free of line feeds, one per line of the input.
func FuzzParseDictionary(f *testing.F) {
	for _, s := range []string{"a\nb\n", "（\r\n）", "\n", "a\n\n", "\xff", "", " \n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := parseDictionary(data)
		if err != nil {
			if entries != nil {
				t.Fatalf("error %v with entries %q", err, entries)
			}
			return
		}
		if len(entries) == 0 {
			t.Fatal("no error and no entries")
		}
		for i, e := range entries {
			if e == "" || !utf8.ValidString(e) || strings.ContainsAny(e, "\n\r\x00") {
				t.Fatalf("entry %d = %q", i, e)
			}
		}
		text := strings.TrimSuffix(string(data), "\n")
		if lines := strings.Count(text, "\n") + 1; lines != len(entries) {
			t.Fatalf("%d lines, %d entries", lines, len(entries))
		}
	})
}
