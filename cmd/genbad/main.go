// Command genbad writes the bad-input corpus (package internal/badinput)
// into a directory, by default fixtures/bad:
//
//	go run ./cmd/genbad -out fixtures/bad fixtures/text/forms.txt
//
// The output is deterministic; fixtures/bad/README.md describes each file.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"jixiao/cmd/internal/badinput"
	"jixiao/store/atomicfile"
)

func main() {
	out := flag.String("out", "fixtures/bad", "output directory (created)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: genbad [-out DIR] FORMS.txt\n\nOptions:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := generate(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "genbad:", err)
		os.Exit(1)
	}
}

func generate(formsPath, out string) error {
	forms, err := os.ReadFile(formsPath)
	if err != nil {
		return err
	}
	files, err := badinput.Files(forms)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		err := atomicfile.Write(filepath.Join(out, f.Name), func(w *os.File) error {
			_, err := w.Write(f.Data)
			return err
		})
		if err != nil {
			return fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	return nil
}
