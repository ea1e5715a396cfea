-- Migration: documents read as page streams. Image files that are the
-- pages of one document (scan_0001.jpg, scan_0002.jpg, …: one image per
-- page, as scanners write them) are read as one document, so that a form
-- continues from one file onto the next; such a document is a run of
-- files holding whole forms, named by its first file (documents.path),
-- identified by the list of its files' hashes (documents.sha256 is the
-- SHA-256 of "jixiao page stream 1\n" followed by each file's hash and a
-- newline). Its pages are numbered from 1 across its files.
--
-- Also: the turn by which a page scanned sideways or upside down was read.

ALTER TABLE pages ADD COLUMN file TEXT;         -- the file the page is in, as named on ingest, for a document read as a page stream; NULL for a document of one file
ALTER TABLE pages ADD COLUMN file_page INTEGER; -- 1-based page of the page in its file, for a document read as a page stream; NULL otherwise
ALTER TABLE pages ADD COLUMN turn INTEGER NOT NULL DEFAULT 0; -- clockwise quarter turn (0, 90, 180 or 270 degrees) that made the scanned page upright: its field boxes are in the turned image

CREATE TABLE document_files (
    -- One file of a document read as a page stream, blank pages and all:
    -- ingest skips a stream all of whose files are here.
    id          INTEGER PRIMARY KEY, -- row id; gives the order of the files
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, -- the document
    path        TEXT    NOT NULL,    -- the file as the user named it on ingest
    sha256      TEXT    NOT NULL,    -- hex SHA-256 of the file's bytes
    size        INTEGER NOT NULL,    -- file size in bytes
    first_page  INTEGER NOT NULL,    -- the document's page number of the file's first page
    pages       INTEGER NOT NULL     -- how many pages of the document it holds
);
CREATE INDEX document_files_sha256 ON document_files(sha256); -- is this file stored?
CREATE INDEX document_files_document_id ON document_files(document_id); -- files of a document; keeps cascading deletes fast
