package paddle_test

import (
	"context"
	"errors"
	"image"
	"image/draw"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/ocr/paddle"
)

func newRecognizer(t testing.TB) *paddle.Recognizer {
	t.Helper()
	m := ocrtest.RequirePaddle(t)
	r, err := paddle.NewRecognizer(m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// Lines of the forms' kinds: labels, long goal lines, amounts, targets,
// dates, full-width brackets; at two sizes about those of a 200-dpi scan
// (the reader's crops have 21–25 pixel ink on 15 pixel white borders).
var renderedLines = []string{
	"项目资金总额", "党员满意度", "其中：财政资金", "项目资金（元）", "（元）",
	"加强党员领导干部、普通党员、预备党员、入党积极",
	"0", "0.00", "85个", "1次", "≥90%", "≤5%", "100%",
	"3,000.00", "720,000.00", "2023-01-01",
}

var renderSizes = []float64{28, 32}

func TestReadRendered(t *testing.T) {
	r := newRecognizer(t)
	for _, size := range renderSizes {
		for _, want := range renderedLines {
			crop, glyphs := renderLine(t, want, size, 15)
			lines, err := r.Read(context.Background(), []*image.Gray{crop})
			if err != nil {
				t.Fatal(err)
			}
			l := lines[0]
			if l.Text != want {
				t.Errorf("size %v: read %q (confidence %.3f), want %q", size, l.Text, l.Confidence, want)
				continue
			}
			checkLine(t, l, crop.Rect)
			// Each character's steps lie within its glyph, left to right.
			for i, c := range l.Chars {
				g := glyphs[i]
				if c.Text != string(g.r) || c.X1 <= g.x0 || c.X0 >= g.x1 {
					t.Errorf("size %v, %q: character %d %q at [%d, %d), drawn as %q at [%d, %d)",
						size, want, i, c.Text, c.X0, c.X1, g.r, g.x0, g.x1)
				}
				if i > 0 && c.X0 < l.Chars[i-1].X0 {
					t.Errorf("size %v, %q: character %d at %d, left of the one before at %d", size, want, i, c.X0, l.Chars[i-1].X0)
				}
			}
		}
	}
}

// checkLine checks what every Line must satisfy.
func checkLine(t *testing.T, l paddle.Line, crop image.Rectangle) {
	t.Helper()
	var text strings.Builder
	sum, least := 0.0, 1.0
	for _, c := range l.Chars {
		text.WriteString(c.Text)
		sum += c.Confidence
		least = min(least, c.Confidence)
		if c.Confidence <= 0 || c.Confidence > 1 {
			t.Errorf("%q: character %q confidence %v", l.Text, c.Text, c.Confidence)
		}
		if c.X0 < crop.Min.X || c.X1 > crop.Max.X || c.X0 >= c.X1 {
			t.Errorf("%q: character %q at [%d, %d), outside crop %v", l.Text, c.Text, c.X0, c.X1, crop)
		}
	}
	if text.String() != l.Text {
		t.Errorf("characters %q, text %q", text.String(), l.Text)
	}
	if len(l.Chars) == 0 {
		if l.Confidence != 0 || l.MinConfidence != 0 {
			t.Errorf("empty line with confidence %v/%v", l.Confidence, l.MinConfidence)
		}
		return
	}
	if mean := sum / float64(len(l.Chars)); math.Abs(mean-l.Confidence) > 1e-9 || least != l.MinConfidence {
		t.Errorf("%q: confidence %v, min %v; want the mean %v and the min %v", l.Text, l.Confidence, l.MinConfidence, mean, least)
	}
	if strings.HasPrefix(l.Text, " ") || strings.HasSuffix(l.Text, " ") {
		t.Errorf("%q begins or ends with a space", l.Text)
	}
}

// Crops read together (padded to the widest of their run) read as they do
// alone.
func TestReadBatchedAsOneByOne(t *testing.T) {
	r := newRecognizer(t)
	var crops []*image.Gray
	for _, size := range []float64{26, 28, 30, 32} {
		for _, s := range renderedLines {
			c, _ := renderLine(t, s, size, 15)
			crops = append(crops, c)
		}
	}
	r.SetBatchSize(8)
	batched, err := r.Read(context.Background(), crops)
	if err != nil {
		t.Fatal(err)
	}
	r.SetBatchSize(1)
	for i, c := range crops {
		alone, err := r.Read(context.Background(), []*image.Gray{c})
		if err != nil {
			t.Fatal(err)
		}
		if alone[0].Text != batched[i].Text || len(alone[0].Chars) != len(batched[i].Chars) {
			t.Errorf("crop %d (%dx%d): alone %q, batched %q", i, c.Rect.Dx(), c.Rect.Dy(), alone[0].Text, batched[i].Text)
		}
		if d := math.Abs(alone[0].Confidence - batched[i].Confidence); d > 0.02 {
			t.Errorf("crop %d %q: confidence alone %.3f, batched %.3f", i, alone[0].Text, alone[0].Confidence, batched[i].Confidence)
		}
	}
}

// A crop cut from a page keeps the page's coordinates.
func TestReadSubImage(t *testing.T) {
	r := newRecognizer(t)
	crop, _ := renderLine(t, "项目资金（元）", 28, 15)
	page := whitePage(1000, 800)
	at := image.Pt(300, 200)
	draw.Draw(page, crop.Rect.Add(at), crop, image.Point{}, draw.Src)
	sub := page.SubImage(crop.Rect.Add(at)).(*image.Gray)
	lines, err := r.Read(context.Background(), []*image.Gray{crop, sub})
	if err != nil {
		t.Fatal(err)
	}
	alone, onPage := lines[0], lines[1]
	if alone.Text != onPage.Text || len(alone.Chars) != len(onPage.Chars) {
		t.Fatalf("alone %q, on the page %q", alone.Text, onPage.Text)
	}
	checkLine(t, onPage, sub.Rect)
	for i := range alone.Chars {
		if a, p := alone.Chars[i], onPage.Chars[i]; p.X0 != a.X0+at.X || p.X1 != a.X1+at.X {
			t.Errorf("character %d at [%d, %d) alone, [%d, %d) on the page; want %d more", i, a.X0, a.X1, p.X0, p.X1, at.X)
		}
	}
}

// Bad crops never panic: nil, empty and blank crops read as empty Lines,
// extreme shapes as whatever the model makes of them.
func TestReadBadCrops(t *testing.T) {
	r := newRecognizer(t)
	r.SetBatchSize(4)
	long, _ := renderLine(t, strings.Repeat("项目资金总额", 60), 28, 15) // about 10,000 pixels wide: squeezed
	crops := []*image.Gray{
		nil,
		image.NewGray(image.Rectangle{}),
		image.NewGray(image.Rect(5, 5, 5, 50)),
		whitePage(1, 1),
		whitePage(1, 1000),
		whitePage(1000, 1),
		whitePage(200, 50),
		image.NewGray(image.Rect(0, 0, 30, 2000)), // black
		long,
	}
	lines, err := r.Read(context.Background(), crops)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != len(crops) {
		t.Fatalf("%d lines for %d crops", len(lines), len(crops))
	}
	for i, l := range lines {
		var rect image.Rectangle
		if crops[i] != nil {
			rect = crops[i].Rect
		}
		checkLine(t, l, rect)
		if i < 7 && l.Text != "" {
			t.Errorf("crop %d (%v) read %q, want nothing", i, rect, l.Text)
		}
	}
	if got := utf8.RuneCountInString(lines[8].Text); got < 60 {
		t.Errorf("a 360-character line squeezed to 3200 pixels read as %d characters, want some", got)
	}
	if empty, err := r.Read(context.Background(), nil); err != nil || len(empty) != 0 {
		t.Errorf("no crops: %v, %v", empty, err)
	}
}

// A crop whose pixels do not cover its bounds is an error, not a panic.
func TestReadMalformedCrop(t *testing.T) {
	r := newRecognizer(t)
	bad := &image.Gray{Pix: make([]uint8, 100), Stride: 50, Rect: image.Rect(0, 0, 50, 40)}
	if lines, err := r.Read(context.Background(), []*image.Gray{whitePage(50, 40), bad}); err == nil || lines != nil {
		t.Errorf("got %v, %v; want an error", lines, err)
	}
}

func TestReadCancelled(t *testing.T) {
	r := newRecognizer(t)
	crop, _ := renderLine(t, "0.00", 28, 15)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	lines, err := r.Read(ctx, []*image.Gray{crop})
	if !errors.Is(err, context.Canceled) || lines != nil {
		t.Errorf("got %v, %v; want no lines and context.Canceled", lines, err)
	}
}

// A dictionary that does not match the model's classes is refused.
func TestNewRecognizerDictionaryMismatch(t *testing.T) {
	m := ocrtest.RequirePaddle(t)
	m.Dict = filepath.Join(t.TempDir(), "keys.txt")
	if err := os.WriteFile(m.Dict, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := paddle.NewRecognizer(m)
	if err == nil {
		r.Close()
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "6625 classes") || !strings.Contains(err.Error(), m.Dict) {
		t.Errorf("error %q does not give the class count and the dictionary", err)
	}
}

func TestNewRecognizerBadModel(t *testing.T) {
	m := ocrtest.RequirePaddle(t)
	m.Rec = filepath.Join(t.TempDir(), "rec.onnx")
	if err := os.WriteFile(m.Rec, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := paddle.NewRecognizer(m)
	if err == nil {
		r.Close()
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), m.Rec) {
		t.Errorf("error %q does not name the model", err)
	}
}

// Init keeps the first library it loaded.
func TestInitAnotherLibrary(t *testing.T) {
	m := ocrtest.RequirePaddle(t)
	if err := paddle.Init(m.Lib); err != nil {
		t.Fatal(err)
	}
	if err := paddle.Init(m.Lib); err != nil {
		t.Errorf("second Init with the same library: %v", err)
	}
	other := filepath.Join(t.TempDir(), "libonnxruntime.so.1")
	if err := paddle.Init(other); err == nil || !strings.Contains(err.Error(), m.Lib) {
		t.Errorf("Init(%s) after Init(%s) = %v, want an error naming the first", other, m.Lib, err)
	}
}

// The recogniser's output is written into a reused buffer of the shape
// recSteps predicts; the prediction holds for every width a crop can have
// below a few hundred pixels and at the widest, and a wrong one still reads
// (the output is the model's own).
func TestRecStepsMatchModel(t *testing.T) {
	r := newRecognizer(t)
	widths := []int{1, 2, 7, 8, 9, 3199, 3200}
	for w := 300; w < 340; w++ {
		widths = append(widths, w)
	}
	for _, w := range widths {
		got, err := r.RunBlank(w, 0)
		if err != nil {
			t.Fatalf("width %d: %v", w, err)
		}
		if want := paddle.RecSteps(w); got[1] != int64(want) {
			t.Errorf("width %d: the model gives %d steps, recSteps %d", w, got[1], want)
		}
		wrong, err := r.RunBlank(w, int(got[1])+1)
		if err != nil {
			t.Fatalf("width %d, wrong steps: %v", w, err)
		}
		if wrong[1] != got[1] {
			t.Errorf("width %d, wrong steps: output shape %v, want %v", w, wrong, got)
		}
	}
}
