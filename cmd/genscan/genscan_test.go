package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"golang.org/x/image/tiff"

	"jixiao/extract/scan"
)

// form draws a synthetic ruled page: white, with a grid of 1-pixel black
// lines and a few filled "glyphs".
func form(w, h int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for y := 10; y < h-10; y++ {
		for x := 10; x < w-10; x++ {
			if (y-10)%40 == 0 || (x-10)%60 == 0 || y == h-11 || x == w-11 {
				img.Pix[y*img.Stride+x] = 0
			}
			if (x-10)%60 > 15 && (x-10)%60 < 25 && (y-10)%40 > 12 && (y-10)%40 < 28 {
				img.Pix[y*img.Stride+x] = 30
			}
		}
	}
	return img
}

// degradeJPEG degrades img as page page with seed 1 and returns the JPEG.
func degradeJPEG(t *testing.T, img *image.Gray, page uint64) []byte {
	t.Helper()
	r := newRand(1, page)
	p := drawParams(r, 60, 80)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, degrade(img, p, r), &jpeg.Options{Quality: p.Quality}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDegradeDeterministic(t *testing.T) {
	src := form(400, 300)
	orig := bytes.Clone(src.Pix)
	a, b := degradeJPEG(t, src, 7), degradeJPEG(t, src, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("two degradations of the same page differ")
	}
	if !bytes.Equal(src.Pix, orig) {
		t.Fatal("degrade modified its source")
	}
	if bytes.Equal(a, degradeJPEG(t, src, 8)) {
		t.Error("pages 7 and 8 got the same degradation")
	}
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, src, &jpeg.Options{Quality: 70}); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, plain.Bytes()) {
		t.Fatal("degradation changed nothing")
	}
	r := newRand(1, 7)
	d := degrade(src, drawParams(r, 60, 80), r)
	changed := 0
	for i := range d.Pix {
		if d.Pix[i] != src.Pix[i] {
			changed++
		}
	}
	if changed < len(d.Pix)*9/10 {
		t.Errorf("%d of %d pixels changed, want at least 90%%", changed, len(d.Pix))
	}
}

func TestDrawParams(t *testing.T) {
	for page := uint64(1); page <= 500; page++ {
		p := drawParams(newRand(1, page), 60, 80)
		if p.AngleMilli < -1500 || p.AngleMilli > 1500 || p.Quality < 60 || p.Quality > 80 ||
			p.Blur < minBlur || p.Blur > maxBlur || p.Noise < minNoise || p.Noise > maxNoise ||
			p.Black < minBlack || p.Black > maxBlack || p.White < minWhite || p.White > maxWhite {
			t.Fatalf("page %d: parameters out of range: %+v", page, p)
		}
	}
}

func TestRotate(t *testing.T) {
	src := form(200, 120)
	if got := rotate(src, 0); !bytes.Equal(got.Pix, src.Pix) {
		t.Error("rotation by 0 changed the image")
	}
	// A horizontal line through the centre, turned clockwise (positive),
	// goes down on the right.
	line := image.NewGray(image.Rect(0, 0, 201, 101))
	for i := range line.Pix {
		line.Pix[i] = 255
	}
	for x := 0; x < 201; x++ {
		line.Pix[50*line.Stride+x] = 0
	}
	rot := rotate(line, 1500)
	darkest := func(x int) int {
		best, at := 256, -1
		for y := 0; y < 101; y++ {
			if v := int(rot.Pix[y*rot.Stride+x]); v < best {
				best, at = v, y
			}
		}
		return at
	}
	if l, c, r := darkest(10), darkest(100), darkest(190); !(l < c && c < r) || c != 50 {
		t.Errorf("line rows at x=10, 100, 190: %d, %d, %d; want increasing through 50", l, c, r)
	}
	// Corners come from outside: white.
	if v := rot.Pix[0]; v != 255 {
		t.Errorf("corner pixel %d, want white fill 255", v)
	}
}

func TestImagePDF(t *testing.T) {
	j1, j2 := degradeJPEG(t, form(330, 467), 1), degradeJPEG(t, form(330, 467), 2)
	b, err := imagePDF([][]byte{j1, j2})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("starts with %q, want %%PDF-", b[:min(len(b), 8)])
	}
	for _, want := range []string{"/Subtype /Image", "/Filter /DCTDecode", "/ColorSpace /DeviceGray", "/Count 2"} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %s", want)
		}
	}
	if bytes.Contains(b, []byte("/Font")) {
		t.Error("an image-only PDF names a font")
	}
	for i, j := range [][]byte{j1, j2} {
		if !bytes.Contains(b, j) {
			t.Errorf("JPEG %d is not embedded as is", i+1)
		}
	}
	if again, err := imagePDF([][]byte{j1, j2}); err != nil || !bytes.Equal(again, b) {
		t.Errorf("two PDFs of the same scans differ (err %v)", err)
	}
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		path := filepath.Join(t.TempDir(), "scan.pdf")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		n, err := pageCount(context.Background(), path)
		if err != nil || n != 2 {
			t.Errorf("pdfinfo: %d pages, err %v; want 2", n, err)
		}
	}
}

func TestTIFF(t *testing.T) {
	pages := []*image.Gray{form(120, 90), form(64, 48), form(90, 120)}
	pages[1].Pix[5] = 17
	path := filepath.Join(t.TempDir(), "scan.tif")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	tw, err := newTIFFWriter(f, len(pages), 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if err := tw.add(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.close(); err != nil {
		t.Fatal(err)
	}
	if err := tw.add(pages[0]); err == nil {
		t.Error("a page more than announced was accepted")
	}
	f.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Walk the IFD chain; decode each page by pointing the header at its
	// IFD (x/image/tiff reads only the first).
	var ifds []uint32
	for off := binary.LittleEndian.Uint32(b[4:]); off != 0; {
		if len(ifds) > len(pages) || int(off)+2 > len(b) || off%2 != 0 {
			t.Fatalf("bad IFD chain: %v then %d", ifds, off)
		}
		ifds = append(ifds, off)
		n := binary.LittleEndian.Uint16(b[off:])
		off = binary.LittleEndian.Uint32(b[int(off)+2+int(n)*12:])
	}
	if len(ifds) != len(pages) {
		t.Fatalf("%d IFDs, want %d", len(ifds), len(pages))
	}
	for i, off := range ifds {
		c := bytes.Clone(b)
		binary.LittleEndian.PutUint32(c[4:], off)
		img, err := tiff.Decode(bytes.NewReader(c))
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			t.Fatalf("page %d decodes as %T, want *image.Gray", i+1, img)
		}
		if g.Rect != pages[i].Rect || !bytes.Equal(g.Pix, pages[i].Pix) {
			t.Errorf("page %d does not decode to what was written", i+1)
		}
	}
}

func TestFormsOnPages(t *testing.T) {
	texts := []string{
		"财政项目支出绩效目标申报表\n(2023年度)\n项目名称\n\n公安档案数字化加工\n\n项目性质\n",
		"一级指标\n二级指标\n满意度指标\n",
		"财政项目支出绩效目标申报表\n项目名称\n\n无人气球及无人机维护保养、 保险及\n飞行费用\n\n项目性质\n",
		"数量指标\n财政项目支出绩效目标申报表\n项目名称\n乙\n项目性质\n项目名称\n丙 丁\n",
	}
	pages, names := formsOnPages(texts)
	wantPages := [][]int{{1}, {1}, {2}, {2, 3, 4}}
	wantNames := []string{"公安档案数字化加工", "无人气球及无人机维护保养、保险及飞行费用", "乙", "丙丁"}
	if !reflect.DeepEqual(pages, wantPages) || !reflect.DeepEqual(names, wantNames) {
		t.Errorf("got %v %q, want %v %q", pages, names, wantPages, wantNames)
	}
}

func TestParseRange(t *testing.T) {
	for _, tc := range []struct {
		in     string
		chunks [][2]int // of 10 pages, 4 per file
		bad    bool
	}{
		{"", nil, false},
		{"all", [][2]int{{1, 4}, {5, 8}, {9, 10}}, false},
		{"3", [][2]int{{3, 3}}, false},
		{"2-7", [][2]int{{2, 5}, {6, 7}}, false},
		{"9-20", [][2]int{{9, 10}}, false},
		{"1,3-9", [][2]int{{1, 1}, {3, 6}, {7, 9}}, false},
		{"2,x", nil, true},
		{"0", nil, true},
		{"5-2", nil, true},
		{"x", nil, true},
	} {
		r, err := parseRange(tc.in)
		if (err != nil) != tc.bad {
			t.Errorf("parseRange(%q) error %v", tc.in, err)
			continue
		}
		if got := r.chunks(10, 4); !tc.bad && !reflect.DeepEqual(got, tc.chunks) {
			t.Errorf("parseRange(%q).chunks = %v, want %v", tc.in, got, tc.chunks)
		}
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		nil,
		{"x.pdf"},
		{"-out-dir", "d"},
		{"-out-dir", "d", "-png", "3-1", "x.pdf"},
		{"-out-dir", "d", "-qmin", "90", "-qmax", "80", "x.pdf"},
	} {
		if code := run(context.Background(), args, &bytes.Buffer{}); code != 2 {
			t.Errorf("run %q = %d, want 2", args, code)
		}
	}
}

// TestGenscan runs the command on the first two pages of genpdf-a.pdf
// (form 1) at a low resolution, twice, and compares the outputs.
func TestGenscan(t *testing.T) {
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo", "pdfseparate", "pdfunite"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s missing (apt poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "two.pdf")
	for _, cmd := range [][]string{
		{"pdfseparate", "-f", "1", "-l", "2", "../../fixtures/pdf/genpdf-a.pdf", filepath.Join(dir, "p%d.pdf")},
		{"pdfunite", filepath.Join(dir, "p1.pdf"), filepath.Join(dir, "p2.pdf"), pdf},
	} {
		if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", cmd[0], err, out)
		}
	}
	outputs := make([]map[string][]byte, 2)
	for i := range outputs {
		out := filepath.Join(dir, "out"+string(rune('a'+i)))
		var stderr bytes.Buffer
		args := []string{"-out-dir", out, "-dpi", "30", "-j", "2", "-png", "2", "-tiff", "all", "-pdf", "1-2", "-pdf-flate", "1-2",
			"-golden", "../../fixtures/golden/form-01.json", pdf}
		if code := run(context.Background(), args, &stderr); code != 0 {
			t.Fatalf("genscan exit %d: %s", code, stderr.String())
		}
		entries, err := os.ReadDir(out)
		if err != nil {
			t.Fatal(err)
		}
		outputs[i] = map[string][]byte{}
		for _, e := range entries {
			if outputs[i][e.Name()], err = os.ReadFile(filepath.Join(out, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, b := range outputs[0] {
		if !bytes.Equal(b, outputs[1][name]) {
			t.Errorf("two runs wrote different %s", name)
		}
	}
	if len(outputs[0]) != len(outputs[1]) {
		t.Errorf("two runs wrote %d and %d files", len(outputs[0]), len(outputs[1]))
	}
	var pages map[string][]int
	if err := json.Unmarshal(outputs[0]["pages.json"], &pages); err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{
		"two-001.jpg": {1}, "two-002.jpg": {1}, "two-002.png": {1},
		"two-001-002.tif": {1}, "two-001-002.pdf": {1}, "two-001-002-flate.pdf": {1},
	}
	if !reflect.DeepEqual(pages, want) {
		t.Errorf("pages.json = %v, want %v", pages, want)
	}
	var infos map[string]pageInfo
	if err := json.Unmarshal(outputs[0]["degrade.json"], &infos); err != nil {
		t.Fatal(err)
	}
	if len(infos) != 2 || infos["two-002.jpg"].SourcePage != 2 {
		t.Errorf("degrade.json = %+v", infos)
	}
	for name := range want {
		if outputs[0][name] == nil {
			t.Errorf("%s not written", name)
		}
	}
}

func BenchmarkDegrade(b *testing.B) {
	src := form(1654, 2339) // A4 at 200 dpi
	for b.Loop() {
		r := newRand(1, 1)
		p := drawParams(r, 60, 80)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, degrade(src, p, r), &jpeg.Options{Quality: p.Quality}); err != nil {
			b.Fatal(err)
		}
	}
}

// smallFlags are the flags make fixtures-scan writes fixtures/scan/small
// with (SCAN_SMALL_FLAGS in the Makefile).
var smallFlags = []string{"-qmin", "60", "-qmax", "65", "-jpeg", "4,17", "-png", "2", "-tiff", "16-17",
	"-pdf", "1-3", "-pdf-flate", "16-17", "-clean-lossless"}

// TestCheckedIn checks fixtures/scan/small: pages.json names every scan
// file there and nothing else, and the generator, run with the flags of
// make fixtures-scan, makes every file again byte for byte.
func TestCheckedIn(t *testing.T) {
	const dir = "../../fixtures/scan/small"
	b, err := os.ReadFile(filepath.Join(dir, "pages.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pages map[string][]int
	if err := json.Unmarshal(b, &pages); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	checked := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		checked[e.Name()] = data
		switch filepath.Ext(e.Name()) {
		case ".jpg", ".png", ".tif", ".pdf":
			if pages[e.Name()] == nil {
				t.Errorf("%s is not in pages.json", e.Name())
			}
		}
	}
	for name := range pages {
		if checked[name] == nil {
			t.Errorf("pages.json names %s, which is missing", name)
		}
	}
	// The Flate PDF holds the TIFF's pages, pixel for pixel.
	tif, err1 := scan.Open(checked["genpdf-a-016-017.tif"])
	flate, err2 := scan.Open(checked["genpdf-a-016-017-flate.pdf"])
	if err1 != nil || err2 != nil || tif.Pages() != 2 || flate.Pages() != 2 {
		t.Fatalf("TIFF %v, Flate PDF %v", err1, err2)
	}
	for p := 1; p <= 2; p++ {
		a, err1 := tif.Page(p)
		b, err2 := flate.Page(p)
		if err1 != nil || err2 != nil || !bytes.Equal(a.(*image.Gray).Pix, b.(*image.Gray).Pix) {
			t.Errorf("page %d: the TIFF and the Flate PDF differ (%v, %v)", p, err1, err2)
		}
	}
	for _, tool := range []string{"pdftoppm", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s missing (apt poppler-utils)", tool)
		}
	}
	out := t.TempDir()
	var stderr bytes.Buffer
	args := append([]string{"-out-dir", out, "-golden", "../../fixtures/golden/form-*.json"}, smallFlags...)
	if code := run(context.Background(), append(args, "../../fixtures/pdf/genpdf-a.pdf"), &stderr); code != 0 {
		t.Fatalf("genscan exit %d: %s", code, stderr.String())
	}
	made, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(made) != len(checked) {
		t.Errorf("the generator makes %d files, %d are checked in", len(made), len(checked))
	}
	for _, e := range made {
		data, err := os.ReadFile(filepath.Join(out, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, checked[e.Name()]) {
			t.Errorf("%s: the generator makes other bytes than are checked in (run make fixtures-scan)", e.Name())
		}
	}
}

func TestParsePGM(t *testing.T) {
	img, err := parsePGM([]byte("P5\n# c\n3 2\n255\n\x00\x01\x02\x03\x04\xff"))
	if err != nil || img.Rect.Dx() != 3 || img.Rect.Dy() != 2 || !bytes.Equal(img.Pix, []byte{0, 1, 2, 3, 4, 255}) {
		t.Errorf("parsePGM = %v, %v", img, err)
	}
	for _, bad := range []string{"", "P6\n1 1\n255\n\x00", "P5\n2 2\n255\n\x00", "P5\n1 1\n65535\n\x00\x00", "P5\n1", "P5 x"} {
		if _, err := parsePGM([]byte(bad)); err == nil {
			t.Errorf("parsePGM(%q) succeeded", bad)
		}
	}
}
