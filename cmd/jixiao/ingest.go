package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"jixiao"
	"jixiao/cmd/internal/worker"
	"jixiao/extract"
	"jixiao/extract/ocr"
	"jixiao/ingest"
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
stored whole. In the stream, a page with a title (or a ` + jixiao.LabelProjectName + ` row) starts
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
program again, reused; at most -j pages are read at once in all: -j
processes of one page each, or fewer reading more pages of one document
when there are fewer documents) with a memory limit (--max-memory,
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

Ctrl-C (or SIGTERM) stops the batch between pages (a worker reading is
stopped at once): the documents stored are kept, the ones being read are
left to the next run, and the exit status is 130. A second Ctrl-C exits at
once.

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

func runIngest(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "ingest", ingestHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to write (created if missing)")
	jobs := f.Int("j", runtime.NumCPU(), "documents (and scanned pages) read in parallel")
	progress := f.Bool("progress", false, "show progress even when stderr is not a terminal: a plain line (files and pages read) every 5 seconds")
	maxSize := f.Int64("max-size", ingest.DefaultMaxSize, "refuse files larger than this many bytes")
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
		var fe *jixiao.Error
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
		nfiles += len(u.Files)
	}
	bar := newProgress(e.stderr, *progress, nfiles, "ingesting")
	defer bar.Finish()
	var noticed sync.Once
	notice := func(msg string) {
		noticed.Do(func() { bar.Printf("jixiao: %s\n", msg) })
	}
	opts := ingest.Options{Workers: *jobs, MaxSize: *maxSize, Stdin: e.stdin, FileRead: func() { bar.Add(1) },
		Done: func(r ingest.Result) {
			bar.Add(r.Files)
			if r.Err != nil {
				bar.Printf("jixiao: %v\n", r.Err)
			}
			for _, p := range r.Doc.Problems { // pages of a stored scan that could not be read
				bar.Printf("jixiao: %v (the other pages were stored)\n", p)
			}
		}}
	if *inProcess || !worker.Supported {
		opts.Extractor = extract.New(extract.Options{
			OCRWorkers: *jobs,
			OCR:        ocr.Options{Engine: eng, Models: *models},
			OCRNotice:  notice,
			PageRead:   bar.Page,
		})
		defer opts.Extractor.Close()
	} else {
		children, readers := splitJobs(*jobs, len(units))
		pool, err := workerPool(worker.PoolOptions{Children: children, PageTime: *pageTime, MemoryLimit: *maxMemory},
			worker.Config{OCRWorkers: readers, OCREngine: eng, OCRModels: *models, MemoryLimit: *maxMemory})
		if err != nil {
			fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
			return exitSomeFailed
		}
		defer pool.Close()
		opts.Reader = &isolated{pool: pool, maxSize: *maxSize, onEvent: func(ev worker.Event) {
			if ev.Notice != "" {
				notice(ev.Notice)
			}
			if ev.Page {
				bar.Page()
			}
		}}
	}
	st, err := ingest.Run(ctx, db, units, opts)
	bar.Finish()
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return exitSomeFailed
	}
	st.Failed += len(missing)
	st.NewFailures += newMissing
	scanned := ""
	switch {
	case st.BlankPages > 0:
		scanned = fmt.Sprintf(" (%d scanned page(s), %s skipped)", st.ScanPages, plural(st.BlankPages, "blank page"))
	case st.ScanPages > 0:
		scanned = fmt.Sprintf(" (%d scanned page(s))", st.ScanPages)
	}
	fmt.Fprintf(e.stdout, "ingested %d document(s)%s: %d form(s), %d indicator(s), %d flag(s); %d already stored; %s\n",
		st.Docs, scanned, st.Forms, st.Indicators, st.Flags, st.Skipped, failedSummary(st))
	if sum, err := db.Summary(context.WithoutCancel(ctx)); err == nil {
		fmt.Fprintf(e.stdout, "%s now holds %d document(s), %d form(s), %d indicator(s), %d flag(s)\n",
			*dbPath, sum.Documents, sum.Forms, sum.Indicators, sum.Flags)
	}
	switch {
	case st.Interrupted:
		fmt.Fprintf(e.stderr, "jixiao: interrupted; stored documents are kept. Run the same command again to resume.\n")
		return exitInterrupted
	case st.Failed > 0 || st.PagesLost > 0:
		return exitSomeFailed
	}
	return exitOK
}

// failedSummary says how many inputs failed and, when some of them had
// failed before (a rerun), how many are new: "3 failed (1 new)".
func failedSummary(st ingest.Stats) string {
	if st.NewFailures == st.Failed {
		return fmt.Sprintf("%d failed", st.Failed)
	}
	return fmt.Sprintf("%d failed (%d new)", st.Failed, st.NewFailures)
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

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
