package worker

import (
	"errors"

	"jixiao"
	"jixiao/extract"
)

// Job is one unit of work for a child: a document (File, or the bytes sent
// with the job when File is empty) or a page stream (Stream).
type Job struct {
	Path    string       `json:"path"`             // names the document in records and errors
	File    string       `json:"file,omitempty"`   // the file to read; "" when the bytes come with the job
	MaxSize int64        `json:"max_size"`         // a file larger than this fails with limit exceeded
	Stream  []StreamFile `json:"stream,omitempty"` // the files of a page stream, in page order
}

// StreamFile is a file of a page stream, as the parent hashed it.
type StreamFile struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Event is what a child reports while a job runs. Each one shows the child
// is making progress: the parent's deadline for the job is counted again
// from it.
type Event struct {
	Page      bool   `json:"page,omitempty"`       // a page was read
	FileStart int    `json:"file_start,omitempty"` // 1-based index of the stream file now being read
	FileDone  int    `json:"file_done,omitempty"`  // 1-based index of the stream file just read
	Notice    string `json:"notice,omitempty"`     // a message for the user (which OCR engine reads)
}

// Result is the outcome of a job: a document (Doc, or Err when it yields
// none) or, for a page stream, its parts in file order.
type Result struct {
	Doc   Document `json:"doc"`
	Err   *Error   `json:"err,omitempty"`
	Parts []Part   `json:"parts,omitempty"`
}

// Document is an extract.Document with its forms normalized and its
// problems as Errors.
type Document struct {
	extract.Document
	Problems []*Error `json:"problems,omitempty"`
}

// Part is one part of a page stream: a document, or a file of it that
// failed on its own (File is its 0-based index).
type Part struct {
	Doc  Document `json:"doc"`
	File int      `json:"file"`
	Err  *Error   `json:"err,omitempty"`
}

// Error is a *jixiao.Error on the wire: its message stands for the
// underlying error.
type Error struct {
	Op   string           `json:"op"`
	Path string           `json:"path"`
	Page int              `json:"page,omitempty"`
	Line int              `json:"line,omitempty"`
	Kind jixiao.ErrorKind `json:"kind"`
	Msg  string           `json:"msg,omitempty"`
}

// wireError returns err as an Error: a *jixiao.Error keeps its fields, any
// other error is of kind internal.
func wireError(err error) *Error {
	if err == nil {
		return nil
	}
	var fe *jixiao.Error
	if !errors.As(err, &fe) {
		return &Error{Op: "extract", Kind: jixiao.ErrInternal, Msg: err.Error()}
	}
	w := &Error{Op: fe.Op, Path: fe.Path, Page: fe.Page, Line: fe.Line, Kind: fe.Kind}
	if fe.Err != nil {
		w.Msg = fe.Err.Error()
	}
	return w
}

// Err returns e as a *jixiao.Error, nil for nil.
func (e *Error) Err() error {
	if e == nil {
		return nil
	}
	fe := &jixiao.Error{Op: e.Op, Path: e.Path, Page: e.Page, Line: e.Line, Kind: e.Kind}
	if e.Msg != "" {
		fe.Err = errors.New(e.Msg)
	}
	return fe
}

// wireDocument returns doc for the wire.
func wireDocument(doc extract.Document) Document {
	d := Document{Document: doc}
	for _, p := range doc.Problems {
		d.Problems = append(d.Problems, wireError(p))
	}
	d.Document.Problems = nil
	return d
}

// Extracted returns the document as extract.Read returned it (its forms
// normalized).
func (d Document) Extracted() extract.Document {
	doc := d.Document
	doc.Problems = nil
	for _, p := range d.Problems {
		doc.Problems = append(doc.Problems, p.Err())
	}
	return doc
}
