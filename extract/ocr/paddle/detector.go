package paddle

import (
	"context"
	"fmt"
	"image"

	ort "github.com/yalue/onnxruntime_go"
)

// detMaxSide is the longest side the detector sees: larger pages are
// scaled down to it (PaddleOCR's det_limit_side_len 960, limit type max).
const detMaxSide = 960

// detMean and detStd normalise the detector's input channels, as
// PaddleOCR's NormalizeImage (ImageNet statistics) on a BGR image.
var (
	detMean = [3]float32{0.485, 0.456, 0.406}
	detStd  = [3]float32{0.229, 0.224, 0.225}
)

// Detector finds text lines on a page with the PP-OCRv4 detection model
// and DB post-processing. It holds one ONNX Runtime session (one thread)
// and reuses its buffers: not safe for concurrent use.
type Detector struct {
	sess  *session
	scale scaler
	input []float32
}

// NewDetector loads m.Det (loading the runtime m.Lib first, see Init).
func NewDetector(m Models) (*Detector, error) {
	s, err := newSession(m.Lib, m.Det)
	if err != nil {
		return nil, err
	}
	if in, out := s.input.Dimensions, s.output.Dimensions; len(in) != 4 || len(out) != 4 {
		s.close()
		return nil, fmt.Errorf("paddle: load %s: input %v, output %v: not a DB text detector ([N,3,H,W] in, [N,1,H,W] out)", m.Det, in, out)
	}
	return &Detector{sess: s}, nil
}

// Close releases the session. The Detector must not be used after.
func (d *Detector) Close() error {
	return d.sess.close()
}

// Detect returns the boxes of the text lines on img, a nearly upright page
// (or any image), in img's coordinates, ordered top to bottom and left to
// right within a line. The page is scaled so that its longer side is at
// most 960 pixels and both sides are multiples of 32, as PaddleOCR does:
// text of less than about 6 pixels per em at that scale is missed (16
// pixels on an A4 page at 200 dpi). Boxes are axis-aligned: on a rotated page they hold
// more than their line. An empty image has no boxes; one whose Pix does not
// hold its Rect is an error.
func (d *Detector) Detect(ctx context.Context, img *image.Gray) ([]image.Rectangle, error) {
	if err := checkGray(img); err != nil {
		return nil, fmt.Errorf("paddle: detect: %w", err)
	}
	if img == nil || img.Rect.Empty() {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("paddle: detect: %w", err)
	}
	w, h := detSize(img.Rect.Dx(), img.Rect.Dy(), detMaxSide)
	small := d.scale.resize(img, w, h)
	n := 3 * w * h
	if cap(d.input) < n {
		d.input = make([]float32, n)
	}
	input := d.input[:n]
	for c := range 3 {
		plane := input[c*w*h : (c+1)*w*h]
		for i, v := range small.Pix[:w*h] {
			plane[i] = (float32(v)/255 - detMean[c]) / detStd[c]
		}
	}
	out, err := d.sess.run(ort.NewShape(1, 3, int64(h), int64(w)), input)
	if err != nil {
		return nil, fmt.Errorf("paddle: detect on %dx%d: %w", img.Rect.Dx(), img.Rect.Dy(), err)
	}
	defer out.Destroy()
	shape := out.GetShape()
	if len(shape) != 4 || shape[0] != 1 || shape[1] != 1 || shape[2] < 1 || shape[3] < 1 {
		return nil, fmt.Errorf("paddle: detect: output shape %v, want [1 1 H W]", shape)
	}
	return dbBoxes(out.GetData(), int(shape[3]), int(shape[2]), img.Rect, dbDefaults), nil
}

// detSize returns the detector's input size for a w×h image: scaled down
// so that the longer side is at most maxSide, then each side rounded to
// the nearest multiple of 32 (at least 32).
func detSize(w, h, maxSide int) (int, int) {
	ratio := 1.0
	if long := max(w, h); long > maxSide {
		ratio = float64(maxSide) / float64(long)
	}
	round32 := func(v int) int {
		return max((v+16)/32*32, 32)
	}
	return round32(int(float64(w) * ratio)), round32(int(float64(h) * ratio))
}
