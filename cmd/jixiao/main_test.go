package main

import (
	"context"
	"os"
	"testing"
)

// TestMain runs the hidden worker command when ingest starts this test
// binary as its child, and the tests otherwise.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == workerCommand {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
