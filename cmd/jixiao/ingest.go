package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	domain "jixiao"
	"jixiao/cmd/internal/worker"
	"jixiao/extract"
	"jixiao/extract/ocr"
	"jixiao/extract/sniff"
	"jixiao/normalize"
	"jixiao/store"
)

const ingestHelp = `
Usage: jixiao ingest [--db FILE] [-j N] [--progress] [--shard i/n] [--no-join]
                     [--max-memory SIZE] [--page-time D] [--in-process]
                     [--ocr-engine auto|paddle|tesseract] [--ocr-models DIR] PATH...

Reads declaration forms from files and stores them in an SQLite database.
PATH is a file, a directory (read recursively, hidden entries skipped) or "-"
for standard input. What a file holds is detected from its content, not its
name: text exports of OCR tools (UTF-8, UTF-16 or GB18030, tab-separated
cells, many forms per file) and PDFs with a text layer are read; scanned
images (PNG, JPEG, multi-page TIFF) and image-only PDFs are read by OCR,
each page on one of the -j workers.

OCR reads with PP-OCR (PaddleOCR's Chinese recogniser, through ONNX Runtime)
where its runtime and models are installed, and has Tesseract read again the
lines PP-OCR is unsure of: a line the two read differently is flagged
low_confidence. Without PP-OCR it reads with Tesseract alone, and says so
once on stderr. --ocr-engine chooses (auto, the default; paddle, which fails
when PP-OCR is missing; tesseract). --ocr-models DIR names the directory of
PP-OCR's models (default $JIXIAO_OCR_MODELS, else ~/.cache/jixiao/ppocr,
where make deps puts them); JIXIAO_ORT_LIB names the runtime library.

Page streams: the image files of one directory (PNG, JPEG, TIFF, by their
bytes; whether found by walking a directory or named on the command line)
are read as the pages of one stream, in natural name order (p2 before p10,
scan_0009 before scan_0010), so that a form scanned one image per page is
stored whole. In the stream, a page with a title (or a ` + domain.LabelProjectName + ` row) starts
a form; a page without one whose first rows are grid rows continues the
form of the page before it, even from another file; a page holding neither
(a blank back, noise) is skipped and counted ("2 blank pages skipped"). A
continuation page with nothing to continue (its predecessor could not be
read, or no page before it starts a form) fails with a reason naming the
page it needed. The stream is stored as runs of files holding whole forms,
each a document that names every file and page it came from. Example: with
scans/17-p1.jpg (a title), scans/17-p2.jpg (the rest of its grid),
scans/17-p3.jpg (blank) and scans/18-p1.jpg (a title), form 17 is read from
17-p1 and 17-p2, and 18-p1 starts the next form. --no-join reads each file
as a document of its own, for files that are whole documents.

Every document but a text export is read in a worker process (this
program again; -j of them, reused) with a memory limit (--max-memory,
default 2G) and a deadline (--page-time, default 2m: the longest a worker
may go without reading a page, plus that much per MiB of the document to
start with). A worker that runs out of memory or time, or crashes, is
stopped and replaced: its document fails with "limit exceeded", "timeout"
or "crashed", and the batch goes on. Text exports up to 64 MiB are read in
this process: their reader is plain Go, linear in the bytes, with every
line bounded. --in-process reads everything here, without limits.
Symbolic links are followed; FIFOs and devices are refused. Every failure,
missing paths and unreadable directories included, is logged in the
database's failures table, one row per file (path and SHA-256) with the
number of failed attempts and the last error; on a rerun the summary says
how many of the failures are new: "3 failed (1 new)".

Each document is stored entirely or not at all (the documents that are ready
are stored together, in one transaction), so an interrupted run leaves no
half-stored document; running the same command again resumes it. A document
whose bytes are already stored is skipped. A document that cannot be read is
named on stderr with the reason and the batch goes on.

--shard i/n reads only the i-th of n deterministic parts of the files, so
that n machines can share a batch: each runs the same command with its own i
and its own --db, and "jixiao merge" folds their databases into one. A file's
part is decided by a hash of its path relative to the directory argument it
was found under (its base name when named directly), so it is the same on
every machine and whatever the order of the arguments; a page stream goes
whole to the part of its first file.

Examples:
  jixiao ingest fixtures/text fixtures/pdf/genpdf-a.pdf
  jixiao ingest --db 2023.db -j 4 budget-books/2023/
  iconv -f utf-8 -t gb18030 forms.txt | jixiao ingest -
  jixiao ingest --db part2.db --shard 2/3 /mnt/share/budget-books/
  jixiao ingest --ocr-engine tesseract scans/
  jixiao ingest --no-join photos/
  jixiao ingest --max-memory 4G --page-time 5m archive/big-scans/
`

// ingestStats counts what a batch did.
type ingestStats struct {
	docs, skipped, failed    int
	newFailures              int // of failed: files that had not failed before (store.DB.RecordFailure)
	forms, indicators, flags int
	pagesLost                int // pages of stored scans that could not be read
	scanPages                int // pages of stored scans
	blankPages               int // pages of stored page streams skipped as blank
	interrupted              bool
}

func runIngest(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "ingest", ingestHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to write (created if missing)")
	jobs := f.Int("j", runtime.NumCPU(), "documents (and scanned pages) read in parallel")
	progress := f.Bool("progress", false, "show progress even when stderr is not a terminal: a plain line (files and pages read) every 5 seconds")
	maxSize := f.Int64("max-size", 512<<20, "refuse files larger than this many bytes")
	shardFlag := f.String("shard", "", "read only part `i/n` of the files (1 <= i <= n), for n machines sharing a batch")
	engine := f.String("ocr-engine", "auto", "OCR `engine`: auto (PP-OCR where installed, else Tesseract), paddle or tesseract")
	models := f.String("ocr-models", "", "`DIR` of PP-OCR's models and runtime (default $JIXIAO_OCR_MODELS or ~/.cache/jixiao/ppocr)")
	noJoin := f.Bool("no-join", false, "read each image file as a document of its own: do not join the image files of a directory into page streams")
	pageTime := f.Duration("page-time", 2*time.Minute, "the longest a worker may read one page (or go without progress) before the document fails with timeout")
	maxMemory := sizeFlag(f, "max-memory", 2<<30, "the most memory a worker may use (`SIZE`, e.g. 1.5G or 800M) before the document fails with limit exceeded")
	inProcess := f.Bool("in-process", false, "read the documents in this process, not in worker processes (no memory or time limit)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() == 0 {
		return f.usageError("no PATH given")
	}
	if *jobs < 1 {
		return f.usageError("-j must be at least 1")
	}
	eng, err := ocr.ParseEngine(*engine)
	if err != nil {
		return f.usageError("%v", err)
	}
	var shard shardSpec // rel: --shard (shard.go)
	if *shardFlag != "" {
		var err error
		if shard, err = parseShard(*shardFlag); err != nil {
			return f.usageError("%v", err)
		}
		if slices.Contains(f.Args(), stdinName) {
			return f.usageError("--shard cannot split standard input")
		}
	}
	files, missing := expandInputs(f.Args())

	if eng == ocr.EnginePaddle {
		if _, _, why := ocr.Resolve(ocr.Options{Engine: eng, Models: *models}); why != nil {
			fmt.Fprintf(e.stderr, "jixiao: --ocr-engine paddle: %s\n", ocr.Unavailable(why))
			return exitUsage
		}
	}
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	defer db.Close()
	defer collectLess()()
	newMissing := 0
	for _, err := range missing { // paths that are not there, unreadable directories
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		var fe *domain.Error
		errors.As(err, &fe)
		first, rerr := db.RecordFailure(ctx, fe.Path, "", fe.Kind, err.Error())
		if rerr != nil {
			fmt.Fprintf(e.stderr, "jixiao: recording the failure: %v\n", rerr)
		}
		if first || rerr != nil {
			newMissing++
		}
	}

	units := selectShardUnits(f.Args(), planUnits(files, !*noJoin), shard)
	nfiles := 0
	for _, u := range units {
		nfiles += len(u.files)
	}
	bar := newProgress(e.stderr, *progress, nfiles, "ingesting")
	defer bar.Finish()
	var noticed sync.Once
	notice := func(msg string) {
		noticed.Do(func() { bar.Printf("jixiao: %s\n", msg) })
	}
	opts := ingestOptions{workers: *jobs, maxSize: *maxSize, stdin: e.stdin, fileRead: func() { bar.Add(1) }}
	if *inProcess || !worker.Supported {
		opts.extractor = extract.New(extract.Options{
			OCRWorkers: *jobs,
			OCR:        ocr.Options{Engine: eng, Models: *models},
			OCRNotice:  notice,
			PageRead:   bar.Page,
		})
		defer opts.extractor.Close()
	} else {
		pool, err := workerPool(worker.PoolOptions{Children: *jobs, PageTime: *pageTime, MemoryLimit: *maxMemory},
			worker.Config{OCRWorkers: *jobs, OCREngine: eng, OCRModels: *models, MemoryLimit: *maxMemory})
		if err != nil {
			fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
			return exitSomeFailed
		}
		defer pool.Close()
		opts.pool = pool
		opts.onEvent = func(ev worker.Event) {
			if ev.Notice != "" {
				notice(ev.Notice)
			}
			if ev.Page {
				bar.Page()
			}
		}
	}
	st, err := ingest(ctx, db, units, opts,
		func(r docResult) {
			bar.Add(r.files)
			if r.err != nil {
				bar.Printf("jixiao: %v\n", r.err)
			}
			for _, p := range r.doc.Problems { // pages of a stored scan that could not be read
				bar.Printf("jixiao: %v (the other pages were stored)\n", p)
			}
		})
	bar.Finish()
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return exitSomeFailed
	}
	st.failed += len(missing)
	st.newFailures += newMissing
	scanned := ""
	switch {
	case st.blankPages > 0:
		scanned = fmt.Sprintf(" (%d scanned page(s), %s skipped)", st.scanPages, plural(st.blankPages, "blank page"))
	case st.scanPages > 0:
		scanned = fmt.Sprintf(" (%d scanned page(s))", st.scanPages)
	}
	fmt.Fprintf(e.stdout, "ingested %d document(s)%s: %d form(s), %d indicator(s), %d flag(s); %d already stored; %s\n",
		st.docs, scanned, st.forms, st.indicators, st.flags, st.skipped, failedSummary(st))
	if sum, err := db.Summary(context.WithoutCancel(ctx)); err == nil {
		fmt.Fprintf(e.stdout, "%s now holds %d document(s), %d form(s), %d indicator(s), %d flag(s)\n",
			*dbPath, sum.Documents, sum.Forms, sum.Indicators, sum.Flags)
	}
	switch {
	case st.interrupted:
		fmt.Fprintf(e.stderr, "jixiao: interrupted; stored documents are kept. Run the same command again to resume.\n")
		return exitInterrupted
	case st.failed > 0 || st.pagesLost > 0:
		return exitSomeFailed
	}
	return exitOK
}

// failedSummary says how many inputs failed and, when some of them had
// failed before (a rerun), how many are new: "3 failed (1 new)".
func failedSummary(st ingestStats) string {
	if st.newFailures == st.failed {
		return fmt.Sprintf("%d failed", st.failed)
	}
	return fmt.Sprintf("%d failed (%d new)", st.failed, st.newFailures)
}

// collectLess makes the garbage collector run when the heap has grown by
// 400% instead of 100%, unless the GOGC environment variable says
// otherwise, and returns a function that restores the setting. Ingest
// allocates a lot and keeps little (the documents in flight), so fewer
// collections save work for a somewhat larger heap. A soft limit of 512 MiB
// on the Go heap (unless GOMEMLIMIT is set) makes it collect as often as
// needed when large documents are in flight.
func collectLess() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	pct := debug.SetGCPercent(400)
	limit := int64(-1) // -1: only read the limit
	if os.Getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(512 << 20)
	}
	return func() {
		debug.SetGCPercent(pct)
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}

type ingestOptions struct {
	workers   int
	maxSize   int64
	stdin     io.Reader
	extractor *extract.Extractor // shared by the workers; nil: extract.Read
	// fileRead, when set, is called (from any goroutine) after each file
	// of a page stream is read, before its documents are stored: the
	// results of a stream's documents count no files (docResult.files).
	fileRead func()
	// pool, when set, reads the documents in child processes, all but
	// small text exports (inProcessText); extractor is then unused.
	pool *worker.Pool
	// onEvent, when set, is told what the children report (from any
	// goroutine).
	onEvent func(worker.Event)
}

// docResult is what a worker made of one file, or of one document of a
// page stream (or of a file of it that failed).
type docResult struct {
	seq     int
	files   int // input files it stands for, not yet counted by ingestOptions.fileRead
	path    string
	doc     extract.Document
	prep    *store.Prepared // doc made ready to store; nil when err or skipped
	err     error
	skipped bool // already stored
}

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// unitResult is what a worker made of one inputUnit: a document per file,
// or the documents and failed files of a page stream, in order.
type unitResult struct {
	seq  int
	docs []docResult
}

// ingest reads units (files and page streams) with opts.workers workers and stores them with one
// writer, in the order of files, so that the same batch gives the same
// database whatever the number of workers. The writer stores the documents
// that are ready together, in one transaction (store.DB.SaveBatch), each
// still entirely or not at all. done is called, from the writer's
// goroutine, after each file, once its transaction has committed.
// Cancelling ctx stops handing out files; the files in flight are still
// finished and stored. The error is only for a failure of the whole batch;
// each file's failure is in its docResult.
func ingest(ctx context.Context, db *store.DB, units []inputUnit, opts ingestOptions, done func(docResult)) (st ingestStats, err error) {
	// The search indexes are filled every indexEvery forms and at the end,
	// not in each document's transaction: a third of the cost. A crash
	// in between leaves the rest to the next store.Open.
	db.DeferSearchIndex()
	defer func() {
		if ierr := db.IndexPending(context.WithoutCancel(ctx)); ierr != nil && err == nil {
			err = ierr
		}
	}()
	window := 8 * opts.workers // results in flight, bounds memory
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	results := make(chan unitResult, window)
	work := context.WithoutCancel(ctx) // documents in flight finish

	g := new(errgroup.Group)
	g.Go(func() error { // feeder
		defer close(jobs)
		for i := range units {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return nil
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				<-tokens
				return nil
			}
		}
		return nil
	})
	workers := new(errgroup.Group)
	for range opts.workers {
		workers.Go(func() error {
			for i := range jobs {
				if u := units[i]; u.stream {
					results <- unitResult{seq: i, docs: readStream(work, db, u.files, opts)}
				} else {
					results <- unitResult{seq: i, docs: []docResult{readOne(work, db, i, u.files[0], opts)}}
				}
			}
			return nil
		})
	}
	go func() { workers.Wait(); close(results) }()

	pending := map[int]unitResult{}
	next := 0
	indexed := 0 // st.forms when the search indexes were last filled
	for r := range results {
		pending[r.seq] = r
		// Take whatever else is ready, without waiting: when the writer
		// is the bottleneck, results queue up and are stored together.
		for more := true; more; {
			select {
			case r, ok := <-results:
				if ok {
					pending[r.seq] = r
				}
				more = ok
			default:
				more = false
			}
		}
		for {
			var batch []docResult
			units := 0 // units in batch
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				units++
				batch = append(batch, r.docs...)
			}
			if units == 0 {
				break
			}
			writeBatch(work, db, batch, &st)
			if st.forms-indexed >= indexEvery {
				// A failure here is retried, and reported, by the call
				// at the end.
				_ = db.IndexPending(work)
				indexed = st.forms
			}
			for _, r := range batch {
				done(r)
			}
			for range units {
				<-tokens
			}
		}
	}
	_ = g.Wait()
	st.interrupted = ctx.Err() != nil && next < len(units)
	return st, nil
}

// indexEvery is how many forms ingest stores between two updates of the
// search indexes. Fewer, larger updates cost less in all, but the last one
// runs after the readers are done, alone on the machine.
const indexEvery = 1024

// readOne reads, extracts and normalizes one file. It never panics.
func readOne(ctx context.Context, db *store.DB, seq int, path string, opts ingestOptions) (r docResult) {
	r = docResult{seq: seq, path: path, files: 1}
	defer func() {
		if p := recover(); p != nil {
			r.err = &domain.Error{Op: "ingest", Path: path, Kind: domain.ErrCrashed, Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	var (
		data []byte
		sha  string
		head []byte
		size int64
		err  error
	)
	if path == stdinName || opts.pool == nil {
		data, err = readInput(path, opts)
		sha, head, size = extract.Hash(data), data, int64(len(data))
	} else { // hash it here, read it in the child
		sha, size, head, err = fileIdentity(path, opts.maxSize)
	}
	if err != nil {
		r.err = err
		return r
	}
	if ok, err := db.HasDocument(ctx, sha); err == nil && ok {
		r.skipped = true
		r.doc = extract.Document{Path: path, SHA256: sha}
		return r
	}
	if opts.pool != nil && (sniff.Detect(head) != sniff.Text || size > inProcessText) {
		r.doc, r.err = readIsolated(ctx, path, data, opts)
		if r.doc.Path == "" {
			r.doc.Path = displayPath(path)
		}
		if r.err != nil {
			return r
		}
	} else {
		if data == nil {
			if data, err = readInput(path, opts); err != nil {
				r.err = err
				return r
			}
		}
		read := extract.Read
		if opts.extractor != nil {
			read = opts.extractor.Read
		}
		r.doc, r.err = read(ctx, displayPath(path), data)
		if r.err != nil {
			return r
		}
		for i := range r.doc.Forms {
			normalize.Form(&r.doc.Forms[i])
		}
	}
	var mtime time.Time
	if info, err := os.Stat(path); err == nil && path != stdinName {
		mtime = info.ModTime()
	}
	d := store.Document{Path: r.doc.Path, SHA256: r.doc.SHA256, Kind: r.doc.Kind, Size: r.doc.Size, ModTime: mtime}
	if r.prep, err = store.Prepare(d, r.doc.Forms); err != nil {
		r.err = &domain.Error{Op: "store", Path: r.doc.Path, Kind: domain.ErrIO, Err: err}
	}
	return r
}

func displayPath(path string) string {
	if path == stdinName {
		return "stdin"
	}
	return path
}

func readInput(path string, opts ingestOptions) ([]byte, error) {
	var rd io.Reader
	if path == stdinName {
		rd = opts.stdin
	} else {
		f, _, err := worker.OpenFile(path, path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		rd = f
	}
	data, err := io.ReadAll(io.LimitReader(rd, opts.maxSize+1))
	if err != nil {
		return nil, &domain.Error{Op: "ingest", Path: displayPath(path), Kind: domain.ErrIO, Err: err}
	}
	if int64(len(data)) > opts.maxSize {
		return nil, tooLarge(displayPath(path), opts.maxSize)
	}
	return data, nil
}

// tooLarge is the error of a file larger than --max-size.
func tooLarge(path string, maxSize int64) error {
	return &domain.Error{Op: "ingest", Path: path, Kind: domain.ErrLimitExceeded,
		Err: fmt.Errorf("larger than --max-size %d bytes", maxSize)}
}

// writeBatch stores the documents of batch, in one transaction when they
// are several (a bad one is retried apart, see store.DB.SaveBatch), records
// the failures, and counts them all.
func writeBatch(ctx context.Context, db *store.DB, batch []docResult, st *ingestStats) {
	var ps []*store.Prepared
	for i := range batch {
		if r := &batch[i]; !r.skipped && r.err == nil {
			ps = append(ps, r.prep)
		}
	}
	saved := db.SaveBatch(ctx, ps)
	for i := range batch {
		r := &batch[i]
		switch {
		case r.skipped:
			st.skipped++
			continue
		case r.err == nil:
			res := saved[0]
			saved = saved[1:]
			switch {
			case res.Err != nil:
				r.err = &domain.Error{Op: "store", Path: r.doc.Path, Kind: domain.ErrIO, Err: res.Err}
			case !res.Added:
				r.skipped = true // the same bytes twice in one batch
				st.skipped++
				continue
			default:
				st.docs++
				st.scanPages += r.doc.Pages
				st.blankPages += r.doc.Blank
				st.pagesLost += len(r.doc.Problems)
				st.forms += len(r.doc.Forms)
				for _, f := range r.doc.Forms {
					st.indicators += len(f.Indicators)
					st.flags += len(f.Flags)
				}
				continue
			}
		}
		st.failed++
		first, err := db.RecordFailure(ctx, displayPath(r.path), r.doc.SHA256, domain.KindOf(r.err), r.err.Error())
		if err != nil {
			r.err = fmt.Errorf("%w (and recording the failure: %v)", r.err, err)
		}
		if first || err != nil {
			st.newFailures++
		}
	}
}
