package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update-scripts", false, "rewrite the expected files of testdata/script whose cmp fails")

// scriptCommands are the programs the scripts of testdata/script run:
// TestMain hands them to testscript.Main, which puts a copy of the test
// binary named after each in $PATH, and runs the function of that name
// when the copy is started. "jixiao" is the program itself, as main runs
// it; the workers ingest starts are that copy again, with the worker
// command, which TestMain runs.
var scriptCommands = map[string]func(){
	"jixiao": func() { os.Exit(mainStatus()) },
}

// TestScript runs the CLI behaviour tests of testdata/script, one subtest
// per script (go test -run TestScript/help). Besides testscript's own
// commands and conditions (go doc testscript), a script has:
//
//   - $FIXTURES, the repository's fixtures directory (cp
//     $FIXTURES/text/forms.txt . gives a script the 44 text forms);
//   - status CODE PROGRAM [ARGS...]: exec, where the program must exit
//     with CODE (exec alone wants 0, ! exec anything else);
//
// and runs jixiao with OMP_THREAD_LIMIT=1, as main would, and with
// $JIXIAO_OCR_MODELS when the test has it (HOME is /no-home there).
func TestScript(t *testing.T) {
	fixtures, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       *updateScripts,
		Setup: func(e *testscript.Env) error {
			e.Setenv("FIXTURES", fixtures)
			e.Setenv("OMP_THREAD_LIMIT", "1")
			if dir, ok := os.LookupEnv("JIXIAO_OCR_MODELS"); ok {
				e.Setenv("JIXIAO_OCR_MODELS", dir)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"status": cmdStatus,
		},
	})
}

// cmdStatus is the scripts' status command: status CODE PROGRAM [ARGS...]
// runs the program, as exec does, and fails unless it exits with CODE.
// stdout and stderr then check its output.
func cmdStatus(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! status")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: status CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("status %q: the exit status is no number", args[0])
	}
	got := 0
	var exit *exec.ExitError
	switch err := ts.Exec(args[1], args[2:]...); {
	case errors.As(err, &exit):
		got = exit.ExitCode()
	case err != nil:
		ts.Fatalf("%v", err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}
