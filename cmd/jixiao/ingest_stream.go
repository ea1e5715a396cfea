package main

import (
	"context"
	"fmt"
	"os"
	"time"

	domain "jixiao"
	"jixiao/extract"
	"jixiao/normalize"
	"jixiao/store"
)

// readStream reads the image files of a page stream (in page order) and
// returns a result per document of it and per file that failed, in order.
// A stream all of whose files are stored is skipped without being read
// (one result, skipped). A file that cannot be read from disk fails on its
// own and the stream goes on without it. It never panics.
func readStream(ctx context.Context, db *store.DB, paths []string, opts ingestOptions) (out []docResult) {
	defer func() {
		if p := recover(); p != nil {
			out = []docResult{{path: paths[0], files: len(paths),
				err: &domain.Error{Op: "ingest", Path: paths[0], Kind: domain.ErrCrashed, Err: fmt.Errorf("panic: %v", p)}}}
		}
	}()
	var (
		files   []extract.StreamFile
		hashes  []string
		modTime time.Time
	)
	for _, path := range paths {
		sha, size, _, err := fileIdentity(path, opts.maxSize)
		if err != nil {
			out = append(out, docResult{path: path, files: 1, err: err})
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
		return append(out, docResult{path: files[0].Path, files: len(files), skipped: true,
			doc: extract.Document{Path: files[0].Path, SHA256: extract.StreamSHA256(hashes)}})
	}
	ex := opts.extractor
	if ex == nil && opts.pool == nil {
		ex = extract.New(extract.Options{OCRWorkers: opts.workers})
		defer ex.Close()
	}
	files0 := len(files) // files the results count: none when fileRead counts them
	if opts.fileRead != nil {
		files0 = 0
	}
	var (
		parts []extract.StreamPart
		err   error
	)
	if opts.pool != nil {
		parts, err = readStreamIsolated(ctx, files, opts)
	} else {
		parts, err = ex.ReadStream(ctx, files, func(int) {
			if opts.fileRead != nil {
				opts.fileRead()
			}
		})
	}
	if err != nil {
		return append(out, docResult{path: files[0].Path, files: files0, err: err})
	}
	for _, p := range parts {
		if p.Err != nil {
			out = append(out, docResult{path: p.File.Path, files: min(files0, 1), err: p.Err,
				doc: extract.Document{Path: p.File.Path, SHA256: p.File.SHA256}})
			continue
		}
		r := streamDocResult(p.Doc, modTime, opts.pool != nil)
		r.files = min(files0, len(p.Doc.Files))
		out = append(out, r)
	}
	return out
}

// streamDocResult normalizes (unless a child did) and prepares a document
// of a page stream.
func streamDocResult(doc extract.Document, modTime time.Time, normalized bool) docResult {
	r := docResult{path: doc.Path, doc: doc}
	if !normalized {
		for i := range r.doc.Forms {
			normalize.Form(&r.doc.Forms[i])
		}
	}
	d := store.Document{Path: doc.Path, SHA256: doc.SHA256, Kind: doc.Kind, Size: doc.Size, ModTime: modTime}
	for _, f := range doc.Files {
		d.Files = append(d.Files, store.File{Path: f.Path, SHA256: f.SHA256, Size: f.Size, FirstPage: f.FirstPage, Pages: f.Pages})
	}
	var err error
	if r.prep, err = store.Prepare(d, r.doc.Forms); err != nil {
		r.err = &domain.Error{Op: "store", Path: doc.Path, Kind: domain.ErrIO, Err: err}
	}
	return r
}
