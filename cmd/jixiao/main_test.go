package main

import (
	"context"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain runs the hidden worker command when ingest starts this test
// binary as its child, the program itself when a test runs it as a
// process of its own (JIXIAO_AS_MAIN=1) or a script runs it as jixiao
// (scriptCommands), and the tests otherwise.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && (os.Args[1] == workerCommand || os.Getenv("JIXIAO_AS_MAIN") == "1") {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	testscript.Main(m, scriptCommands)
}
