package worker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"jixiao"
)

// Pool runs jobs in up to n child processes, each the same program started
// with Command, kept for the next job when it finishes one and started
// again after it dies. It is safe for concurrent use; each Do has a child
// to itself.
type Pool struct {
	argv []string // the child's command line
	env  []string
	// pageTime is how long a child may work without reporting progress;
	// a job's first deadline is longer by a pageTime for each MiB of its
	// document.
	pageTime    time.Duration
	memoryLimit int64
	slots       chan struct{} // one per child that may run
	mu          sync.Mutex
	idle        []*child
	closed      bool
}

// PoolOptions configure a Pool.
type PoolOptions struct {
	Children int      // the most children running at once (at least 1)
	Command  []string // the child's program and arguments: it must run Child
	Env      []string // its environment; nil: the parent's
	// MemoryLimit is the children's memory limit (Config.MemoryLimit),
	// which tells a child that died for want of memory from one that
	// crashed; 0 when there is none.
	MemoryLimit int64
	// PageTime is the longest a child may go without reporting progress
	// (a page read, a file of a stream read) before it is killed and its
	// job fails with kind timeout. The job's first deadline adds a
	// PageTime for each MiB of its document. Default 2 minutes.
	PageTime time.Duration
}

// NewPool returns a Pool; it starts no child yet.
func NewPool(o PoolOptions) *Pool {
	if o.Children < 1 {
		o.Children = 1
	}
	if o.PageTime <= 0 {
		o.PageTime = 2 * time.Minute
	}
	return &Pool{argv: o.Command, env: o.Env, pageTime: o.PageTime, memoryLimit: o.MemoryLimit, slots: make(chan struct{}, o.Children)}
}

// child is a running child process.
type child struct {
	cmd         *exec.Cmd
	in          io.WriteCloser
	frames      chan frameOrErr // what the child wrote, until its stdout ends
	stderr      *tailBuffer     // the end of what it wrote on stderr
	exited      chan struct{}   // closed once cmd.Wait returned
	err         error           // cmd.Wait's result, set before exited closes
	memoryLimit int64           // PoolOptions.MemoryLimit
	// peakData is the largest data segment seen while the child ran
	// (watchData), in bytes; 0 without a memory limit.
	peakData atomic.Int64
	// abandoned is closed when no one reads frames any more.
	abandoned chan struct{}
	once      sync.Once
}

type frameOrErr struct {
	f   frame
	err error
}

// Do runs job in a child (with data as the document's bytes when job.File
// is empty and it is no stream) and returns its result. onEvent, when not
// nil, is called with each event, from Do's goroutine. A child that dies,
// is killed for its deadline or writes what is not a frame makes the job
// fail: Do returns a *jixiao.Error naming job.Path, of kind timeout, limit
// exceeded (the child ran out of memory) or crashed, and the child is
// replaced for the next job. Other errors (ctx done, the child cannot be
// started) are returned as they are.
func (p *Pool) Do(ctx context.Context, job Job, data []byte, onEvent func(Event)) (Result, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	defer func() { <-p.slots }()
	c, err := p.take()
	if err != nil {
		return Result{}, err
	}
	body, err := json.Marshal(job)
	if err != nil {
		p.put(c)
		return Result{}, err
	}
	size := int64(len(data))
	for _, f := range job.Stream {
		size += f.Size
	}
	if job.File != "" {
		if info, err := os.Stat(job.File); err == nil {
			size = info.Size()
		}
	}
	timer := time.NewTimer(p.pageTime * time.Duration(1+size>>20))
	defer timer.Stop()
	written := make(chan error, 1)
	go func() { written <- writeFrame(c.in, frame{typ: frameJob, body: body, data: data}) }()
	fail := func(kind jixiao.ErrorKind, why string) (Result, error) {
		c.kill()
		return Result{}, &jixiao.Error{Op: "extract", Path: job.Path, Kind: kind, Err: errors.New(why)}
	}
	for {
		select {
		case <-ctx.Done():
			c.kill()
			return Result{}, ctx.Err()
		case <-timer.C:
			return fail(jixiao.ErrTimeout, fmt.Sprintf("no progress in %v (the worker was stopped; see --page-time)", p.pageTime))
		case err := <-written:
			if err != nil {
				kind, why := c.death()
				return fail(kind, why)
			}
			written = nil
		case fe, ok := <-c.frames:
			switch {
			case !ok:
				kind, why := c.death()
				return fail(kind, why)
			case fe.err != nil:
				return fail(jixiao.ErrCrashed, fmt.Sprintf("the worker wrote a malformed reply: %v", fe.err))
			case fe.f.typ == frameEvent:
				var e Event
				if err := json.Unmarshal(fe.f.body, &e); err != nil {
					return fail(jixiao.ErrCrashed, fmt.Sprintf("the worker wrote a malformed event: %v", err))
				}
				timer.Reset(p.pageTime) // no stale fire since Go 1.23
				if onEvent != nil {
					onEvent(e)
				}
			case fe.f.typ == frameResult:
				var r Result
				if err := json.Unmarshal(fe.f.body, &r); err != nil {
					return fail(jixiao.ErrCrashed, fmt.Sprintf("the worker wrote a malformed result: %v", err))
				}
				if written != nil {
					if err := <-written; err != nil {
						c.kill()
						return r, nil
					}
				}
				c.stderr.Reset()
				p.put(c)
				return r, nil
			default:
				return fail(jixiao.ErrCrashed, fmt.Sprintf("the worker wrote a frame of type %q", fe.f.typ))
			}
		}
	}
}

// take returns an idle child, or starts one.
func (p *Pool) take() (*child, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errors.New("worker: pool closed")
	}
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return c, nil
	}
	p.mu.Unlock()
	return p.start()
}

// put keeps c for the next job, or stops it when the pool is closed.
func (p *Pool) put(c *child) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		c.stop()
		return
	}
	p.idle = append(p.idle, c)
}

// start starts a child.
func (p *Pool) start() (*child, error) {
	if len(p.argv) == 0 {
		return nil, errors.New("worker: no command")
	}
	cmd := exec.Command(p.argv[0], p.argv[1:]...)
	cmd.Env = p.env
	setProcAttr(cmd)
	c := &child{cmd: cmd, frames: make(chan frameOrErr, 16), stderr: &tailBuffer{max: 8 << 10}, exited: make(chan struct{}), abandoned: make(chan struct{}), memoryLimit: p.memoryLimit}
	cmd.Stderr = c.stderr
	var err error
	if c.in, err = cmd.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("worker: starting %s: %w", p.argv[0], err)
	}
	if c.memoryLimit > 0 {
		go c.watchData()
	}
	go func() {
		// Wait only once stdout has ended: it closes the pipes.
		for {
			f, err := readFrame(out, 0)
			if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, os.ErrClosed) {
				break
			}
			select {
			case c.frames <- frameOrErr{f, err}:
			case <-c.abandoned:
			}
			if err != nil {
				_ = cmd.Process.Kill()
				break
			}
		}
		c.err = cmd.Wait()
		close(c.exited)
		close(c.frames)
	}()
	return c, nil
}

// dataWatchEvery is how often watchData looks at a child's data segment.
const dataWatchEvery = 10 * time.Millisecond

// watchData keeps c.peakData up to date until c exits. A C library whose
// allocation fails at the data limit may crash (a NULL pointer) rather
// than say so, and the resident memory at its death can be far below the
// limit (RLIMIT_DATA counts what was mapped, touched or not): the data
// segment seen shortly before tells what the limit did.
func (c *child) watchData() {
	t := time.NewTicker(dataWatchEvery)
	defer t.Stop()
	for {
		if d := dataSize(c.cmd.Process.Pid); d > c.peakData.Load() {
			c.peakData.Store(d)
		}
		select {
		case <-c.exited:
			return
		case <-t.C:
		}
	}
}

// kill stops c at once and waits for it.
func (c *child) kill() {
	c.once.Do(func() { close(c.abandoned) })
	_ = c.cmd.Process.Kill()
	<-c.exited
}

// stop ends c's input, which ends it, and kills it when it does not end
// within a few seconds.
func (c *child) stop() {
	c.in.Close()
	select {
	case <-c.exited:
	case <-time.After(5 * time.Second):
		c.kill()
	}
}

// death waits for c to end and says why it did, as an error kind and a
// reason: limit exceeded when it ran out of memory, crashed otherwise.
func (c *child) death() (jixiao.ErrorKind, string) {
	select {
	case <-c.exited:
	case <-time.After(5 * time.Second):
		c.kill()
	}
	tail := c.stderr.String()
	last := lastLine(tail)
	for _, s := range []string{"out of memory", "cannot allocate memory", "failed to allocate", "bad_alloc", "bad allocation"} {
		if strings.Contains(strings.ToLower(tail), s) {
			return jixiao.ErrLimitExceeded, "the worker ran out of memory (see --max-memory): " + last
		}
	}
	// A C library that cannot allocate aborts, and may do so while its
	// messages go to /dev/null (Tesseract starting): a child that died
	// with most of its memory in use ran out of it.
	if peak := peakRSS(c.cmd.ProcessState); c.memoryLimit > 0 && peak > c.memoryLimit/2 {
		return jixiao.ErrLimitExceeded, fmt.Sprintf("the worker died with %d MiB in use, near its limit of %d MiB (see --max-memory): %s",
			peak>>20, c.memoryLimit>>20, last)
	}
	// Go's heap is held to three quarters of the limit (limitMemory): a
	// data segment above that was at the ceiling.
	if data := c.peakData.Load(); c.memoryLimit > 0 && data > c.memoryLimit/4*3 {
		return jixiao.ErrLimitExceeded, fmt.Sprintf("the worker died with %d MiB of data mapped, near its limit of %d MiB (see --max-memory): %s",
			data>>20, c.memoryLimit>>20, last)
	}
	why := "the worker died"
	if c.err != nil {
		why += " (" + c.err.Error() + ")"
	}
	if last != "" {
		why += ": " + last
	}
	return jixiao.ErrCrashed, why
}

// lastLine returns the last non-empty line of s, cut to 300 bytes.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	// A Go crash ends with goroutine dumps; its first line says why.
	for _, l := range lines {
		if strings.HasPrefix(l, "fatal error: ") || strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "runtime: ") ||
			strings.HasPrefix(l, "SIG") || strings.HasPrefix(l, "terminate called") {
			return cut(l, 300)
		}
	}
	return cut(lines[len(lines)-1], 300)
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Close stops the idle children (they end when their input does) and
// makes later Do calls fail. Children still running a job are stopped
// when it returns.
func (p *Pool) Close() error {
	p.mu.Lock()
	p.closed = true
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range idle {
		wg.Go(c.stop)
	}
	wg.Wait()
	return nil
}

// tailBuffer keeps the first and the last bytes written to it, up to max
// in all: a crash says why at the top of its dump.
type tailBuffer struct {
	mu   sync.Mutex
	max  int
	head bytes.Buffer
	tail []byte
}

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := len(p)
	if room := b.max/2 - b.head.Len(); room > 0 {
		k := min(room, len(p))
		b.head.Write(p[:k])
		p = p[k:]
	}
	b.tail = append(b.tail, p...)
	if len(b.tail) > b.max/2 {
		b.tail = append(b.tail[:0], b.tail[len(b.tail)-b.max/2:]...)
	}
	return n, nil
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.head.String() + string(b.tail)
}

// Reset forgets what was written.
func (b *tailBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.head.Reset()
	b.tail = b.tail[:0]
}
