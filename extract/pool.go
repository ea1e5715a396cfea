package extract

import (
	"context"
	"errors"
	"image"
	"sync"

	"jixiao/extract/ocr"
)

// pageReader reads one page image into rows: an *ocr.Reader, or a fake in
// tests.
type pageReader interface {
	Page(ctx context.Context, g *image.Gray, page int) ([]ocr.Row, error)
	Close() error
}

// readerPool lends OCR readers to the goroutines that read pages. It holds
// at most size readers (each a Tesseract instance, created on first need
// and then reused: a batch of text files never starts Tesseract), and lends
// each to one goroutine at a time. Safe for concurrent use.
type readerPool struct {
	size  int
	slots chan struct{} // one token per reader lent
	open  func() (pageReader, error)

	mu     sync.Mutex
	idle   []pageReader
	closed bool
}

func newReaderPool(size int, open func() (pageReader, error)) *readerPool {
	return &readerPool{size: size, slots: make(chan struct{}, size), open: open}
}

// errPoolClosed is returned by get after Close.
var errPoolClosed = errors.New("OCR reader pool closed")

// get returns an idle reader, or a new one while fewer than size exist, or
// waits for one to be returned. It returns ctx's error when cancelled
// while waiting, and the error of creating a reader.
func (p *readerPool) get(ctx context.Context) (pageReader, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		<-p.slots
		return nil, errPoolClosed
	}
	if n := len(p.idle); n > 0 {
		r := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return r, nil
	}
	p.mu.Unlock()
	r, err := p.open()
	if err != nil {
		<-p.slots
		return nil, err
	}
	return r, nil
}

// put returns a reader got from get. A reader that failed (broken) is
// closed rather than lent again.
func (p *readerPool) put(r pageReader, broken bool) {
	p.mu.Lock()
	if p.closed || broken {
		p.mu.Unlock()
		_ = r.Close()
	} else {
		p.idle = append(p.idle, r)
		p.mu.Unlock()
	}
	<-p.slots
}

// Close closes the idle readers; readers still lent are closed when they
// are returned. Further gets fail.
func (p *readerPool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	var err error
	for _, r := range p.idle {
		err = errors.Join(err, r.Close())
	}
	p.idle = nil
	return err
}
