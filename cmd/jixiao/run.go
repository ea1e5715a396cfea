package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
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
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `jixiao turns budget performance-target declaration forms (财政项目支出绩效目标申报表)
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
func (f *flags) parse(args []string) (int, bool) {
	err := f.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		w := f.e.stdout
		fmt.Fprint(w, strings.TrimLeft(f.help, "\n"))
		fmt.Fprintln(w, "\nOptions:")
		f.SetOutput(w)
		f.PrintDefaults()
		fmt.Fprint(w, "\n"+exitCodesHelp)
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
