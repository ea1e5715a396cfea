// Command gencorpus writes a large corpus of text exports for benchmarks and
// batch tests, made from the fixture forms: each output form is a fixture
// form whose project name carries a serial number, so that every form and
// every file is distinct.
//
//	go run ./cmd/gencorpus -forms 10000 -per-file 20 -out /tmp/corpus fixtures/text/forms.txt
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func main() {
	forms := flag.Int("forms", 10000, "forms to write")
	perFile := flag.Int("per-file", 20, "forms per file")
	out := flag.String("out", "corpus", "output directory (created)")
	gb := flag.Bool("gb18030", false, "write GB18030 instead of UTF-8")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: gencorpus [options] FIXTURE.txt\n\nOptions:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *forms < 1 || *perFile < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(flag.Arg(0), *out, *forms, *perFile, *gb); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func generate(fixture, out string, n, perFile int, gb bool) error {
	src, err := os.ReadFile(fixture)
	if err != nil {
		return err
	}
	templates := splitForms(string(src))
	if len(templates) == 0 {
		return fmt.Errorf("%s: no form found", fixture)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	file := 0
	flush := func() error {
		if buf.Len() == 0 {
			return nil
		}
		data := buf.Bytes()
		if gb {
			enc, err := simplifiedchinese.GB18030.NewEncoder().Bytes(data)
			if err != nil {
				return err
			}
			data = enc
		}
		file++
		buf.Reset()
		return os.WriteFile(filepath.Join(out, fmt.Sprintf("forms-%05d.txt", file)), data, 0o644)
	}
	for i := range n {
		buf.WriteString(renamed(templates[i%len(templates)], i+1))
		buf.WriteString("\n")
		if (i+1)%perFile == 0 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// splitForms cuts a text export into forms at their title lines.
func splitForms(s string) []string {
	var forms []string
	var cur strings.Builder
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.Contains(line, "财政项目支出绩效目标申报表") && cur.Len() > 0 {
			forms = append(forms, cur.String())
			cur.Reset()
		}
		cur.WriteString(line + "\n")
	}
	if cur.Len() > 0 {
		forms = append(forms, cur.String())
	}
	return forms
}

// renamed appends a serial number to the form's project name cell.
func renamed(form string, serial int) string {
	lines := strings.Split(form, "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		if len(cells) > 1 && strings.TrimSpace(cells[0]) == "项目名称" {
			cells[1] += fmt.Sprintf("（样本%06d）", serial)
			lines[i] = strings.Join(cells, "\t")
			break
		}
	}
	return strings.Join(lines, "\n")
}
