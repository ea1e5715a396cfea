package ocr_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"jixiao/extract/form"
	"jixiao/extract/ocr"
	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/reconstruct"
	"jixiao/extract/table"
	"jixiao/normalize"
)

// TestCorpus reads every page of a fixture PDF rendered at 200 dpi (as
// rendered, and degraded like a scan) through OCR, reconstruction and
// normalization, and compares each form with its golden record. It is
// slow (about 2 s a page and worker): it runs only when JIXIAO_OCR_CORPUS
// is set, to the PDF's name in fixtures/pdf (e.g. genpdf-a.pdf), or to
// "scan" for the degraded scans of genpdf-a.pdf in fixtures/scan;
// JIXIAO_OCR_J sets the workers (default 2), JIXIAO_OCR_DEGRADE=1 degrades
// the pages (rotation ±1.5°, blur, noise, lowered contrast, JPEG).
func TestCorpus(t *testing.T) {
	name := os.Getenv("JIXIAO_OCR_CORPUS")
	if name == "" {
		t.Skip("set JIXIAO_OCR_CORPUS=genpdf-a.pdf to run")
	}
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	ocrtest.Require(t, ocr.Models...)
	j, _ := strconv.Atoi(os.Getenv("JIXIAO_OCR_J"))
	if j <= 0 {
		j = 2
	}
	degrade := os.Getenv("JIXIAO_OCR_DEGRADE") == "1"
	var files []string
	if name == "scan" { // the degraded scans of genpdf-a.pdf, one JPEG a page
		files, _ = filepath.Glob("../../fixtures/scan/genpdf-a-[0-9][0-9][0-9].jpg")
	} else {
		dir := t.TempDir()
		if out, err := exec.Command("pdftoppm", "-r", "200", "-gray", "-png", filepath.Join("../../fixtures/pdf", name), filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		files, _ = filepath.Glob(filepath.Join(dir, "p-*.png"))
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no pages")
	}

	start := time.Now()
	var prepare func(int, *image.Gray) *image.Gray
	if degrade {
		prepare = func(i int, g *image.Gray) *image.Gray { return degradePage(g, i) }
	}
	pages, stats := readPages(t, files, j, ocr.Options{DPI: 200, Vocabulary: reconstruct.Label}, prepare)
	el := time.Since(start)

	var forms []form.Form
	split := table.NewSplitter(func(tb table.Table) error {
		f := reconstruct.Form(tb)
		normalize.Form(&f)
		forms = append(forms, f)
		return nil
	})
	for _, rows := range pages {
		for _, r := range reconstruct.RepairPage(ocr.TableRows(rows)) {
			_ = split.Add(r)
		}
	}
	_ = split.Close()

	var indCmp int // wrong only in a ≥/≤ read as 三, 二, =, > …
	var ind, indOK, hdr, hdrOK, amt, amtOK, goal, goalOK int
	for k := 1; k <= 44; k++ {
		want := goldenForm(t, k)
		var got form.Form
		if k <= len(forms) {
			got = forms[k-1]
		}
		for i, wi := range want.Indicators {
			ind++
			var gi form.Indicator
			if i < len(got.Indicators) {
				gi = got.Indicators[i]
			}
			if wi.Level2 == gi.Level2 && s(wi.Name) == s(gi.Name) && s(wi.Value) == s(gi.Value) {
				indOK++
			} else if wi.Level2 == gi.Level2 && s(wi.Name) == s(gi.Name) && comparatorOnly(s(wi.Value), s(gi.Value)) {
				indCmp++
			} else if testing.Verbose() {
				t.Logf("form %d indicator %d: %s/%q=%q, want %s/%q=%q", k, i+1, gi.Level2, s(gi.Name), s(gi.Value), wi.Level2, s(wi.Name), s(wi.Value))
			}
		}
		for _, p := range [][2]string{
			{want.Title, got.Title}, {fmt.Sprint(want.Year), fmt.Sprint(got.Year)},
			{s(want.ProjectName), s(got.ProjectName)}, {s(want.ProjectNature), s(got.ProjectNature)},
			{s(want.ProjectCategory), s(got.ProjectCategory)}, {s(want.Department), s(got.Department)},
			{s(want.ImplementingUnit), s(got.ImplementingUnit)}, {s(want.StartDate), s(got.StartDate)},
			{s(want.EndDate), s(got.EndDate)},
		} {
			hdr++
			if p[0] == p[1] {
				hdrOK++
			} else if testing.Verbose() {
				t.Logf("form %d header: %q, want %q", k, p[1], p[0])
			}
		}
		wf, gf := want.FundsRaw, got.FundsRaw
		for _, p := range [][2]*string{{wf.Total, gf.Total}, {wf.AnnualTotal, gf.AnnualTotal}, {wf.Fiscal, gf.Fiscal},
			{wf.Appropriation, gf.Appropriation}, {wf.Carryover, gf.Carryover}, {wf.Other, gf.Other}, {wf.AnnualOther, gf.AnnualOther}} {
			amt++
			if s(p[0]) == s(p[1]) {
				amtOK++
			} else if testing.Verbose() {
				t.Logf("form %d amount: %q, want %q", k, s(p[1]), s(p[0]))
			}
		}
		for _, p := range [][2]*string{{want.Goals.Overall, got.Goals.Overall}, {want.Goals.Annual, got.Goals.Annual}} {
			goal++
			if s(p[0]) == s(p[1]) {
				goalOK++
			} else if testing.Verbose() {
				t.Logf("form %d goal: %q, want %q", k, s(p[1]), s(p[0]))
			}
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
	t.Logf("%s degraded=%v: %d pages, %d forms (44 golden); indicators (level-2, name, value) %d/%d = %.1f%% (+%d wrong only in a ≥/≤ the value grammar must restore); header fields %d/%d = %.1f%%; amounts %d/%d = %.1f%%; goals %d/%d = %.1f%%; %.2f s/page with %d workers; %+v",
		name, degrade, len(files), len(forms), indOK, ind, pct(indOK, ind), indCmp, hdrOK, hdr, pct(hdrOK, hdr), amtOK, amt, pct(amtOK, amt), goalOK, goal, pct(goalOK, goal),
		el.Seconds()/float64(len(files)), j, stats)
}

func s(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// degradePage makes a deterministic "scan" of a clean render: rotation
// within ±1.5°, a 3×3 blur, lowered contrast, Gaussian noise, JPEG at
// quality 70.
func degradePage(g *image.Gray, seed int) *image.Gray {
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	deg := (rng.Float64()*2 - 1) * 1.5
	w, h := g.Rect.Dx(), g.Rect.Dy()
	sn, cs := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	rot := image.NewGray(g.Rect)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := int(cx+dx*cs-dy*sn+0.5), int(cy+dx*sn+dy*cs+0.5)
			v := uint8(255)
			if sx >= 0 && sy >= 0 && sx < w && sy < h {
				v = g.Pix[sy*g.Stride+sx]
			}
			rot.Pix[y*rot.Stride+x] = v
		}
	}
	out := image.NewGray(g.Rect)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			sum, n := 0, 0
			for yy := max(0, y-1); yy <= min(h-1, y+1); yy++ {
				for xx := max(0, x-1); xx <= min(w-1, x+1); xx++ {
					sum += int(rot.Pix[yy*rot.Stride+xx])
					n++
				}
			}
			v := float64(sum)/float64(n)*0.6 + 60 + rng.NormFloat64()*8 // contrast 60..213, noise
			out.Pix[y*out.Stride+x] = uint8(max(0, min(255, v)))
		}
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, out, &jpeg.Options{Quality: 70})
	dec, err := ocr.Decode(buf.Bytes())
	if err != nil {
		return out
	}
	return dec
}

// comparatorOnly reports whether got is want with its ≥ or ≤ misread as
// another character (Tesseract's models have neither).
func comparatorOnly(want, got string) bool {
	for _, c := range []string{"≥", "≤"} {
		if rest, ok := strings.CutPrefix(want, c); ok {
			_, size := utf8.DecodeRuneInString(got)
			return size > 0 && got[size:] == rest
		}
		if i := strings.Index(want, c); i > 0 && strings.HasPrefix(got, want[:i]) {
			g := got[i:]
			_, size := utf8.DecodeRuneInString(g)
			return size > 0 && g[size:] == want[i+len(c):]
		}
	}
	return false
}

// goldenForm returns the golden record of fixture form k (1-based).
func goldenForm(t testing.TB, k int) form.Form {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("../../fixtures/golden/form-%02d.json", k))
	if err != nil {
		t.Fatal(err)
	}
	var f form.Form
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}
