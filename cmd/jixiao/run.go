package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"jixiao"
)

// Exit codes, documented in every --help and in the README.
const (
	exitOK          = 0   // everything done
	exitSomeFailed  = 1   // some inputs failed; the others are stored
	exitUsage       = 2   // bad command line
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM; run again to resume
)

const exitCodesHelp = `Exit status:
  0    success
  1    some inputs failed (each is named on stderr; the others were stored)
  2    usage error
  130  interrupted (run the same command again to resume)
`

// exitStatus is one exit status a command can return and what it means
// for that command.
type exitStatus struct {
	code int
	what string
}

// exitStatuses lists, for each command, the exit statuses it can return,
// as its --help prints them. A command missing here prints exitCodesHelp.
var exitStatuses = map[string][]exitStatus{
	"ingest": {{exitOK, "every input was stored (or was already)"},
		{exitSomeFailed, "some inputs failed (each is named on stderr and logged in failures; the others were stored)"},
		{exitUsage, "usage error"},
		{exitInterrupted, "interrupted (stored documents are kept: run the same command again to resume)"}},
	"export": {{exitOK, "success"}, {exitSomeFailed, "the database could not be read or the output written"},
		{exitUsage, "usage error"}, {exitInterrupted, "interrupted (no partial output file is left)"}},
	"search": {{exitOK, "success, also when nothing is found"}, {exitSomeFailed, "the database could not be read"},
		{exitUsage, "usage error"}, {exitInterrupted, "interrupted"}},
	"query": {{exitOK, "success"}, {exitSomeFailed, "the query failed, or was refused because it would write"},
		{exitUsage, "usage error (also: several statements)"}, {exitInterrupted, "interrupted"}},
	"stats": {{exitOK, "success"}, {exitSomeFailed, "the database could not be read"},
		{exitUsage, "usage error"}, {exitInterrupted, "interrupted"}},
	"schema": {{exitOK, "success"}, {exitSomeFailed, "the schema could not be read"},
		{exitUsage, "usage error (also: a NAME that is no table or view)"}},
	"serve": {{exitOK, "stopped by Ctrl-C or SIGTERM"}, {exitSomeFailed, "the database could not be opened or the address not listened on"},
		{exitUsage, "usage error"}},
	"merge": {{exitOK, "every input was merged"},
		{exitSomeFailed, "some inputs could not be merged (each is named on stderr; the others were)"},
		{exitUsage, "usage error"},
		{exitInterrupted, "interrupted (merged documents are kept: run the same command again to resume)"}},
	"remove": {{exitOK, "removed (or, with --dry-run, listed)"},
		{exitSomeFailed, "a document is not stored, or is corrected or reviewed and --force is not given, or the database cannot be opened (nothing was removed)"},
		{exitUsage, "usage error"}, {exitInterrupted, "interrupted (nothing was removed)"}},
	"version": {{exitOK, "success"}, {exitUsage, "usage error"}},
}

// exitHelp returns the "Exit status:" section of command name's --help.
func exitHelp(name string) string {
	sts, ok := exitStatuses[name]
	if !ok {
		return exitCodesHelp
	}
	var b strings.Builder
	b.WriteString("Exit status:\n")
	for _, s := range sts {
		fmt.Fprintf(&b, "  %-4d %s\n", s.code, s.what)
	}
	return b.String()
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env *env) int
}

// env is what a command may touch: its streams.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"ingest", "read forms from files into the database", runIngest},
		{"export", "write the stored forms as JSON lines or CSV", runExport},
		{"search", "find text in project names, goals and indicator names", runSearch},
		{"query", "run a read-only SQL query and print the result", runQuery},
		{"stats", "count indicators, targets, units, flags and departments", runStats},
		{"schema", "describe the database's tables, views and columns", runSchema},
		{"serve", "review and correct the forms in a local web app", runServe},
		{"merge", "fold databases (e.g. of ingest --shard) into one", runMerge},
		{"remove", "delete documents and everything read from them", runRemove},
		{"version", "print the version and the revision it was built from", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `jixiao turns budget performance-target declaration forms (`+jixiao.Title+`)
into a typed SQLite database.

Usage:
  jixiao COMMAND [options] [arguments]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "jixiao COMMAND --help" for a command's options and examples.

Examples:
  jixiao ingest --db forms.db budget-books/ exports/2023.txt
  jixiao export --db forms.db --format csv --out indicators.csv
  jixiao search --db forms.db 满意度
  jixiao query --db forms.db 'SELECT * FROM forms_overview LIMIT 5'
  jixiao serve --db forms.db --reviewer 王芳

`+exitCodesHelp)
}

// run is the whole program: it parses args, runs one command and returns the
// exit status. Tests call it directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-version", "--version":
		return runVersion(ctx, args[1:], e)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return run(ctx, []string{args[1], "--help"}, stdin, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	if args[0] == workerCommand { // hidden: a child of ingest
		return runWorker(ctx, args[1:], e)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], e)
		}
	}
	fmt.Fprintf(stderr, "jixiao: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

// flags is a command's flag set with its help text. -help prints the help
// text, the options and the exit codes to stdout; a parse error is reported
// on stderr with a pointer to -help.
type flags struct {
	*flag.FlagSet
	help string
	e    *env
}

func newFlags(e *env, name, help string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {} // parse prints help itself, to the right stream
	return &flags{FlagSet: fs, help: help, e: e}
}

// parse parses args; it returns (exit code, true) when the command should
// stop: -help (exit 0, help on stdout) or a usage error (exit 2).
//
// Flags may come before, between and after the positional arguments
// (Go's flag package stops at the first argument that is not a flag: parse
// sets it aside and parses the rest again); "--" ends the flags, what
// follows being positional even when it starts with "-". f.Args() then
// returns the positional arguments in order.
func (f *flags) parse(args []string) (int, bool) {
	var pos []string
	for {
		err := f.Parse(args)
		if code, stop := f.parsed(err); stop {
			return code, true
		}
		rest := f.Args()
		if len(rest) == 0 {
			break
		}
		if f.endedByDashes(args, len(args)-len(rest)) {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	// Parse again with nothing but "--" and the positional arguments, so
	// that f.Args() returns them.
	_ = f.Parse(append([]string{"--"}, pos...))
	return 0, false
}

// endedByDashes reports whether the flag package, given args, stopped
// after consuming a "--" that ends the flags (as the n-th argument), not
// one that is the value of a flag ("--db --").
func (f *flags) endedByDashes(args []string, n int) bool {
	if n == 0 || args[n-1] != "--" {
		return false
	}
	if n == 1 {
		return true
	}
	prev := args[n-2]
	if !strings.HasPrefix(prev, "-") || strings.Contains(prev, "=") {
		return true
	}
	fl := f.Lookup(strings.TrimLeft(prev, "-"))
	if fl == nil {
		return true
	}
	if b, ok := fl.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
		return true
	}
	return false // "--" was prev's value
}

// parsed handles the error of one f.Parse.
func (f *flags) parsed(err error) (int, bool) {
	switch {
	case errors.Is(err, flag.ErrHelp):
		w := f.e.stdout
		fmt.Fprint(w, strings.TrimLeft(f.help, "\n"))
		fmt.Fprintln(w, "\nOptions:")
		f.SetOutput(w)
		f.PrintDefaults()
		fmt.Fprint(w, "\n"+exitHelp(f.Name()))
		return exitOK, true
	case err != nil:
		fmt.Fprintf(f.e.stderr, "run 'jixiao %s --help' for usage\n", f.Name())
		return exitUsage, true
	}
	return 0, false
}

// usageError reports a usage error on stderr and returns exitUsage.
func (f *flags) usageError(format string, args ...any) int {
	fmt.Fprintf(f.e.stderr, "jixiao %s: %s\nrun 'jixiao %s --help' for usage\n", f.Name(), fmt.Sprintf(format, args...), f.Name())
	return exitUsage
}

const versionHelp = `
Usage: jixiao version    (or: jixiao --version)

Prints the version of the jixiao module, the VCS revision it was built
from, the time of that revision, whether the work tree had uncommitted
changes ("modified"), and the Go version. A build from a work tree says
"(devel)" for the version; "go run" and test binaries know no revision.

Examples:
  jixiao version
  jixiao --version
`

func runVersion(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "version", versionHelp)
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() > 0 {
		return f.usageError("unexpected argument %q", f.Arg(0))
	}
	fmt.Fprint(e.stdout, versionText(debug.ReadBuildInfo()))
	return exitOK
}

// versionText describes the build of info (ok false: no build information).
func versionText(info *debug.BuildInfo, ok bool) string {
	var b strings.Builder
	if !ok {
		fmt.Fprintf(&b, "jixiao (unknown version)\ngo %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return b.String()
	}
	version := info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	fmt.Fprintf(&b, "jixiao %s\n", version)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	if rev := settings["vcs.revision"]; rev != "" {
		fmt.Fprintf(&b, "revision %s\n", rev)
	}
	if t := settings["vcs.time"]; t != "" {
		fmt.Fprintf(&b, "time     %s\n", t)
	}
	if m := settings["vcs.modified"]; m != "" {
		fmt.Fprintf(&b, "modified %s\n", m)
	}
	fmt.Fprintf(&b, "go       %s %s/%s\n", info.GoVersion, runtime.GOOS, runtime.GOARCH)
	return b.String()
}
