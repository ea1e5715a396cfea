// Command benchtime runs commands several times, alternating them run by
// run, and prints the median run of each: wall time, CPU time and peak
// RSS. The Makefile's bench targets print their figures with it; run
// "benchtime --help" for the options and examples.
//
// The figures come from the operating system's accounting of the command
// and the processes it waited for (wait4's rusage, as GNU time reports
// them): CPU is user plus system time of all of them, peak RSS the largest
// resident set of any one. Peak RSS is known on Unix only (0 elsewhere).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const help = `Usage: benchtime [options] NAME=COMMAND...

benchtime runs each COMMAND (a line for sh -c) -runs times, the commands
alternating run by run, so that a change of load on a shared machine hits
them all. -setup runs before each run, untimed. A command's standard
output is discarded (or searched by -n-from); its standard error is
passed through. A run that fails stops benchtime: end a COMMAND with
"|| true" when its exit status does not matter. The options come before
the commands.

Each run is measured: wall time, CPU time (user + system, of the command
and the processes it waited for) and peak RSS (of the largest of them), as
GNU time reports them. A command's median run is its run of median wall
time (the lower of the two middle ones for an even number of runs); its
CPU time and peak RSS are those of that run.

Without -print, benchtime prints each command's median run and the ratios
of the first command's to each other's:

  NAME: median 1.23 s wall, CPU 2.34 s, peak RSS 68.3 MiB (3 runs)
  FIRST/NAME: 0.66x wall, 0.70x CPU

Each -print prints a line of text with fields in braces, {EXPR} or
{EXPR:SPEC}. EXPR is n (the -n value), a number, or NAME.wall (seconds),
NAME.cpu (seconds) or NAME.rss (MiB) of a command's median run, combined
with * and / from left to right; SPEC is a printf verb without its %
(.2f, 5d, 6.0f; d truncates; default g). {{ and }} print { and }. The
lines are checked before anything runs.

Examples:
  # Median of 3 runs of one command:
  benchtime -runs 3 ingest='./jixiao ingest --db /tmp/b.db fixtures/text'

  # This build against another, alternating, each run into a new database:
  benchtime -runs 5 -setup 'rm -f /tmp/b.db*' \
    this='./jixiao ingest --db /tmp/b.db /tmp/corpus' \
    base='/tmp/old/jixiao ingest --db /tmp/b.db /tmp/corpus'

  # Throughput, as make bench-text prints it:
  benchtime -n 2000 -setup 'rm -f /tmp/b.db*' \
    -print 'text ingest, {n:5d} forms: median {this.wall:.2f} s, {n/this.wall:6.0f} forms/s' \
    this='./jixiao ingest --db /tmp/b.db /tmp/text-2000'

  # One run, n read from what the command prints:
  benchtime -runs 1 -n-from '\(([0-9]+) scanned page' \
    -print '{n:d} pages: {scan.wall/n:.2f} s/page, peak RSS {scan.rss:.1f} MiB' \
    scan='./jixiao ingest --db /tmp/o.db scans/ || true'
`

const exitHelp = `
Exit status:
  0    success
  1    a command or -setup failed, or -n-from found no n
  2    usage error
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// lines is the value of the repeated -print flag.
type lines []string

func (l *lines) String() string     { return strings.Join(*l, "\n") }
func (l *lines) Set(s string) error { *l = append(*l, s); return nil }

// run is the whole program: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("benchtime", flag.ContinueOnError)
	fs.SetOutput(stderr)
	runs := fs.Int("runs", 3, "runs of each command")
	setup := fs.String("setup", "", "a line for sh -c run before each run, untimed")
	n := fs.Float64("n", 0, "the value of n in -print lines (forms, pages…)")
	nFrom := fs.String("n-from", "", "take n from the last run's standard output: the first submatch of this regular expression")
	verbose := fs.Bool("v", false, "print each run's figures on standard error")
	var prints lines
	fs.Var(&prints, "print", "print this line instead of the default report (repeatable; see above)")
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, help+"\nOptions:\n")
			fs.SetOutput(stdout)
			fs.PrintDefaults()
			fmt.Fprint(stdout, exitHelp)
			return 0
		}
		fmt.Fprintln(stderr, "run 'benchtime --help' for usage")
		return 2
	}
	usageError := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "benchtime: "+format+"\n", a...)
		fmt.Fprintln(stderr, "run 'benchtime --help' for usage")
		return 2
	}
	cmds, err := parseCommands(fs.Args())
	if err != nil {
		return usageError("%v", err)
	}
	if *runs < 1 {
		return usageError("-runs %d: want at least 1", *runs)
	}
	var re *regexp.Regexp
	if *nFrom != "" {
		if re, err = regexp.Compile(*nFrom); err != nil {
			return usageError("-n-from: %v", err)
		}
		if re.NumSubexp() < 1 {
			return usageError("-n-from %q: no submatch to take n from", *nFrom)
		}
	}
	names := map[string]bool{}
	for _, c := range cmds {
		names[c.name] = true
	}
	var report []line
	for _, p := range prints {
		l, err := parseLine(p, names)
		if err != nil {
			return usageError("-print %q: %v", p, err)
		}
		report = append(report, l)
	}

	all := make([][]figures, len(cmds))
	var last []byte
	for try := 1; try <= *runs; try++ {
		for i, c := range cmds {
			if *setup != "" {
				if err := shell(*setup, stderr, stderr); err != nil {
					fmt.Fprintf(stderr, "benchtime: -setup: %v\n", err)
					return 1
				}
			}
			var out bytes.Buffer
			w := io.Discard
			if re != nil {
				w = &out
			}
			f, err := measure(c.line, w, stderr)
			if err != nil {
				fmt.Fprintf(stderr, "benchtime: %s, run %d: %v\n", c.name, try, err)
				return 1
			}
			if *verbose {
				fmt.Fprintf(stderr, "benchtime: %s, run %d: %.2f s wall, CPU %.2f s, peak RSS %.1f MiB\n", c.name, try, f.wall, f.cpu, f.rss)
			}
			all[i] = append(all[i], f)
			last = out.Bytes()
		}
	}
	if re != nil {
		m := re.FindSubmatch(last)
		if m == nil {
			fmt.Fprintf(stderr, "benchtime: -n-from %q: not in the last run's output\n", *nFrom)
			return 1
		}
		if *n, err = strconv.ParseFloat(string(m[1]), 64); err != nil {
			fmt.Fprintf(stderr, "benchtime: -n-from %q: %q is no number\n", *nFrom, m[1])
			return 1
		}
	}

	meds := map[string]figures{}
	for i, c := range cmds {
		meds[c.name] = median(all[i])
	}
	if report == nil {
		fmt.Fprint(stdout, defaultReport(cmds, meds, *runs))
		return 0
	}
	for _, l := range report {
		fmt.Fprintln(stdout, l.format(*n, meds))
	}
	return 0
}

// A command is one NAME=COMMAND argument.
type command struct {
	name, line string
}

var nameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// parseCommands parses the NAME=COMMAND arguments: at least one, the names
// distinct.
func parseCommands(args []string) ([]command, error) {
	if len(args) == 0 {
		return nil, errors.New("no NAME=COMMAND given")
	}
	var cmds []command
	seen := map[string]bool{}
	for _, a := range args {
		name, line, ok := strings.Cut(a, "=")
		if !ok || !nameRE.MatchString(name) {
			return nil, fmt.Errorf("%q: want NAME=COMMAND, NAME a letter or _ and then letters, digits or _", a)
		}
		if seen[name] {
			return nil, fmt.Errorf("%q: the name %s is given twice", a, name)
		}
		if strings.TrimSpace(line) == "" {
			return nil, fmt.Errorf("%q: no command", a)
		}
		seen[name] = true
		cmds = append(cmds, command{name, line})
	}
	return cmds, nil
}

// shell runs line with sh -c.
func shell(line string, stdout, stderr io.Writer) error {
	cmd := exec.Command("sh", "-c", line)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	return cmd.Run()
}

// measure runs line with sh -c, its standard output to stdout, and returns
// the figures of the run, or an error when it could not start or failed.
func measure(line string, stdout, stderr io.Writer) (figures, error) {
	cmd := exec.Command("sh", "-c", line)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return figures{}, err
	}
	ps := cmd.ProcessState
	return figures{
		wall: wall.Seconds(),
		cpu:  (ps.UserTime() + ps.SystemTime()).Seconds(),
		rss:  float64(maxRSSKiB(ps)) / 1024,
	}, nil
}
