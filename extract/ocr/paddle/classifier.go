package paddle

import (
	"context"
	"fmt"
	"image"

	ort "github.com/yalue/onnxruntime_go"
)

// The direction classifier's input: crops scaled to height 48 and padded
// (or squeezed) to width 192, as PaddleOCR's cls_image_shape 3,48,192.
const (
	clsHeight = 48
	clsWidth  = 192
	clsBatch  = 8 // crops per run (all runs have the same input width)
)

// Direction is the classifier's verdict on one line crop.
type Direction struct {
	// UpsideDown is whether the line is more likely rotated by 180° than
	// upright.
	UpsideDown bool
	// Confidence is the probability of that verdict, from 0.5 to 1 (0 for
	// an empty crop). PaddleOCR turns a line only above 0.9.
	Confidence float64
}

// Classifier tells upright text lines from upside-down ones with PaddleOCR's
// direction classifier (ch_ppocr_mobile_v2.0_cls). It holds one ONNX
// Runtime session (one thread) and reuses its buffers: not safe for
// concurrent use.
type Classifier struct {
	sess  *session
	scale scaler
	input []float32
}

// NewClassifier loads m.Cls (loading the runtime m.Lib first, see Init).
func NewClassifier(m Models) (*Classifier, error) {
	s, err := newSession(m.Lib, m.Cls)
	if err != nil {
		return nil, err
	}
	if in, out := s.input.Dimensions, s.output.Dimensions; len(in) != 4 || len(out) != 2 || (out[1] > 0 && out[1] != 2) {
		s.close()
		return nil, fmt.Errorf("paddle: load %s: input %v, output %v: not a 0°/180° classifier ([N,3,H,W] in, [N,2] out)", m.Cls, in, out)
	}
	return &Classifier{sess: s}, nil
}

// Close releases the session. The Classifier must not be used after.
func (c *Classifier) Close() error {
	return c.sess.close()
}

// Directions returns, for each line crop (grey, one line of text, as cut
// for the Recognizer), whether it is upside down. Each crop is scaled to
// height 48 and padded to width 192; one more than 4 times as wide as it
// is tall is squeezed to 192×48, as PaddleOCR does. A nil or empty crop
// gives a zero Direction; one whose Pix does not hold its Rect is an
// error. On error, or when ctx is done between two runs, it returns no
// Directions.
func (c *Classifier) Directions(ctx context.Context, crops []*image.Gray) ([]Direction, error) {
	dirs := make([]Direction, len(crops))
	var idx []int
	for i, cr := range crops {
		if err := checkGray(cr); err != nil {
			return nil, fmt.Errorf("paddle: classify crop %d: %w", i, err)
		}
		if cr != nil && !cr.Rect.Empty() {
			idx = append(idx, i)
		}
	}
	for len(idx) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("paddle: classify: %w", err)
		}
		run := idx[:min(clsBatch, len(idx))]
		idx = idx[len(run):]
		if err := c.classifyRun(crops, run, dirs); err != nil {
			return nil, fmt.Errorf("paddle: classify %d crop(s): %w", len(run), err)
		}
	}
	return dirs, nil
}

func (c *Classifier) classifyRun(crops []*image.Gray, run []int, dirs []Direction) error {
	sample := 3 * clsHeight * clsWidth
	n := len(run) * sample
	if cap(c.input) < n {
		c.input = make([]float32, n)
	}
	input := c.input[:n]
	for k, i := range run {
		cr := crops[i]
		w := scaledWidth(cr.Rect.Dx(), cr.Rect.Dy(), clsHeight, clsWidth)
		fillSample(input[k*sample:(k+1)*sample], c.scale.resize(cr, w, clsHeight), clsWidth)
	}
	out, err := c.sess.run(ort.NewShape(int64(len(run)), 3, clsHeight, clsWidth), input)
	if err != nil {
		return err
	}
	defer out.Destroy()
	if shape := out.GetShape(); len(shape) != 2 || shape[0] != int64(len(run)) || shape[1] != 2 {
		return fmt.Errorf("output shape %v, want [%d 2]", shape, len(run))
	}
	p := out.GetData()
	for k, i := range run {
		up, down := float64(p[2*k]), float64(p[2*k+1])
		dirs[i] = Direction{UpsideDown: down > up, Confidence: max(up, down)}
	}
	return nil
}
