package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
)

// sealFont is the face of the seals' text: AR PL KaitiM GB, a face no
// corpus form is set in (fonts-arphic-gkai00mp).
const sealFont = "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"

var sealFontBytes = sync.OnceValues(func() ([]byte, error) {
	b, err := os.ReadFile(sealFont)
	if err != nil {
		return nil, fmt.Errorf("seal font: %w (apt install fonts-arphic-gkai00mp)", err)
	}
	return b, nil
})

// seal is the drawing of a round official seal (公章): a ring, a five-pointed
// star in the middle, the unit's name around the upper part of the ring,
// and optionally a line of text under the star (财务专用章).
type seal struct {
	diameter float64 // mm
	angle    float64 // degrees, counter-clockwise as printed
	ring     string  // the text around the ring
	bottom   string  // the text under the star, or ""
}

// maxRing is the most characters set around a seal's ring.
const maxRing = 16

// pdf draws the seal in black on a white square page just larger than
// it, its centre in the page's centre.
func (s seal) pdf() ([]byte, error) {
	font, err := sealFontBytes()
	if err != nil {
		return nil, err
	}
	side := s.diameter + 4
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: side, Ht: side}})
	pdf.SetCompression(true)
	fixed := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(fixed)
	pdf.SetModificationDate(fixed)
	pdf.SetCatalogSort(true)
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddUTF8FontFromBytes("seal", "", font)
	pdf.AddPage()
	c := side / 2
	d := s.diameter
	pdf.TransformBegin()
	pdf.TransformRotate(s.angle, c, c)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetFillColor(0, 0, 0)
	ringW := d * 0.035
	pdf.SetLineWidth(ringW)
	pdf.Circle(c, c, d/2-ringW/2, "D")
	// The star: ten points, outer and inner radius alternating.
	var star []fpdf.PointType
	ro, ri := d*0.17, d*0.17*0.382
	for k := 0; k < 10; k++ {
		r := ro
		if k%2 == 1 {
			r = ri
		}
		a := math.Pi/2 + float64(k)*math.Pi/5
		star = append(star, fpdf.PointType{X: c + r*math.Cos(a), Y: c - r*math.Sin(a)})
	}
	pdf.Polygon(star, "F")
	// The ring text: each character upright on a circle inside the ring,
	// spread over up to 240°, centred on the top.
	rs := []rune(s.ring)
	if len(rs) > maxRing {
		rs = rs[:maxRing]
	}
	if n := len(rs); n > 0 {
		size := d * 0.14 // mm, the height of a character
		span := math.Min(240, float64(n)*size/(d/2)*180/math.Pi*1.15)
		pt := size / (25.4 / 72)
		pdf.SetFont("seal", "", pt)
		for i, r := range rs {
			phi := -span/2 + span*(float64(i)+0.5)/float64(n) // clockwise from the top
			pdf.TransformBegin()
			pdf.TransformRotate(-phi, c, c)
			ch := string(r)
			w := pdf.GetStringWidth(ch)
			pdf.Text(c-w/2, c-d/2+ringW+size*0.95, ch)
			pdf.TransformEnd()
		}
	}
	if s.bottom != "" {
		size := d * 0.09
		pdf.SetFont("seal", "", size/(25.4/72))
		w := pdf.GetStringWidth(s.bottom)
		pdf.Text(c-w/2, c+d*0.30, s.bottom)
	}
	pdf.TransformEnd()
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// mask rasterises the seal at dpi with pdftoppm (as the pages are) and
// returns its ink coverage: 0 where there is none, 255 where it is full.
func (s seal) mask(ctx context.Context, dir string, dpi int) (*image.Gray, error) {
	b, err := s.pdf()
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "seal-*.pdf")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	base := f.Name() + "-r"
	out, err := exec.CommandContext(ctx, "pdftoppm", "-r", strconv.Itoa(dpi), "-gray", "-singlefile", f.Name(), base).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("pdftoppm seal: %v: %s", err, bytes.TrimSpace(out))
	}
	defer os.Remove(base + ".pgm")
	g, err := loadGray(base + ".pgm")
	if err != nil {
		return nil, err
	}
	for i, v := range g.Pix {
		g.Pix[i] = 255 - v
	}
	return g, nil
}
