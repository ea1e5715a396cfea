// Package ingest reads batches of documents and stores them: the pipeline
// of "jixiao ingest", without its command line.
//
// [Run] reads the units of a batch (files, and page streams of image files)
// with up to [Options.Workers] readers at once, and stores what they read
// with one writer, in the order of the units, so that a batch gives the
// same database whatever the number of workers. The writer stores the
// documents that are ready together, in one transaction
// ([store.DB.SaveBatch]); each is stored entirely or not at all. A document
// whose bytes are stored already is skipped, so running a batch again
// resumes it. A document that cannot be read is logged in the database's
// failures ([store.DB.RecordFailure]) and the batch goes on.
//
// Cancelling the context stops the batch between pages: the readers return
// at their next page, what they were reading is neither stored nor logged
// as a failure, and what was stored stays. What is stored is always a
// prefix of the batch (a document read whole after one that was cancelled
// is dropped too), so the next run stores the rest in order.
//
// Documents are read in this process by an [extract.Extractor], or by a
// [Reader] the caller supplies (jixiao's reads them in worker processes).
// Limitations: a document is held in memory while it is read (see
// [Options.MaxSize]), and a PDF's text layer is read to its end once
// begun (only scans check the context between pages).
package ingest

import (
	"context"
	"errors"
	"io"

	"golang.org/x/sync/errgroup"

	"jixiao/extract"
	"jixiao/store"
)

// Stdin is the path of the unit read from Options.Stdin. Its document is
// named "stdin" in the database.
const Stdin = "-"

// DefaultMaxSize is the MaxSize of Options that leave it 0.
const DefaultMaxSize = 512 << 20

// Unit is what one reader reads: one file, or the image files of a page
// stream.
type Unit struct {
	Files  []string // one file (or Stdin); a stream's files in page order
	Stream bool     // the files are the pages of a stream (extract.Extractor.ReadStream)
}

// Reader reads documents somewhere else than in Run's process, as
// jixiao's worker processes do. Its methods are called from several
// goroutines at once. When ctx is done they return ctx's error (or one
// wrapping it) as soon as they can, between pages at the latest.
type Reader interface {
	// Read returns the document src holds, its forms normalized
	// (normalize.Form), or why it could not be read: a *jixiao.Error naming
	// src.Name, or ctx's error.
	Read(ctx context.Context, src *Source) (extract.Document, error)
	// ReadStream reads files as one page stream and returns its parts as
	// extract.Extractor.ReadStream does, their forms normalized. It calls
	// fileRead, when not nil, after each file is read.
	ReadStream(ctx context.Context, files []extract.StreamFile, fileRead func()) ([]extract.StreamPart, error)
}

// Options configure Run. The zero value reads one unit at a time, in this
// process, with the package-level extract.Read.
type Options struct {
	// Workers is the most units read at once (at least 1).
	Workers int
	// MaxSize is the largest file read, in bytes; a larger one fails with
	// limit exceeded. 0: DefaultMaxSize.
	MaxSize int64
	// Stdin is what the unit Stdin reads.
	Stdin io.Reader
	// Extractor reads the documents when Reader is nil. nil: the
	// package-level extract.Read, and an Extractor of Workers OCR readers
	// for each page stream.
	Extractor *extract.Extractor
	// Reader, when set, reads the documents instead of Extractor.
	Reader Reader
	// FileRead, when set, is called (from any goroutine) after each file
	// of a page stream is read, before its documents are stored; the
	// Results of a stream then count no files (Result.Files).
	FileRead func()
	// Done, when set, is called from Run's goroutine with each Result,
	// in the order of the units, once its transaction has committed.
	Done func(Result)
}

// Result is what became of one document: one file, or one document of a
// page stream, or one file of a stream that failed on its own.
type Result struct {
	Path  string // the (first) file, or Stdin
	Files int    // input files it stands for that Options.FileRead did not count
	// Doc is what was read. For a stored scan, Doc.Problems are the
	// pages that could not be read.
	Doc     extract.Document
	Err     error // why it was not stored (logged in failures); nil when it was, or was skipped
	Skipped bool  // already stored
	prep    *store.Prepared
}

// Stats count what a batch did.
type Stats struct {
	Docs, Skipped, Failed    int // documents stored, already stored, failed
	NewFailures              int // of Failed: files that had not failed before (store.DB.RecordFailure)
	Forms, Indicators, Flags int // of the documents stored
	PagesLost                int // pages of stored scans that could not be read
	ScanPages                int // pages of stored scans
	BlankPages               int // pages of stored page streams skipped as blank
	// Interrupted is set when ctx was done before every unit was stored:
	// the next run reads the rest.
	Interrupted bool
}

// indexEvery is how many forms Run stores between two updates of the
// search indexes. Fewer, larger updates cost less in all, but the last one
// runs after the readers are done, alone on the machine.
const indexEvery = 1024

// unitResult is what a reader made of one Unit: a Result per file, or
// the documents and failed files of a page stream, in order.
type unitResult struct {
	seq  int
	docs []Result
	// interrupted: ctx was done while the unit was read, which it was
	// not to the end; nothing of it is stored.
	interrupted bool
}

// Run reads units and stores them in db, as the package doc says. It
// returns what it did; the error is for a failure of the whole batch (the
// search indexes could not be filled), each document's failure is in its
// Result. When ctx is done it returns once the readers have stopped, with
// Stats.Interrupted set unless every unit was stored. Run fills the
// search indexes every 1024 forms and before it returns
// (store.DB.DeferSearchIndex); a crash in between leaves the rest to the
// next store.Open. Run is meant to be db's only writer while it runs:
// another writer's documents would come between the batch's.
func Run(ctx context.Context, db *store.DB, units []Unit, opts Options) (st Stats, err error) {
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	if opts.MaxSize <= 0 {
		opts.MaxSize = DefaultMaxSize
	}
	db.DeferSearchIndex()
	defer func() {
		if ierr := db.IndexPending(context.WithoutCancel(ctx)); ierr != nil && err == nil {
			err = ierr
		}
	}()
	// What was read whole is stored, and failures logged, even after ctx
	// is done: a transaction is short.
	write := context.WithoutCancel(ctx)
	window := 8 * opts.Workers // units read and not yet stored: bounds memory
	tokens := make(chan struct{}, window)
	results := make(chan unitResult, window)

	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(opts.Workers)
	go func() { // the feeder: g.Go waits for a free reader
		defer func() {
			_ = g.Wait()
			close(results)
		}()
		for i, u := range units {
			select {
			case tokens <- struct{}{}:
			case <-gctx.Done():
				return
			}
			if gctx.Err() != nil { // select picks either when both are ready
				return
			}
			g.Go(func() error {
				docs := readUnit(gctx, db, u, &opts)
				results <- unitResult{seq: i, docs: docs, interrupted: gctx.Err() != nil && cancelled(docs)}
				return nil
			})
		}
	}()

	pending := map[int]unitResult{}
	next := 0        // the unit to store next
	indexed := 0     // st.Forms when the search indexes were last filled
	stopped := false // a unit was interrupted: none after it is stored
	for r := range results {
		if stopped {
			<-tokens
			continue
		}
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
		for !stopped {
			var batch []Result
			n := 0 // units in batch
			for {
				r, ok := pending[next]
				if !ok {
					break
				}
				if r.interrupted {
					stopped = true
					break
				}
				delete(pending, next)
				next++
				n++
				batch = append(batch, r.docs...)
			}
			if n == 0 {
				break
			}
			writeBatch(write, db, batch, &st)
			if st.Forms-indexed >= indexEvery {
				// A failure here is retried, and reported, by the call
				// at the end.
				_ = db.IndexPending(write)
				indexed = st.Forms
			}
			if opts.Done != nil {
				for _, r := range batch {
					opts.Done(r)
				}
			}
			for range n {
				<-tokens
			}
		}
		if stopped {
			for range pending {
				<-tokens
			}
			clear(pending)
		}
	}
	st.Interrupted = ctx.Err() != nil && next < len(units)
	return st, nil
}

// cancelled reports whether a result of docs failed because its context
// was done.
func cancelled(docs []Result) bool {
	for _, r := range docs {
		if errors.Is(r.Err, context.Canceled) || errors.Is(r.Err, context.DeadlineExceeded) {
			return true
		}
	}
	return false
}
