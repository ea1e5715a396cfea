package ocr_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"jixiao/extract/form"
	"jixiao/extract/ocr"
	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
	"jixiao/normalize"
)

// The bars of issue 5, on the degraded scans of the 44 fixture forms.
const (
	barIndicators = 0.98 // level-2, name and value all exact
	barHeader     = 0.99 // header fields exact
	barSilent     = 0.01 // wrong and not flagged, of all indicators
)

// TestAccuracy reads the 49 degraded fixture scans (fixtures/scan, the 44
// golden forms) through OCR, correction, reconstruction and normalization,
// prints the rates and fails below the bars of issue 5: ≥ 98% of
// indicators with level-2, name and value exact; ≥ 99% of header fields
// exact; every amount exact or flagged; at most 1% of indicators wrong
// without a low-confidence flag (confidence < ocr.LowConfidence).
// It skips when a Tesseract model is not installed (ocrtest.Require). Workers:
// GOMAXPROCS (one Tesseract each).
//
// JIXIAO_OCR_RAW=file keeps the uncorrected rows in file (read back when it
// exists), so that correction rules can be measured without reading again.
func TestAccuracy(t *testing.T) {
	ocrtest.Require(t, ocr.Models...)
	files, _ := filepath.Glob("../../fixtures/scan/genpdf-a-[0-9][0-9][0-9].jpg")
	sort.Strings(files)
	if len(files) != 49 {
		t.Fatalf("%d scans, want 49", len(files))
	}
	start := time.Now()
	var pages [][]ocr.Row
	if raw := os.Getenv("JIXIAO_OCR_RAW"); raw != "" {
		if b, err := os.ReadFile(raw); err == nil {
			if err := json.Unmarshal(b, &pages); err != nil {
				t.Fatal(err)
			}
		} else {
			pages, _ = readPages(t, files, runtime.GOMAXPROCS(0), ocr.Options{DPI: 200, Vocabulary: reconstruct.Label}, nil)
			b, _ := json.Marshal(pages)
			if err := os.WriteFile(raw, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	} else {
		pages, _ = readPages(t, files, runtime.GOMAXPROCS(0), ocr.Options{DPI: 200, Vocabulary: reconstruct.Label}, nil)
	}
	el := time.Since(start)
	sc := score(t, pages)
	t.Logf("%d pages in %.1f s (%.2f s/page with %d workers)", len(files), el.Seconds(), el.Seconds()/float64(len(files)), runtime.GOMAXPROCS(0))
	sc.log(t)
	sc.check(t)
}

// readPages reads image files as pages 1… with j Readers, each page
// passed through prepare first when it is not nil. It returns the rows of
// each page and what the Readers did.
func readPages(t testing.TB, files []string, j int, o ocr.Options, prepare func(i int, g *image.Gray) *image.Gray) ([][]ocr.Row, ocr.Stats) {
	t.Helper()
	pages := make([][]ocr.Row, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	var stats ocr.Stats
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		mu.Unlock()
	}
	for range j {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := ocr.NewReader(o)
			if err != nil {
				fail(err)
				for range next {
				}
				return
			}
			defer r.Close()
			defer func() {
				mu.Lock()
				stats = stats.Add(r.Stats())
				mu.Unlock()
			}()
			for i := range next {
				data, err := os.ReadFile(files[i])
				var g *image.Gray
				if err == nil {
					g, err = ocr.Decode(data)
				}
				if err == nil {
					if prepare != nil {
						g = prepare(i, g)
					}
					pages[i], err = r.Page(context.Background(), g, i+1)
				}
				if err != nil {
					fail(fmt.Errorf("%s: %w", files[i], err))
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	return pages, stats
}

// scores counts what a corpus run got right against the goldens.
type scores struct {
	forms                  int
	ind, indOK, indFlagged int // indicators; exact; not exact but flagged
	indSilent              int // not exact, not flagged
	indOKFlagged           int // exact but flagged (review work for nothing)
	hdr, hdrOK, hdrFlagged int
	amt, amtOK, amtFlagged int
	goal, goalOK           int
	misses                 []string
}

// score splits the pages' rows into forms, reconstructs and normalizes
// them, and compares them with the 44 golden records, form by form and
// indicator by indicator (in order). An indicator's confidence is the
// least of its row's cells and of the level-2 label in force; a field's is
// that of the cell it came from.
func score(t testing.TB, pages [][]ocr.Row) scores {
	t.Helper()
	type got struct {
		f    form.Form
		conf map[string]float64 // cell text → least confidence in the form
	}
	var forms []got
	rowConf := map[int]float64{} // table.Row.Line (numbered here) → least confidence
	split := table.NewSplitter(func(tb table.Table) error {
		f := reconstruct.Form(tb)
		normalize.Form(&f)
		conf := map[string]float64{}
		l2 := 1.0
		lineL2 := map[int]float64{}
		for _, r := range tb.Rows {
			for _, c := range r.Cells {
				if v, ok := conf[c.Text]; !ok || c.Confidence < v {
					conf[c.Text] = c.Confidence
				}
				if lv, _ := form.Level(c.Text); lv > 0 {
					l2 = c.Confidence
				}
			}
			lineL2[r.Line] = l2
		}
		for i := range f.Indicators {
			in := &f.Indicators[i]
			in.Confidence = min(rowConf[in.Line], lineL2[in.Line])
		}
		forms = append(forms, got{f, conf})
		return nil
	})
	line := 0
	for _, rows := range pages {
		for _, r := range reconstruct.RepairPage(ocr.TableRows(rows)) {
			line++
			r.Line = line
			c := 1.0
			for _, cell := range r.Cells {
				c = min(c, cell.Confidence)
			}
			rowConf[line] = c
			_ = split.Add(r)
		}
	}
	_ = split.Close()

	var sc scores
	sc.forms = len(forms)
	miss := func(format string, args ...any) { sc.misses = append(sc.misses, fmt.Sprintf(format, args...)) }
	low := func(c float64) bool { return c < ocr.LowConfidence }
	for k := 1; k <= 44; k++ {
		want := goldenForm(t, k)
		var g got
		if k <= len(forms) {
			g = forms[k-1]
		}
		fieldConf := func(p *string) float64 {
			if p == nil {
				return 1
			}
			if c, ok := g.conf[*p]; ok {
				return c
			}
			return 0 // not one cell's text: joined or made up
		}
		if len(g.f.Indicators) != len(want.Indicators) {
			miss("form %d: %d indicators, want %d", k, len(g.f.Indicators), len(want.Indicators))
		}
		for i, wi := range want.Indicators {
			sc.ind++
			gi := form.Indicator{}
			if i < len(g.f.Indicators) {
				gi = g.f.Indicators[i]
			}
			ok := wi.Level2 == gi.Level2 && str(wi.Name) == str(gi.Name) && str(wi.Value) == str(gi.Value)
			flagged := low(gi.Confidence)
			switch {
			case ok && flagged:
				sc.indOK++
				sc.indOKFlagged++
			case ok:
				sc.indOK++
			case flagged:
				sc.indFlagged++
				miss("form %d indicator %d (flagged %.2f): %s/%q=%q, want %s/%q=%q", k, i+1, gi.Confidence, gi.Level2, str(gi.Name), str(gi.Value), wi.Level2, str(wi.Name), str(wi.Value))
			default:
				sc.indSilent++
				miss("form %d indicator %d (SILENT %.2f): %s/%q=%q, want %s/%q=%q", k, i+1, gi.Confidence, gi.Level2, str(gi.Name), str(gi.Value), wi.Level2, str(wi.Name), str(wi.Value))
			}
		}
		for _, p := range [][2]*string{
			{&want.Title, &g.f.Title}, {ptr(fmt.Sprint(want.Year)), ptr(fmt.Sprint(g.f.Year))},
			{want.ProjectName, g.f.ProjectName}, {want.ProjectNature, g.f.ProjectNature},
			{want.ProjectCategory, g.f.ProjectCategory}, {want.Department, g.f.Department},
			{want.ImplementingUnit, g.f.ImplementingUnit}, {want.StartDate, g.f.StartDate},
			{want.EndDate, g.f.EndDate},
		} {
			sc.hdr++
			if str(p[0]) == str(p[1]) {
				sc.hdrOK++
				continue
			}
			if low(fieldConf(p[1])) {
				sc.hdrFlagged++
			}
			miss("form %d header (conf %.2f): %q, want %q", k, fieldConf(p[1]), str(p[1]), str(p[0]))
		}
		wf, gf := want.FundsRaw, g.f.FundsRaw
		flagged := map[string]bool{}
		for _, fl := range g.f.Flags {
			flagged[fl.Field] = true
		}
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
			// a blank or unreadable amount is flagged by normalize
			if low(fieldConf(p.got)) || flagged["funds."+p.field] || flagged["funds"] {
				sc.amtFlagged++
			}
			miss("form %d amount %s (conf %.2f): %q, want %q", k, p.field, fieldConf(p.got), str(p.got), str(p.want))
		}
		for _, p := range [][2]*string{{want.Goals.Overall, g.f.Goals.Overall}, {want.Goals.Annual, g.f.Goals.Annual}} {
			sc.goal++
			if str(p[0]) == str(p[1]) {
				sc.goalOK++
			}
		}
	}
	return sc
}

func (sc scores) log(t testing.TB) {
	t.Helper()
	if testing.Verbose() {
		t.Log("misses:\n" + strings.Join(sc.misses, "\n"))
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
	t.Logf("%d forms (44 golden); indicators exact %d/%d = %.1f%%, wrong but flagged %d, wrong and silent %d = %.2f%%, right but flagged %d = %.1f%%",
		sc.forms, sc.indOK, sc.ind, pct(sc.indOK, sc.ind), sc.indFlagged, sc.indSilent, pct(sc.indSilent, sc.ind), sc.indOKFlagged, pct(sc.indOKFlagged, sc.ind))
	t.Logf("header fields exact %d/%d = %.1f%% (+%d flagged); amounts exact %d/%d = %.1f%% (+%d flagged); goals exact %d/%d = %.1f%%",
		sc.hdrOK, sc.hdr, pct(sc.hdrOK, sc.hdr), sc.hdrFlagged, sc.amtOK, sc.amt, pct(sc.amtOK, sc.amt), sc.amtFlagged, sc.goalOK, sc.goal, pct(sc.goalOK, sc.goal))
}

func (sc scores) check(t testing.TB) {
	t.Helper()
	rate := func(a, b int) float64 { return float64(a) / float64(max(b, 1)) }
	if r := rate(sc.indOK, sc.ind); r < barIndicators {
		t.Errorf("indicators exact %.1f%%, below %.0f%%", 100*r, 100*barIndicators)
	}
	if r := rate(sc.indSilent, sc.ind); r > barSilent {
		t.Errorf("indicators wrong without a flag %.2f%%, above %.0f%%", 100*r, 100*barSilent)
	}
	if r := rate(sc.hdrOK, sc.hdr); r < barHeader {
		t.Errorf("header fields exact %.1f%%, below %.0f%%", 100*r, 100*barHeader)
	}
	if sc.amtOK+sc.amtFlagged < sc.amt {
		t.Errorf("%d amounts wrong without a flag", sc.amt-sc.amtOK-sc.amtFlagged)
	}
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func ptr(s string) *string { return &s }
