package extract_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/ocr/ocrtest"
)

// The geometry of a record is checked against the text layer of the PDF the
// form was printed from, as `pdftotext -bbox` places its words: the words
// whose middle lies in a field's box, in their order, must hold the field's
// text. For a text-layer PDF the words are those of the file itself (in
// points, the unit of its boxes); for a scan, those of fixtures/pdf/genpdf-a.pdf,
// the PDF cmd/genscan rasterised, carried onto the scan's pixels as genscan
// moved them (scaled to the raster, turned about the page's centre by the
// page's degradation angle).

// placedWord is a word of a page's text layer and its box, from the top
// left corner, y down.
type placedWord struct {
	box  jixiao.Box
	text string
}

// textPage is one page of `pdftotext -bbox`: its size in points and words.
type textPage struct {
	w, h  float64
	words []placedWord
}

var (
	bboxPage = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// textLayer returns the words of every page of a PDF, or skips the test
// when pdftotext (poppler-utils) is missing.
func textLayer(t *testing.T, path string) []textPage {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", "-bbox", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", path, err)
	}
	s := string(out)
	var pages []textPage
	locs := bboxPage.FindAllStringSubmatchIndex(s, -1)
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		var p textPage
		p.w, _ = strconv.ParseFloat(s[l[2]:l[3]], 64)
		p.h, _ = strconv.ParseFloat(s[l[4]:l[5]], 64)
		for _, m := range bboxWord.FindAllStringSubmatch(s[l[1]:end], -1) {
			var b jixiao.Box
			for k := range b {
				b[k], _ = strconv.ParseFloat(m[1+k], 64)
			}
			p.words = append(p.words, placedWord{b, html.UnescapeString(m[5])})
		}
		pages = append(pages, p)
	}
	return pages
}

// onScan returns the page's words moved as cmd/genscan moves a page onto
// its scan of w×h pixels: scaled from points to the raster, then turned by
// milli thousandths of a degree (clockwise as displayed) about the
// raster's centre; each box is the box round its turned corners.
func (p textPage) onScan(w, h float64, milli int) textPage {
	s := w / p.w
	th := float64(milli) / 1000 * math.Pi / 180
	sin, cos := math.Sincos(th)
	cx, cy := (w-1)/2, (h-1)/2
	out := textPage{w: w, h: h}
	for _, wd := range p.words {
		x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, c := range [][2]float64{{wd.box[0], wd.box[1]}, {wd.box[2], wd.box[1]}, {wd.box[0], wd.box[3]}, {wd.box[2], wd.box[3]}} {
			dx, dy := c[0]*s-cx, c[1]*s-cy
			x, y := cx+cos*dx-sin*dy, cy+sin*dx+cos*dy
			x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
		}
		out.words = append(out.words, placedWord{jixiao.Box{x0, y0, x1, y1}, wd.text})
	}
	return out
}

// in returns the words whose middle lies in b, joined without white space.
func (p textPage) in(b jixiao.Box) string {
	var sb strings.Builder
	for _, w := range p.words {
		x, y := (w.box[0]+w.box[2])/2, (w.box[1]+w.box[3])/2
		if x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3] {
			sb.WriteString(w.text)
		}
	}
	return compact(sb.String())
}

func compact(s string) string { return strings.Join(strings.Fields(s), "") }

// scanAngle is the rotation cmd/genscan gave page n of a scan made with
// seed 1 (its drawParams: the first draw of the page's generator).
func scanAngle(page int) int {
	return rand.New(rand.NewPCG(1, uint64(page))).IntN(2*1500+1) - 1500
}

// checkedFields returns the paths of the fields every form's geometry must
// place, with the text each holds: the header fields, the seven amounts
// (as printed) and each indicator's name and value, as f gives them.
func checkedFields(f jixiao.Form) map[string]string {
	out := map[string]string{}
	add := func(path string, v *string) {
		if v != nil && compact(*v) != "" {
			out[path] = *v
		}
	}
	add("project_name", f.ProjectName)
	add("project_nature", f.ProjectNature)
	add("project_category", f.ProjectCategory)
	add("department", f.Department)
	add("implementing_unit", f.ImplementingUnit)
	add("start_date", f.StartDate)
	add("end_date", f.EndDate)
	r := f.FundsRaw
	for _, a := range []struct {
		name string
		v    *string
	}{{"total", r.Total}, {"annual_total", r.AnnualTotal}, {"fiscal", r.Fiscal}, {"appropriation", r.Appropriation},
		{"carryover", r.Carryover}, {"other", r.Other}, {"annual_other", r.AnnualOther}} {
		add("funds."+a.name, a.v)
	}
	for i, ind := range f.Indicators {
		add(fmt.Sprintf("indicators[%d].name", i), ind.Name)
		add(fmt.Sprintf("indicators[%d].value", i), ind.Value)
	}
	return out
}

// checkPlaces checks that every field of want has a place in got's
// geometry on one of its pages, inside the page, whose words (words(page))
// hold the field's text. It returns how many fields it checked.
func checkPlaces(t *testing.T, name string, got jixiao.Form, want map[string]string, unit jixiao.PageUnit, words func(page int) (textPage, bool)) int {
	t.Helper()
	sizes := map[int]jixiao.Page{}
	for _, p := range got.Pages {
		sizes[p.Page] = p
		if p.Unit != unit || p.Width <= 0 || p.Height <= 0 {
			t.Errorf("%s: page %+v, want a size in %s", name, p, unit)
		}
	}
	paths := make([]string, 0, len(want))
	for p := range want {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, path := range paths {
		pl, ok := got.Geometry[path]
		if !ok {
			t.Errorf("%s: %s (%q) has no place", name, path, want[path])
			continue
		}
		size, ok := sizes[pl.Page]
		b := pl.Box
		switch {
		case !ok:
			t.Errorf("%s: %s is on page %d, not among the form's pages %v", name, path, pl.Page, got.Pages)
			continue
		case b.Empty() || b[0] < 0 || b[1] < 0 || b[2] > size.Width || b[3] > size.Height:
			t.Errorf("%s: %s box %v is not inside page %d (%v × %v)", name, path, b, pl.Page, size.Width, size.Height)
			continue
		}
		page, ok := words(pl.Page)
		if !ok {
			t.Errorf("%s: no text layer for page %d", name, pl.Page)
			continue
		}
		if in := page.in(b); !strings.Contains(in, compact(want[path])) {
			t.Errorf("%s: %s box %v on page %d holds %q, not %q", name, path, b, pl.Page, in, want[path])
		}
	}
	return len(paths)
}

// TestGeometryPDF: every header field, amount, indicator name and value of
// every form of the fixture PDFs has a box on its page that holds its text.
func TestGeometryPDF(t *testing.T) {
	pdfs, _ := filepath.Glob("../fixtures/pdf/*.pdf")
	if len(pdfs) == 0 {
		t.Fatal("no fixture PDFs")
	}
	for _, path := range pdfs {
		t.Run(filepath.Base(path), func(t *testing.T) {
			layer := textLayer(t, path)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := extract.Read(context.Background(), path, data)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, f := range doc.Forms {
				name := fmt.Sprintf("form %d", f.Source.FormIndex)
				n += checkPlaces(t, name, f, checkedFields(f), jixiao.UnitPoint, func(p int) (textPage, bool) {
					if p < 1 || p > len(layer) {
						return textPage{}, false
					}
					return layer[p-1], true
				})
			}
			if n < 44*30 {
				t.Errorf("%d fields checked in %d forms", n, len(doc.Forms))
			}
		})
	}
}

// TestGeometryScans: the same for the checked-in scans, read by OCR: each
// field of the golden record (the text genpdf printed) has a box on the
// scan's page, in pixels, that holds the words genpdf printed there.
func TestGeometryScans(t *testing.T) {
	needTesseract(t)
	const dir = "../fixtures/scan/small"
	b, err := os.ReadFile(filepath.Join(dir, "pages.json"))
	if err != nil {
		t.Fatal(err)
	}
	var forms map[string][]int // file → the golden forms it shows
	if err := json.Unmarshal(b, &forms); err != nil {
		t.Fatal(err)
	}
	layer := textLayer(t, "../fixtures/pdf/genpdf-a.pdf")
	// The angles drawn for the JPEGs are recorded: check the formula.
	var infos map[string]struct {
		Page  int `json:"source_page"`
		Angle int `json:"angle_millideg"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, "degrade.json")); err != nil || json.Unmarshal(b, &infos) != nil {
		t.Fatalf("degrade.json: %v", err)
	}
	for name, in := range infos {
		if got := scanAngle(in.Page); got != in.Angle {
			t.Fatalf("scanAngle(%d) = %d, degrade.json says %d for %s: cmd/genscan draws angles otherwise now", in.Page, got, in.Angle, name)
		}
	}
	ex := extract.New(extract.Options{OCRWorkers: 2})
	defer ex.Close()
	names := make([]string, 0, len(forms))
	for n := range forms {
		names = append(names, n)
	}
	sort.Strings(names)
	pageRange := regexp.MustCompile(`-(\d{3})(?:-(\d{3}))?[-.]`)
	for _, file := range names {
		t.Run(file, func(t *testing.T) {
			if raceEnabled {
				t.Skip("slow under the race detector")
			}
			m := pageRange.FindStringSubmatch(file)
			if m == nil {
				t.Fatalf("%s: no page range in the name", file)
			}
			first, _ := strconv.Atoi(m[1]) // the first source page of the file
			data, err := os.ReadFile(filepath.Join(dir, file))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ex.Read(context.Background(), file, data)
			var fe *jixiao.Error
			switch {
			case errors.As(err, &fe) && fe.Kind == jixiao.ErrNoForm && !strings.HasPrefix(m[1], "001"):
				// A continuation page on its own holds no form to place
				// (it joins its form when read with the page before).
				t.Skipf("no form: %v", err)
			case err != nil:
				t.Fatal(err)
			}
			if len(doc.Forms) != len(forms[file]) {
				t.Fatalf("%d forms, want %d", len(doc.Forms), len(forms[file]))
			}
			for i, f := range doc.Forms {
				golden := ocrtest.Golden(t, "..", forms[file][i])
				words := func(p int) (textPage, bool) {
					src := first + p - 1
					for _, size := range f.Pages {
						if size.Page == p && src <= len(layer) {
							return layer[src-1].onScan(size.Width, size.Height, scanAngle(src)), true
						}
					}
					return textPage{}, false
				}
				n := checkPlaces(t, fmt.Sprintf("form %d", forms[file][i]), f, checkedFields(golden), jixiao.UnitPixel, words)
				t.Logf("form %d: %d fields checked", forms[file][i], n)
			}
		})
	}
}
