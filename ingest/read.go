package ingest

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"jixiao"
	"jixiao/extract"
	"jixiao/extract/sniff"
	"jixiao/normalize"
	"jixiao/store"
)

// Source is one document for a Reader to read: the file at Path (or
// standard input), already hashed.
type Source struct {
	Path   string // the file, or Stdin
	Name   string // the document's name in the database and in errors: Path, or "stdin"
	SHA256 string // hex SHA-256 of its bytes
	Size   int64
	// Head is its first bytes, up to sniff.HeadSize: enough for
	// sniff.Detect.
	Head    []byte
	data    []byte // the bytes, when in memory
	maxSize int64
}

// Bytes returns the document's bytes: those in memory (standard input's),
// or the file's, read now, which fails with limit exceeded when it has
// grown beyond Options.MaxSize, and as ReadFile does.
func (s *Source) Bytes() ([]byte, error) {
	if s.data != nil || s.Path == Stdin {
		return s.data, nil
	}
	return ReadFile(s.Path, s.Name, s.maxSize)
}

// readUnit reads u. It never panics.
func readUnit(ctx context.Context, db *store.DB, u Unit, opts *Options) []Result {
	if u.Stream {
		return readStream(ctx, db, u.Files, opts)
	}
	return []Result{readOne(ctx, db, u.Files[0], opts)}
}

// readOne reads, extracts, normalizes and prepares one file. It never
// panics.
func readOne(ctx context.Context, db *store.DB, path string, opts *Options) (r Result) {
	r = Result{Path: path, Files: 1}
	defer func() {
		if p := recover(); p != nil {
			r.Err = &jixiao.Error{Op: "ingest", Path: path, Kind: jixiao.ErrCrashed, Err: fmt.Errorf("panic: %v", p)}
		}
	}()
	src, err := identify(path, opts)
	if err != nil {
		r.Err = err
		return r
	}
	if ok, err := db.HasDocument(ctx, src.SHA256); err == nil && ok {
		r.Skipped = true
		r.Doc = extract.Document{Path: path, SHA256: src.SHA256}
		return r
	}
	if opts.Reader != nil {
		r.Doc, r.Err = opts.Reader.Read(ctx, src)
	} else {
		read := extract.Read
		if opts.Extractor != nil {
			read = opts.Extractor.Read
		}
		if r.Doc, r.Err = read(ctx, src.Name, src.data); r.Err == nil {
			for i := range r.Doc.Forms {
				normalize.Form(&r.Doc.Forms[i])
			}
		}
	}
	if r.Doc.Path == "" {
		r.Doc.Path = src.Name
	}
	if r.Err != nil {
		return r
	}
	var mtime time.Time
	if info, err := os.Stat(path); err == nil && path != Stdin {
		mtime = info.ModTime()
	}
	d := store.Document{Path: r.Doc.Path, SHA256: r.Doc.SHA256, Kind: r.Doc.Kind, Size: r.Doc.Size, ModTime: mtime}
	if r.prep, err = store.Prepare(d, r.Doc.Forms); err != nil {
		r.Err = &jixiao.Error{Op: "store", Path: r.Doc.Path, Kind: jixiao.ErrIO, Err: err}
	}
	return r
}

// identify hashes the document at path. Read in this process (no
// Reader), and from standard input, its bytes are read into memory; a
// Reader is left to read a file itself, so it is only hashed here.
func identify(path string, opts *Options) (*Source, error) {
	src := &Source{Path: path, Name: displayPath(path), maxSize: opts.MaxSize}
	if path == Stdin || opts.Reader == nil {
		data, err := readInput(path, opts)
		if err != nil {
			return nil, err
		}
		src.data, src.SHA256, src.Size = data, extract.Hash(data), int64(len(data))
		src.Head = data[:min(len(data), sniff.HeadSize)]
		return src, nil
	}
	var err error
	src.SHA256, src.Size, src.Head, err = fileIdentity(path, opts.MaxSize)
	if err != nil {
		return nil, err
	}
	return src, nil
}

// displayPath is how the document at path is named: "stdin" for Stdin.
func displayPath(path string) string {
	if path == Stdin {
		return "stdin"
	}
	return path
}

// readInput reads the file at path, or Options.Stdin, up to
// Options.MaxSize bytes.
func readInput(path string, opts *Options) ([]byte, error) {
	if path != Stdin {
		return ReadFile(path, path, opts.MaxSize)
	}
	rd := opts.Stdin
	if rd == nil {
		rd = eofReader{}
	}
	data, err := io.ReadAll(io.LimitReader(rd, opts.MaxSize+1))
	if err != nil {
		return nil, &jixiao.Error{Op: "ingest", Path: displayPath(path), Kind: jixiao.ErrIO, Err: err}
	}
	if int64(len(data)) > opts.MaxSize {
		return nil, tooLarge(displayPath(path), opts.MaxSize)
	}
	return data, nil
}

// eofReader is an empty standard input.
type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// readStream reads the image files of a page stream (in page order) and
// returns a result per document of it and per file that failed, in order.
// A stream all of whose files are stored is skipped without being read
// (one result, skipped). A file that cannot be read from disk fails on its
// own and the stream goes on without it. It never panics.
func readStream(ctx context.Context, db *store.DB, paths []string, opts *Options) (out []Result) {
	defer func() {
		if p := recover(); p != nil {
			out = []Result{{Path: paths[0], Files: len(paths),
				Err: &jixiao.Error{Op: "ingest", Path: paths[0], Kind: jixiao.ErrCrashed, Err: fmt.Errorf("panic: %v", p)}}}
		}
	}()
	var (
		files   []extract.StreamFile
		hashes  []string
		modTime time.Time
	)
	for _, path := range paths {
		sha, size, _, err := fileIdentity(path, opts.MaxSize)
		if err != nil {
			out = append(out, Result{Path: path, Files: 1, Err: err})
			continue
		}
		hashes = append(hashes, sha)
		files = append(files, extract.StreamFile{Path: path, SHA256: sha, Size: size,
			Load: func() ([]byte, error) { return readInput(path, opts) }})
		if info, err := os.Stat(path); err == nil && info.ModTime().After(modTime) {
			modTime = info.ModTime()
		}
	}
	if len(files) == 0 {
		return out
	}
	if ok, err := db.HasFiles(ctx, hashes); err == nil && ok {
		return append(out, Result{Path: files[0].Path, Files: len(files), Skipped: true,
			Doc: extract.Document{Path: files[0].Path, SHA256: extract.StreamSHA256(hashes)}})
	}
	files0 := len(files) // files the results count: none when FileRead counts them
	if opts.FileRead != nil {
		files0 = 0
	}
	var (
		parts []extract.StreamPart
		err   error
	)
	if opts.Reader != nil {
		parts, err = opts.Reader.ReadStream(ctx, files, opts.FileRead)
	} else {
		ex := opts.Extractor
		if ex == nil {
			ex = extract.New(extract.Options{OCRWorkers: opts.Workers})
			defer ex.Close()
		}
		parts, err = ex.ReadStream(ctx, files, func(int) {
			if opts.FileRead != nil {
				opts.FileRead()
			}
		})
	}
	if err != nil {
		return append(out, Result{Path: files[0].Path, Files: files0, Err: err})
	}
	for _, p := range parts {
		if p.Err != nil {
			out = append(out, Result{Path: p.File.Path, Files: min(files0, 1), Err: p.Err,
				Doc: extract.Document{Path: p.File.Path, SHA256: p.File.SHA256}})
			continue
		}
		r := streamResult(p.Doc, modTime, opts.Reader != nil)
		r.Files = min(files0, len(p.Doc.Files))
		out = append(out, r)
	}
	return out
}

// streamResult normalizes (unless the Reader did) and prepares a document
// of a page stream.
func streamResult(doc extract.Document, modTime time.Time, normalized bool) Result {
	r := Result{Path: doc.Path, Doc: doc}
	if !normalized {
		for i := range r.Doc.Forms {
			normalize.Form(&r.Doc.Forms[i])
		}
	}
	d := store.Document{Path: doc.Path, SHA256: doc.SHA256, Kind: doc.Kind, Size: doc.Size, ModTime: modTime}
	for _, f := range doc.Files {
		d.Files = append(d.Files, store.File{Path: f.Path, SHA256: f.SHA256, Size: f.Size, FirstPage: f.FirstPage, Pages: f.Pages})
	}
	var err error
	if r.prep, err = store.Prepare(d, r.Doc.Forms); err != nil {
		r.Err = &jixiao.Error{Op: "store", Path: doc.Path, Kind: jixiao.ErrIO, Err: err}
	}
	return r
}
