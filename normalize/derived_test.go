package normalize

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestDerivedCodes: the codes Derived names are exactly those this package
// raises through validator.flag (read from its source), so that every flag
// of Form's is derived again after a correction.
func TestDerivedCodes(t *testing.T) {
	// the values of package jixiao's Flag constants, by name
	value := map[string]string{}
	root, err := parser.ParseFile(token.NewFileSet(), "../flags.go", nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(root, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok {
			for i, id := range vs.Names {
				if i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						value[id.Name], _ = strconv.Unquote(lit.Value)
					}
				}
			}
		}
		return true
	})
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	raised := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "flag" {
				return true
			}
			code, ok := call.Args[0].(*ast.SelectorExpr)
			if !ok || value[code.Sel.Name] == "" {
				t.Errorf("%s: a flag raised with a code that is not a Flag constant of package jixiao", name)
				return true
			}
			raised[value[code.Sel.Name]] = true
			return true
		})
	}
	for code := range raised {
		if !Derived(code) {
			t.Errorf("Form raises %s, which Derived does not name", code)
		}
	}
	for code := range derived {
		if !raised[code] {
			t.Errorf("Derived names %s, which Form does not raise", code)
		}
	}
}
