package paddle

import (
	"errors"
	"fmt"
	"os"
	"sync"

	ort "github.com/yalue/onnxruntime_go"
)

// runtimeState is the process's one ONNX Runtime: which library was loaded
// and with what result.
var runtimeState struct {
	mu   sync.Mutex
	done bool
	lib  string
	err  error
}

// Init loads the ONNX Runtime shared library lib (a path) and creates the
// process's runtime environment. The first call does the work and its
// result is kept for good, as with sync.Once: later calls with the same
// path return that result (nil, or the same error); a call with another
// path returns an error without loading anything. The runtime stays loaded
// until the process exits. Safe for concurrent use. NewRecognizer, NewDetector and NewClassifier call it with Models.Lib, so
// calling it first is needed only to report a broken runtime early.
func Init(lib string) error {
	runtimeState.mu.Lock()
	defer runtimeState.mu.Unlock()
	if runtimeState.done {
		if lib != runtimeState.lib {
			return fmt.Errorf("paddle: load ONNX Runtime %s: a process loads it once, and this one loaded %s", lib, runtimeState.lib)
		}
		return runtimeState.err
	}
	runtimeState.done, runtimeState.lib = true, lib
	if lib == "" {
		runtimeState.err = errors.New("paddle: load ONNX Runtime: no library path given")
		return runtimeState.err
	}
	if err := regularFile(lib); err != nil {
		runtimeState.err = fmt.Errorf("paddle: load ONNX Runtime: %w", err)
		return runtimeState.err
	}
	noTelemetry()
	ort.SetSharedLibraryPath(lib)
	if err := ort.InitializeEnvironment(ort.WithLogLevelError()); err != nil {
		runtimeState.err = fmt.Errorf("paddle: load ONNX Runtime %s: %w", lib, err)
		return runtimeState.err
	}
	if err := ort.DisableTelemetry(); err != nil {
		runtimeState.err = fmt.Errorf("paddle: load ONNX Runtime %s: %w", lib, err)
	}
	return runtimeState.err
}

// telemetryOff is the environment variable with which ONNX Runtime (1.30
// and later, outside Windows) collects and sends nothing: without it, the
// library writes a device identifier and a queue of usage events under the
// user's cache directory, a debug log per process in the temporary
// directory, and uploads the events to Microsoft when it can. The forms
// jixiao reads are an archive's, not a vendor's.
const telemetryOff = "ORT_DISABLE_TELEMETRY"

// noTelemetry sets telemetryOff before the library starts, unless the
// user set it. Init also turns the library's events off once it started,
// whatever the variable says.
func noTelemetry() {
	if _, set := os.LookupEnv(telemetryOff); !set {
		os.Setenv(telemetryOff, "1")
	}
}

// session is one model loaded in an ONNX Runtime session with a single
// input and a single output, run on the calling thread only.
type session struct {
	s      *ort.DynamicAdvancedSession
	input  ort.InputOutputInfo
	output ort.InputOutputInfo
}

// newSession loads the model at path with one intra-op and one inter-op
// thread and sequential execution, and no memory pattern (it is planned
// for one input shape; ours change from run to run).
func newSession(lib, path string) (*session, error) {
	if err := Init(lib); err != nil {
		return nil, err
	}
	opts, err := ort.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("paddle: load %s: session options: %w", path, err)
	}
	defer opts.Destroy()
	for _, set := range []func() error{
		func() error { return opts.SetIntraOpNumThreads(1) },
		func() error { return opts.SetInterOpNumThreads(1) },
		func() error { return opts.SetExecutionMode(ort.ExecutionModeSequential) },
		func() error { return opts.SetMemPattern(false) },
	} {
		if err := set(); err != nil {
			return nil, fmt.Errorf("paddle: load %s: session options: %w", path, err)
		}
	}
	ins, outs, err := ort.GetInputOutputInfoWithOptions(path, opts)
	if err != nil {
		return nil, fmt.Errorf("paddle: load %s: %w", path, err)
	}
	if len(ins) != 1 || len(outs) != 1 {
		return nil, fmt.Errorf("paddle: load %s: want a model with one input and one output, it has %d and %d", path, len(ins), len(outs))
	}
	for _, io := range []ort.InputOutputInfo{ins[0], outs[0]} {
		if io.OrtValueType != ort.ONNXTypeTensor || io.DataType != ort.TensorElementDataTypeFloat {
			return nil, fmt.Errorf("paddle: load %s: %s is not a float32 tensor", path, io.Name)
		}
	}
	s, err := ort.NewDynamicAdvancedSession(path, []string{ins[0].Name}, []string{outs[0].Name}, opts)
	if err != nil {
		return nil, fmt.Errorf("paddle: load %s: %w", path, err)
	}
	return &session{s: s, input: ins[0], output: outs[0]}, nil
}

// run runs the model on input (shape, data) and returns the output tensor,
// which the caller must Destroy.
func (s *session) run(shape ort.Shape, data []float32) (*ort.Tensor[float32], error) {
	in, err := ort.NewTensor(shape, data)
	if err != nil {
		return nil, fmt.Errorf("input tensor %v: %w", shape, err)
	}
	defer in.Destroy()
	outs := []ort.Value{nil}
	if err := s.s.Run([]ort.Value{in}, outs); err != nil {
		return nil, fmt.Errorf("run on %v: %w", shape, err)
	}
	out, ok := outs[0].(*ort.Tensor[float32])
	if !ok {
		outs[0].Destroy()
		return nil, fmt.Errorf("run on %v: output is %T, not a float32 tensor", shape, outs[0])
	}
	return out, nil
}

// runInto runs the model on input (shape, data) with its output written
// into *buf (grown as needed) when the output has outShape, and returns the
// output's values and shape, valid until the next call with buf. A model
// whose output has another shape is run again with an output of the
// runtime's own, copied into *buf: the result is the same either way; a
// right outShape only spares the copy and the garbage.
func (s *session) runInto(shape ort.Shape, data []float32, outShape ort.Shape, buf *[]float32) ([]float32, ort.Shape, error) {
	if n := int(outShape.FlattenedSize()); n > 0 {
		if cap(*buf) < n {
			*buf = make([]float32, n)
		}
		got, err := s.runWith(shape, data, outShape, (*buf)[:n])
		if err == nil {
			return got, outShape, nil
		}
	}
	out, err := s.run(shape, data)
	if err != nil {
		return nil, nil, err
	}
	defer out.Destroy()
	got := out.GetData()
	if cap(*buf) < len(got) {
		*buf = make([]float32, len(got))
	}
	*buf = (*buf)[:len(got)]
	copy(*buf, got)
	return *buf, out.GetShape().Clone(), nil
}

// runWith runs the model on input (shape, data) with its output in dst, of
// shape outShape.
func (s *session) runWith(shape ort.Shape, data []float32, outShape ort.Shape, dst []float32) ([]float32, error) {
	in, err := ort.NewTensor(shape, data)
	if err != nil {
		return nil, fmt.Errorf("input tensor %v: %w", shape, err)
	}
	defer in.Destroy()
	out, err := ort.NewTensor(outShape, dst)
	if err != nil {
		return nil, fmt.Errorf("output tensor %v: %w", outShape, err)
	}
	defer out.Destroy()
	if err := s.s.Run([]ort.Value{in}, []ort.Value{out}); err != nil {
		return nil, fmt.Errorf("run on %v: %w", shape, err)
	}
	return dst, nil
}

func (s *session) close() error {
	if s == nil || s.s == nil {
		return nil
	}
	err := s.s.Destroy()
	s.s = nil
	return err
}
