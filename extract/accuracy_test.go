package extract_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/ocr"
	"jixiao/extract/ocr/ocrtest"
	"jixiao/normalize"
)

// limits are what TestAccuracy holds on the worst measurement face and the
// worst damage class.
type limits struct {
	indicators float64 // indicators with level-2, name and value exact, at least
	header     float64 // header fields exact, at least
	silent     float64 // indicators wrong without a low-confidence flag, at most
	blank      int     // indicators read from blank pages, at most
	amounts    bool    // every amount exact or flagged
}

// bars are the targets (issue 13); floors what the reader reached when they
// were last raised, minus a point for what another machine's arithmetic may
// change. The test fails below the floors, and below the bars too with
// JIXIAO_ACCURACY_BARS=1; it prints how far each face and class is from the
// bars.
var (
	bars   = limits{indicators: 0.99, header: 0.995, silent: 0.005, blank: 0, amounts: true}
	floors = limits{indicators: 0.96, header: 0.96, silent: 0.02, blank: 3, amounts: false}
)

// TestAccuracy reads the measurement half of the scan corpus
// ($JIXIAO_SCAN_CORPUS, made by `make corpus`: faces and forms the reader's
// thresholds were not set on) through the whole extraction (scan decoding,
// OCR, repair, reconstruction) and normalization, compares every form with
// its golden record, prints a table per face and per damage class, and
// holds limits on the worst face and the worst damage class: the bars (≥
// 99% of indicators with level-2, name and value exact, ≥ 99.5% of header
// fields exact, every amount exact or flagged, at most 0.5% of indicators
// wrong without a low-confidence flag, no indicator read from a blank
// page), printed as a gap while they are not met, and the floors, below
// which it fails. The same pages read with Tesseract alone are printed
// beside (no limit).
//
// JIXIAO_CORPUS_SPLIT=tune reports on the tuning half instead (where
// thresholds are set; its figures are not evidence); JIXIAO_CORPUS_FACES
// and JIXIAO_CORPUS_CLASSES (comma-separated) keep only those faces and
// classes. JIXIAO_OCR_ENGINES lists the engines to read with (default
// "auto,tesseract"); JIXIAO_ACCURACY_SAMPLE=n has the engines after the
// first read only every n-th document of each face and class (their
// column is a comparison, not a bar); JIXIAO_ACCURACY_MISSES=1 prints every
// miss of the first.
func TestAccuracy(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector slows OCR's pixel work several times over; make accuracy runs this test")
	}
	ocrtest.Require(t, ocr.Models...)
	c := ocrtest.LoadCorpus(t)
	split := os.Getenv("JIXIAO_CORPUS_SPLIT")
	if split == "" {
		split = "measure"
	}
	only := func(env, v string) bool {
		list := os.Getenv(env)
		return list == "" || slices.Contains(strings.Split(list, ","), v)
	}
	var docs []ocrtest.CorpusDocument
	for _, d := range c.Documents {
		if d.Split == split && only("JIXIAO_CORPUS_FACES", d.Face) && only("JIXIAO_CORPUS_CLASSES", d.Class) {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		t.Fatalf("no %s documents in %s", split, c.Dir)
	}
	engines := strings.Split(os.Getenv("JIXIAO_OCR_ENGINES"), ",")
	if engines[0] == "" {
		engines = []string{"auto", "tesseract"}
	}
	every := 1 // the engines after the first read every n-th document of each face and class
	if v := os.Getenv("JIXIAO_ACCURACY_SAMPLE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("JIXIAO_ACCURACY_SAMPLE=%q: want a whole number ≥ 1", v)
		}
		every = n
	}
	var tables []*accuracy
	for i, name := range engines {
		e, err := ocr.ParseEngine(name)
		if err != nil {
			t.Fatal(err)
		}
		if e == ocr.EngineAuto && os.Getenv("JIXIAO_REQUIRE_OCR") == "1" {
			if _, _, why := ocr.Resolve(ocr.Options{}); why != nil {
				t.Fatalf("PP-OCR is not installed (make deps installs it): %v", why)
			}
		}
		read := docs
		if i > 0 {
			read = sample(docs, every)
		}
		tables = append(tables, readCorpus(t, c, read, e))
	}
	t.Logf("%s set of %s: %d documents, %d pages\n%s", split, c.Dir, len(docs), tables[0].pages, report(tables))
	if os.Getenv("JIXIAO_ACCURACY_MISSES") != "" {
		t.Logf("misses (%s):\n%s", tables[0].engine, strings.Join(tables[0].misses, "\n"))
	}
	lim := floors
	if os.Getenv("JIXIAO_ACCURACY_BARS") == "1" {
		lim = bars
	}
	for _, e := range tables[0].check(bars) {
		t.Logf("short of the bar: %s", e)
	}
	for _, e := range tables[0].check(lim) {
		t.Error(e)
	}
}

// sample returns every n-th document of each face and damage class, in
// order, so that a sample keeps the mix of faces and classes.
func sample(docs []ocrtest.CorpusDocument, n int) []ocrtest.CorpusDocument {
	seen := map[[2]string]int{}
	var out []ocrtest.CorpusDocument
	for _, d := range docs {
		k := [2]string{d.Face, d.Class}
		if seen[k]%n == 0 {
			out = append(out, d)
		}
		seen[k]++
	}
	return out
}

// accuracy is what one engine got right, per face and per damage class.
type accuracy struct {
	engine  ocr.Engine
	docs    int
	pages   int
	elapsed time.Duration
	byFace  map[string]*scores
	byClass map[string]*scores
	all     scores
	misses  []string
}

// scores counts what was read right against the goldens.
type scores struct {
	ind, indOK, indSilent, indOKFlagged int // indicators; exact; wrong, no flag; exact but flagged
	hdr, hdrOK                          int
	amt, amtOK, amtFlagged              int
	blankInd                            int // indicators read from blank pages (or beyond the goldens)
}

func (s *scores) add(o scores) {
	s.ind += o.ind
	s.indOK += o.indOK
	s.indSilent += o.indSilent
	s.indOKFlagged += o.indOKFlagged
	s.hdr += o.hdr
	s.hdrOK += o.hdrOK
	s.amt += o.amt
	s.amtOK += o.amtOK
	s.amtFlagged += o.amtFlagged
	s.blankInd += o.blankInd
}

// readCorpus reads docs with engine e, documents in parallel (GOMAXPROCS
// workers), and scores them.
func readCorpus(t *testing.T, c *ocrtest.Corpus, docs []ocrtest.CorpusDocument, e ocr.Engine) *accuracy {
	t.Helper()
	j := runtime.GOMAXPROCS(0)
	ex := extract.New(extract.Options{OCRWorkers: j, OCR: ocr.Options{Engine: e}})
	defer ex.Close()
	a := &accuracy{engine: e, docs: len(docs), byFace: map[string]*scores{}, byClass: map[string]*scores{}}
	if e == ocr.EngineAuto {
		a.engine, _, _ = ocr.Resolve(ocr.Options{})
	}
	var mu sync.Mutex
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(j)
	start := time.Now()
	for _, d := range docs {
		g.Go(func() error {
			data, err := os.ReadFile(filepath.Join(c.Dir, d.File))
			if err != nil {
				return err
			}
			doc, err := ex.Read(ctx, d.File, data)
			if err != nil {
				return fmt.Errorf("%s: %w", d.File, err)
			}
			for i := range doc.Forms {
				normalize.Form(&doc.Forms[i])
			}
			sc, misses := scoreDocument(t, d, doc.Forms)
			mu.Lock()
			defer mu.Unlock()
			a.pages += len(d.Pages)
			for _, p := range []struct {
				m map[string]*scores
				k string
			}{{a.byFace, d.Face}, {a.byClass, d.Class}} {
				if p.m[p.k] == nil {
					p.m[p.k] = &scores{}
				}
				p.m[p.k].add(sc)
			}
			a.all.add(sc)
			for _, m := range misses {
				a.misses = append(a.misses, d.File+": "+m)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	a.elapsed = time.Since(start)
	sort.Strings(a.misses)
	return a
}

// scoreDocument compares the forms read from a document with the goldens it
// shows: each golden with the next form read whose project name is nearest
// (a form read from a blank page, or one split in two, must not shift the
// others).
func scoreDocument(t *testing.T, d ocrtest.CorpusDocument, got []jixiao.Form) (scores, []string) {
	var sc scores
	var misses []string
	miss := func(format string, args ...any) { misses = append(misses, fmt.Sprintf(format, args...)) }
	used := make([]bool, len(got))
	next := 0
	for _, k := range d.Forms {
		want := ocrtest.Golden(t, "..", k)
		best := -1
		for i := next; i < len(got); i++ {
			if !used[i] && str(got[i].ProjectName) == str(want.ProjectName) {
				best = i
				break
			}
		}
		if best < 0 && next < len(got) {
			best = next
		}
		var g jixiao.Form
		if best >= 0 {
			g, used[best], next = got[best], true, best+1
		} else {
			miss("form %d: not read", k)
		}
		s, m := scoreForm(k, want, g)
		sc.add(s)
		misses = append(misses, m...)
	}
	for i, f := range got {
		if !used[i] {
			sc.blankInd += len(f.Indicators)
			miss("a form not in the document (%d indicators, project %q)", len(f.Indicators), str(f.ProjectName))
		}
	}
	return sc, misses
}

// scoreForm compares one form with its golden record: indicators in order
// (a reading with more indicators than the golden counts the rest as read
// from nothing), header fields, amounts.
func scoreForm(k int, want, g jixiao.Form) (scores, []string) {
	var sc scores
	var misses []string
	miss := func(format string, args ...any) {
		misses = append(misses, fmt.Sprintf("form %d ", k)+fmt.Sprintf(format, args...))
	}
	flagged := map[string]bool{}
	for _, fl := range g.Flags {
		flagged[fl.Field] = true
	}
	if n := len(g.Indicators) - len(want.Indicators); n > 0 {
		sc.blankInd += n
		miss("%d indicators more than the golden's %d", n, len(want.Indicators))
	}
	for i, wi := range want.Indicators {
		sc.ind++
		var gi jixiao.Indicator
		if i < len(g.Indicators) {
			gi = g.Indicators[i]
		}
		ok := wi.Level2 == gi.Level2 && str(wi.Name) == str(gi.Name) && str(wi.Value) == str(gi.Value)
		low := i >= len(g.Indicators) || gi.Confidence < ocr.LowConfidence
		switch {
		case ok && low:
			sc.indOK++
			sc.indOKFlagged++
		case ok:
			sc.indOK++
		case low:
			miss("indicator %d (flagged %.2f): %s/%q=%q, want %s/%q=%q", i+1, gi.Confidence, gi.Level2, str(gi.Name), str(gi.Value), wi.Level2, str(wi.Name), str(wi.Value))
		default:
			sc.indSilent++
			miss("indicator %d (SILENT %.2f): %s/%q=%q, want %s/%q=%q", i+1, gi.Confidence, gi.Level2, str(gi.Name), str(gi.Value), wi.Level2, str(wi.Name), str(wi.Value))
		}
	}
	for _, h := range []struct {
		path      string
		want, got *string
	}{
		{"title", &want.Title, &g.Title}, {"year", ptr(fmt.Sprint(want.Year)), ptr(fmt.Sprint(g.Year))},
		{"project_name", want.ProjectName, g.ProjectName}, {"project_nature", want.ProjectNature, g.ProjectNature},
		{"project_category", want.ProjectCategory, g.ProjectCategory}, {"department", want.Department, g.Department},
		{"implementing_unit", want.ImplementingUnit, g.ImplementingUnit}, {"start_date", want.StartDate, g.StartDate},
		{"end_date", want.EndDate, g.EndDate},
	} {
		sc.hdr++
		if str(h.want) == str(h.got) {
			sc.hdrOK++
			continue
		}
		miss("%s (flagged %v): %q, want %q", h.path, flagged[h.path], str(h.got), str(h.want))
	}
	wf, gf := want.FundsRaw, g.FundsRaw
	for _, p := range []struct {
		field     string
		want, got *string
	}{{"total", wf.Total, gf.Total}, {"annual_total", wf.AnnualTotal, gf.AnnualTotal}, {"fiscal", wf.Fiscal, gf.Fiscal},
		{"appropriation", wf.Appropriation, gf.Appropriation}, {"carryover", wf.Carryover, gf.Carryover},
		{"other", wf.Other, gf.Other}, {"annual_other", wf.AnnualOther, gf.AnnualOther}} {
		sc.amt++
		if str(p.want) == str(p.got) {
			sc.amtOK++
			continue
		}
		fl := flagged["funds."+p.field] || flagged["funds"]
		if fl {
			sc.amtFlagged++
		}
		miss("amount %s (flagged %v): %q, want %q", p.field, fl, str(p.got), str(p.want))
	}
	return sc, misses
}

// report formats the engines' tables: per face, then per damage class, the
// first engine's figures with the indicator rate of the others beside.
func report(as []*accuracy) string {
	var b strings.Builder
	pct := func(a, n int) string { return fmt.Sprintf("%6.2f%%", 100*float64(a)/float64(max(n, 1))) }
	head := fmt.Sprintf("%-22s %8s %8s %8s %8s %10s %6s", "", "ind", "exact", "silent", "header", "amounts", "blank")
	for _, o := range as[1:] {
		head += fmt.Sprintf(" %12s", string(o.engine))
	}
	row := func(name string, s scores, others []scores) {
		fmt.Fprintf(&b, "%-22s %8d %8s %8s %8s %5d/%-4d %6d", name, s.ind, pct(s.indOK, s.ind), pct(s.indSilent, s.ind), pct(s.hdrOK, s.hdr), s.amtOK+s.amtFlagged, s.amt, s.blankInd)
		for _, o := range others {
			fmt.Fprintf(&b, " %12s", pct(o.indOK, o.ind))
		}
		b.WriteByte('\n')
	}
	for _, part := range []struct {
		title string
		of    func(*accuracy) map[string]*scores
	}{{"face", func(a *accuracy) map[string]*scores { return a.byFace }}, {"damage class", func(a *accuracy) map[string]*scores { return a.byClass }}} {
		fmt.Fprintf(&b, "%s (engine %s; exact, silent: of indicators; amounts exact or flagged)\n", head, as[0].engine)
		var keys []string
		for k := range part.of(as[0]) {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			var others []scores
			for _, o := range as[1:] {
				if s := part.of(o)[k]; s != nil {
					others = append(others, *s)
				}
			}
			row(part.title+" "+k, *part.of(as[0])[k], others)
		}
	}
	var others []scores
	for _, o := range as[1:] {
		others = append(others, o.all)
	}
	row("all", as[0].all, others)
	for _, a := range as {
		fmt.Fprintf(&b, "%s: %d documents, %d pages in %.0f s (%.2f s/page, %d workers); right but flagged %s\n",
			a.engine, a.docs, a.pages, a.elapsed.Seconds(), a.elapsed.Seconds()/float64(max(a.pages, 1)), runtime.GOMAXPROCS(0), pct(a.all.indOKFlagged, a.all.ind))
	}
	return b.String()
}

// check returns what falls short of lim, on each face and each class.
func (a *accuracy) check(lim limits) []string {
	var out []string
	rate := func(x, n int) float64 { return float64(x) / float64(max(n, 1)) }
	for _, part := range []struct {
		what string
		m    map[string]*scores
	}{{"face", a.byFace}, {"damage class", a.byClass}} {
		var keys []string
		for k := range part.m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s := part.m[k]
			short := func(format string, args ...any) {
				out = append(out, fmt.Sprintf("%s %s: ", part.what, k)+fmt.Sprintf(format, args...))
			}
			if r := rate(s.indOK, s.ind); r < lim.indicators {
				short("indicators exact %.2f%%, below %.1f%%", 100*r, 100*lim.indicators)
			}
			if r := rate(s.indSilent, s.ind); r > lim.silent {
				short("indicators wrong without a flag %.2f%%, above %.1f%%", 100*r, 100*lim.silent)
			}
			if r := rate(s.hdrOK, s.hdr); r < lim.header {
				short("header fields exact %.2f%%, below %.1f%%", 100*r, 100*lim.header)
			}
			if n := s.amt - s.amtOK - s.amtFlagged; n > 0 && lim.amounts {
				short("%d amounts wrong without a flag", n)
			}
			if s.blankInd > lim.blank {
				short("%d indicators read from blank pages or beyond the goldens, more than %d", s.blankInd, lim.blank)
			}
		}
	}
	return out
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func ptr(s string) *string { return &s }

// TestSample: a sample keeps every face and class, in order.
func TestSample(t *testing.T) {
	var docs []ocrtest.CorpusDocument
	for i := range 12 {
		docs = append(docs, ocrtest.CorpusDocument{File: fmt.Sprint(i), Face: []string{"a", "b"}[i%2], Class: []string{"x", "y", "z"}[i%3]})
	}
	var got []string
	for _, d := range sample(docs, 2) {
		got = append(got, d.File)
	}
	if want := []string{"0", "1", "2", "3", "4", "5"}; !slices.Equal(got, want) {
		t.Errorf("sample of every 2nd of each face and class: %v, want %v", got, want)
	}
	if n := len(sample(docs, 1)); n != len(docs) {
		t.Errorf("sample(docs, 1) has %d documents, want %d", n, len(docs))
	}
}
