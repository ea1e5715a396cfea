package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"jixiao"
	"jixiao/store"
)

const mergeHelp = `
Usage: jixiao merge --db OUT IN.db...

Folds the databases IN.db (for example those of "jixiao ingest --shard i/n"
run on n machines) into OUT, created if missing. A document whose bytes
(SHA-256) OUT already holds is skipped, so nothing is stored twice, and
merging the same database again is a no-op. Each document is saved with its
forms in one transaction, through the same path as ingest; the failures
logged in IN.db are copied too (an identical row is not copied twice), and
so are the reviewers' corrections and reviews (jixiao serve), with their
reviewer and time, keyed to the same form (same document bytes, same
position): merging twice adds nothing.
When the same bytes were stored under two paths, OUT keeps the path of the
first database that holds them. IN.db is opened read-only and must not be
written meanwhile; an IN.db of an older schema is refused (open it once with
"jixiao ingest" to upgrade it).

Examples:
  jixiao merge --db all.db part1.db part2.db part3.db
  jixiao merge --db archive.db 2024-new.db
`

// mergeStats counts what a merge did.
type mergeStats struct {
	docs, skipped, forms, failures, corrections, reviews int
}

func runMerge(ctx context.Context, args []string, e *env) int {
	f := newFlags(e, "merge", mergeHelp)
	dbPath := f.String("db", "", "the database to merge into (created if missing)")
	if code, stop := f.parse(args); stop {
		return code
	}
	if *dbPath == "" {
		return f.usageError("no --db OUT given")
	}
	if f.NArg() == 0 {
		return f.usageError("no database to merge given")
	}
	for _, in := range f.Args() {
		if sameFile(in, *dbPath) {
			return f.usageError("%s is the output database", in)
		}
	}
	out, err := store.Open(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "jixiao: %v\n", err)
		if ctx.Err() != nil {
			return exitInterrupted
		}
		return exitSomeFailed
	}
	defer out.Close()

	var st mergeStats
	failed := 0
	for _, in := range f.Args() {
		if err := mergeOne(ctx, out, in, &st); err != nil {
			fmt.Fprintf(e.stderr, "jixiao: merge %s: %v\n", in, err)
			if ctx.Err() != nil {
				fmt.Fprintf(e.stderr, "jixiao: interrupted; merged documents are kept. Run the same command again to resume.\n")
				return exitInterrupted
			}
			failed++
		}
	}
	fmt.Fprintf(e.stdout, "merged %d document(s): %d form(s), %d failure row(s), %d correction(s), %d review(s); %d already stored; %d database(s) failed\n",
		st.docs, st.forms, st.failures, st.corrections, st.reviews, st.skipped, failed)
	if sum, err := out.Summary(context.WithoutCancel(ctx)); err == nil {
		fmt.Fprintf(e.stdout, "%s now holds %d document(s), %d form(s), %d indicator(s), %d flag(s)\n",
			*dbPath, sum.Documents, sum.Forms, sum.Indicators, sum.Flags)
	}
	if failed > 0 {
		return exitSomeFailed
	}
	return exitOK
}

// mergeOne folds the database at path into out.
func mergeOne(ctx context.Context, out *store.DB, path string, st *mergeStats) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return err
	}
	in, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer in.Close()
	err = in.Documents(ctx, func(d store.Document, forms []jixiao.Form) error {
		_, added, err := out.SaveDocument(ctx, d, forms)
		switch {
		case err != nil:
			return err
		case added:
			st.docs++
			st.forms += len(forms)
		default:
			st.skipped++
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = in.Failures(ctx, func(fl store.Failure) error {
		added, err := out.MergeFailure(ctx, fl)
		if added {
			st.failures++
		}
		return err
	})
	if err != nil {
		return err
	}
	rm, err := out.MergeReviews(ctx, in)
	st.corrections += rm.Corrections
	st.reviews += rm.Reviews
	return err
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ia, ib)
}
