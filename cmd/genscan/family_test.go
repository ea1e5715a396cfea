package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"jixiao"
	"jixiao/cmd/internal/render"
	"jixiao/extract"
	"jixiao/extract/ocr"
	"jixiao/extract/ocr/ocrtest"
	"jixiao/fixtures/fixturetest"
	"jixiao/normalize"
)

// familyTemplates are the templates whose goldens live in
// fixtures/golden/<template>/ and that TestFamilyScans reads.
var familyTemplates = []string{jixiao.TemplateMOF88, jixiao.TemplateTarget, jixiao.TemplateSelfEval, jixiao.TemplateDepartment}

// familyFloors are what TestFamilyScans holds per template on the
// measurement split (its faces, clean300 and scan200, two forms a cell):
// the share of indicators with every field exact and of header fields
// exact, at least. They are what the reader reached when last raised
// (docs/ocr.md), less about a point.
var familyFloors = map[string][2]float64{
	jixiao.TemplateMOF88:      {0.86, 0.98},
	jixiao.TemplateTarget:     {0.54, 0.98},
	jixiao.TemplateSelfEval:   {0.80, 0.96},
	jixiao.TemplateDepartment: {0.71, 0.96},
}

// familyClasses are the damage classes TestFamilyScans makes by default:
// the clean class and the plain scanner's damage. Only the classes whose
// damage needs nothing but the page's pixels can be made of a family
// form (colourseal and bleedrules need the words' boxes of the corpus's
// documents, backs its forced continuation pages).
var familyClasses = []string{"clean300", "scan200"}

// TestFamilyScans renders the goldens of the form family's templates as
// genscan corpus renders its pages, split as the corpus is: the odd
// forms in the tuning faces (droid, sungti, notoserif, kaitim) are where
// rules are designed, the even forms in the measurement faces (notosans,
// ukai, uming, zenhei) where they are reported. Each form is rendered
// alone, by its face's producer (genpdf's layout, or Chromium printing
// the HTML); each (face, class) cell takes a few of the split's forms
// (cells), and its pages are rasterised in grey at the class's
// resolution, damaged as the class damages them and stored as JPEGs in
// an image-only PDF. Each document is read through the whole extraction
// (OCR, repair, reconstruction) and normalization and compared with its
// golden; the test prints per template, per face and per class how many
// indicators (level-2, name and value; every field) and header fields
// came out exact, how many indicators are wrong without a low-confidence
// flag, and how many forms are exact in every field but their flags. On
// the measurement split with the default faces, classes and forms it
// fails below familyFloors.
//
// It is slow (OCR, about 2–3 s a page): it runs only with
// JIXIAO_FAMILY_SCANS=1. JIXIAO_CORPUS_SPLIT=tune reads the tuning split
// (default measure); JIXIAO_CORPUS_FACES, JIXIAO_CORPUS_CLASSES and
// JIXIAO_FAMILY_TEMPLATES (comma-separated) keep only those faces,
// classes (of familyClasses' kind: clean300, scan200, low150, skewlight,
// turned) and templates; JIXIAO_FAMILY_FORMS=N puts N forms in each cell
// (default 2); JIXIAO_FAMILY_KEEP=DIR keeps every scan made there;
// JIXIAO_ACCURACY_MISSES=1 prints every miss.
func TestFamilyScans(t *testing.T) {
	if os.Getenv("JIXIAO_FAMILY_SCANS") != "1" {
		t.Skip("slow: JIXIAO_FAMILY_SCANS=1 runs it")
	}
	if raceEnabled {
		t.Skip("the race detector slows OCR several times over")
	}
	ocrtest.Require(t, ocr.Models...)
	for _, tool := range []string{"pdftoppm", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is needed (poppler-utils)", tool)
		}
	}
	split := os.Getenv("JIXIAO_CORPUS_SPLIT")
	if split == "" {
		split = splitMeasure
	}
	if split != splitTune && split != splitMeasure {
		t.Fatalf("JIXIAO_CORPUS_SPLIT=%q: tune or measure", split)
	}
	perCell := envInt(t, "JIXIAO_FAMILY_FORMS", 2)
	keep := os.Getenv("JIXIAO_FAMILY_KEEP")
	templates := familyTemplates
	if s := os.Getenv("JIXIAO_FAMILY_TEMPLATES"); s != "" {
		templates = splitList(s)
	}
	faceSel := splitList(os.Getenv("JIXIAO_CORPUS_FACES"))
	classSel := splitList(os.Getenv("JIXIAO_CORPUS_CLASSES"))
	defaults := len(faceSel) == 0 && len(classSel) == 0 && os.Getenv("JIXIAO_FAMILY_FORMS") == ""
	if len(classSel) == 0 {
		classSel = familyClasses
	}
	for _, n := range classSel {
		if cl, ok := classNamed(n); !ok || cl.colour || cl.backs || n == "bleedrules" {
			t.Fatalf("class %q: not one a family form can be damaged as", n)
		}
	}
	for _, n := range faceSel {
		if f, ok := faceNamed(n); !ok || f.split != split {
			t.Fatalf("face %q: not a face of the %s split", n, split)
		}
	}
	j := runtime.GOMAXPROCS(0)
	ex := extract.New(extract.Options{OCRWorkers: 1})
	defer ex.Close()
	tmp := t.TempDir()
	rasters := &rasterCache{dir: tmp}
	rendered := &familyRenders{dir: tmp}
	byTemplate, byFace, byClass := map[string]*familyScore{}, map[string]*familyScore{}, map[string]*familyScore{}
	var misses []string
	var pages, docs int
	start := time.Now()
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(j)
	goldens := map[string]map[int]formRecord{}
	for _, tpl := range templates {
		gs, err := loadGoldens(filepath.Join("../../fixtures/golden", tpl, "*-*.json"))
		if err != nil {
			t.Fatal(err)
		}
		goldens[tpl] = gs
	}
	for _, tpl := range templates {
		forms := splitForms(goldens[tpl], split)
		if len(forms) == 0 {
			t.Fatalf("no %s forms of %s", split, tpl)
		}
		for _, cl := range cells(split, forms, perCell, faceSel, classSel) {
			for _, n := range cl.forms {
				fr := goldens[tpl][n]
				g.Go(func() error {
					name := fmt.Sprintf("%s-%s-%s-form-%02d", tpl, cl.face.name, cl.class.name, n)
					scan, np, err := familyScan(ctx, rendered, rasters, tpl, cl, fr)
					if err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
					if keep != "" {
						if err := os.WriteFile(filepath.Join(keep, name+".pdf"), scan, 0o644); err != nil {
							return err
						}
					}
					doc, err := ex.Read(ctx, name+".pdf", scan)
					if err != nil {
						return fmt.Errorf("%s: %w", name, err)
					}
					for k := range doc.Forms {
						normalize.Form(&doc.Forms[k])
					}
					want, err := os.ReadFile(fr.path)
					if err != nil {
						return err
					}
					s, m := scoreFamily(t, want, doc.Forms)
					mu.Lock()
					defer mu.Unlock()
					pages += np
					docs++
					for key, by := range map[string]map[string]*familyScore{tpl: byTemplate, cl.face.name: byFace, cl.class.name: byClass} {
						if by[key] == nil {
							by[key] = &familyScore{}
						}
						by[key].add(s)
					}
					for _, x := range m {
						misses = append(misses, name+": "+x)
					}
					return nil
				})
			}
		}
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	engine, _, _ := ocr.Resolve(ocr.Options{})
	t.Logf("%s split, engine %s: %d documents, %d pages in %.0f s (%.2f s/page)\n%s", split, engine, docs, pages, el.Seconds(), el.Seconds()/float64(max(pages, 1)),
		familyReport([]string{"template", "face", "class"}, []map[string]*familyScore{byTemplate, byFace, byClass}))
	if os.Getenv("JIXIAO_ACCURACY_MISSES") != "" {
		sort.Strings(misses)
		t.Logf("misses:\n%s", strings.Join(misses, "\n"))
	}
	if split != splitMeasure || !defaults {
		return
	}
	for _, tpl := range templates {
		s, fl := byTemplate[tpl], familyFloors[tpl]
		if r := rate(s.indAll, s.ind); r < fl[0] {
			t.Errorf("%s: indicators exact in every field %.2f%%, below %.1f%%", tpl, 100*r, 100*fl[0])
		}
		if r := rate(s.hdrOK, s.hdr); r < fl[1] {
			t.Errorf("%s: header fields exact %.2f%%, below %.1f%%", tpl, 100*r, 100*fl[1])
		}
	}
}

// familyRenders renders each golden form alone in a face once (a cell's
// classes share it) and keeps the PDF as a file.
type familyRenders struct {
	dir string
	m   sync.Map // string → func() (string, error)
}

// pdf returns the path of form fr of template tpl rendered in face f.
func (fr *familyRenders) pdf(ctx context.Context, tpl string, f face, rec formRecord) (string, error) {
	base := fmt.Sprintf("%s-%s-form-%02d", tpl, f.name, rec.num)
	v, _ := fr.m.LoadOrStore(base, sync.OnceValues(func() (string, error) {
		path := filepath.Join(fr.dir, base+".pdf")
		forms := []render.Form{render.Build(rec.rec)}
		switch f.producer {
		case producerGenpdf:
			b, err := render.PDF(f.layout(), forms, true)
			if err != nil {
				return "", err
			}
			return path, os.WriteFile(path, b, 0o644)
		case producerChromium:
			html := filepath.Join(fr.dir, base+".html")
			if err := os.WriteFile(html, render.HTML(forms, f.css()), 0o644); err != nil {
				return "", err
			}
			return path, printHTML(ctx, "chromium", html, path, filepath.Join(fr.dir, "chromium-"+base))
		}
		return "", fmt.Errorf("face %s: unknown producer %q", f.name, f.producer)
	}))
	return v.(func() (string, error))()
}

// familyScan renders a golden form in the cell's face, rasterises its
// pages in grey at the class's resolution, damages each as the class
// does (seeded by template, face, class, form and page) and returns them
// as an image-only PDF of JPEGs at the class's quality, and the number
// of pages.
func familyScan(ctx context.Context, fr *familyRenders, rc *rasterCache, tpl string, cl cell, rec formRecord) ([]byte, int, error) {
	path, err := fr.pdf(ctx, tpl, cl.face, rec)
	if err != nil {
		return nil, 0, err
	}
	n, err := pageCount(ctx, path)
	if err != nil {
		return nil, 0, err
	}
	dpi := cl.class.dpi
	var jpegs [][]byte
	for i := 0; i < n; i++ {
		img, err := rc.gray(ctx, path, i, dpi)
		if err != nil {
			return nil, 0, err
		}
		r := newRand(1, key("family", tpl, cl.face.name, cl.class.name, strconv.Itoa(rec.num), strconv.Itoa(i)))
		out, err := cl.class.front(ctx, pageIn{r: r, dpi: dpi, gray: img, index: i, first: i == 0, form: rec})
		if err != nil {
			return nil, 0, err
		}
		var b bytes.Buffer
		if err := jpeg.Encode(&b, out.img, &jpeg.Options{Quality: out.quality}); err != nil {
			return nil, 0, err
		}
		jpegs = append(jpegs, b.Bytes())
	}
	out, err := imagePDF(jpegs)
	return out, n, err
}

// familyScore counts what was read right of one template's forms.
type familyScore struct {
	forms, formsOK                int // forms; exact in every field but flags and confidences
	ind, indOK, indAll, indSilent int // indicators; level-2, name, value exact; every field; wrong without a flag
	hdr, hdrOK                    int // header fields (every field but the indicators, each entry of a map or list one)
	extraForms                    int // forms read beyond the golden's one
}

func (s *familyScore) add(o familyScore) {
	s.forms += o.forms
	s.formsOK += o.formsOK
	s.ind += o.ind
	s.indOK += o.indOK
	s.indAll += o.indAll
	s.indSilent += o.indSilent
	s.hdr += o.hdr
	s.hdrOK += o.hdrOK
	s.extraForms += o.extraForms
}

// notCompared are the fields of a record that tell where and how it was
// read (they differ by input kind), and those of an indicator.
var (
	notCompared    = []string{"form_id", "source", "pages", "geometry", "flags"}
	notComparedInd = []string{"line", "confidence", "flags", "geometry", "page"}
)

// scoreFamily compares the forms read from one form's scan with its
// golden (JSON).
func scoreFamily(t *testing.T, golden []byte, got []jixiao.Form) (familyScore, []string) {
	t.Helper()
	var want map[string]any
	if err := json.Unmarshal(golden, &want); err != nil {
		t.Fatal(err)
	}
	var misses []string
	miss := func(format string, args ...any) { misses = append(misses, fmt.Sprintf(format, args...)) }
	sc := familyScore{forms: 1}
	g := map[string]any{}
	if len(got) > 0 {
		b, err := json.Marshal(got[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatal(err)
		}
		sc.extraForms = len(got) - 1
	} else {
		miss("no form read")
	}
	for _, m := range []map[string]any{want, g} {
		for _, k := range notCompared {
			delete(m, k)
		}
		if inds, ok := m["indicators"].([]any); ok {
			for _, x := range inds {
				for _, k := range notComparedInd {
					delete(x.(map[string]any), k)
				}
			}
		}
		fixturetest.Unmessaged(m)
	}
	wi, _ := want["indicators"].([]any)
	gi, _ := g["indicators"].([]any)
	for i, w := range wi {
		sc.ind++
		wm := w.(map[string]any)
		var gm map[string]any
		if i < len(gi) {
			gm = gi[i].(map[string]any)
		}
		conf := 0.0
		if i < len(got[0].Indicators) {
			conf = got[0].Indicators[i].Confidence
		}
		key := func(m map[string]any) string { return fmt.Sprint(m["level2"], "/", m["name"], "=", m["value"]) }
		if key(wm) == key(gm) {
			sc.indOK++
		}
		if jsonEqual(wm, gm) {
			sc.indAll++
			continue
		}
		silent := conf >= ocr.LowConfidence
		if silent {
			sc.indSilent++
		}
		for _, d := range diffKeys(wm, gm) {
			miss("indicator %d %s (silent %v): %v, want %v", i+1, d, silent, gm[d], wm[d])
		}
	}
	if n := len(gi) - len(wi); n > 0 {
		miss("%d indicators beyond the golden's %d", n, len(wi))
	}
	for _, k := range sortedKeys(want) {
		if k == "indicators" {
			continue
		}
		for _, f := range fields(k, want[k], g[k]) {
			sc.hdr++
			if f.ok {
				sc.hdrOK++
			} else {
				miss("%s: %v, want %v", f.path, f.got, f.want)
			}
		}
	}
	if len(got) > 0 && jsonEqual(want, g) {
		sc.formsOK++
	}
	return sc, misses
}

// field is one compared header field.
type field struct {
	path      string
	want, got any
	ok        bool
}

// fields splits a top-level field into the fields it is counted as: each
// entry of a map or a list, or the value itself.
func fields(path string, want, got any) []field {
	switch w := want.(type) {
	case map[string]any:
		gm, _ := got.(map[string]any)
		var out []field
		for _, k := range sortedKeys(w) {
			out = append(out, field{path + "." + k, w[k], gm[k], jsonEqual(w[k], gm[k])})
		}
		for _, k := range sortedKeys(gm) {
			if _, ok := w[k]; !ok {
				out = append(out, field{path + "." + k, nil, gm[k], false})
			}
		}
		return out
	case []any:
		gl, _ := got.([]any)
		var out []field
		for i := range max(len(w), len(gl)) {
			var a, b any
			if i < len(w) {
				a = w[i]
			}
			if i < len(gl) {
				b = gl[i]
			}
			out = append(out, field{path + "[" + strconv.Itoa(i) + "]", a, b, jsonEqual(a, b)})
		}
		return out
	}
	return []field{{path, want, got, jsonEqual(want, got)}}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

func diffKeys(a, b map[string]any) []string {
	var out []string
	for _, k := range sortedKeys(a) {
		if !jsonEqual(a[k], b[k]) {
			out = append(out, k)
		}
	}
	for _, k := range sortedKeys(b) {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func rate(x, n int) float64 { return float64(x) / float64(max(n, 1)) }

// familyReport formats the scores, a table per grouping (template, face,
// class), a row per key in order and one for all.
func familyReport(names []string, groups []map[string]*familyScore) string {
	var b strings.Builder
	pct := func(a, n int) string { return fmt.Sprintf("%6.2f%%", 100*rate(a, n)) }
	for i, by := range groups {
		fmt.Fprintf(&b, "%-11s %5s %8s %5s %13s %8s %8s %5s %8s %6s\n", names[i], "forms", "exact", "ind", "l2/name/value", "all", "silent", "hdr", "exact", "extra")
		var all familyScore
		row := func(name string, s familyScore) {
			fmt.Fprintf(&b, "%-11s %5d %8s %5d %13s %8s %8s %5d %8s %6d\n", name, s.forms, pct(s.formsOK, s.forms), s.ind, pct(s.indOK, s.ind), pct(s.indAll, s.ind), pct(s.indSilent, s.ind), s.hdr, pct(s.hdrOK, s.hdr), s.extraForms)
		}
		var keys []string
		for k := range by {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			row(k, *by[k])
			all.add(*by[k])
		}
		row("all", all)
	}
	return b.String()
}

// envInt returns the integer in environment variable name, or def.
func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s, err)
	}
	return n
}
