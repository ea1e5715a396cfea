// Package store keeps jixiao's forms in a SQLite database and reads them
// back.
//
// A database holds documents (input files, identified by the SHA-256 of their
// bytes), the forms found in them with their funds, goals, indicators,
// budget rows (self-evaluation forms), tasks and budget request lines
// (whole-department forms) and review flags, the reviewers' corrections
// and reviews, and a log of the files that could not be read. Saving a document is atomic (the document
// and all its forms, or nothing) and idempotent (saving a document whose
// SHA-256 is already stored does nothing), so an interrupted ingest can
// simply be run again. [DB.Forms] returns exactly the values that were
// saved (those the form does not give are NULL in the database); a
// reviewer's correction never overwrites them: the store keeps the
// corrections and reviews ([DB.AddCorrection], [DB.FormReview]), and
// package review, the export and the views apply the latest correction of
// each field. Views and
// FTS5 full-text indexes serve researchers ([DB.Search], [DB.Query]); code
// that inserts rows by other means than this package must index them too
// (see the migration that creates the indexes).
//
// # Schema and migrations
//
// The schema is the sum of the SQL files in the migrations directory,
// embedded in the binary: one migration per file, named NNNN_what.sql and
// numbered from 1 without gaps, each saying what it changes and commenting
// every table and column it adds ([Schema] reads those comments). PRAGMA
// user_version records how many have been applied. [Open] applies the
// missing ones, each in its own transaction, and refuses a database of a
// newer jixiao (user_version above [SchemaVersion]) with [ErrSchemaTooNew].
// To change the schema, add the next numbered file and bump
// [SchemaVersion]; never edit a migration that has been released.
//
// # Concurrency
//
// A [DB] is safe for concurrent use by multiple goroutines. All writes of a
// DB go through one connection, so they are serialized; reads use a pool of
// read-only connections, each read sees a consistent snapshot, and (the
// database being in WAL mode) readers and the writer do not block each other.
// Between processes SQLite's file lock applies, with a busy timeout of 5 s:
// jixiao is designed for one writing process and any number of readers.
//
// # Limitations
//
// The package needs cgo (github.com/mattn/go-sqlite3). NaN and infinite
// amounts, confidences and target numbers are refused: SQLite would store NaN
// as NULL, and JSON (target_json, the export) has neither. A stored document
// is never replaced: remove it ([DB.RemoveDocuments]) and save it again. The
// database must live on a local file system (WAL mode needs shared memory
// between processes).
package store
