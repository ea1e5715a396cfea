package jixiao

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// vocabFiles are the files that spell the vocabulary, the only ones that
// may.
var vocabFiles = []string{"vocab.go", "levels.go", "vocab_department.go", "vocab_selfeval.go"}

// fixtureWriters are the programs that write the fixtures: forms as they
// are printed, and malformed documents. Their labels are test input, and
// stay their own: a label misspelt here must make the fixtures fail to
// read, not be printed by them too.
var fixtureWriters = []string{
	"cmd/genbad", "cmd/gencorpus", "cmd/genpdf", "cmd/genscan",
	"cmd/internal/badinput", "cmd/internal/render",
}

// bareWords are the field paths and indicator fields that are plain
// words and also name other things: SQL tables (funds, indicators, tasks), a
// facet and URL parameter (department), an OCR orientation cue (title), a
// unit (year), a form value (name, value), SQL columns (period, actual,
// weight, score, deviation, template, grade, budget). A grep cannot tell those uses
// from copies, so it leaves them out; their uses as paths take the
// constants all the same.
var bareWords = map[string]bool{
	FieldTitle: true, FieldYear: true, FieldDepartment: true, FieldFunds: true, FieldIndicators: true,
	IndicatorName: true, IndicatorValue: true, IndicatorLevel1: true, IndicatorLevel2: true,
	IndicatorPeriod: true, IndicatorActual: true, IndicatorWeight: true, IndicatorScore: true,
	IndicatorDeviation: true, FieldTemplate: true, FieldGrade: true, FieldBudget: true,
	FieldTasks: true, IndicatorDirection: true, IndicatorStandard: true, IndicatorNote: true,
}

// vocabulary is what a copy is searched for. The form's words (title,
// labels, level names) are Chinese, and a literal copies one when it
// holds it anywhere. A literal copies a field path when it is exactly the
// path, or holds a path with a dot (funds.total: no SQL column is written
// so), or holds a path in single quotes (SQL's string literal: 'title' is
// a value, a path, where a column would be title). It copies an
// indicator's path when it holds its "indicators[" or is the ".name" (or
// "].name") that ends one.
type vocabulary struct {
	words  []string
	dotted []string
	quoted []string
	paths  map[string]bool
}

func newVocabulary() vocabulary {
	v := vocabulary{paths: map[string]bool{}}
	v.words = append(v.words, Title, Among)
	v.words = append(v.words, TitleEndings()...)
	v.words = append(v.words, DirectionPositive, DirectionNegative, TitleWord, TitleSelfEval, TitleDepartment)
	for _, l := range append(Labels(), LayoutLabels()...) {
		v.words = append(v.words, l.Text, l.Printed())
		v.words = append(v.words, l.Variants...)
	}
	v.words = append(v.words, LevelNames()...)
	v.words = append(v.words, DeptTitleMark, DeptTitleGoal)
	for _, l := range DeptLabels() {
		v.words = append(v.words, l.Text)
		v.words = append(v.words, l.Variants...)
	}
	v.words = append(v.words, DirectionPositive, DirectionNegative)
	for _, l := range SelfEvalLabels() {
		v.words = append(v.words, l.Text)
		v.words = append(v.words, l.Variants...)
	}
	for _, p := range fieldPaths {
		v.quoted = append(v.quoted, "'"+p+"'")
		switch {
		case strings.Contains(p, "."):
			v.dotted = append(v.dotted, p)
		case !bareWords[p]:
			v.paths[p] = true
		}
	}
	for _, leaf := range []string{IndicatorName, IndicatorValue, IndicatorLevel1, IndicatorLevel2,
		IndicatorPeriod, IndicatorActual, IndicatorWeight, IndicatorScore, IndicatorDeviation, IndicatorValueParts,
		IndicatorDirection, IndicatorStandard, IndicatorNote} {
		v.paths["."+leaf] = true
		v.paths["]."+leaf] = true
	}
	v.paths[IndicatorValueParts] = true
	return v
}

// copyOf returns the piece of the vocabulary s copies (the longest), ""
// for none.
func (v vocabulary) copyOf(s string) string {
	if v.paths[s] {
		return s
	}
	found := ""
	if strings.Contains(s, indicatorPrefix) {
		found = indicatorPrefix
	}
	for _, ws := range [][]string{v.words, v.dotted, v.quoted} {
		for _, w := range ws {
			if len(w) > len(found) && strings.Contains(s, w) {
				found = w
			}
		}
	}
	return found
}

// copies returns "line: piece" for each string literal of the Go source
// src that copies the vocabulary. Import paths and struct tags are not
// searched.
func (v vocabulary) copies(t *testing.T, name string, src []byte) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	skip := map[*ast.BasicLit]bool{}
	for _, imp := range f.Imports {
		skip[imp.Path] = true
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Field:
			if n.Tag != nil {
				skip[n.Tag] = true
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING || skip[n] {
				return true
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(n.Pos()), err)
			}
			if w := v.copyOf(s); w != "" {
				found = append(found, strconv.Itoa(fset.Position(n.Pos()).Line)+": "+strconv.Quote(w))
			}
		}
		return true
	})
	return found
}

// TestVocabularyCopies fails for a string literal, in the non-test Go
// files of the module outside the vocabulary's own files (and the fixture
// writers'), that spells a piece of the vocabulary: the title, a label, a
// level name or a field path. Those take the constants and data of this
// package instead. SQL text is searched too: a query that names a field
// by its path builds it from the constants, while a column named like a
// field (forms.project_name) is SQL's own.
func TestVocabularyCopies(t *testing.T) {
	v := newVocabulary()
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) ||
				slices.Contains(fixtureWriters, filepath.ToSlash(path)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || slices.Contains(vocabFiles, path) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, c := range v.copies(t, path, src) {
			t.Errorf("%s:%s copies the vocabulary of package jixiao: use its constant", path, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Errorf("searched %d files: not the module?", files)
	}
}

// TestVocabularyCopiesFound checks that the search finds a copy when there
// is one: a field path put back in store, a label in reconstruct.
func TestVocabularyCopiesFound(t *testing.T) {
	v := newVocabulary()
	for _, tt := range []struct{ file, add, want string }{
		{"store/review.go", "\nvar _ = \"implementing_unit\"\n", `"implementing_unit"`},
		{"store/review.go", "\nvar _ = `\"indicators[%d].value\"`\n", `"indicators["`},
		{"store/search.go", "\nvar _ = `WHERE c.field = 'goals.annual'`\n", `"'goals.annual'"`},
		{"store/search.go", "\nvar _ = `CASE lc.field WHEN 'project_name' THEN 0`\n", `"'project_name'"`},
		{"store/search.go", "\nvar _ = `SELECT g.overall FROM goals AS g WHERE c.field LIKE 'funds.%'`\n", ""},
		{"store/search.go", "\nvar _ = `c.field GLOB 'goals.*' OR c.field = funds.total`\n", `"funds.total"`},
		{"store/search.go", "\nvar _ = `SELECT project_name, department FROM forms`\n", ""}, // columns
		{"extract/reconstruct/labels.go", "\nvar _ = map[string]int{\"项目名称\": 1}\n", `"项目名称"`},
		{"normalize/normalize.go", "\nvar _ = \"indicator %d has no level-2 (二级指标) above it\"\n", `"二级指标"`},
		{"extract/table/split.go", "\nconst _ = \"财政项目支出绩效目标申报表\"\n", `"财政项目支出绩效目标申报表"`},
		{"extract/reconstruct/glued.go", "\nvar _ = []string{\"社会公众满意度指标\"}\n", `"社会公众满意度指标"`},
	} {
		src, err := os.ReadFile(filepath.FromSlash(tt.file))
		if err != nil {
			t.Fatal(err)
		}
		before := len(v.copies(t, tt.file, src))
		after := v.copies(t, tt.file, append(src, tt.add...))
		switch {
		case tt.want == "" && len(after) != before:
			t.Errorf("%s%s: found %v, want nothing more", tt.file, tt.add, after)
		case tt.want != "" && (len(after) != before+1 || !strings.HasSuffix(after[len(after)-1], ": "+tt.want)):
			t.Errorf("%s%s: found %v, want %s", tt.file, tt.add, after, tt.want)
		}
	}
}

// TestVocabularyComplete checks that every string constant of the
// vocabulary's files is searched for, so that a new label or field is
// guarded as soon as it is declared.
func TestVocabularyComplete(t *testing.T) {
	v := newVocabulary()
	n := 0
	for _, name := range vocabFiles {
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
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
					if i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, _ := strconv.Unquote(lit.Value)
					n++
					if v.copyOf(s) == "" && !bareWords[s] {
						t.Errorf("%s: %s = %q is not in the vocabulary the copies are searched for", name, id.Name, s)
					}
				}
			}
		}
	}
	if n < 40 {
		t.Errorf("%d string constants in %v: want the vocabulary", n, vocabFiles)
	}
}
