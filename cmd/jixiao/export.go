package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"jixiao/store"
	"jixiao/store/atomicfile"
	"jixiao/store/export"
)

const exportHelp = `
Usage: jixiao export [--db FILE] [--format jsonl|csv] [--out FILE | --dir DIR]

Writes the stored forms.

  --format jsonl   one export record per form and line (the record is
                   described in the README), in form id order.
  --format csv     the view indicator_targets as one flat CSV: one row per
                   indicator with its form's header and its typed target in
                   plain columns ("jixiao schema indicator_targets").
  --format csv --dir DIR
                   every table as DIR/<table>.csv (documents, forms, funds,
                   goals, indicators, flags, failures, and the review,
                   geometry and page-stream tables), each in rowid order,
                   to load elsewhere as the database has it.

CSV files are UTF-8 with a byte-order mark, so that Excel on Chinese Windows
opens them right; NULL is an empty cell. --out and every file in --dir are
written atomically (temporary file, sync, rename): a reader never sees half
a file. Without --out or --dir the output goes to standard output.

Examples:
  jixiao export > forms.jsonl
  jixiao export --db 2023.db --format csv --out indicators.csv
  jixiao export --db 2023.db --format csv --dir tables/
`

func runExport(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "export", exportHelp)
	dbPath := f.String("db", "jixiao.db", "the SQLite database to read")
	format := f.String("format", "jsonl", "jsonl or csv")
	out := f.String("out", "-", `the file to write; "-" for standard output`)
	dir := f.String("dir", "", "csv: write one CSV per table into this folder (created if missing)")
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
	if *dir != "" && *format != "csv" {
		return f.usageError("--dir writes CSV files: use it with --format csv")
	}
	if *dir != "" && *out != "-" {
		return f.usageError("give --out or --dir, not both")
	}
	db, code := openForReading(ctx, e, *dbPath)
	if db == nil {
		return code
	}
	defer db.Close()
	var err error
	switch {
	case *dir != "":
		_, err = export.TablesCSV(ctx, *dir, db)
	case *out == "-":
		err = write(ctx, e.stdout, db)
	default:
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
