package main

import (
	"context"
	"errors"
	"slices"

	"jixiao"
	"jixiao/cmd/internal/worker"
	"jixiao/extract"
	"jixiao/extract/sniff"
	"jixiao/ingest"
	"jixiao/normalize"
)

// inProcessText is the largest text export read in the ingest process
// itself rather than in a child. Reading text is plain Go, linear in the
// bytes with every line bounded, so it cannot hang or crash in C, and its
// memory is a small multiple of the file's size: below this size a child
// would only add the cost of sending the records back.
const inProcessText = 64 << 20

// isolated is ingest's Reader that reads documents in the children of a
// worker pool: every document but a text export of up to inProcessText
// bytes, which it reads in this process. Safe for concurrent use.
type isolated struct {
	pool    *worker.Pool
	maxSize int64
	// onEvent, when set, is told what the children report (from any
	// goroutine).
	onEvent func(worker.Event)
}

// Read reads src in a child (a small text export here). The forms come
// back normalized. When ctx is done the child is killed and Read returns
// ctx's error.
func (r *isolated) Read(ctx context.Context, src *ingest.Source) (extract.Document, error) {
	if sniff.Detect(src.Head) == sniff.Text && src.Size <= inProcessText {
		data, err := src.Bytes()
		if err != nil {
			return extract.Document{}, err
		}
		doc, err := extract.Read(ctx, src.Name, data)
		if err == nil {
			for i := range doc.Forms {
				normalize.Form(&doc.Forms[i])
			}
		}
		return doc, err
	}
	job := worker.Job{Path: src.Name, MaxSize: r.maxSize}
	var data []byte
	if src.Path == ingest.Stdin {
		data, _ = src.Bytes() // in memory
	} else {
		job.File = src.Path
	}
	res, err := r.pool.Do(ctx, job, data, r.onEvent)
	if err != nil {
		return extract.Document{Path: job.Path}, err
	}
	return res.Doc.Extracted(), res.Err.Err()
}

// ReadStream reads a page stream in children, as readStreamIsolated does.
func (r *isolated) ReadStream(ctx context.Context, files []extract.StreamFile, fileRead func()) ([]extract.StreamPart, error) {
	return readStreamIsolated(ctx, files, r, fileRead)
}

// readStreamIsolated reads a page stream in children of r.pool and
// returns its parts as extract.ReadStream does. A file that kills its
// child (out of memory, out of time, a crash) fails on its own and the
// stream is read again without it: the file being read when the child
// died is the one, and when several were, each is read alone to find it.
func readStreamIsolated(ctx context.Context, files []extract.StreamFile, r *isolated, fileRead func()) ([]extract.StreamPart, error) {
	var killed []extract.StreamPart // files that killed a child, with why
	remaining := files
	retried := false
	for len(remaining) > 0 {
		parts, suspects, err := streamJob(ctx, remaining, r, fileRead)
		var fe *jixiao.Error
		if err == nil || !errors.As(err, &fe) {
			if err != nil {
				return nil, err
			}
			parts = append(parts, killed...)
			slices.SortStableFunc(parts, func(a, b extract.StreamPart) int {
				return fileIndex(files, a) - fileIndex(files, b)
			})
			return parts, nil
		}
		var bad []int // indices into remaining
		switch {
		case len(suspects) == 1:
			bad = suspects
		case len(remaining) == 1:
			bad = []int{0}
		default:
			for _, i := range suspects { // each alone
				if _, _, err := streamJob(ctx, remaining[i:i+1], r, fileRead); errors.As(err, &fe) {
					bad = append(bad, i)
				} else if err != nil {
					return nil, err
				}
			}
		}
		if len(bad) == 0 {
			if retried { // dies together, never alone: fail them all
				bad = suspects
			}
			retried = true
		}
		if len(bad) == 0 && len(suspects) == 0 {
			bad = []int{0}
		}
		for _, i := range bad {
			f := remaining[i]
			e := *fe
			e.Path = f.Path
			killed = append(killed, extract.StreamPart{File: f, Err: &e})
		}
		var rest []extract.StreamFile
		for i, f := range remaining {
			if !slices.Contains(bad, i) {
				rest = append(rest, f)
			}
		}
		remaining = rest
	}
	slices.SortStableFunc(killed, func(a, b extract.StreamPart) int {
		return fileIndex(files, a) - fileIndex(files, b)
	})
	return killed, nil
}

// fileIndex returns the position in files of the first file of p.
func fileIndex(files []extract.StreamFile, p extract.StreamPart) int {
	path := p.File.Path
	if p.Err == nil && len(p.Doc.Files) > 0 {
		path = p.Doc.Files[0].Path
	}
	return slices.IndexFunc(files, func(f extract.StreamFile) bool { return f.Path == path })
}

// streamJob reads files as one page stream in a child, calling fileRead
// (when not nil) after each file is read. When the child dies, suspects
// are the indices of the files it was reading.
func streamJob(ctx context.Context, files []extract.StreamFile, r *isolated, fileRead func()) (parts []extract.StreamPart, suspects []int, err error) {
	job := worker.Job{Path: files[0].Path, MaxSize: r.maxSize}
	for _, f := range files {
		job.Stream = append(job.Stream, worker.StreamFile{Path: f.Path, SHA256: f.SHA256, Size: f.Size})
	}
	reading := map[int]bool{}
	res, err := r.pool.Do(ctx, job, nil, func(e worker.Event) {
		switch {
		case e.FileStart > 0:
			reading[e.FileStart-1] = true
		case e.FileDone > 0:
			delete(reading, e.FileDone-1)
			if fileRead != nil {
				fileRead()
			}
		}
		if r.onEvent != nil {
			r.onEvent(e)
		}
	})
	if err != nil {
		for i := range reading {
			suspects = append(suspects, i)
		}
		slices.Sort(suspects)
		return nil, suspects, err
	}
	if res.Err != nil {
		return nil, nil, res.Err.Err()
	}
	for _, p := range res.Parts {
		sp := extract.StreamPart{File: files[p.File], Err: p.Err.Err()}
		if p.Err == nil {
			sp.Doc = p.Doc.Extracted()
		}
		parts = append(parts, sp)
	}
	return parts, nil, nil
}
