package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"jixiao/store"
	"jixiao/store/atomicfile"
	"jixiao/store/export"
)

const exportHelp = `
Usage: jixiao export [--db FILE] [--format jsonl|csv] [--out FILE]

Writes the stored forms. jsonl gives one export record per form and line (the
record is described in the README). csv gives one row per indicator with its
form's header fields, in UTF-8 with a byte-order mark so that Excel opens it
right. --out is written atomically: a reader never sees half a file.

Examples:
  jixiao export > forms.jsonl
  jixiao export --db 2023.db --format csv --out indicators.csv
`

func runExport(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "export", exportHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to read")
	format := f.String("format", "jsonl", "jsonl or csv")
	out := f.String("out", "-", `the file to write; "-" for standard output`)
	if code, stop := f.parse(args); stop {
		return code
	}
	if f.NArg() > 0 {
		return f.usageError("unexpected argument %q", f.Arg(0))
	}
	var write func(context.Context, io.Writer, *store.DB) error
	switch *format {
	case "jsonl":
		write = export.JSONL
	case "csv":
		write = export.IndicatorsCSV
	default:
		return f.usageError("unknown --format %q (want jsonl or csv)", *format)
	}
	if _, err := os.Stat(*dbPath); errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(e.stderr, "jixiao: no database %s (run 'jixiao ingest' first)\n", *dbPath)
		return exitSomeFailed
	}
	db, err := store.OpenReadOnly(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		return exitSomeFailed
	}
	defer db.Close()
	if *out == "-" {
		err = write(ctx, e.stdout, db)
	} else {
		err = atomicfile.Write(*out, func(f *os.File) error { return write(ctx, f, db) })
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: export: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	return exitOK
}
