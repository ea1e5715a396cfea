package paddle

import ort "github.com/yalue/onnxruntime_go"

// RecSteps lets the external tests check recSteps against the model.
var RecSteps = recSteps

// RunBlank runs r's model on one blank input of the given width, with its
// output into a buffer of the predicted shape steps (when steps > 0), and
// returns the output's shape.
func (r *Recognizer) RunBlank(width, steps int) (ort.Shape, error) {
	var want ort.Shape
	if steps > 0 {
		want = ort.NewShape(1, int64(steps), int64(len(r.dict)+2))
	}
	_, shape, err := r.sess.runInto(ort.NewShape(1, 3, recHeight, int64(width)), make([]float32, 3*recHeight*width), want, &r.output)
	return shape, err
}
