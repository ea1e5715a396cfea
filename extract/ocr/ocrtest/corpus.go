package ocrtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"jixiao"
)

// EnvCorpus names the directory of a scan corpus made by `genscan corpus`
// (make test sets it to the measurement set of make corpus).
const EnvCorpus = "JIXIAO_SCAN_CORPUS"

// Corpus is a generated scan corpus: its manifest (manifest.json), which
// says what every page of every document truly shows.
type Corpus struct {
	Dir       string            `json:"-"`
	Generator string            `json:"generator"`
	Faces     map[string]Face   `json:"faces"`
	Classes   map[string]string `json:"classes"` // damage class → what it does
	Documents []CorpusDocument  `json:"documents"`
}

// Face is a typeface the corpus is set in.
type Face struct {
	Family    string   `json:"family"`
	Style     string   `json:"style"` // song, kai, hei
	Producers []string `json:"producers"`
	Split     string   `json:"split"` // tune or measure
}

// CorpusDocument is one file of the corpus.
type CorpusDocument struct {
	File     string       `json:"file"` // relative to the corpus directory
	Split    string       `json:"split"`
	Face     string       `json:"face"`
	Producer string       `json:"producer"`
	Class    string       `json:"class"`
	DPI      int          `json:"dpi"`
	Colour   bool         `json:"colour"`
	Forms    []int        `json:"forms"` // golden form numbers shown, in order
	Pages    []CorpusPage `json:"pages"`
}

// CorpusPage is one page of a document.
type CorpusPage struct {
	Forms    []int          `json:"forms"`
	Blank    bool           `json:"blank"` // no form content: a back
	GridRows int            `json:"grid_rows"`
	Seal     bool           `json:"seal"`
	Params   map[string]any `json:"params"`
}

// LoadCorpus reads the manifest of the corpus in $JIXIAO_CORPUS. It skips
// t when the variable is unset, or fails it under JIXIAO_REQUIRE_OCR=1.
func LoadCorpus(t testing.TB) *Corpus {
	t.Helper()
	dir := os.Getenv(EnvCorpus)
	if dir == "" {
		skipOrFail(t, "%s is not set: make corpus generates the scan corpus and make test sets it", EnvCorpus)
		return nil
	}
	c, err := ReadCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ReadCorpus reads the manifest of the corpus in dir.
func ReadCorpus(dir string) (*Corpus, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("scan corpus: %w", err)
	}
	var c Corpus
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("scan corpus %s: %w", dir, err)
	}
	c.Dir = dir
	return &c, nil
}

// Golden returns the golden record of fixture form k (fixtures/golden/
// form-NN.json), root being the path of the repository's root.
func Golden(t testing.TB, root string, k int) jixiao.Form {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "fixtures", "golden", fmt.Sprintf("form-%02d.json", k)))
	if err != nil {
		t.Fatal(err)
	}
	var f jixiao.Form
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}
