package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"jixiao/extract/ocr/ocrtest"
)

// render renders pages of a PDF at 200 dpi grayscale with pdftoppm, skipping
// the test when pdftoppm or a model is missing.
func render(t testing.TB, pdf string, first, last int) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed")
	}
	ocrtest.Require(t, Models...)
	dir := t.TempDir()
	out, err := exec.Command("pdftoppm", "-r", "200", "-gray", "-png", "-f", fmt.Sprint(first), "-l", fmt.Sprint(last), pdf, filepath.Join(dir, "p")).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	return files
}

type golden struct {
	ProjectName      string `json:"project_name"`
	ProjectNature    string `json:"project_nature"`
	ProjectCategory  string `json:"project_category"`
	Department       string `json:"department"`
	ImplementingUnit string `json:"implementing_unit"`
	FundsRaw         map[string]string
	Indicators       []struct {
		Level2Raw string  `json:"level2_raw"`
		Name      string  `json:"name"`
		Value     *string `json:"value"`
	} `json:"indicators"`
}

// TestGenpdfPage reads form 1 of genpdf-a.pdf (pages 1–2) and counts the
// indicator names, values and header fields read exactly.
func TestGenpdfPage(t *testing.T) {
	files := render(t, "../../fixtures/pdf/genpdf-a.pdf", 1, 2)
	for _, deg := range []float64{0, 1.5, -2.5} {
		t.Run(fmt.Sprintf("rotated %.1f", deg), func(t *testing.T) { checkForm1(t, files, deg) })
	}
}

func checkForm1(t *testing.T, files []string, deg float64) {
	var g golden
	b, err := os.ReadFile("../../fixtures/golden/form-01.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	r, err := NewReader(Options{DPI: 200})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	texts := map[string]bool{}
	var pairs [][2]string
	start := time.Now()
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		g, err := Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		if deg != 0 {
			g = rotate(g, deg)
		}
		rows, err := r.Page(context.Background(), g, i+1)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			var cs []string
			for _, c := range row.Cells {
				texts[c.Text] = true
				cs = append(cs, fmt.Sprintf("%s(%.2f)", c.Text, c.Confidence))
			}
			if n := len(row.Cells); n >= 2 {
				pairs = append(pairs, [2]string{row.Cells[n-2].Text, row.Cells[n-1].Text})
			}
			if testing.Verbose() {
				t.Logf("p%d y=%d | %s", row.Page, row.Top, strings.Join(cs, " | "))
			}
		}
	}
	el := time.Since(start)
	names, values, both := 0, 0, 0
	for _, in := range g.Indicators {
		v := ""
		if in.Value != nil {
			v = *in.Value
		}
		okN, okV := texts[in.Name], v == "" || texts[v]
		if okN {
			names++
		}
		if okV {
			values++
		}
		for _, p := range pairs {
			if p[0] == in.Name && p[1] == v {
				both++
				break
			}
		}
		if !okN || !okV {
			t.Logf("miss: %q = %q", in.Name, v)
		}
	}
	header := 0
	hs := []string{g.ProjectName, g.ProjectNature, g.ProjectCategory, g.Department, g.ImplementingUnit}
	for _, h := range hs {
		if texts[h] {
			header++
		} else {
			t.Logf("header miss: %q", h)
		}
	}
	// As rendered: all names, all values but the ≥ one (the value grammar
	// restores it), all header fields. Turned by the test (then deskewed,
	// so interpolated twice): one miss more each.
	slack := 0
	if deg != 0 {
		slack = 1
	}
	if names < len(g.Indicators)-slack || values < len(g.Indicators)-1-slack || header < len(hs) {
		t.Errorf("below the bar")
	}
	t.Logf("form 1: names %d/%d, values %d/%d, name+value in one row %d/%d, header %d/%d; %.2f s/page (%d pages), %+v",
		names, len(g.Indicators), values, len(g.Indicators), both, len(g.Indicators), header, len(hs),
		el.Seconds()/float64(len(files)), len(files), r.Stats())
}

// BenchmarkPage reads page 1 of genpdf-a.pdf (200 dpi) with one Reader;
// compare with `tesseract page.png - -l chi_sim` (OMP_THREAD_LIMIT=1).
func BenchmarkPage(b *testing.B) {
	files := render(b, "../../fixtures/pdf/genpdf-a.pdf", 1, 1)
	data, err := os.ReadFile(files[0])
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewReader(Options{DPI: 200})
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	b.ResetTimer()
	for b.Loop() {
		if _, err := r.ReadImage(context.Background(), data, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// A PNG whose header claims 20000 × 20000 pixels is refused before decoding.
func TestDecodeRefusesHugeImage(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	// IHDR data starts at 16: width, height; its CRC covers type and data.
	binary.BigEndian.PutUint32(b[16:], 20000)
	binary.BigEndian.PutUint32(b[20:], 20000)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	if _, err := Decode(b); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Decode = %v, want ErrTooLarge", err)
	}
	if _, err := Decode([]byte("not an image")); err == nil {
		t.Fatal("Decode of junk succeeded")
	}
}

func TestStripCJKSpaces(t *testing.T) {
	for in, want := range map[string]string{
		"档 案 录 入":   "档案录入",
		"PDF 合 并":   "PDF合并",
		"1,800 000": "1,800 000",
		"a  b":      "a b",
	} {
		if got := stripCJKSpaces(in); got != want {
			t.Errorf("stripCJKSpaces(%q) = %q, want %q", in, got, want)
		}
	}
}
