package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"

	"jixiao/cmd/internal/worker"
)

// workerCommand is the hidden command ingest starts its children with.
const workerCommand = "worker"

const workerHelp = `
Usage: jixiao worker --config JSON

Not for people: "jixiao ingest" starts it to read documents in a child
process, and talks to it over standard input and output.
`

// runWorker is a child of ingest: it reads the jobs its parent writes on
// standard input and writes their results on standard output (see package
// worker). It ignores Ctrl-C, which the parent handles: it kills the
// children that are reading.
func runWorker(_ context.Context, args []string, e *env) int {
	f := newFlags(e, workerCommand, workerHelp)
	config := f.String("config", "{}", "the child's configuration (worker.Config as JSON)")
	if code, stop := f.parse(args); stop {
		return code
	}
	var cfg worker.Config
	if err := json.Unmarshal([]byte(*config), &cfg); err != nil {
		return f.usageError("--config: %v", err)
	}
	signal.Ignore(os.Interrupt)
	in, out, err := worker.Streams()
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao worker: %v\n", err)
		return exitSomeFailed
	}
	if err := worker.Child(context.Background(), cfg, in, out); err != nil {
		fmt.Fprintf(e.stderr, "jixiao worker: %v\n", err)
		return exitSomeFailed
	}
	return exitOK
}

// workerPool returns the pool of children ingest reads documents in: the
// running program started as its hidden worker command.
func workerPool(o worker.PoolOptions, cfg worker.Config) (*worker.Pool, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("finding the program to start workers with: %w", err)
	}
	c, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	o.Command = []string{exe, workerCommand, "--config", string(c)}
	return worker.NewPool(o), nil
}

// splitJobs divides -j jobs among the worker processes of a batch of units:
// as many processes as there are units, up to jobs, and the pages each reads
// at once (its OCR readers) such that processes × readers ≤ jobs. A batch of
// many documents gets jobs processes of one reader each; one multi-page
// scan gets one process with jobs readers.
func splitJobs(jobs, units int) (processes, readers int) {
	processes = max(1, min(jobs, units))
	return processes, max(1, jobs/processes)
}
