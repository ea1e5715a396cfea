package main

import (
	"jixiao/cmd/internal/render"
)

// Splits of the corpus: faces and golden forms used to tune the OCR, and
// those kept apart to measure it.
const (
	splitTune    = "tune"
	splitMeasure = "measure"
)

// Producers: what turns a form into a PDF.
const (
	producerGenpdf   = "genpdf"   // cmd/internal/render through fpdf (TrueType only)
	producerChromium = "chromium" // the HTML of cmd/internal/render printed by headless Chromium
)

// face is one typeface the corpus sets its forms in, and how.
type face struct {
	name     string
	family   string  // the family name, as fontconfig gives it
	style    string  // song, hei or kai
	split    string  // splitTune or splitMeasure
	producer string  // producerGenpdf or producerChromium
	size     float64 // body text size, pt
	// genpdf only: the font file (a collection's first font is used) and
	// the changes to layout a (0: a's).
	font         string
	margin, padY float64
}

// faces are all the faces: the tuning faces, the measurement faces, then
// faces added later (last, so that the others keep their places and their
// pages their bytes). Each has its own text size (10–11.5 pt); the genpdf
// faces vary layout a's margins and cell padding, the Chromium faces share
// the HTML layout (12 mm margins, CSS padding), so the two producers lay
// the forms out differently.
var faces = []face{
	{name: "droid", family: "Droid Sans Fallback", style: "hei", split: splitTune, producer: producerGenpdf, size: 10.5,
		font: "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"},
	{name: "sungti", family: "AR PL SungtiL GB", style: "song", split: splitTune, producer: producerGenpdf, size: 10,
		font: "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", margin: 12, padY: 1.6},
	{name: "notoserif", family: "Noto Serif CJK SC", style: "song", split: splitTune, producer: producerChromium, size: 11},
	{name: "uming", family: "AR PL UMing CN", style: "song", split: splitMeasure, producer: producerChromium, size: 11.5},
	{name: "ukai", family: "AR PL UKai CN", style: "kai", split: splitMeasure, producer: producerGenpdf, size: 11,
		font: "/usr/share/fonts/truetype/arphic/ukai.ttc", padY: 1.8},
	{name: "notosans", family: "Noto Sans CJK SC", style: "hei", split: splitMeasure, producer: producerChromium, size: 10},
	{name: "zenhei", family: "WenQuanYi Zen Hei", style: "hei", split: splitMeasure, producer: producerGenpdf, size: 10.5,
		font: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", margin: 12, padY: 2.2},
	{name: "kaitim", family: "AR PL KaitiM GB", style: "kai", split: splitTune, producer: producerChromium, size: 10.5},
}

// faceNamed returns the face called name, or false.
func faceNamed(name string) (face, bool) {
	for _, f := range faces {
		if f.name == name {
			return f, true
		}
	}
	return face{}, false
}

// layout returns the genpdf layout of a genpdf face: layout a in the
// face's font and size, with its margin and padding.
func (f face) layout() render.Layout {
	l := render.Layouts["a"]
	l.Font, l.Size = f.font, f.size
	if f.padY > 0 {
		l.PadY = f.padY
	}
	if f.margin > 0 {
		// The columns keep their proportions on the narrower page.
		scale := (210 - 2*f.margin) / (210 - 2*l.Margin)
		for i := range l.Widths {
			l.Widths[i] *= scale
		}
		l.Margin = f.margin
	}
	return l
}

// css returns the HTML options of a Chromium face.
func (f face) css() render.HTMLOptions {
	return render.HTMLOptions{FontFamily: `"` + f.family + `"`, FontSize: f.size}
}
