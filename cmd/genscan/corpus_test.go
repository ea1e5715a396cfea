package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"jixiao/cmd/internal/render"
	"jixiao/extract/scan"
)

const goldenGlob = "../../fixtures/golden/form-*.json"

// corpusOf generates a corpus with args into a new directory, reads its
// manifest and returns both.
func corpusOf(t *testing.T, args ...string) (string, manifest) {
	t.Helper()
	dir := t.TempDir()
	var stderr bytes.Buffer
	args = append([]string{"corpus", "-out-dir", dir, "-golden", goldenGlob}, args...)
	if code := run(context.Background(), args, &stderr); code != 0 {
		t.Fatalf("genscan %q: exit %d: %s", args, code, stderr.String())
	}
	t.Log(strings.TrimSpace(stderr.String()))
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return dir, m
}

// files returns every file under dir (but sources/) by relative path.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(rel, "sources"+string(filepath.Separator)) {
			return nil
		}
		out[rel], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// needCorpusTools skips the test without what the corpus needs, and returns
// the faces to test: a genpdf face (TrueType collection), and a Chromium
// face when Chromium is there.
func needCorpusTools(t *testing.T) []string {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s missing (make corpus installs poppler-utils)", tool)
		}
	}
	uk, _ := faceNamed("ukai")
	for _, f := range []string{uk.font, render.FallbackFont, sealFont} {
		if _, err := os.Stat(f); err != nil {
			t.Skipf("font missing (make corpus installs it): %v", err)
		}
	}
	out := []string{"ukai"}
	if _, err := exec.LookPath("chromium"); err == nil && !raceEnabled {
		out = append(out, "notosans")
	} else {
		t.Log("no Chromium face (Chromium missing, or -race)")
	}
	return out
}

// TestCorpus generates a small corpus twice (with -j 2 and -j 1) and
// checks: the same bytes; the manifest against the files (each document's
// pages, their size, grey or colour); its truth against the rendered PDFs
// (forms per page from pdftotext, indicator rows from the renderer's own
// record for genpdf, the first and last row names in pdftotext -layout's
// text of the page for Chromium); and that each class's damage is there:
// seals are red, backs are blank, continuation pages hold 1 or 2 rows,
// the 二级/三级 rule is damaged on some bleedrules pages.
func TestCorpus(t *testing.T) {
	faceNames := needCorpusTools(t)
	args := []string{"-faces", strings.Join(faceNames, ","), "-forms-per-cell", "2"}
	if raceEnabled {
		// The concurrency of the generator, on fewer pages.
		args = []string{"-faces", "ukai", "-classes", "colourseal,backs", "-forms-per-cell", "1"}
	}
	dirA, m := corpusOf(t, append(args, "-j", "2", "-sources")...)
	dirB, _ := corpusOf(t, append(args, "-j", "1")...)
	a, b := files(t, dirA), files(t, dirB)
	if len(a) != len(b) {
		t.Errorf("two runs wrote %d and %d files", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("two runs wrote different %s", name)
		}
	}

	goldens, err := loadGoldens(goldenGlob)
	if err != nil {
		t.Fatal(err)
	}
	if m.Generator != corpusGenerator {
		t.Errorf("generator %q", m.Generator)
	}
	for _, n := range faceNames {
		f, _ := faceNamed(n)
		want := manifestFace{Family: f.family, Style: f.style, Producers: []string{f.producer}, Split: splitMeasure}
		if !reflect.DeepEqual(m.Faces[n], want) {
			t.Errorf("face %s: %+v, want %+v", n, m.Faces[n], want)
		}
	}
	for n, d := range m.Classes {
		if c, ok := classNamed(n); !ok || c.desc != d {
			t.Errorf("class %s: %q", n, d)
		}
	}
	if !sort.SliceIsSorted(m.Documents, func(i, j int) bool { return m.Documents[i].File < m.Documents[j].File }) {
		t.Error("documents not sorted by file")
	}
	if len(a) != len(m.Documents)+1 {
		t.Errorf("%d files written, the manifest lists %d documents", len(a), len(m.Documents))
	}

	src := newSources(t, dirA, goldens)
	var rule23, tails, seals, blanks int
	for _, d := range m.Documents {
		t.Run(d.File, func(t *testing.T) {
			data, ok := a[filepath.FromSlash(d.File)]
			if !ok {
				t.Fatal("not written")
			}
			doc, err := scan.Open(data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Pages() != len(d.Pages) {
				t.Fatalf("%d pages in the file, %d in the manifest", doc.Pages(), len(d.Pages))
			}
			cl, _ := classNamed(d.Class)
			if d.DPI != cl.dpi || d.Colour != cl.colour || len(d.Forms) != 1 {
				t.Errorf("dpi %d colour %v forms %v", d.DPI, d.Colour, d.Forms)
			}
			g := goldens[d.Forms[0]]
			var fronts []manifestPage
			for i, p := range d.Pages {
				img, err := doc.Page(i + 1)
				if err != nil {
					t.Fatal(err)
				}
				w := img.Bounds().Dx()
				if turn := p.Params["turn_deg"]; turn == 90 || turn == 270 {
					w = img.Bounds().Dy() // the page's width is across its pixels' height
				} else if d.Class == "turned" && turn != 180 {
					t.Errorf("page %d of the turned class: turn_deg %d", i+1, turn)
				}
				if w < mm(210, d.DPI)-3 || w > mm(210, d.DPI)+3 {
					t.Errorf("page %d is %d px wide, want A4 at %d dpi", i+1, w, d.DPI)
				}
				if grey := img.ColorModel() == color.GrayModel; grey == d.Colour {
					t.Errorf("page %d: colour model %v, colour %v", i+1, img.ColorModel(), d.Colour)
				}
				if p.Blank {
					blanks++
					if len(p.Forms) != 0 || p.GridRows != 0 || p.Seal {
						t.Errorf("blank page %d: %+v", i+1, p)
					}
					if f := darkShare(img, 80); f > 0.0002 {
						t.Errorf("blank page %d: %.2f%% dark pixels inside the margins, want near none", i+1, 100*f)
					}
					continue
				}
				fronts = append(fronts, p)
				if !reflect.DeepEqual(p.Forms, d.Forms) {
					t.Errorf("page %d shows forms %v, want %v", i+1, p.Forms, d.Forms)
				}
				if f := darkShare(img, 80); f < 0.001 { // a continuation page of one row: 0.2%
					t.Errorf("page %d: %.2f%% dark pixels, want a form's print", i+1, 100*f)
				}
				red := redPixels(img)
				if p.Seal {
					seals++
					if red < 3000 {
						t.Errorf("page %d has a seal but %d red pixels", i+1, red)
					}
				} else if red > 100 {
					t.Errorf("page %d has no seal but %d red pixels", i+1, red)
				}
				if p.Params["rule23"] > 0 {
					rule23++
				}
			}
			rows := 0
			for _, p := range fronts {
				rows += p.GridRows
			}
			if rows != len(g.names) {
				t.Errorf("the pages hold %d indicator rows, form %d has %d", rows, g.num, len(g.names))
			}
			src.check(t, d, fronts)
			switch d.Class {
			case "colourseal":
				if !fronts[0].Seal {
					t.Error("no seal on the form's first page")
				}
			case "backs":
				if !strings.HasSuffix(d.File, ".pdf") || len(d.Pages) != 2*len(fronts) {
					t.Errorf("a backs document: %s with %d pages, %d fronts", d.File, len(d.Pages), len(fronts))
				}
				for i, p := range d.Pages {
					if p.Blank != (i%2 == 1) {
						t.Errorf("page %d blank %v: fronts and backs must alternate", i+1, p.Blank)
					}
				}
				if tail := src.tail(d); tail > 0 {
					tails++
					if len(fronts) < 2 || fronts[len(fronts)-1].GridRows != tail {
						t.Errorf("forced continuation of %d rows: the fronts hold %v", tail, gridRows(fronts))
					}
				}
			case "skewlight":
				for _, p := range fronts {
					if a := p.Params["angle_millideg"]; (a < 1000 && a > -1000) || p.Params["light_min_permille"] < 680 {
						t.Errorf("skewlight params %v", p.Params)
					}
				}
			}
		})
	}
	if !raceEnabled && (seals == 0 || blanks == 0 || rule23 == 0 || tails == 0) {
		t.Errorf("%d seals, %d blank backs, %d pages with the 二级/三级 rule damaged, %d forced continuations: want some of each", seals, blanks, rule23, tails)
	}
}

func gridRows(ps []manifestPage) []int {
	var out []int
	for _, p := range ps {
		out = append(out, p.GridRows)
	}
	return out
}

// darkShare returns the share of pixels darker than 128 (in luminance)
// inside a margin of m pixels.
func darkShare(img image.Image, m int) float64 {
	b := img.Bounds()
	n, dark := 0, 0
	for y := b.Min.Y + m; y < b.Max.Y-m; y += 2 {
		for x := b.Min.X + m; x < b.Max.X-m; x += 2 {
			n++
			if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128 {
				dark++
			}
		}
	}
	return float64(dark) / float64(max(n, 1))
}

// redPixels counts the pixels whose red exceeds green and blue by 50.
func redPixels(img image.Image) int {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if int(r>>8) > int(g>>8)+50 && int(r>>8) > int(bl>>8)+50 {
				n++
			}
		}
	}
	return n
}

// sources are the rendered PDFs a corpus kept (-sources), read again here
// to check the manifest's truth.
type sources struct {
	dir     string
	goldens map[int]formRecord
	docs    map[string]*sourceDoc // FACE-main, FACE-backs
}

type sourceDoc struct {
	forms  []int         // golden numbers in order
	pages  map[int][]int // form → its pages (0-based)
	layout []string      // pdftotext -layout of each page, spaces removed
	drawn  []render.Page // genpdf: what the renderer drew
	tails  map[int]int   // form → forced continuation rows
}

func newSources(t *testing.T, dir string, goldens map[int]formRecord) *sources {
	return &sources{dir: filepath.Join(dir, "sources"), goldens: goldens, docs: map[string]*sourceDoc{}}
}

// doc reads the source of a corpus document: its face's PDF, the pages of
// each form from pdftotext (each 项目名称 a new form), the text of each page
// from pdftotext -layout, and for genpdf faces the renderer's record of a
// new render of the same forms.
func (s *sources) doc(t *testing.T, d manifestDoc) *sourceDoc {
	t.Helper()
	f, _ := faceNamed(d.Face)
	backs := d.Class == "backs"
	name := f.name + "-main"
	if backs {
		name = f.name + "-backs"
	}
	if sd := s.docs[name]; sd != nil {
		return sd
	}
	pdf := filepath.Join(s.dir, name+".pdf")
	ctx := context.Background()
	n, err := pageCount(ctx, pdf)
	if err != nil {
		t.Fatal(err)
	}
	sd := &sourceDoc{forms: splitForms(s.goldens, d.Split), pages: map[int][]int{}, tails: map[int]int{}}
	texts := make([]string, n)
	for i := range texts {
		if texts[i], err = pageText(ctx, pdf, i+1); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-f", strconv.Itoa(i+1), "-l", strconv.Itoa(i+1), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		sd.layout = append(sd.layout, compact(string(out)))
	}
	onPages, names := formsOnPages(texts)
	if len(names) != len(sd.forms) {
		t.Fatalf("%s shows %d forms, the split has %d", pdf, len(names), len(sd.forms))
	}
	for p, ks := range onPages {
		for _, k := range ks {
			sd.pages[sd.forms[k-1]] = append(sd.pages[sd.forms[k-1]], p)
		}
	}
	forms := make([]render.Form, len(sd.forms))
	for i, num := range sd.forms {
		forms[i] = render.Build(s.goldens[num].rec)
		if backs {
			forms[i].TailRows = tailRows(1, f, i, num)
			if forms[i].TailRows > 0 && forms[i].TailRows < forms[i].Indicators() {
				sd.tails[num] = forms[i].TailRows
			}
		}
	}
	if f.producer == producerGenpdf {
		b, drawn, err := render.PDFPages(f.layout(), forms, true)
		if err != nil {
			t.Fatal(err)
		}
		if kept, _ := os.ReadFile(pdf); !bytes.Equal(kept, b) {
			t.Errorf("%s is not what the renderer makes of the forms", pdf)
		}
		sd.drawn = drawn
	}
	s.docs[name] = sd
	return sd
}

// check compares a document's front pages with its source pages.
func (s *sources) check(t *testing.T, d manifestDoc, fronts []manifestPage) {
	t.Helper()
	sd := s.doc(t, d)
	form := d.Forms[0]
	pages := sd.pages[form]
	if len(pages) != len(fronts) {
		t.Fatalf("%d front pages, the source shows form %d on %d", len(fronts), form, len(pages))
	}
	names := s.goldens[form].names
	at := 0
	for i, p := range pages {
		rows := fronts[i].GridRows
		if sd.drawn != nil {
			if got := sd.drawn[p].GridRows; got != rows {
				t.Errorf("page %d: %d rows in the manifest, the renderer drew %d", i+1, rows, got)
			}
		}
		// The run's first and last names are on the page.
		if rows > 0 {
			for _, n := range []string{names[at], names[at+rows-1]} {
				if !strings.Contains(sd.layout[p], n) && len([]rune(n)) <= 12 {
					t.Errorf("page %d: indicator %q is not in pdftotext -layout's text of the page", i+1, n)
				}
			}
		}
		at += rows
	}
}

// tail returns the forced continuation rows of a backs document's form.
func (s *sources) tail(d manifestDoc) int { return s.docs[d.Face+"-backs"].tails[d.Forms[0]] }
