package extract

import (
	"runtime"
	"sync"

	"jixiao/extract/ocr"
	"jixiao/extract/reconstruct"
)

// Options configure an Extractor. The zero value is usable.
type Options struct {
	// OCRWorkers is the most pages read by OCR at the same time across all
	// the documents the Extractor reads, and so the most Tesseract
	// instances it starts (default: GOMAXPROCS). The pages of one
	// multi-page scan are read in parallel up to this bound.
	OCRWorkers int
	// OCR configures each OCR reader (its engine among others).
	OCR ocr.Options
	// OCRNotice, when set, is told once, when the first OCR reader is
	// started, which engine reads the scans and, when EngineAuto could not
	// use PP-OCR, why and how to install it.
	OCRNotice func(msg string)
	// PageRead, when set, is called (from any goroutine) after each page
	// read by OCR, whether or not it could be read: a sign of progress.
	PageRead func()
}

// Extractor reads documents of any kind. It owns the OCR readers (one per
// worker), created when a scan first needs one and reused for every later
// page, never one per document. It is safe for concurrent use: the ingest
// workers share one Extractor. Close it when done.
type Extractor struct {
	pool     *readerPool
	pageRead func()
}

// New returns an Extractor. It starts no OCR reader yet.
func New(o Options) *Extractor {
	n := o.OCRWorkers
	if n < 1 {
		n = runtime.GOMAXPROCS(0)
	}
	opts := o.OCR
	if opts.Vocabulary == nil {
		opts.Vocabulary = reconstruct.Label
	}
	var once sync.Once
	return &Extractor{pageRead: o.PageRead, pool: newReaderPool(n, func() (pageReader, error) {
		r, err := ocr.NewReader(opts)
		if err != nil {
			return nil, err
		}
		if o.OCRNotice != nil {
			once.Do(func() { o.OCRNotice(engineNotice(opts, r.Engine())) })
		}
		return r, nil
	})}
}

// engineNotice says which engine reads the scans, and, when PP-OCR was
// asked for by default but cannot be used, why and how to install it.
func engineNotice(o ocr.Options, e ocr.Engine) string {
	if e == ocr.EnginePaddle {
		return "reading scans with PP-OCR (ONNX Runtime); Tesseract checks the lines it is unsure of"
	}
	if eng, _ := ocr.ParseEngine(string(o.Engine)); eng == ocr.EngineTesseract {
		return "reading scans with Tesseract (--ocr-engine tesseract)"
	}
	_, _, why := ocr.Resolve(o)
	return "reading scans with Tesseract: " + ocr.Unavailable(why)
}

// newWithReaders returns an Extractor whose OCR readers come from open (for
// tests).
func newWithReaders(workers int, open func() (pageReader, error)) *Extractor {
	return &Extractor{pool: newReaderPool(workers, open)}
}

// Close frees the OCR readers. The Extractor must not be used afterwards.
func (e *Extractor) Close() error { return e.pool.Close() }

// defaultExtractor serves the package-level Read. Its readers live as long
// as the process.
var defaultExtractor = sync.OnceValue(func() *Extractor { return New(Options{}) })
