package main

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	golden "jixiao"

	"jixiao/cmd/internal/render"
	"jixiao/store/atomicfile"
)

// corpusGenerator names the manifest's format and the generator's
// version: a change of what a page shows, or of the manifest, changes it.
const corpusGenerator = "genscan corpus 1"

// corpusConfig holds the flags of genscan corpus.
type corpusConfig struct {
	outDir       string
	splits       []string
	formsPerCell int
	faces        []string // names; nil for every face of the splits
	classes      []string // names; nil for every class
	seed         uint64
	repeat       int
	jobs         int
	golden       string // glob of the golden records
	chromium     string
	sources      bool // keep the rendered PDFs in outDir/sources
}

const corpusUsage = `Usage: genscan corpus -out-dir DIR [options]

Generates a scan corpus: golden forms set in several faces, rendered by
genpdf's renderer or printed by Chromium, rasterised by pdftoppm and
damaged as one of several classes, with manifest.json giving the truth of
every page (see the genscan doc comment, or fixtures/scan/README.md).

Example (the measurement set of make corpus, about 310 pages):

	genscan corpus -out-dir ~/.cache/jixiao/corpus

One face and two classes of the tuning forms, 4 forms per cell:

	genscan corpus -out-dir /tmp/c -split tune -faces droid -classes scan200,backs -forms-per-cell 4

A benchmark set of about 620 pages (make corpus-bench; never checked in):

	genscan corpus -out-dir /tmp/bench -repeat 2

Options:
`

func runCorpus(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("genscan corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c corpusConfig
	var split, faceList, classList string
	fs.StringVar(&c.outDir, "out-dir", "", "directory to write the corpus to (required)")
	fs.StringVar(&split, "split", splitMeasure, "forms and faces: measure (even forms), tune (odd forms) or all")
	fs.IntVar(&c.formsPerCell, "forms-per-cell", 8, "forms in each (split, face, class) cell, at most the forms of the split")
	fs.StringVar(&faceList, "faces", "", "comma-separated faces (default: every face of the split)")
	fs.StringVar(&classList, "classes", "", "comma-separated classes (default: all)")
	fs.Uint64Var(&c.seed, "seed", 1, "base seed of every page's generator")
	fs.IntVar(&c.repeat, "repeat", 1, "write every cell this many times, each repetition with its own seeds (a benchmark set)")
	fs.IntVar(&c.jobs, "j", runtime.NumCPU(), "pages processed in parallel")
	fs.StringVar(&c.golden, "golden", "fixtures/golden/form-*.json", "glob of the golden records (form N is form-NN.json)")
	fs.StringVar(&c.chromium, "chromium", "chromium", "Chromium command, for the faces it prints")
	fs.BoolVar(&c.sources, "sources", false, "also keep the rendered PDFs (FACE-main.pdf, FACE-backs.pdf) and Chromium's HTML in DIR/sources")
	fs.Usage = func() {
		fmt.Fprint(stderr, corpusUsage)
		fs.PrintDefaults()
		fmt.Fprintf(stderr, "\nFaces:\n")
		for _, f := range faces {
			fmt.Fprintf(stderr, "  %-10s %-20s %-5s %-8s %s\n", f.name, f.family, f.style, f.producer, f.split)
		}
		fmt.Fprintf(stderr, "\nClasses:\n")
		for _, cl := range classes {
			fmt.Fprintf(stderr, "  %-10s %s\n", cl.name, cl.desc)
		}
		fmt.Fprintf(stderr, "\nExit codes: 0 ok, 1 failure, 2 usage, 130 interrupted.\n")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "genscan corpus: "+format+"\n", a...)
		fs.Usage()
		return 2
	}
	switch split {
	case splitMeasure, splitTune:
		c.splits = []string{split}
	case "all":
		c.splits = []string{splitTune, splitMeasure}
	default:
		return usage("bad -split %q", split)
	}
	for _, n := range splitList(faceList) {
		f, ok := faceNamed(n)
		if !ok {
			return usage("no face %q", n)
		}
		if split != "all" && f.split != split {
			return usage("face %s is a %s face, not of -split %s", n, f.split, split)
		}
		c.faces = append(c.faces, n)
	}
	for _, n := range splitList(classList) {
		if _, ok := classNamed(n); !ok {
			return usage("no class %q", n)
		}
		c.classes = append(c.classes, n)
	}
	if fs.NArg() != 0 || c.outDir == "" || c.formsPerCell < 1 || c.repeat < 1 || c.jobs < 1 {
		return usage("bad arguments")
	}
	if err := generateCorpus(ctx, c, stderr); err != nil {
		fmt.Fprintln(stderr, "genscan corpus:", err)
		if ctx.Err() != nil {
			return 130
		}
		return 1
	}
	return 0
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// formRecord is what the corpus needs of a golden form.
type formRecord struct {
	num   int    // N of form-NN.json
	path  string // the golden file
	rec   golden.Form
	unit  string   // the implementing unit (or the department): a seal's text
	names []string // indicator names, spaces removed
}

// goldenNum is the number of a golden record's file: form-NN.json, or
// dept-NN.json for the whole-department forms.
var goldenNum = regexp.MustCompile(`(?:form|dept)-(\d+)\.json$`)

// loadGoldens reads the golden records of glob, by form number.
func loadGoldens(glob string) (map[int]formRecord, error) {
	paths, err := filepath.Glob(glob)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no golden record matches %s", glob)
	}
	out := map[int]formRecord{}
	for _, p := range paths {
		m := goldenNum.FindStringSubmatch(p)
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		recs, err := render.LoadRecords([]string{p})
		if err != nil {
			return nil, err
		}
		r := recs[0]
		f := formRecord{num: n, path: p, rec: r, unit: render.Str(r.ImplementingUnit)}
		if f.unit == "" {
			f.unit = render.Str(r.Department)
		}
		for _, in := range r.Indicators {
			f.names = append(f.names, compact(render.Str(in.Name)))
		}
		out[n] = f
	}
	return out, nil
}

// splitForms returns the form numbers of a split, in order: odd forms tune,
// even forms measure.
func splitForms(goldens map[int]formRecord, split string) []int {
	var out []int
	for n := range goldens {
		if (n%2 == 1) == (split == splitTune) {
			out = append(out, n)
		}
	}
	sort.Ints(out)
	return out
}

// cell is one (split, face, class) of the corpus, with its forms.
type cell struct {
	split string
	face  face
	class class
	forms []int
}

// cells returns the corpus's cells of a split: every face of the split by
// every class, each with n of the split's forms. Cell k of the full grid
// (faces in table order, classes in table order, the late classes' cells
// after all the others) takes forms k·n … k·n+n−1 of the split's list,
// counted round it, so that across the cells every form appears (when
// cells × n ≥ forms) and a cell's forms do not depend on which other cells
// are chosen, nor on the late classes.
func cells(split string, forms []int, n int, faceSel, classSel []string) []cell {
	in := func(sel []string, name string) bool {
		if sel == nil {
			return true
		}
		for _, s := range sel {
			if s == name {
				return true
			}
		}
		return false
	}
	var out []cell
	k := 0
	for _, late := range []bool{false, true} {
		for _, f := range faces {
			if f.split != split {
				continue
			}
			for _, cl := range classes {
				if cl.late != late {
					continue
				}
				if in(faceSel, f.name) && in(classSel, cl.name) {
					c := cell{split: split, face: f, class: cl}
					for i := range n {
						c.forms = append(c.forms, forms[(k*n+i)%len(forms)])
					}
					out = append(out, c)
				}
				k++
			}
		}
	}
	return out
}

// manifest is manifest.json.
type manifest struct {
	Generator string                  `json:"generator"`
	Faces     map[string]manifestFace `json:"faces"`
	Classes   map[string]string       `json:"classes"`
	Documents []manifestDoc           `json:"documents"`
}

type manifestFace struct {
	Family    string   `json:"family"`
	Style     string   `json:"style"`
	Producers []string `json:"producers"`
	Split     string   `json:"split"`
}

type manifestDoc struct {
	File     string         `json:"file"`
	Split    string         `json:"split"`
	Face     string         `json:"face"`
	Producer string         `json:"producer"`
	Class    string         `json:"class"`
	DPI      int            `json:"dpi"`
	Colour   bool           `json:"colour"`
	Forms    []int          `json:"forms"`
	Pages    []manifestPage `json:"pages"`
}

type manifestPage struct {
	Forms    []int          `json:"forms"`
	Blank    bool           `json:"blank"`
	GridRows int            `json:"grid_rows"`
	Seal     bool           `json:"seal"`
	Params   map[string]int `json:"params"`
}

func generateCorpus(ctx context.Context, c corpusConfig, stderr io.Writer) error {
	start := time.Now()
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found (apt install poppler-utils): %w", tool, err)
		}
	}
	goldens, err := loadGoldens(c.golden)
	if err != nil {
		return err
	}
	var all []cell
	for _, split := range c.splits {
		forms := splitForms(goldens, split)
		if len(forms) == 0 {
			return fmt.Errorf("no %s forms in %s", split, c.golden)
		}
		if c.formsPerCell > len(forms) {
			return fmt.Errorf("-forms-per-cell %d: the %s split has %d forms (use -repeat for more pages)", c.formsPerCell, split, len(forms))
		}
		all = append(all, cells(split, forms, c.formsPerCell, c.faces, c.classes)...)
	}
	if len(all) == 0 {
		return fmt.Errorf("no cell: no face of the split among -faces")
	}
	tmp, err := os.MkdirTemp("", "genscan-corpus-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Render each face's documents: all forms of its split (so that a page
	// does not depend on the cells chosen), and for the backs class again
	// with forced continuation pages.
	type docKey struct {
		face  string
		backs bool
	}
	docs := map[docKey]*renderedDoc{}
	for _, cl := range all {
		k := docKey{cl.face.name, cl.class.backs}
		if docs[k] == nil {
			docs[k] = &renderedDoc{face: cl.face, backs: cl.class.backs, forms: splitForms(goldens, cl.split)}
		}
	}
	keys := make([]docKey, 0, len(docs))
	for k := range docs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].face != keys[j].face {
			return keys[i].face < keys[j].face
		}
		return !keys[i].backs && keys[j].backs
	})
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.jobs)
	for _, k := range keys {
		d := docs[k]
		g.Go(func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("face %s: panic: %v", d.face.name, p)
				}
			}()
			return d.render(gctx, c, goldens, tmp)
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if c.sources {
		dir := filepath.Join(c.outDir, "sources")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		for _, k := range keys {
			src := docs[k].path
			for _, p := range []string{src, strings.TrimSuffix(src, ".pdf") + ".html"} {
				b, err := os.ReadFile(p)
				if os.IsNotExist(err) && strings.HasSuffix(p, ".html") {
					continue
				}
				if err != nil {
					return err
				}
				if err := atomicfile.WriteBytes(filepath.Join(dir, filepath.Base(p)), b); err != nil {
					return err
				}
			}
		}
	}
	rendered := time.Now()

	// The documents of every cell.
	var jobs []*docJob
	for _, cl := range all {
		d := docs[docKey{cl.face.name, cl.class.backs}]
		for rep := 1; rep <= c.repeat; rep++ {
			multi := 0
			for i, n := range cl.forms {
				j := &docJob{cell: cl, rep: rep, form: goldens[n], doc: d}
				pages := d.formPages[n]
				switch {
				case cl.class.backs:
					j.ext = "pdf"
				case len(pages) == 1 && i%8 == 3:
					j.ext = "png"
				case len(pages) == 1:
					j.ext = "jpg"
				default:
					j.ext = [2]string{"pdf", "tif"}[multi%2]
					multi++
				}
				name := fmt.Sprintf("f%02d", n)
				if rep > 1 {
					name += fmt.Sprintf("-r%d", rep)
				}
				j.file = filepath.ToSlash(filepath.Join(cl.split, cl.face.name, cl.class.name, name+"."+j.ext))
				jobs = append(jobs, j)
			}
		}
	}
	rasters := &rasterCache{dir: filepath.Join(tmp, "rasters")}
	if err := os.MkdirAll(rasters.dir, 0o755); err != nil {
		return err
	}
	var mu sync.Mutex
	var docsOut []manifestDoc
	pages := 0
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(c.jobs)
	for _, j := range jobs {
		g.Go(func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("%s: panic: %v", j.file, p)
				}
			}()
			md, err := j.run(gctx, c, rasters, tmp)
			if err != nil {
				return fmt.Errorf("%s: %w", j.file, err)
			}
			mu.Lock()
			docsOut = append(docsOut, md)
			pages += len(md.Pages)
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	sort.Slice(docsOut, func(a, b int) bool { return docsOut[a].File < docsOut[b].File })
	m := manifest{Generator: corpusGenerator, Faces: map[string]manifestFace{}, Classes: map[string]string{}, Documents: docsOut}
	for _, cl := range all {
		f := cl.face
		m.Faces[f.name] = manifestFace{Family: f.family, Style: f.style, Producers: []string{f.producer}, Split: f.split}
		m.Classes[cl.class.name] = cl.class.desc
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteBytes(filepath.Join(c.outDir, "manifest.json"), append(b, '\n')); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "genscan corpus: %d documents, %d pages in %s (rendered in %.1f s, all in %.1f s)\n",
		len(docsOut), pages, c.outDir, rendered.Sub(start).Seconds(), time.Since(start).Seconds())
	return nil
}

// renderedDoc is one face's PDF of a split's forms, and what each of its
// pages shows, found in the PDF's text.
type renderedDoc struct {
	face      face
	backs     bool  // rendered with forced continuation pages
	forms     []int // golden numbers, in order
	path      string
	pages     []*docPage
	formPages map[int][]int // form number → indices of its pages, in order
	cols      columns
}

// docPage is one page of a rendered document.
type docPage struct {
	pdfPage
	text     string
	forms    []int // golden numbers of the forms with content on it
	gridRows int
}

// columns are the positions (points) of the grid header's words, which
// bound the 二级指标 column's rules: right of 一级指标, left and right of
// 二级指标, left of 三级指标.
type columns struct {
	l1x1, l2x0, l2x1, l3x0 float64
	ok                     bool
}

// formPage returns the form number of page k and its page number within
// the form (1-based).
func (d *renderedDoc) formPage(k int) (form, page int) {
	if len(d.pages[k].forms) == 0 {
		return 0, 0
	}
	form = d.pages[k].forms[0]
	for i, p := range d.formPages[form] {
		if p == k {
			return form, i + 1
		}
	}
	return form, 0
}

// tailRows returns how many rows the forced continuation page of form
// number i (0-based) of a face's split holds in the backs class: every
// fourth form of the split (counted from an offset of the face's, so that
// each run of 8 forms has two) gets 1 or 2, drawn from the seed, the face
// and the form; the others none.
func tailRows(seed uint64, f face, i, form int) int {
	k := 0
	for j, g := range faces {
		if g.name == f.name {
			k = j
		}
	}
	if (i+k)%4 != 0 {
		return 0
	}
	return 1 + newRand(seed, key("tail", f.name, strconv.Itoa(form))).IntN(2)
}

// key hashes the parts of a name into a generator's second seed word.
func key(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// render writes the document's PDF into tmp and reads back what each page
// shows: the forms (pdftotext per page: each 项目名称 starts the next form,
// whose project name must be the golden's), the indicator rows (placeRows),
// and the words with their boxes (pdftotext -bbox). For genpdf faces what
// was read must be what the renderer reports it drew; for the backs
// documents each form's last page must hold its forced 1 or 2 rows.
func (d *renderedDoc) render(ctx context.Context, c corpusConfig, goldens map[int]formRecord, tmp string) error {
	variant := "main"
	if d.backs {
		variant = "backs"
	}
	d.path = filepath.Join(tmp, d.face.name+"-"+variant+".pdf")
	forms := make([]render.Form, len(d.forms))
	for i, n := range d.forms {
		forms[i] = render.Build(goldens[n].rec)
		if d.backs {
			forms[i].TailRows = tailRows(c.seed, d.face, i, n)
		}
	}
	var report []render.Page
	switch d.face.producer {
	case producerGenpdf:
		b, rep, err := render.PDFPages(d.face.layout(), forms, true)
		if err != nil {
			return fmt.Errorf("face %s: %w", d.face.name, err)
		}
		report = rep
		if err := os.WriteFile(d.path, b, 0o644); err != nil {
			return err
		}
	case producerChromium:
		html := strings.TrimSuffix(d.path, ".pdf") + ".html"
		if err := os.WriteFile(html, render.HTML(forms, d.face.css()), 0o644); err != nil {
			return err
		}
		if err := printHTML(ctx, c.chromium, html, d.path, filepath.Join(tmp, "chromium-"+d.face.name+"-"+variant)); err != nil {
			return fmt.Errorf("face %s: %w", d.face.name, err)
		}
	default:
		return fmt.Errorf("face %s: unknown producer %q", d.face.name, d.face.producer)
	}
	n, err := pageCount(ctx, d.path)
	if err != nil {
		return err
	}
	words, err := pageWords(ctx, d.path)
	if err != nil {
		return err
	}
	if len(words) != n {
		return fmt.Errorf("%s: pdftotext -bbox gives %d pages, pdfinfo %d", d.path, len(words), n)
	}
	texts := make([]string, n)
	d.pages = make([]*docPage, n)
	for i := range texts {
		if texts[i], err = pageText(ctx, d.path, i+1); err != nil {
			return err
		}
		d.pages[i] = &docPage{pdfPage: words[i], text: texts[i]}
	}
	onPages, names := formsOnPages(texts)
	paths := make([]string, len(d.forms))
	for i, f := range d.forms {
		paths[i] = goldens[f].path
	}
	if err := checkNames(names, paths, true); err != nil {
		return fmt.Errorf("face %s (%s): %w", d.face.name, variant, err)
	}
	d.formPages = map[int][]int{}
	for i, fs := range onPages {
		for _, k := range fs {
			n := d.forms[k-1]
			d.pages[i].forms = append(d.pages[i].forms, n)
			d.formPages[n] = append(d.formPages[n], i)
		}
		if len(fs) > 1 {
			return fmt.Errorf("face %s (%s) page %d: forms %v on one page (each form should start a page)", d.face.name, variant, i+1, fs)
		}
	}
	for k, n := range d.forms {
		ps := d.formPages[n]
		gt := make([]string, len(ps))
		for i, p := range ps {
			gt[i] = gridText(texts[p], i == 0)
		}
		rows, err := placeRows(gt, goldens[n].names)
		if err != nil {
			return fmt.Errorf("face %s (%s) form %d: %w", d.face.name, variant, n, err)
		}
		for i, p := range ps {
			d.pages[p].gridRows = rows[i]
			if report != nil && (p >= len(report) || report[p].GridRows != rows[i] || len(report[p].Forms) != 1 || report[p].Forms[0] != k) {
				return fmt.Errorf("face %s (%s) page %d: read form %d with %d rows, the renderer drew %+v", d.face.name, variant, p+1, n, rows[i], report[min(p, len(report)-1)])
			}
		}
		if tail := forms[k].TailRows; tail > 0 && tail < forms[k].Indicators() && rows[len(rows)-1] != tail {
			return fmt.Errorf("face %s form %d: the last page holds %d rows, the forced continuation %d", d.face.name, n, rows[len(rows)-1], tail)
		}
	}
	if report != nil && len(report) != n {
		return fmt.Errorf("face %s (%s): %d pages, the renderer drew %d", d.face.name, variant, n, len(report))
	}
	for _, p := range d.pages {
		w1, ok1 := p.find(gridMark)
		w2, ok2 := p.find(level2Mark)
		w3, ok3 := p.find(level3Mark)
		if ok1 && ok2 && ok3 {
			d.cols = columns{l1x1: w1.x1, l2x0: w2.x0, l2x1: w2.x1, l3x0: w3.x0, ok: true}
			break
		}
	}
	return nil
}

// printHTML prints an HTML file to PDF with headless Chromium (the flags of
// make fixtures-pdf), with a profile directory of its own.
func printHTML(ctx context.Context, chromium, html, pdf, profile string) error {
	abs, err := filepath.Abs(html)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+abs)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, lerr := exec.LookPath(chromium); lerr != nil {
			return fmt.Errorf("%s not found (apt install chromium): %w", chromium, lerr)
		}
		return fmt.Errorf("%s --print-to-pdf: %v: %s", chromium, err, bytes.TrimSpace(out))
	}
	if fi, err := os.Stat(pdf); err != nil || fi.Size() == 0 {
		return fmt.Errorf("%s wrote no PDF: %s", chromium, bytes.TrimSpace(out))
	}
	return nil
}

// rasterCache rasterises a page of a rendered document once per
// resolution and kind (grey PGM or colour PPM) and keeps it as a file.
type rasterCache struct {
	dir string
	m   sync.Map // string → func() (string, error)
}

// path returns the raster file of page index (0-based) of pdf.
func (rc *rasterCache) path(ctx context.Context, pdf string, index, dpi int, colour bool) (string, error) {
	base := fmt.Sprintf("%s-%d-%d", strings.TrimSuffix(filepath.Base(pdf), ".pdf"), index+1, dpi)
	ext := ".pgm"
	if colour {
		base += "-rgb"
		ext = ".ppm"
	}
	f, _ := rc.m.LoadOrStore(base, sync.OnceValues(func() (string, error) {
		p, d := strconv.Itoa(index+1), strconv.Itoa(dpi)
		args := []string{"-r", d, "-f", p, "-l", p, "-singlefile"}
		if !colour {
			args = append(args, "-gray")
		}
		out, err := exec.CommandContext(ctx, "pdftoppm", append(args, pdf, filepath.Join(rc.dir, base))...).CombinedOutput()
		if err != nil {
			return "", fmt.Errorf("pdftoppm %s page %d: %v: %s", pdf, index+1, err, bytes.TrimSpace(out))
		}
		return filepath.Join(rc.dir, base+ext), nil
	}))
	return f.(func() (string, error))()
}

func (rc *rasterCache) gray(ctx context.Context, pdf string, index, dpi int) (*image.Gray, error) {
	p, err := rc.path(ctx, pdf, index, dpi, false)
	if err != nil {
		return nil, err
	}
	return loadGray(p)
}

func (rc *rasterCache) rgb(ctx context.Context, pdf string, index, dpi int) (planes, error) {
	p, err := rc.path(ctx, pdf, index, dpi, true)
	if err != nil {
		return planes{}, err
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return planes{}, err
	}
	pl, err := parsePPM(b)
	if err != nil {
		return planes{}, fmt.Errorf("%s: %w", p, err)
	}
	return pl, nil
}

// docJob is one document of the corpus: one form of a cell.
type docJob struct {
	cell cell
	rep  int
	form formRecord
	doc  *renderedDoc
	file string // relative to the output directory
	ext  string // jpg, png, tif or pdf
}

// run degrades the form's pages (and, in the backs class, makes the backs),
// writes the document and returns its manifest entry.
func (j *docJob) run(ctx context.Context, c corpusConfig, rasters *rasterCache, tmp string) (manifestDoc, error) {
	cl := j.cell.class
	md := manifestDoc{File: j.file, Split: j.cell.split, Face: j.cell.face.name, Producer: j.cell.face.producer,
		Class: cl.name, DPI: cl.dpi, Colour: cl.colour, Forms: []int{j.form.num}}
	type outPage struct {
		img     image.Image
		quality int
	}
	var pages []outPage
	for i, p := range j.doc.formPages[j.form.num] {
		if err := ctx.Err(); err != nil {
			return md, err
		}
		r := newRand(c.seed, key(j.cell.split, j.cell.face.name, cl.name, strconv.Itoa(j.form.num), strconv.Itoa(j.rep), strconv.Itoa(i)))
		in := pageIn{r: r, dpi: cl.dpi, page: j.doc.pages[p], doc: j.doc, index: p, first: i == 0, form: j.form, tmp: tmp,
			ghost: func(k int) (*image.Gray, error) { return rasters.gray(ctx, j.doc.path, k, cl.dpi) }}
		var err error
		if cl.colour {
			in.rgb, err = rasters.rgb(ctx, j.doc.path, p, cl.dpi)
		} else {
			in.gray, err = rasters.gray(ctx, j.doc.path, p, cl.dpi)
		}
		if err != nil {
			return md, err
		}
		out, err := cl.front(ctx, in)
		if err != nil {
			return md, fmt.Errorf("page %d: %w", i+1, err)
		}
		pg := j.doc.pages[p]
		mp := manifestPage{Forms: append([]int(nil), pg.forms...), GridRows: pg.gridRows, Seal: out.seal, Params: out.params}
		pages = append(pages, outPage{out.img, out.quality})
		md.Pages = append(md.Pages, mp)
		if cl.backs {
			b := back(in.gray, r, cl.dpi)
			pages = append(pages, outPage{b.img, b.quality})
			md.Pages = append(md.Pages, manifestPage{Forms: []int{}, Blank: true, Params: b.params})
		}
	}
	if len(pages) == 0 {
		return md, fmt.Errorf("form %d has no page in %s", j.form.num, j.doc.path)
	}
	// What is stored as JPEG records its quality.
	lossy := j.ext == "jpg" || j.ext == "pdf"
	for i := range md.Pages {
		if lossy {
			md.Pages[i].Params["jpeg_quality"] = pages[i].quality
		}
	}
	path := filepath.Join(c.outDir, filepath.FromSlash(j.file))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return md, err
	}
	encodeJPEG := func(p outPage) ([]byte, error) {
		var b bytes.Buffer
		err := jpeg.Encode(&b, p.img, &jpeg.Options{Quality: p.quality})
		return b.Bytes(), err
	}
	switch j.ext {
	case "jpg":
		b, err := encodeJPEG(pages[0])
		if err != nil {
			return md, err
		}
		return md, atomicfile.WriteBytes(path, b)
	case "png":
		var b bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		if err := enc.Encode(&b, pages[0].img); err != nil {
			return md, err
		}
		return md, atomicfile.WriteBytes(path, b.Bytes())
	case "pdf":
		var jpegs [][]byte
		for _, p := range pages {
			b, err := encodeJPEG(p)
			if err != nil {
				return md, err
			}
			jpegs = append(jpegs, b)
		}
		b, err := imagePDF(jpegs)
		if err != nil {
			return md, err
		}
		return md, atomicfile.WriteBytes(path, b)
	case "tif":
		return md, atomicfile.Write(path, func(f *os.File) error {
			t, err := newTIFFWriter(f, len(pages), cl.dpi)
			if err != nil {
				return err
			}
			t.level = zlib.BestSpeed // noisy scans hardly compress better, 3× slower
			for _, p := range pages {
				if err := t.add(p.img); err != nil {
					return err
				}
			}
			return t.close()
		})
	}
	return md, fmt.Errorf("unknown format %q", j.ext)
}

// parsePPM decodes a binary PPM (P6, maxval 255), as pdftoppm writes it,
// into planes.
func parsePPM(b []byte) (planes, error) {
	if !bytes.HasPrefix(b, []byte("P6")) {
		return planes{}, fmt.Errorf("not a binary PPM")
	}
	// The header has the PGM's shape: read it as one, three samples a pixel.
	g, err := parsePNMHeader(b)
	if err != nil {
		return planes{}, err
	}
	w, h, off := g[0], g[1], g[2]
	if len(b)-off < 3*w*h {
		return planes{}, fmt.Errorf("PPM data cut short: %d bytes for %dx%d", len(b)-off, w, h)
	}
	var p planes
	for c := range p {
		p[c] = image.NewGray(image.Rect(0, 0, w, h))
	}
	data := b[off:]
	for i := 0; i < w*h; i++ {
		p[0].Pix[i], p[1].Pix[i], p[2].Pix[i] = data[3*i], data[3*i+1], data[3*i+2]
	}
	return p, nil
}

// parsePNMHeader reads the header of a binary PGM or PPM with maxval 255
// and returns its width, height and the offset of its data.
func parsePNMHeader(b []byte) ([3]int, error) {
	var fields []int
	i := 2
	for len(fields) < 3 {
		switch {
		case i >= len(b):
			return [3]int{}, fmt.Errorf("PNM header cut short")
		case b[i] == '#':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r':
			i++
		case b[i] >= '0' && b[i] <= '9':
			v := 0
			for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
				v = v*10 + int(b[i]-'0')
				if v > 1<<20 {
					return [3]int{}, fmt.Errorf("PNM header value too large")
				}
			}
			fields = append(fields, v)
		default:
			return [3]int{}, fmt.Errorf("bad PNM header byte %q", b[i])
		}
	}
	if fields[2] != 255 || fields[0] < 1 || fields[1] < 1 {
		return [3]int{}, fmt.Errorf("PNM %dx%d maxval %d: want 8-bit", fields[0], fields[1], fields[2])
	}
	return [3]int{fields[0], fields[1], i + 1}, nil
}
