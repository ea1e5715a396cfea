package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"slices"

	domain "jixiao"
	"jixiao/cmd/internal/worker"
	"jixiao/extract"
	"jixiao/extract/sniff"
)

// inProcessText is the largest text export read in the ingest process
// itself rather than in a child. Reading text is plain Go, linear in the
// bytes with every line bounded, so it cannot hang or crash in C, and its
// memory is a small multiple of the file's size: below this size a child
// would only add the cost of sending the records back.
const inProcessText = 64 << 20

// fileIdentity hashes the file at path and returns its SHA-256, its size
// and its first bytes (enough for sniff.Detect), without keeping the rest
// in memory.
func fileIdentity(path string, maxSize int64) (sha string, size int64, head []byte, err error) {
	f, _, err := worker.OpenFile(path, path)
	if err != nil {
		return "", 0, nil, err
	}
	defer f.Close()
	h := sha256.New()
	hw := &headWriter{max: sniff.HeadSize}
	n, err := io.Copy(io.MultiWriter(h, hw), io.LimitReader(f, maxSize+1))
	if err != nil {
		return "", 0, nil, &domain.Error{Op: "ingest", Path: path, Kind: domain.ErrIO, Err: err}
	}
	if n > maxSize {
		return "", 0, nil, tooLarge(path, maxSize)
	}
	return hex.EncodeToString(h.Sum(nil)), n, hw.b, nil
}

// headWriter keeps the first max bytes written to it.
type headWriter struct {
	max int
	b   []byte
}

func (w *headWriter) Write(p []byte) (int, error) {
	if room := w.max - len(w.b); room > 0 {
		w.b = append(w.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// readIsolated reads one document (the file at path, or data when path is
// standard input) in a child of opts.pool. The forms come back
// normalized.
func readIsolated(ctx context.Context, path string, data []byte, opts ingestOptions) (extract.Document, error) {
	job := worker.Job{Path: displayPath(path), MaxSize: opts.maxSize}
	if path != stdinName {
		job.File, data = path, nil
	}
	res, err := opts.pool.Do(ctx, job, data, opts.onEvent)
	if err != nil {
		return extract.Document{Path: job.Path}, err
	}
	return res.Doc.Extracted(), res.Err.Err()
}

// readStreamIsolated reads a page stream in children of opts.pool and
// returns its parts as extract.ReadStream does. A file that kills its
// child (out of memory, out of time, a crash) fails on its own and the
// stream is read again without it: the file being read when the child
// died is the one, and when several were, each is read alone to find it.
func readStreamIsolated(ctx context.Context, files []extract.StreamFile, opts ingestOptions) ([]extract.StreamPart, error) {
	var killed []extract.StreamPart // files that killed a child, with why
	remaining := files
	retried := false
	for len(remaining) > 0 {
		parts, suspects, err := streamJob(ctx, remaining, opts)
		var fe *domain.Error
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
				if _, _, err := streamJob(ctx, remaining[i:i+1], opts); errors.As(err, &fe) {
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

// streamJob reads files as one page stream in a child. When the child
// dies, suspects are the indices of the files it was reading.
func streamJob(ctx context.Context, files []extract.StreamFile, opts ingestOptions) (parts []extract.StreamPart, suspects []int, err error) {
	job := worker.Job{Path: files[0].Path, MaxSize: opts.maxSize}
	for _, f := range files {
		job.Stream = append(job.Stream, worker.StreamFile{Path: f.Path, SHA256: f.SHA256, Size: f.Size})
	}
	reading := map[int]bool{}
	res, err := opts.pool.Do(ctx, job, nil, func(e worker.Event) {
		switch {
		case e.FileStart > 0:
			reading[e.FileStart-1] = true
		case e.FileDone > 0:
			delete(reading, e.FileDone-1)
			if opts.fileRead != nil {
				opts.fileRead()
			}
		}
		if opts.onEvent != nil {
			opts.onEvent(e)
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
