package paddle

import (
	"context"
	"fmt"
	"image"

	ort "github.com/yalue/onnxruntime_go"
)

// The recogniser's input geometry.
const (
	recHeight   = 48   // the model's input height
	recMaxWidth = 3200 // widest scaled crop; wider ones are squeezed to it
)

// recLimits is how Read groups crops into runs (see planBatches). Every
// crop is padded to at least 320 pixels (PaddleOCR's input width, the
// width the model was trained at), which reads short crops surer. On one
// thread a run of several crops costs more per crop than runs of one, so
// runs hold one crop unless SetBatchSize says otherwise.
var recLimits = batchLimits{size: 1, columns: 8 * 800, slack: 1.15, minWidth: 320}

// recSteps is the number of time steps the recogniser outputs for an input
// width: one per 8 columns, rounded as its convolutions and pooling do.
func recSteps(width int) int { return max((width+3)/8, 1) }

// Recognizer reads text line crops with the PP-OCRv4 recognition model.
// It holds one ONNX Runtime session (one thread) and buffers that it
// reuses from call to call: it is not safe for concurrent use; use one per
// worker.
type Recognizer struct {
	sess   *session
	dict   []string
	limits batchLimits
	scale  scaler
	input  []float32
	output []float32 // the model's output, reused from run to run
}

// NewRecognizer loads m.Rec and m.Dict (loading the runtime m.Lib first,
// see Init). The model's class count must be the dictionary's plus two
// (the blank and the space).
func NewRecognizer(m Models) (*Recognizer, error) {
	dict, err := loadDictionary(m.Dict)
	if err != nil {
		return nil, err
	}
	s, err := newSession(m.Lib, m.Rec)
	if err != nil {
		return nil, err
	}
	in, out := s.input.Dimensions, s.output.Dimensions
	if len(in) != 4 || (in[1] > 0 && in[1] != 3) || (in[2] > 0 && in[2] != recHeight) || len(out) != 3 {
		s.close()
		return nil, fmt.Errorf("paddle: load %s: input %v, output %v: not a PP-OCR recogniser ([N,3,%d,W] in, [N,T,classes] out)", m.Rec, in, out, recHeight)
	}
	if out[2] > 0 && int(out[2]) != len(dict)+2 {
		s.close()
		return nil, fmt.Errorf("paddle: load %s: the model has %d classes, but dictionary %s has %d entries (want %d: blank, entries, space)",
			m.Rec, out[2], m.Dict, len(dict), out[2]-2)
	}
	return &Recognizer{sess: s, dict: dict, limits: recLimits}, nil
}

// SetBatchSize sets the most crops Read runs the model on at once (n < 1
// means 1, the default). Crops of a run are padded to the widest, and a
// run only takes crops within 15% of its narrowest's width (those under
// 320 pixels count as 320) and up to 6,400 padded columns in all. The
// texts read do not depend on it; the speed does.
func (r *Recognizer) SetBatchSize(n int) {
	r.limits.size = max(n, 1)
}

// SetMinWidth sets the least width (pixels at the model's height 48) a
// crop is padded to (default 320, PaddleOCR's; 0 pads nothing). Padding
// short crops costs time; how it changes what is read is the caller's to
// measure.
func (r *Recognizer) SetMinWidth(n int) {
	r.limits.minWidth = max(n, 0)
}

// Close releases the session. The Recognizer must not be used after.
func (r *Recognizer) Close() error {
	return r.sess.close()
}

// Read recognises one line of text in each crop (grey, dark text on light,
// about upright) and returns one Line per crop, in order. Each crop is
// resized to height 48 keeping its aspect ratio; a crop more than 66⅔
// times as wide as it is tall is squeezed to that ratio (3200 pixels
// wide), which reads it worse, and one narrower than 320 pixels at that
// height is padded to 320. A nil or empty crop, or one on which the model
// reads nothing, gives an empty Line; a crop whose Pix does not hold its
// Rect is an error. Text never begins or ends with a space. On error, or
// when ctx is done between two runs of the model, Read returns no Lines.
func (r *Recognizer) Read(ctx context.Context, crops []*image.Gray) ([]Line, error) {
	lines := make([]Line, len(crops))
	widths := make([]int, len(crops))
	for i, c := range crops {
		if err := checkGray(c); err != nil {
			return nil, fmt.Errorf("paddle: read crop %d: %w", i, err)
		}
		if c != nil {
			widths[i] = scaledWidth(c.Rect.Dx(), c.Rect.Dy(), recHeight, recMaxWidth)
		}
	}
	for _, run := range planBatches(widths, r.limits) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("paddle: read: %w", err)
		}
		if err := r.readRun(crops, widths, run, lines); err != nil {
			return nil, fmt.Errorf("paddle: read %d crop(s): %w", len(run), err)
		}
	}
	return lines, nil
}

// readRun reads crops[run...] in one run of the model into lines.
func (r *Recognizer) readRun(crops []*image.Gray, widths, run []int, lines []Line) error {
	padded := r.limits.minWidth
	for _, i := range run {
		padded = max(padded, widths[i])
	}
	sample := 3 * recHeight * padded
	n := len(run) * sample
	if cap(r.input) < n {
		r.input = make([]float32, n)
	}
	input := r.input[:n]
	for k, i := range run {
		img := r.scale.resize(crops[i], widths[i], recHeight)
		fillSample(input[k*sample:(k+1)*sample], img, padded)
	}
	want := ort.NewShape(int64(len(run)), int64(recSteps(padded)), int64(len(r.dict)+2))
	probs, shape, err := r.sess.runInto(ort.NewShape(int64(len(run)), 3, recHeight, int64(padded)), input, want, &r.output)
	if err != nil {
		return err
	}
	if len(shape) != 3 || shape[0] != int64(len(run)) || shape[1] < 1 || int(shape[2]) != len(r.dict)+2 {
		return fmt.Errorf("output shape %v, want [%d T %d]", shape, len(run), len(r.dict)+2)
	}
	steps, classes := int(shape[1]), int(shape[2])
	for k, i := range run {
		c := crops[i]
		g := stepGeometry{x0: c.Rect.Min.X, w: c.Rect.Dx(), resized: widths[i], padded: padded, steps: steps}
		lines[i] = decodeLine(probs[k*steps*classes:(k+1)*steps*classes], steps, classes, r.dict, g)
	}
	return nil
}
