package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	a, b, c, d := figures{1, 10, 100}, figures{2, 20, 200}, figures{3, 30, 300}, figures{4, 5, 50}
	for _, tc := range []struct {
		name string
		runs []figures
		want figures
	}{
		{"none", nil, figures{}},
		{"one", []figures{b}, b},
		{"odd, unsorted", []figures{c, a, b}, b},
		{"even: the lower middle", []figures{d, c, b, a}, b},
		// The median run's CPU time and RSS, however low or high theirs.
		{"figures of one run", []figures{d, {2.5, 1, 9999}, a}, figures{2.5, 1, 9999}},
		{"ties keep their order", []figures{{1, 1, 1}, {1, 2, 2}, {1, 3, 3}}, figures{1, 2, 2}},
	} {
		if got := median(tc.runs); got != tc.want {
			t.Errorf("%s: median %v, want %v", tc.name, got, tc.want)
		}
	}
}

// kib returns the MiB of n KiB, as GNU time's %M gave them to the
// Makefile's awk.
func kib(n float64) float64 { return n / 1024 }

// TestFormat checks the lines the Makefile's bench targets print against
// those their awk printed before benchtime (the expected lines are awk's
// output for the same figures), so that docs/benchmarks.md stays true.
func TestFormat(t *testing.T) {
	meds := map[string]figures{
		"this":      {1.16, 1.5 + 0.31, kib(69939)},
		"base":      {1.75, 2.5 + 0.2, kib(60000)},
		"jixiao":    {21.3, 30, kib(150000)},
		"pdftotext": {9.87, 15, kib(9000)},
		"small":     {2.5, 3, kib(71000)},
		"tess":      {30.1, 28.5 + 0.5, kib(40000)},
		"pp":        {31.8, 30.2 + 1.6, kib(520000)},
		"j1":        {33.5, 32 + 0.8, kib(479232)},
		"j2":        {19.5, 35 + 1, kib(752640)},
		"batch":     {620, 1100 + 40, kib(928768)},
	}
	for _, tc := range []struct {
		n          float64
		line, want string
	}{
		{2000, "text ingest, {n:5d} forms: median {this.wall:.2f} s, {n/this.wall:6.0f} forms/s, CPU {this.cpu:.2f} s, peak RSS {this.rss:.1f} MiB",
			"text ingest,  2000 forms: median 1.16 s,   1724 forms/s, CPU 1.81 s, peak RSS 68.3 MiB"},
		{2000, "text ingest, {n:5d} forms (base /tmp/old/jixiao): median {this.wall:.2f} s, {n/this.wall:6.0f} forms/s, CPU {this.cpu:.2f} s, peak RSS {this.rss:.1f} MiB",
			"text ingest,  2000 forms (base /tmp/old/jixiao): median 1.16 s,   1724 forms/s, CPU 1.81 s, peak RSS 68.3 MiB"},
		{2000, "text ingest, {n:5d} forms: this/base {this.wall/base.wall:.2f}x wall, {this.cpu/base.cpu:.2f}x CPU",
			"text ingest,  2000 forms: this/base 0.66x wall, 0.67x CPU"},
		{2040, "pdf ingest, {n:d} pages (-j 2): jixiao median {jixiao.wall:.2f} s, {n/jixiao.wall:.0f} pages/s, peak RSS {jixiao.rss:.1f} MiB; " +
			"pdftotext -layout median {pdftotext.wall:.2f} s, {n/pdftotext.wall:.0f} pages/s; ratio {jixiao.wall/pdftotext.wall:.2f}x (target <= 2x)",
			"pdf ingest, 2040 pages (-j 2): jixiao median 21.30 s, 96 pages/s, peak RSS 146.5 MiB; pdftotext -layout median 9.87 s, 207 pages/s; ratio 2.16x (target <= 2x)"},
		{1020, "pdf ingest, {n:d} pages: median {small.wall:.2f} s, {n/small.wall:.0f} pages/s, peak RSS {small.rss:.1f} MiB (memory against batch size)",
			"pdf ingest, 1020 pages: median 2.50 s, 408 pages/s, peak RSS 69.3 MiB (memory against batch size)"},
		{12, "ocr, {n:d} pages: tesseract CLI (full page, chi_sim) {tess.wall/n:.2f} s/page wall, {tess.cpu/n:.2f} s/page CPU",
			"ocr, 12 pages: tesseract CLI (full page, chi_sim) 2.51 s/page wall, 2.42 s/page CPU"},
		{12, "ocr, {n:d} pages: ppocr (full page, PP-OCR det+rec) {pp.wall/n:.2f} s/page wall, {pp.cpu/n:.2f} s/page CPU, peak RSS {pp.rss:.1f} MiB",
			"ocr, 12 pages: ppocr (full page, PP-OCR det+rec) 2.65 s/page wall, 2.65 s/page CPU, peak RSS 507.8 MiB"},
		{12, "ocr, {n:d} pages: jixiao -j 1 {j1.wall/n:.2f} s/page wall, {j1.cpu/n:.2f} s/page CPU, peak RSS {j1.rss:.1f} MiB; " +
			"ratio to tesseract {j1.wall/tess.wall:.2f}x wall, {j1.cpu/tess.cpu:.2f}x CPU (target <= 1x); to ppocr {j1.wall/pp.wall:.2f}x wall",
			"ocr, 12 pages: jixiao -j 1 2.79 s/page wall, 2.73 s/page CPU, peak RSS 468.0 MiB; ratio to tesseract 1.11x wall, 1.13x CPU (target <= 1x); to ppocr 1.05x wall"},
		{12, "ocr, {n:d} pages: jixiao -j 2 {j2.wall/n:.2f} s/page wall, {j2.cpu/n:.2f} s/page CPU, peak RSS {j2.rss:.1f} MiB; speed-up over -j 1 {j1.wall/j2.wall:.2f}x wall (target >= 1.7x)",
			"ocr, 12 pages: jixiao -j 2 1.62 s/page wall, 3.00 s/page CPU, peak RSS 735.0 MiB; speed-up over -j 1 1.72x wall (target >= 1.7x)"},
		{574, "ocr batch all, {n:d} pages (-j 2): {batch.wall:.0f} s, {batch.wall/n:.2f} s/page wall, {batch.cpu/n:.2f} s/page CPU, " +
			"peak RSS {batch.rss:.1f} MiB ({batch.rss/2:.1f} MiB per worker)",
			"ocr batch all, 574 pages (-j 2): 620 s, 1.08 s/page wall, 1.99 s/page CPU, peak RSS 907.0 MiB (453.5 MiB per worker)"},
		// The rest of the language.
		{3.7, "{n} {n:d} {n:5.1f} {n*2/4} { n * 10 }", "3.7 3 " + "  3.7 1.85 37"},
		{0, "{{literal}} {{", "{literal} {"},
		{0, "", ""},
	} {
		names := map[string]bool{}
		for name := range meds {
			names[name] = true
		}
		l, err := parseLine(tc.line, names)
		if err != nil {
			t.Errorf("%q: %v", tc.line, err)
			continue
		}
		if got := l.format(tc.n, meds); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.line, got, tc.want)
		}
	}
}

func TestParseLineErrors(t *testing.T) {
	names := map[string]bool{"a": true}
	for _, tc := range []struct{ line, want string }{
		{"{a.wall", "unmatched {"},
		{"a.wall}", "unmatched }"},
		{"{}", "an operand is missing"},
		{"{a.wall/}", "an operand is missing"},
		{"{b.wall}", "no command is named b"},
		{"{a.mem}", "figures are wall, cpu and rss"},
		{"{wall}", "neither n, a number nor"},
		{"{a.wall:s}", "no printf verb"},
		{"{a.wall:%.2f}", "no printf verb"},
		{"{a.wall+1}", "figures are wall, cpu and rss"},
		{"{1e}", "neither n, a number nor"},
	} {
		_, err := parseLine(tc.line, names)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one saying %q", tc.line, err, tc.want)
		}
	}
}

func TestDefaultReport(t *testing.T) {
	cmds := []command{{"this", "x"}, {"base", "y"}}
	meds := map[string]figures{"this": {1.16, 1.81, 68.3}, "base": {1.75, 2.7, 58.6}}
	for _, tc := range []struct {
		name string
		cmds []command
		runs int
		want string
	}{
		{"one command", cmds[:1], 1, "this: median 1.16 s wall, CPU 1.81 s, peak RSS 68.3 MiB (1 run)\n"},
		{"with a ratio", cmds, 5, "this: median 1.16 s wall, CPU 1.81 s, peak RSS 68.3 MiB (5 runs)\n" +
			"base: median 1.75 s wall, CPU 2.70 s, peak RSS 58.6 MiB (5 runs)\n" +
			"this/base: 0.66x wall, 0.67x CPU\n"},
	} {
		if got := defaultReport(tc.cmds, meds, tc.runs); got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

func TestParseCommands(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []command // nil: an error
	}{
		{[]string{"a=true"}, []command{{"a", "true"}}},
		{[]string{"this=./jixiao ingest --db=x.db d", "b_2=ls | wc -l"}, []command{{"this", "./jixiao ingest --db=x.db d"}, {"b_2", "ls | wc -l"}}},
		{nil, nil},
		{[]string{"true"}, nil},
		{[]string{"./jixiao ingest --db=x.db"}, nil},
		{[]string{"a="}, nil},
		{[]string{"a=true", "a=false"}, nil},
		{[]string{"2a=true"}, nil},
	} {
		got, err := parseCommands(tc.args)
		if (err != nil) != (tc.want == nil) || len(got) != len(tc.want) {
			t.Errorf("%q: %v, %v; want %v", tc.args, got, err, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: command %d is %v, want %v", tc.args, i, got[i], tc.want[i])
			}
		}
	}
}

// TestRun runs benchtime on small shell commands.
func TestRun(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs sh")
	}
	dir := t.TempDir()
	for _, tc := range []struct {
		name       string
		args       []string
		code       int
		out, inErr string // prefix of stdout, substring of stderr
	}{
		{"default report", []string{"-runs", "2", "a=true", "b=exit 0"}, 0, "a: median ", ""},
		{"help", []string{"--help"}, 0, "Usage: benchtime", ""},
		{"runs alternate", []string{"-runs", "2", "-v", "-print", "x", "-setup", "echo s >>" + dir + "/log",
			"a=echo a >>" + dir + "/log", "b=echo b >>" + dir + "/log"}, 0, "x\n", "b, run 2: "},
		{"n from the output", []string{"-runs", "1", "-n-from", `([0-9]+) pages`, "-print", "{n:d} pages", "scan=echo 12 pages"}, 0, "12 pages\n", ""},
		{"n not in the output", []string{"-runs", "1", "-n-from", `([0-9]+) pages`, "scan=echo nothing"}, 1, "", "not in the last run's output"},
		{"a failing command", []string{"a=true", "b=exit 3"}, 1, "", "b, run 1: exit status 3"},
		{"a failing setup", []string{"-setup", "false", "a=true"}, 1, "", "-setup: exit status 1"},
		{"no command", nil, 2, "", "no NAME=COMMAND given"},
		{"no name", []string{"true"}, 2, "", "want NAME=COMMAND"},
		{"no runs", []string{"-runs", "0", "a=true"}, 2, "", "-runs 0"},
		{"a bad line", []string{"-print", "{b.wall}", "a=true"}, 2, "", "no command is named b"},
		{"no submatch", []string{"-n-from", "[0-9]+", "a=true"}, 2, "", "no submatch"},
		{"unknown flag", []string{"-nope", "a=true"}, 2, "", "run 'benchtime --help' for usage"},
	} {
		var out, errb bytes.Buffer
		code := run(tc.args, &out, &errb)
		if code != tc.code || !strings.HasPrefix(out.String(), tc.out) || !strings.Contains(errb.String(), tc.inErr) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want %d, %q…, …%q…", tc.name, code, out.String(), errb.String(), tc.code, tc.out, tc.inErr)
		}
	}
	// The run of "runs alternate": each command's runs took turns, the
	// setup before each.
	log, _ := os.ReadFile(filepath.Join(dir, "log"))
	if got, want := string(log), "s\na\ns\nb\ns\na\ns\nb\n"; got != want {
		t.Errorf("runs alternate: ran %q, want %q", got, want)
	}
}
