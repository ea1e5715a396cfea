package paddle_test

import (
	"context"
	"errors"
	"image"
	"testing"

	"jixiao/extract/ocr/ocrtest"
	"jixiao/extract/ocr/paddle"
)

func newDetector(t testing.TB) *paddle.Detector {
	t.Helper()
	d, err := paddle.NewDetector(ocrtest.RequirePaddle(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// pageLine is one line of a rendered page.
type pageLine struct {
	text string
	at   image.Point // left, top
	ink  image.Rectangle
}

// renderPage draws lines (which must not overlap) on a white w×h page
// and records each line's ink.
func renderPage(t testing.TB, w, h int, lines []pageLine) *image.Gray {
	t.Helper()
	p := newPen(t, 30)
	page := whitePage(w, h)
	for i := range lines {
		l := &lines[i]
		p.draw(page, l.text, l.at.X, l.at.Y)
		around := image.Rect(l.at.X, l.at.Y, l.at.X+p.advance(l.text), l.at.Y+2*p.size).Inset(-p.size / 2)
		l.ink = inkBounds(page.SubImage(around).(*image.Gray))
	}
	return page
}

// The full-page pipeline on a rendered page: one box per line, in reading
// order, each holding its line's ink (and not much more), which the
// recogniser reads.
func TestDetectAndRead(t *testing.T) {
	lines := []pageLine{
		{text: "财政项目支出绩效目标申报表", at: image.Pt(500, 100)},
		{text: "项目名称", at: image.Pt(150, 300)},
		{text: "党建经费", at: image.Pt(600, 300)},
		{text: "项目资金（元）", at: image.Pt(150, 420)},
		{text: "720,000.00", at: image.Pt(600, 425)},
		{text: "加强党员领导干部、普通党员、预备党员、入党积极", at: image.Pt(150, 600)},
		{text: "分子等教育培训工作，根据中央、区委组织部相关精", at: image.Pt(150, 650)},
		{text: "党员满意度", at: image.Pt(150, 900)},
		{text: "≥90%", at: image.Pt(1200, 905)},
	}
	page := renderPage(t, 1654, 2339, lines)
	d := newDetector(t)
	boxes, err := d.Detect(context.Background(), page)
	if err != nil {
		t.Fatal(err)
	}
	if len(boxes) != len(lines) {
		t.Fatalf("%d boxes %v for %d lines", len(boxes), boxes, len(lines))
	}
	crops := make([]*image.Gray, len(boxes))
	for i, b := range boxes {
		l := lines[i]
		// The box holds the line's ink, give or take a few pixels of
		// anti-aliasing, and grows it by less than a line height.
		if !l.ink.Inset(3).In(b) || !b.In(l.ink.Inset(-l.ink.Dy())) {
			t.Errorf("line %d %q: ink %v, box %v", i, l.text, l.ink, b)
		}
		crops[i] = page.SubImage(b).(*image.Gray)
	}
	read, err := newRecognizer(t).Read(context.Background(), crops)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range read {
		if l.Text != lines[i].text {
			t.Errorf("box %d %v: read %q, want %q", i, boxes[i], l.Text, lines[i].text)
		}
	}
}

// A page cut from a larger image keeps its coordinates; an empty or blank
// page has no boxes.
func TestDetectSubImageAndBlank(t *testing.T) {
	lines := []pageLine{{text: "项目资金总额", at: image.Pt(300, 300)}}
	page := renderPage(t, 1200, 800, lines)
	d := newDetector(t)
	whole, err := d.Detect(context.Background(), page)
	if err != nil || len(whole) != 1 {
		t.Fatalf("whole page: %v, %v; want one box", whole, err)
	}
	sub := page.SubImage(image.Rect(200, 200, 900, 500)).(*image.Gray)
	part, err := d.Detect(context.Background(), sub)
	if err != nil || len(part) != 1 {
		t.Fatalf("part of the page: %v, %v; want one box", part, err)
	}
	if !lines[0].ink.Inset(3).In(part[0]) || !part[0].In(sub.Rect) {
		t.Errorf("box %v on %v, ink %v", part[0], sub.Rect, lines[0].ink)
	}
	for _, img := range []*image.Gray{nil, image.NewGray(image.Rectangle{}), whitePage(1, 1), whitePage(800, 600), whitePage(20000, 10)} {
		boxes, err := d.Detect(context.Background(), img)
		if err != nil || len(boxes) != 0 {
			t.Errorf("blank page: %v, %v; want no boxes", boxes, err)
		}
	}
}

func TestDetectMalformedPage(t *testing.T) {
	d := newDetector(t)
	bad := &image.Gray{Pix: make([]uint8, 100), Stride: 500, Rect: image.Rect(0, 0, 500, 400)}
	if boxes, err := d.Detect(context.Background(), bad); err == nil || boxes != nil {
		t.Errorf("got %v, %v; want an error", boxes, err)
	}
}

func TestDetectCancelled(t *testing.T) {
	d := newDetector(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if boxes, err := d.Detect(ctx, whitePage(100, 100)); !errors.Is(err, context.Canceled) || boxes != nil {
		t.Errorf("got %v, %v; want no boxes and context.Canceled", boxes, err)
	}
}

// BenchmarkDetect finds the lines of a rendered page of about A4 at 200 dpi.
func BenchmarkDetect(b *testing.B) {
	d := newDetector(b)
	var lines []pageLine
	for i, s := range renderedLines {
		lines = append(lines, pageLine{text: s, at: image.Pt(150+(i%2)*700, 150+i*60)})
	}
	page := renderPage(b, 1654, 2339, lines)
	for b.Loop() {
		if _, err := d.Detect(context.Background(), page); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/page")
}
