package extract

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/sync/errgroup"

	"jixiao"
	"jixiao/extract/scan"
	"jixiao/extract/sniff"
	"jixiao/extract/table"
)

// A page stream is a run of image files that are the pages of documents, as
// a scanner writes them (scan_0001.jpg, scan_0002.jpg, …): ReadStream reads
// each file's pages to rows, then joins them in file order as the pages of
// one PDF are joined, so that a form continues from one file onto the next.
// A page with a title starts a form, a page without one that continues a
// grid continues the form of the page before it, and a page that holds
// neither (a blank back, noise) is skipped and counted.
//
// The stream is cut into documents between files, before each file that
// starts a form (after the first): each document is a run of files holding
// whole forms, named by its first file, whose identity is the list of its
// files' hashes (StreamSHA256). Storing those documents makes the files of a
// stream known one by one, and a changed file makes a new document of its
// run only.

// StreamFile is one file of a page stream.
type StreamFile struct {
	Path   string // the file as the user named it: names it in sources and errors
	SHA256 string // hex SHA-256 of its bytes (Hash)
	Size   int64
	// Load returns the file's bytes. ReadStream calls it once, when it
	// reads the file's pages, and drops the bytes when they are read, so
	// that only the files being read are in memory.
	Load func() ([]byte, error)
}

// SourceFile is one file of a document read as a page stream: which pages
// of the document it holds.
type SourceFile struct {
	Path      string
	SHA256    string
	Size      int64
	FirstPage int // the document's page number of the file's first page (1-based)
	Pages     int // how many pages it holds (0 when it could not be opened)
}

// StreamPart is one result of ReadStream, in the order of the files: a
// document (Err nil) or a file that failed on its own (Err set, File the
// file; Doc zero).
type StreamPart struct {
	Doc  Document
	File StreamFile
	Err  error // a *jixiao.Error naming the file
}

// StreamSHA256 returns the identity of a document made of files with these
// hashes, in this order: the hex SHA-256 of a fixed header and the hashes,
// one a line. It never equals the hash of a file's bytes in practice, so a
// one-file document of a stream is not mistaken for the file read alone.
func StreamSHA256(files []string) string {
	var b strings.Builder
	b.WriteString("jixiao page stream 1\n")
	for _, f := range files {
		b.WriteString(f + "\n")
	}
	return Hash([]byte(b.String()))
}

// streamPage is one page of a stream, once read.
type streamPage struct {
	file     int // index of its file in the stream
	filePage int // 1-based page in its file
	rows     []table.Row
	size     jixiao.Page // zero when it failed
	err      error       // *jixiao.Error naming the file and page when it could not be read
	role     pageRole
	orphan   error // a continuation with no form to continue, in a file that starts one further on
}

// ReadStream reads files, in this order, as a page stream (see above) and
// returns its documents and the files that failed, in file order. Every
// page of every file is read, up to the Extractor's OCR workers at a time
// (files in parallel, the pages of one file in order). onFile, when not
// nil, is called (from any goroutine) with the index of each file in files
// once it is read.
//
// A file fails on its own when none of its pages could be read, and when
// it continues a form that no page before it starts (its reason names the
// page it needed: the page before it that could not be read, if any); the
// other files' forms are kept, those next to a lost page flagged
// page_unread. A form is never joined across a page that could not be
// read. The error is for the whole stream: ctx done, or the OCR reader
// could not be started; no part is returned then. Safe for concurrent use.
func (e *Extractor) ReadStream(ctx context.Context, files []StreamFile, onFile func(index int)) ([]StreamPart, error) {
	perFile := make([][]streamPage, len(files))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(e.pool.size) // files in memory at once
	for i := range files {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			ps, err := e.readStreamFile(gctx, i, files[i])
			if err != nil {
				return err
			}
			perFile[i] = ps
			if onFile != nil {
				onFile(i)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return joinStream(files, perFile), nil
}

// readStreamFile reads the pages of one file of a stream. A file that
// cannot be loaded or opened gives one failed page. The error is for the
// whole stream.
func (e *Extractor) readStreamFile(ctx context.Context, index int, f StreamFile) (pages []streamPage, err error) {
	failed := func(page int, kind jixiao.ErrorKind, err error) []streamPage {
		return []streamPage{{file: index, filePage: page, err: &jixiao.Error{Op: "extract", Path: f.Path, Page: page, Kind: kind, Err: err}}}
	}
	defer func() {
		if r := recover(); r != nil {
			pages, err = failed(0, jixiao.ErrCrashed, fmt.Errorf("panic: %v", r)), nil
		}
	}()
	data, err := f.Load()
	if err != nil {
		return failed(0, jixiao.ErrIO, err), nil
	}
	switch k := sniff.Detect(data); k {
	case sniff.PNG, sniff.JPEG, sniff.TIFF:
	default:
		return failed(0, jixiao.ErrUnsupported, fmt.Errorf("not an image (%s): only images are read as pages of a stream", k)), nil
	}
	sd, err := scan.Open(data)
	if err != nil {
		return failed(0, scanErrorKind(err), err), nil
	}
	for p := 1; p <= sd.Pages(); p++ {
		rows, size, perr, err := e.readPooled(ctx, f.Path, sd, p)
		if err != nil {
			return nil, err
		}
		sp := streamPage{file: index, filePage: p, rows: rows, size: size}
		if perr != nil {
			sp.rows, sp.size = nil, jixiao.Page{}
			sp.err = &jixiao.Error{Op: "extract", Path: f.Path, Page: p, Kind: scanErrorKind(perr), Err: perr}
		}
		sp.role = roleOf(sp.rows)
		pages = append(pages, sp)
	}
	return pages, nil
}
