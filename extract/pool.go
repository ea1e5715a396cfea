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
	Page(ctx context.Context, img image.Image, page int) ([]ocr.Row, error)
	Close() error
}

// readerPool lends OCR readers to the goroutines that read pages. It has
// size slots: a goroutine holds one while it decodes and reads a page, so
// at most size pages are decoded or read at once. It holds at most size
// readers (each a Tesseract instance, created on first need and then
// reused: a batch of text files never starts Tesseract), each lent to one
// goroutine at a time. Safe for concurrent use.
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

// errPoolClosed is returned by acquire after Close.
var errPoolClosed = errors.New("OCR reader pool closed")

// lease is one of the pool's size slots, held while a page is decoded and
// read; its reader is taken from the pool only when needed.
type lease struct {
	p *readerPool
	r pageReader
}

// acquire waits for a free slot. It returns ctx's error when cancelled
// while waiting, and errPoolClosed after Close.
func (p *readerPool) acquire(ctx context.Context) (*lease, error) {
	if err := ctx.Err(); err != nil {
		return nil, err // select would pick a free slot half the time
	}
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		<-p.slots
		return nil, errPoolClosed
	}
	return &lease{p: p}, nil
}

// reader returns the lease's reader: an idle one, or a new one (there are
// never more readers than slots). It returns the error of creating one.
func (l *lease) reader() (pageReader, error) {
	if l.r != nil {
		return l.r, nil
	}
	p := l.p
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		l.r = p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return l.r, nil
	}
	p.mu.Unlock()
	r, err := p.open()
	if err != nil {
		return nil, err
	}
	l.r = r
	return r, nil
}

// release frees the slot and returns the reader to the pool; a reader that
// failed (broken) is closed rather than lent again.
func (l *lease) release(broken bool) {
	p := l.p
	if l.r != nil {
		p.mu.Lock()
		if p.closed || broken {
			p.mu.Unlock()
			_ = l.r.Close()
		} else {
			p.idle = append(p.idle, l.r)
			p.mu.Unlock()
		}
		l.r = nil
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
