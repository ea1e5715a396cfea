package jixiao

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// importRules are the layers the packages of the module keep to: no
// package of from (from itself and the packages below it; for "jixiao",
// this package alone), except those of except, depends, directly or not,
// on one of not.
var importRules = []struct {
	from   string
	not    []string
	except []string
}{
	{"jixiao", []string{"jixiao/"}, nil}, // the domain imports nothing of ours
	{"jixiao/extract", []string{"jixiao/normalize", "jixiao/store", "jixiao/review"}, nil},
	{"jixiao/normalize", []string{"jixiao/extract", "jixiao/store", "jixiao/review"}, nil},
	{"jixiao/store", []string{"jixiao/extract"}, nil},
	// store keeps what reviewers did and review applies it; the export,
	// which writes forms as reviewed, sits above review.
	{"jixiao/store", []string{"jixiao/review"}, []string{"jixiao/store/export"}},
	// review works on the stored forms: store, normalize and the domain.
	{"jixiao/review", []string{"jixiao/extract", "jixiao/ingest", "jixiao/store/export"}, nil},
}

// under reports whether package path is p or below it; p ending in "/"
// stands for the packages below it only, and "jixiao" for itself only.
func under(path, p string) bool {
	switch {
	case strings.HasSuffix(p, "/"):
		return strings.HasPrefix(path, p)
	case p == "jixiao":
		return path == p
	}
	return path == p || strings.HasPrefix(path, p+"/")
}

// TestImports checks the layers of the module with go list: the domain
// package imports nothing of ours, extract nothing of normalize, store or
// review, normalize nothing of extract, store or review, store nothing of
// extract or review (its export aside), review nothing of extract or
// ingest, and nothing outside cmd/ imports cmd/.
func TestImports(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to list the packages: %v", err)
	}
	cmd := exec.Command(goCmd, "list", "-json=ImportPath,Deps", "jixiao/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	type pkg struct {
		ImportPath string
		Deps       []string // every package it depends on, directly or not
	}
	var pkgs []pkg
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list gave %d packages: not the module?", len(pkgs))
	}
	seen := map[string]bool{}
	for _, p := range pkgs {
		for _, r := range importRules {
			if !under(p.ImportPath, r.from) || slices.ContainsFunc(r.except, func(e string) bool { return under(p.ImportPath, e) }) {
				continue
			}
			seen[r.from] = true
			for _, d := range p.Deps {
				for _, not := range r.not {
					if under(d, not) {
						t.Errorf("%s depends on %s", p.ImportPath, d)
					}
				}
			}
		}
		if !under(p.ImportPath, "jixiao/cmd") { // STYLE.md: nothing imports cmd/
			for _, d := range p.Deps {
				if under(d, "jixiao/cmd") {
					t.Errorf("%s depends on %s", p.ImportPath, d)
				}
			}
		}
	}
	for _, r := range importRules {
		if !seen[r.from] {
			t.Errorf("go list gave no package %s", r.from)
		}
	}
}
