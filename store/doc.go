// Package store keeps jixiao's forms in a SQLite database and reads them
// back.
//
// A database holds documents (input files, identified by the SHA-256 of their
// bytes), the forms found in them with their funds, goals, indicators and
// review flags, and a log of the documents that could not be read. Saving a
// document is atomic (the document and all its forms, or nothing) and
// idempotent (saving a document whose SHA-256 is already stored does
// nothing), so an interrupted ingest can simply be run again.
//
// # Schema and migrations
//
// The schema is the sum of the SQL files in the migrations directory of this
// package, embedded in the binary. Each file is one migration, named
// NNNN_what.sql and numbered from 1 without gaps; PRAGMA user_version records
// how many have been applied. [Open] applies the missing ones, each in its own
// transaction; a database written by a newer jixiao (user_version above
// [SchemaVersion]) is refused with [ErrSchemaTooNew]. To change the schema,
// add the next numbered file and bump [SchemaVersion]; never edit a migration
// that has been released. Every table and column is commented in those files.
// The comments inside CREATE TABLE are kept by SQLite, so ".schema" in the
// sqlite3 shell shows them too; columns added later with ALTER TABLE are
// commented in their migration file only.
//
// Values the form does not give are NULL in the database: nil pointers, and
// the Go zero values that mean "absent" (an empty title, level name or folded
// name, a zero year, page or line). [DB.Forms] turns them back into exactly
// the values that were saved.
//
// Schema version 3 adds three views for researchers (indicator_targets,
// forms_overview, flags_open) and three FTS5 full-text indexes with the
// trigram tokenizer (forms_fts, goals_fts, indicators_fts). [DB.SaveDocument]
// indexes each document it stores in the same transaction, or, after
// [DB.DeferSearchIndex], leaves it to [DB.IndexPending] (which [Open] also
// runs, for documents a stopped batch left unindexed); triggers keep
// the indexes right on updates and deletes; code that inserts rows by other
// means must index them too (see the migration). [DB.Search] searches them,
// [DB.Query] runs read-only SQL, and [Schema] describes every table, view and
// column from the comments of the migrations.
//
// Schema version 4 adds the reviewers' audit trail (corrections, reviews;
// see [DB.Correct] and [DB.ReviewedForms]): the machine's reading is never
// overwritten, reads apply the latest correction of each field, and
// indicator_targets shows the corrected values beside the original ones.
//
// Schema version 8 makes every view show the corrected record (the view
// forms_current; <column>_read beside it holds the machine's reading),
// leaves flags resolved by a correction, and those of forms marked
// reviewed, out of flags_open, and adds forms_distinct (one row per real
// form: readings of one form share an identity key, see distinct.go) and
// form_disagreements (see [DB.Disagreements]). [DB.MergeReviews] copies
// the audit trail from one database to another.
//
// An indicator's typed target (form.Target) is stored twice: whole, as JSON
// in target_json, which [DB.Forms] reads back; and field by field in the
// target_* columns (schema version 2), for SQL to filter and compare, each
// equal to json_extract(target_json, '$.<field>').
//
// # Concurrency
//
// A [DB] is safe for concurrent use by multiple goroutines. All writes of a
// DB go through one connection, so they are serialized; reads use a pool of
// read-only connections, each read sees a consistent snapshot, and (the
// database being in WAL mode) readers and the writer do not block each other.
// Between processes SQLite's file lock applies, with a busy timeout of 5 s:
// jixiao is designed for one writing process (one goroutine owning the writes)
// and any number of readers.
//
// # Limitations
//
// The package needs cgo (github.com/mattn/go-sqlite3). NaN and infinite
// amounts, confidences and target numbers are refused: SQLite would store NaN
// as NULL, and JSON (target_json, the export) has neither. There is no
// API yet to delete or replace a stored document. The database must live on a
// local file system (WAL mode needs shared memory between processes).
package store
