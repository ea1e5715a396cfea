package worker

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Frame types.
const (
	frameJob    byte = 'J' // parent to child: a Job, maybe with the document's bytes
	frameEvent  byte = 'E' // child to parent: an Event while the job runs
	frameResult byte = 'R' // child to parent: the job's Result; the child is idle again
)

// maxBody bounds the JSON body of a frame: the records of a very large
// document (10,000 forms) fit many times over.
const maxBody = 1 << 30

// frameHeader is the fixed part of a frame: its type, the length of its
// JSON body and the length of the raw bytes that follow the body.
const frameHeader = 1 + 4 + 8

// A frame is one message of the protocol: a type, a JSON body and raw bytes
// (the document, for a job; empty otherwise). On the wire it is the type
// byte, the body's length (4 bytes, big-endian), the data's length (8
// bytes, big-endian), the body and the data.
type frame struct {
	typ  byte
	body []byte
	data []byte
}

// errFrame marks a frame that is not well formed.
var errFrame = errors.New("malformed frame")

// writeFrame writes f to w in one piece.
func writeFrame(w io.Writer, f frame) error {
	if len(f.body) > maxBody {
		return fmt.Errorf("%w: body of %d bytes", errFrame, len(f.body))
	}
	var h [frameHeader]byte
	h[0] = f.typ
	binary.BigEndian.PutUint32(h[1:5], uint32(len(f.body)))
	binary.BigEndian.PutUint64(h[5:], uint64(len(f.data)))
	if _, err := w.Write(h[:]); err != nil {
		return err
	}
	if _, err := w.Write(f.body); err != nil {
		return err
	}
	if len(f.data) > 0 {
		if _, err := w.Write(f.data); err != nil {
			return err
		}
	}
	return nil
}

// readFrame reads one frame from r. It returns io.EOF when r ends before a
// frame starts, io.ErrUnexpectedEOF when it ends inside one, and an error
// wrapping errFrame for an unknown type or a length over maxBody or
// maxData. Memory grows with the bytes actually read, never with what a
// length claims.
func readFrame(r io.Reader, maxData int64) (frame, error) {
	var h [frameHeader]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return frame{}, err
	}
	f := frame{typ: h[0]}
	switch f.typ {
	case frameJob, frameEvent, frameResult:
	default:
		return frame{}, fmt.Errorf("%w: type %q", errFrame, f.typ)
	}
	nb := int64(binary.BigEndian.Uint32(h[1:5]))
	nd := binary.BigEndian.Uint64(h[5:])
	if nb > maxBody {
		return frame{}, fmt.Errorf("%w: body of %d bytes", errFrame, nb)
	}
	if nd > uint64(maxData) {
		return frame{}, fmt.Errorf("%w: data of %d bytes (at most %d)", errFrame, nd, maxData)
	}
	var err error
	if f.body, err = readN(r, nb); err != nil {
		return frame{}, err
	}
	if f.data, err = readN(r, int64(nd)); err != nil {
		return frame{}, err
	}
	return f, nil
}

// readN reads exactly n bytes, growing the buffer as they arrive.
func readN(r io.Reader, n int64) ([]byte, error) {
	if n == 0 {
		return nil, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, n))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) < n {
		return nil, io.ErrUnexpectedEOF
	}
	return b, nil
}
