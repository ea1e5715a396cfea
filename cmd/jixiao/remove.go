package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"jixiao/store"
)

const removeHelp = `
Usage: jixiao remove --db FILE [--dry-run] [--force] (ID|PATH)...

Deletes documents from the database and everything read from them: their
forms with funds, goals, indicators, flags, field boxes and page sizes,
the files of a page stream, and their rows of the search indexes. A
document is named by its id (documents.id, as "jixiao query 'SELECT id,
path FROM documents'" lists them) or by its path as ingested (or the path
of one file of a page stream): every document read from that path goes.
Ingesting the same file again reads it anew.

A document whose forms carry reviewers' corrections or reviews (made in
"jixiao serve") is not removed unless --force is given: then the
corrections are kept in the table removed_corrections (with the
document's path and SHA-256 and each form's index and project name), and
the reviews go. All the named documents are removed, in one transaction,
or none: an unknown ID or PATH, or one refused, removes nothing.

--dry-run lists what would go, and removes nothing. --db has no default:
name the database.

Examples:
  jixiao remove --db forms.db --dry-run budget-books/2023/old.pdf
  jixiao remove --db forms.db 3 7
  jixiao remove --db forms.db --force scans/17-p1.jpg
`

func runRemove(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "remove", removeHelp)
	dbPath := f.String("db", "", "the SQLite database to remove from (required)")
	dryRun := f.Bool("dry-run", false, "list what would be removed; remove nothing")
	force := f.Bool("force", false, "remove documents whose forms were corrected or reviewed too, keeping the corrections in removed_corrections")
	if code, stop := f.parse(args); stop {
		return code
	}
	if *dbPath == "" {
		return f.usageError("no --db FILE given")
	}
	if f.NArg() == 0 {
		return f.usageError("no document (ID or PATH) given")
	}
	if _, err := os.Stat(*dbPath); errors.Is(err, fs.ErrNotExist) { // do not create one
		fmt.Fprintf(e.stderr, "jixiao: no database %s\n", *dbPath)
		return exitSomeFailed
	}
	db, err := store.Open(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao remove: %v\n", err)
		return failedOrInterrupted(ctx)
	}
	defer db.Close()
	var ids []int64
	missing := 0
	for _, arg := range f.Args() {
		found, err := db.FindDocuments(ctx, arg)
		if errors.Is(err, store.ErrNoDocument) {
			fmt.Fprintf(e.stderr, "jixiao remove: no document %s is stored\n", arg)
			missing++
			continue
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "jixiao remove: %v\n", err)
			return failedOrInterrupted(ctx)
		}
		ids = append(ids, found...)
	}
	if missing > 0 {
		fmt.Fprintf(e.stderr, "jixiao remove: nothing removed\n")
		return exitSomeFailed
	}
	rs, err := db.RemoveDocuments(ctx, ids, store.RemoveOptions{Force: *force, DryRun: *dryRun})
	if errors.Is(err, store.ErrReviewed) {
		for _, r := range rs {
			if r.Corrections > 0 || r.Reviews > 0 {
				fmt.Fprintf(e.stderr, "jixiao remove: document %d %s: its forms carry %s and %s by reviewers\n",
					r.DocumentID, r.Path, plural(r.Corrections, "correction"), plural(r.Reviews, "review"))
			}
		}
		fmt.Fprintf(e.stderr, "jixiao remove: nothing removed (--force removes them, keeping the corrections in removed_corrections)\n")
		return exitSomeFailed
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao remove: %v\n", err)
		return failedOrInterrupted(ctx)
	}
	verb := "removed"
	if *dryRun {
		verb = "would remove"
	}
	for _, r := range rs {
		printRemoval(e.stdout, verb, r, *dryRun)
	}
	if !*dryRun {
		if sum, err := db.Summary(context.WithoutCancel(ctx)); err == nil {
			fmt.Fprintf(e.stdout, "%s now holds %d document(s), %d form(s), %d indicator(s), %d flag(s)\n",
				*dbPath, sum.Documents, sum.Forms, sum.Indicators, sum.Flags)
		}
	}
	return exitOK
}

// printRemoval says what removing r deletes; with forms, it lists them.
func printRemoval(w io.Writer, verb string, r store.Removal, forms bool) {
	parts := []string{plural(len(r.Forms), "form"), plural(r.Indicators, "indicator"), plural(r.Flags, "flag")}
	if r.Files > 0 {
		parts = append(parts, plural(r.Files, "file")+" of a page stream")
	}
	if r.Pages > 0 {
		parts = append(parts, plural(r.Pages, "page size"))
	}
	switch {
	case r.Boxes == 1:
		parts = append(parts, "1 field box")
	case r.Boxes > 1:
		parts = append(parts, fmt.Sprintf("%d field boxes", r.Boxes))
	}
	if r.Reviews > 0 {
		parts = append(parts, plural(r.Reviews, "review"))
	}
	if r.Corrections > 0 {
		parts = append(parts, plural(r.Corrections, "correction")+" (kept in removed_corrections)")
	}
	fmt.Fprintf(w, "%s document %d %s: %s\n", verb, r.DocumentID, r.Path, strings.Join(parts, ", "))
	if forms {
		for _, f := range r.Forms {
			fmt.Fprintf(w, "  form %d  %s\n", f.ID, orNone(f.ProjectName))
		}
	}
}

// failedOrInterrupted is the exit status of a failure: 130 when ctx is done.
func failedOrInterrupted(ctx context.Context) int {
	if ctx.Err() != nil {
		return exitInterrupted
	}
	return exitSomeFailed
}
