package worker

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"jixiao/extract"
	"jixiao/extract/ocr"
	"jixiao/ingest"
	"jixiao/normalize"
)

// Config is what a child is started with.
type Config struct {
	OCRWorkers int        `json:"ocr_workers"` // pages of one document read at the same time
	OCREngine  ocr.Engine `json:"ocr_engine"`
	OCRModels  string     `json:"ocr_models"` // PP-OCR's directory; "" for the default
	// MemoryLimit is the most memory, in bytes, the child may use: its
	// data segment is limited to it (RLIMIT_DATA: the allocations of Go,
	// Tesseract and ONNX Runtime alike), and Go's heap to three quarters
	// of it (GOMEMLIMIT). 0: no limit.
	MemoryLimit int64 `json:"memory_limit"`
}

// maxJobData bounds the bytes a job may carry (the --max-size of ingest is
// checked by the parent).
const maxJobData = 1 << 40

// Child is the child's side of the protocol: it reads jobs from in, one at
// a time, and writes their events and results to out, until in ends. A
// document that cannot be read is a Result with Err, never an error of
// Child; the error is for the protocol (a malformed frame, a write that
// fails because the parent is gone).
func Child(ctx context.Context, cfg Config, in io.Reader, out io.Writer) error {
	if err := limitMemory(cfg.MemoryLimit); err != nil {
		return fmt.Errorf("worker: memory limit: %w", err)
	}
	collectMore()
	var mu sync.Mutex // out: events come from the OCR goroutines
	send := func(typ byte, v any) error {
		body, err := json.Marshal(v)
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		return writeFrame(out, frame{typ: typ, body: body})
	}
	emit := func(e Event) { _ = send(frameEvent, e) }
	ex := extract.New(extract.Options{
		OCRWorkers: cfg.OCRWorkers,
		OCR:        ocr.Options{Engine: cfg.OCREngine, Models: cfg.OCRModels},
		OCRNotice:  func(msg string) { emit(Event{Notice: msg}) },
		PageRead:   func() { emit(Event{Page: true}) },
	})
	defer ex.Close()
	for {
		f, err := readFrame(in, maxJobData)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("worker: reading a job: %w", err)
		}
		if f.typ != frameJob {
			return fmt.Errorf("worker: %w: type %q where a job was expected", errFrame, f.typ)
		}
		var job Job
		if err := json.Unmarshal(f.body, &job); err != nil {
			return fmt.Errorf("worker: %w: job: %v", errFrame, err)
		}
		res := runJob(ctx, ex, job, f.data, emit)
		if err := send(frameResult, res); err != nil {
			return fmt.Errorf("worker: writing a result: %w", err)
		}
	}
}

// runJob reads the document or page stream of job.
func runJob(ctx context.Context, ex *extract.Extractor, job Job, data []byte, emit func(Event)) Result {
	if len(job.Stream) > 0 {
		return runStream(ctx, ex, job, emit)
	}
	if job.File != "" {
		var err error
		if data, err = ingest.ReadFile(job.File, job.Path, job.MaxSize); err != nil {
			return Result{Err: wireError(err)}
		}
	}
	doc, err := ex.Read(ctx, job.Path, data)
	if err != nil {
		return Result{Doc: wireDocument(extract.Document{Path: doc.Path, SHA256: doc.SHA256}), Err: wireError(err)}
	}
	for i := range doc.Forms {
		normalize.Form(&doc.Forms[i])
	}
	return Result{Doc: wireDocument(doc)}
}

// runStream reads the files of a page stream, each loaded when it is read.
func runStream(ctx context.Context, ex *extract.Extractor, job Job, emit func(Event)) Result {
	files := make([]extract.StreamFile, len(job.Stream))
	index := map[string]int{}
	for i, sf := range job.Stream {
		index[sf.Path] = i
		files[i] = extract.StreamFile{Path: sf.Path, SHA256: sf.SHA256, Size: sf.Size,
			Load: func() ([]byte, error) {
				emit(Event{FileStart: i + 1})
				return ingest.ReadFile(sf.Path, sf.Path, job.MaxSize)
			}}
	}
	parts, err := ex.ReadStream(ctx, files, func(i int) { emit(Event{FileDone: i + 1}) })
	if err != nil {
		return Result{Err: wireError(err)}
	}
	var res Result
	for _, p := range parts {
		if p.Err != nil {
			res.Parts = append(res.Parts, Part{File: index[p.File.Path], Err: wireError(p.Err)})
			continue
		}
		for i := range p.Doc.Forms {
			normalize.Form(&p.Doc.Forms[i])
		}
		res.Parts = append(res.Parts, Part{Doc: wireDocument(p.Doc), File: index[p.Doc.Files[0].Path]})
	}
	return res
}

// collectMore has the collector run when the heap has grown by half
// (GOGC=50), unless the GOGC environment variable says otherwise. A child's
// time is the recognisers', not the collector's, and its heap is page
// images, mostly garbage by the next page, which the default pace lets
// grow to twice what is live.
func collectMore() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
}
