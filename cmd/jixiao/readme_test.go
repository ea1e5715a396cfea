package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var (
	updateReadme = flag.Bool("update-readme", false, "rewrite the outputs of the README's console examples (and docs/schema.md, as -update-docs)")
	updateDocs   = flag.Bool("update-docs", false, "rewrite the generated schema section of docs/schema.md")
)

const readmePath = "../../README.md"

// A consoleExample is one "$ jixiao …" line of a ```console block of the
// README and the output printed under it.
type consoleExample struct {
	line    int    // 1-based line of the command in the README
	command string // after "$ "
	output  []string
	start   int // index of the first output line in the README's lines
}

// consoleExamples returns the examples of the README's ```console blocks,
// in order.
func consoleExamples(lines []string) []consoleExample {
	var exs []consoleExample
	in := false
	for i, l := range lines {
		switch {
		case !in && strings.TrimSpace(l) == "```console":
			in = true
		case in && strings.TrimSpace(l) == "```":
			in = false
		case in && strings.HasPrefix(l, "$ "):
			exs = append(exs, consoleExample{line: i + 1, command: l[2:], start: i + 1})
		case in && len(exs) > 0:
			exs[len(exs)-1].output = append(exs[len(exs)-1].output, l)
		}
	}
	return exs
}

// splitCommand splits a command line as a POSIX shell would for the
// quoting used in the README: words separated by spaces, '…' literal,
// "…" with \" and \\, and a backslash escaping the next character.
func splitCommand(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case r == '\'':
			inWord = true
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unclosed ' in %q", s)
			}
			cur.WriteString(string(rs[i+1 : j]))
			i = j
		case r == '"':
			inWord = true
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) && (rs[j+1] == '"' || rs[j+1] == '\\') {
					j++
				}
				cur.WriteRune(rs[j])
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unclosed \" in %q", s)
			}
			i = j
		case r == '\\' && i+1 < len(rs):
			inWord = true
			i++
			cur.WriteRune(rs[i])
		case strings.ContainsRune("|<>;&$`", r):
			return nil, fmt.Errorf("shell syntax %q is not supported in README examples: %q", r, s)
		default:
			inWord = true
			cur.WriteRune(r)
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// TestReadmeExamples runs every "$ jixiao …" line of the README's
// ```console blocks, in order, in one directory where fixtures/ is the
// repository's, and compares what it prints on standard output with the
// lines under it. With -update-readme it writes the outputs into the README
// instead (read the diff before committing).
func TestReadmeExamples(t *testing.T) {
	readme, err := filepath.Abs(readmePath) // before the test changes directory
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	exs := consoleExamples(lines)
	if len(exs) < 5 {
		t.Fatalf("%d console examples in the README, want at least 5", len(exs))
	}
	fixtures, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(fixtures, filepath.Join(dir, "fixtures")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	outputs := map[int][]string{}
	for _, ex := range exs {
		args, err := splitCommand(ex.command)
		if err != nil {
			t.Fatalf("README.md:%d: %v", ex.line, err)
		}
		if len(args) == 0 || args[0] != "jixiao" {
			t.Fatalf("README.md:%d: not a jixiao command: %q", ex.line, ex.command)
		}
		var out, errb bytes.Buffer
		code := run(context.Background(), args[1:], strings.NewReader(""), &out, &errb)
		if code != 0 {
			t.Errorf("README.md:%d: %s: exit %d, stderr %q", ex.line, ex.command, code, errb.String())
			continue
		}
		got := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
		if out.Len() == 0 {
			got = nil
		}
		outputs[ex.start] = got
		if !*updateReadme && strings.Join(got, "\n") != strings.Join(ex.output, "\n") {
			t.Errorf("README.md:%d: %s prints\n%s\nbut the README shows\n%s", ex.line, ex.command,
				strings.Join(got, "\n"), strings.Join(ex.output, "\n"))
		}
	}
	if *updateReadme {
		var b []string
		for i := 0; i < len(lines); i++ {
			b = append(b, lines[i])
			if got, ok := outputs[i+1]; ok {
				b = append(b, got...)
				for i+1 < len(lines) && !strings.HasPrefix(lines[i+1], "$ ") && strings.TrimSpace(lines[i+1]) != "```" {
					i++
				}
			}
		}
		if err := os.WriteFile(readme, []byte(strings.Join(b, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// docs/schema.md ends with the output of "jixiao schema --format
// markdown", between these two lines.
const (
	schemaDocPath = "../../docs/schema.md"
	schemaBegin   = "<!-- begin: jixiao schema --format markdown -->"
	schemaEnd     = "<!-- end: jixiao schema -->"
)

// TestDocsSchema checks that the generated section of docs/schema.md is
// what "jixiao schema --format markdown" prints; with -update-docs (or
// -update-readme) it rewrites the section instead.
func TestDocsSchema(t *testing.T) {
	data, err := os.ReadFile(schemaDocPath)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	before, rest, ok1 := strings.Cut(s, schemaBegin+"\n")
	section, after, ok2 := strings.Cut(rest, schemaEnd)
	if !ok1 || !ok2 {
		t.Fatalf("docs/schema.md lacks the lines %q and %q around the schema", schemaBegin, schemaEnd)
	}
	code, out, errOut := runCLI(t, "", "schema", "--format", "markdown")
	if code != 0 {
		t.Fatal(errOut)
	}
	if *updateDocs || *updateReadme {
		if err := os.WriteFile(schemaDocPath, []byte(before+schemaBegin+"\n"+out+schemaEnd+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if section != out {
		t.Errorf("docs/schema.md differs from jixiao schema --format markdown (go test ./cmd/jixiao -run DocsSchema -update-docs)")
	}
}

// TestReadmeNoSchema keeps the generated schema in one place: the README
// links to docs/schema.md rather than holding a second copy that no test
// would keep up to date.
func TestReadmeNoSchema(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), schemaBegin) {
		t.Errorf("the README holds the generated schema: it belongs in docs/schema.md")
	}
	if !strings.Contains(string(data), "docs/schema.md") {
		t.Errorf("the README does not link to docs/schema.md")
	}
}

func TestSplitCommand(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{`jixiao search 满意度`, []string{"jixiao", "search", "满意度"}},
		{`jixiao query 'SELECT "a" FROM t'`, []string{"jixiao", "query", `SELECT "a" FROM t`}},
		{`jixiao query "SELECT 'x', \"y\""`, []string{"jixiao", "query", `SELECT 'x', "y"`}},
		{`a 'b''c' d\ e`, []string{"a", "bc", "d e"}},
		{`a ''`, []string{"a", ""}},
	}
	for _, tt := range tests {
		got, err := splitCommand(tt.in)
		if err != nil || strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
			t.Errorf("splitCommand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{`a 'b`, `a "b`, `a | b`, `a > f`} {
		if _, err := splitCommand(bad); err == nil {
			t.Errorf("splitCommand(%q) succeeded", bad)
		}
	}
}

// TestReadmeFlags checks that the README's table of review flags has a row
// for every flag code of package jixiao (the Flag constants of the module
// root), and no row for a code that does not exist.
func TestReadmeFlags(t *testing.T) {
	fset := token.NewFileSet()
	files, err := filepath.Glob("../../*.go")
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if !strings.HasPrefix(id.Name, "Flag") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						code, err := strconv.Unquote(lit.Value)
						if err != nil {
							t.Fatal(err)
						}
						codes[code] = true
					}
				}
			}
		}
	}
	if len(codes) < 20 {
		t.Fatalf("%d flag codes found in package jixiao, want at least 20", len(codes))
	}
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "\n### Review flags\n")
	if !ok {
		t.Fatal(`the README has no "### Review flags" section`)
	}
	if i := strings.Index(table, "\n#"); i >= 0 {
		table = table[:i]
	}
	rows := map[string]bool{}
	for _, l := range strings.Split(table, "\n") {
		if code, ok := strings.CutPrefix(l, "| `"); ok {
			code, _, _ = strings.Cut(code, "`")
			rows[code] = true
		}
	}
	for code := range codes {
		if !rows[code] {
			t.Errorf("the README's table of review flags has no row for %s", code)
		}
	}
	for code := range rows {
		if !codes[code] {
			t.Errorf("the README's table of review flags has a row for %s, which is no flag code of package jixiao", code)
		}
	}
}
