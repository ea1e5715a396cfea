// Package paddle reads text with PaddleOCR's PP-OCRv4 mobile Chinese models
// (recognition, detection, 0°/180° direction) run by ONNX Runtime, loaded
// at run time through github.com/yalue/onnxruntime_go (cgo). It imports
// nothing of jixiao.
//
// Locate finds the models and the runtime library (`make deps` installs
// them in DefaultDir); Init loads the library once per process. A
// Recognizer reads one-line crops into text with per-character confidence
// and position; a Detector finds the text lines of a page; a Classifier
// tells upright lines from upside-down ones. Each holds one ONNX Runtime
// session that runs on the calling goroutine's thread only (one intra-op
// and one inter-op thread, sequential execution) and is not safe for
// concurrent use: use one per worker.
//
// Pre- and post-processing follow PaddleOCR's inference code; docs/ppocr.md
// describes them.
//
// Limitations: the recogniser reads one line per crop (a two-line crop
// reads as a mix); crops wider than 66⅔ times their height are squeezed;
// detection boxes are axis-aligned, for nearly upright pages; text is
// returned exactly as the model prints it (ASCII brackets may come out
// full-width, the thousands comma of a number may be read as a period).
package paddle
