package worker

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"jixiao"
)

// TestMain makes the test binary a fake child when the pool tests start
// it: it answers each job as its path says.
func TestMain(m *testing.M) {
	if os.Getenv("JIXIAO_FAKE_CHILD") == "1" {
		fakeChild()
		return
	}
	os.Exit(m.Run())
}

func fakeChild() {
	in, out, err := Streams()
	if err != nil {
		panic(err)
	}
	for {
		f, err := readFrame(in, 1<<20)
		if err != nil {
			os.Exit(0)
		}
		var job Job
		_ = json.Unmarshal(f.body, &job)
		event := func(e Event) {
			b, _ := json.Marshal(e)
			_ = writeFrame(out, frame{typ: frameEvent, body: b})
		}
		switch job.Path {
		case "hang":
			select {}
		case "crash":
			panic("boom")
		case "oom":
			if err := limitMemory(256 << 20); err != nil {
				panic(err)
			}
			var keep [][]byte
			for {
				b := make([]byte, 16<<20)
				for i := range b {
					b[i] = 1
				}
				keep = append(keep, b)
			}
		case "segv": // a C library's failed allocation: data mapped to the limit, RSS low, a fault
			if err := limitMemory(fakeLimit); err != nil {
				panic(err)
			}
			for { // map, never touch, until the limit refuses
				if _, err := syscall.Mmap(-1, 0, 4<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON); err != nil {
					break
				}
			}
			time.Sleep(20 * dataWatchEvery)
			_ = syscall.Kill(os.Getpid(), syscall.SIGSEGV)
			select {}
		case "slow": // progress every 50 ms for a second
			for range 20 {
				time.Sleep(50 * time.Millisecond)
				event(Event{Page: true})
			}
		case "garbage":
			os.Stdout.WriteString("not a frame") // stdout is stderr now
			_, _ = out.Write([]byte("not a frame either"))
			select {}
		}
		event(Event{Page: true})
		b, _ := json.Marshal(Result{Doc: Document{Problems: []*Error{{Path: job.Path, Msg: string(f.data)}}}})
		_ = writeFrame(out, frame{typ: frameResult, body: b})
	}
}

// fakeLimit is the memory limit of the fake child's "segv" job and of the
// pool testPool makes with limited set.
const fakeLimit = 256 << 20

func testPool(t *testing.T, pageTime time.Duration, limited ...bool) *Pool {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var limit int64
	if len(limited) > 0 && limited[0] {
		limit = fakeLimit
	}
	p := NewPool(PoolOptions{Children: 2, Command: []string{exe}, Env: append(os.Environ(), "JIXIAO_FAKE_CHILD=1"),
		PageTime: pageTime, MemoryLimit: limit})
	t.Cleanup(func() { p.Close() })
	return p
}

// TestPoolFailures runs each kind of failing job, each followed by a good
// one on the same pool: the failure has its kind and names the document,
// and the pool goes on with a new child.
func TestPoolFailures(t *testing.T) {
	quick, patient, limited := testPool(t, 300*time.Millisecond), testPool(t, time.Minute), testPool(t, time.Minute, true)
	for _, tc := range []struct {
		job  string
		kind jixiao.ErrorKind
		why  string
		p    *Pool // the hang needs a short page time, the others time to fail their way
	}{
		{"crash", jixiao.ErrCrashed, "panic: boom", patient},
		{"crash", jixiao.ErrCrashed, "panic: boom", limited}, // far from its limit: a crash
		{"segv", jixiao.ErrLimitExceeded, "near its limit", limited},
		{"oom", jixiao.ErrLimitExceeded, "out of memory", patient},
		{"hang", jixiao.ErrTimeout, "no progress", quick},
		{"garbage", jixiao.ErrCrashed, "malformed", patient},
	} {
		p := tc.p
		t.Run(tc.job, func(t *testing.T) {
			if raceEnabled && (p == limited || tc.job == "oom") {
				t.Skip("the race detector's shadow memory fills a limited child's data segment")
			}
			_, err := p.Do(context.Background(), Job{Path: tc.job}, nil, nil)
			var fe *jixiao.Error
			if !errors.As(err, &fe) || fe.Kind != tc.kind || fe.Path != tc.job || !strings.Contains(err.Error(), tc.why) {
				t.Fatalf("err %v, want %s naming %s and saying %q", err, tc.kind, tc.job, tc.why)
			}
			r, err := p.Do(context.Background(), Job{Path: "ok"}, []byte("data"), nil)
			if err != nil || r.Doc.Problems[0].Msg != "data" {
				t.Fatalf("the next job: %+v, %v", r, err)
			}
		})
	}
}

// TestPoolProgress checks that a job reporting progress may take longer
// than the page time, and that the events reach the caller.
func TestPoolProgress(t *testing.T) {
	p := testPool(t, 300*time.Millisecond)
	pages := 0
	if _, err := p.Do(context.Background(), Job{Path: "slow"}, nil, func(e Event) {
		if e.Page {
			pages++
		}
	}); err != nil {
		t.Fatal(err)
	}
	if pages != 21 {
		t.Errorf("%d page events, want 21", pages)
	}
}

// TestPoolConcurrent runs more jobs than children at once.
func TestPoolConcurrent(t *testing.T) {
	p := testPool(t, 10*time.Second)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, err := p.Do(context.Background(), Job{Path: "ok"}, nil, nil)
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
