package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const goldenDir = "../../../fixtures/golden"

func loadForms(t *testing.T, nums ...int) []Form {
	t.Helper()
	var paths []string
	for _, n := range nums {
		paths = append(paths, filepath.Join(goldenDir, "form-"+leftPad(n)+".json"))
	}
	recs, err := LoadRecords(paths)
	if err != nil {
		t.Fatal(err)
	}
	forms := make([]Form, len(recs))
	for i, r := range recs {
		forms[i] = Build(r)
	}
	return forms
}

func leftPad(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 2 {
		s = "0" + s
	}
	return s
}

func needFonts(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range append(paths, FallbackFont) {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("font missing (make fixtures-pdf or make corpus installs it): %v", err)
		}
	}
}

// TailRows puts exactly that many indicator rows on a form's last page,
// in fonts of both kinds (a TrueType file and a collection), whether or
// not the form breaks before on its own; what PDFPages reports adds up to
// the forms' indicators and matches the page count.
func TestTailRows(t *testing.T) {
	for _, font := range []string{Layouts["a"].Font, "/usr/share/fonts/truetype/arphic/ukai.ttc"} {
		needFonts(t, font)
		for _, tail := range []int{0, 1, 2} {
			t.Run(filepath.Base(font)+"/"+strconv.Itoa(tail), func(t *testing.T) {
				forms := loadForms(t, 1, 2, 41) // 19 rows (two pages at 10.5pt), 13, 8
				for i := range forms {
					forms[i].TailRows = tail
				}
				l := Layouts["a"]
				l.Font, l.Size = font, 11
				b, pages, err := PDFPages(l, forms, true)
				if err != nil {
					t.Fatal(err)
				}
				rows := map[int]int{}
				last := map[int]Page{}
				for _, p := range pages {
					if len(p.Forms) != 1 {
						t.Fatalf("a page holds forms %v, want one", p.Forms)
					}
					rows[p.Forms[0]] += p.GridRows
					last[p.Forms[0]] = p
				}
				for k, f := range forms {
					if rows[k] != f.Indicators() {
						t.Errorf("form %d: %d rows on its pages, want %d", k, rows[k], f.Indicators())
					}
					if tail > 0 && last[k].GridRows != tail {
						t.Errorf("form %d: last page holds %d rows, want %d", k, last[k].GridRows, tail)
					}
				}
				if _, err := exec.LookPath("pdfinfo"); err == nil {
					path := filepath.Join(t.TempDir(), "t.pdf")
					if err := os.WriteFile(path, b, 0o644); err != nil {
						t.Fatal(err)
					}
					out, err := exec.Command("pdfinfo", path).Output()
					m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`).FindSubmatch(out)
					if err != nil || m == nil || string(m[1]) != strconv.Itoa(len(pages)) {
						t.Errorf("pdfinfo (err %v) does not say %d pages:\n%s", err, len(pages), out)
					}
				}
			})
		}
	}
}

// A TailRows too large for the form changes nothing.
func TestTailRowsTooMany(t *testing.T) {
	needFonts(t, Layouts["a"].Font)
	forms := loadForms(t, 41) // 8 indicators
	plain, _, err := PDFPages(Layouts["a"], forms, true)
	if err != nil {
		t.Fatal(err)
	}
	forms[0].TailRows = forms[0].Indicators()
	same, _, err := PDFPages(Layouts["a"], forms, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(plain, same) {
		t.Error("TailRows = the number of indicators changed the PDF")
	}
}

func TestHTMLOptions(t *testing.T) {
	forms := loadForms(t, 2)
	forms[0].TailRows = 2
	h := string(HTML(forms, HTMLOptions{FontFamily: `"Noto Sans CJK SC"`, FontSize: 10.5}))
	for _, want := range []string{`font-family: "Noto Sans CJK SC"; font-size: 10.5pt;`, `<tr style="break-before: page">`} {
		if !strings.Contains(h, want) {
			t.Errorf("no %s", want)
		}
	}
	// The break comes before the second last row.
	rows := strings.Split(h[strings.Index(h, "<table>"):], "<tr")
	if !strings.HasPrefix(rows[len(rows)-2], ` style="break-before: page">`) {
		t.Errorf("the break is not on the second last row")
	}
	if d := string(HTML(forms[:0], HTMLOptions{})); !strings.Contains(d, "font-family: "+DefaultFontFamily+"; font-size: 11pt;") {
		t.Error("default face and size not written")
	}
}

// Renders may run in parallel (a corpus does): the font cache is shared.
func TestPDFConcurrent(t *testing.T) {
	needFonts(t, Layouts["a"].Font)
	forms := loadForms(t, 3)
	want, err := PDF(Layouts["a"], forms, true)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			got, err := PDF(Layouts["a"], forms, true)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("a parallel render differs (err %v)", err)
			}
		})
	}
	wg.Wait()
}

func TestTextStyles(t *testing.T) {
	recs, err := LoadRecords([]string{"../../../fixtures/golden/form-01.json"})
	if err != nil {
		t.Fatal(err)
	}
	f := Build(recs[0])
	tab := Text([]Form{f}, TextTab)
	first := strings.SplitN(tab, "\n", 2)[0]
	if got := strings.Count(first, "\t"); got != NCols-1 {
		t.Errorf("tab style: title line has %d tabs, want %d", got, NCols-1)
	}
	if !strings.Contains(tab, "项目名称\t"+Str(recs[0].ProjectName)) {
		t.Errorf("tab style: no project name line in\n%s", tab)
	}
	if pipe := Text([]Form{f}, TextPipe); !strings.Contains(pipe, "| 项目名称 | "+Str(recs[0].ProjectName)+" |") {
		t.Errorf("pipe style: no project name line in\n%s", pipe)
	}
	if lines := Text([]Form{f}, TextCellPerLine); !strings.Contains(lines, "\n项目名称\n"+Str(recs[0].ProjectName)+"\n") {
		t.Errorf("cell-per-line style: no project name cell in\n%s", lines)
	}
}
