package jixiao

import (
	"errors"
	"fmt"
	"strings"
)

// ErrorKind classifies why a document could not be read. The list only
// grows; its values are stored and shown to users.
type ErrorKind string

// The error kinds.
const (
	ErrMalformed     ErrorKind = "malformed"      // the content is not what its format promises
	ErrUnsupported   ErrorKind = "unsupported"    // a format or feature jixiao does not read
	ErrEncrypted     ErrorKind = "encrypted"      // the document needs a password
	ErrLimitExceeded ErrorKind = "limit exceeded" // too large, too deep, too many pixels
	ErrTimeout       ErrorKind = "timeout"        // extraction took too long
	ErrCrashed       ErrorKind = "crashed"        // the extractor crashed on this input
	ErrIO            ErrorKind = "I/O"            // the file could not be read
	ErrInternal      ErrorKind = "internal"       // a bug in jixiao
	ErrNoForm        ErrorKind = "no form"        // readable, but holds no declaration form
)

// Error is the error of every stage: what was done (Op), to which file, where
// in it, and why (Kind, Err). Its message reads like
// "extract forms.pdf page 3: malformed: …".
type Error struct {
	Op   string    // "extract", "ingest", "store", …
	Path string    // the file, as the user named it
	Page int       // 1-based page, 0 when not known or not paged
	Line int       // 1-based line of a text file, 0 when not known
	Kind ErrorKind // why
	Err  error     // the underlying error, may be nil
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Op)
	if e.Path != "" {
		b.WriteString(" " + e.Path)
	}
	if e.Page > 0 {
		fmt.Fprintf(&b, " page %d", e.Page)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
	}
	b.WriteString(": " + string(e.Kind))
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of the first *Error in err's chain, or ErrInternal
// for an error of another type, or "" for nil.
func KindOf(err error) ErrorKind {
	if err == nil {
		return ""
	}
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Kind
	}
	return ErrInternal
}
