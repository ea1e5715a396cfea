-- Version 9: failures keeps one row per file (path and SHA-256) with the
-- number of failed attempts and the last error, instead of a row per
-- attempt. The rows of each file are folded into one: the last attempt's
-- error and time, the count of attempts, in the order files first failed.

ALTER TABLE failures RENAME TO failures_v6;

CREATE TABLE failures (
    -- A file that could not be read: one row per file (path and SHA-256), however often it failed, with the error of the last attempt (a file that failed on three runs has one row with attempts = 3).
    id         INTEGER PRIMARY KEY, -- failure id; gives the order in which files first failed
    path       TEXT NOT NULL,       -- the file as the user named it
    sha256     TEXT,                -- hex SHA-256 of the file; NULL when the file could not even be hashed
    error_kind TEXT NOT NULL,       -- why the last attempt failed: 'malformed', 'unsupported', 'encrypted', 'limit exceeded', 'timeout', 'crashed', 'I/O', 'internal', 'no form'
    message    TEXT NOT NULL,       -- the error message of the last attempt
    failed_at  TEXT NOT NULL,       -- when it last failed (UTC, RFC 3339)
    attempts   INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1) -- how many attempts failed
);
CREATE INDEX failures_file ON failures(path, sha256); -- the row of a file (not UNIQUE: a merge of databases may copy a second one)

INSERT INTO failures (path, sha256, error_kind, message, failed_at, attempts)
SELECT path, sha256, error_kind, message, failed_at, n FROM (
    SELECT f.*,
        count(*) OVER file AS n,
        min(id) OVER file AS first,
        row_number() OVER (PARTITION BY path, ifnull(sha256, '') ORDER BY id DESC) AS r
    FROM failures_v6 AS f
    WINDOW file AS (PARTITION BY path, ifnull(sha256, ''))
) WHERE r = 1
ORDER BY first;

DROP TABLE failures_v6;

-- "jixiao remove --force" deletes a document whose forms carry reviewers'
-- corrections; they are kept here.
CREATE TABLE removed_corrections (
    -- A reviewer's correction of a form of a document that was removed (jixiao remove --force), kept so that the work is not lost: ingesting the same file again gives back its forms, with new ids, in the same form_index order.
    id              INTEGER PRIMARY KEY, -- row id; in the order archived
    correction_id   INTEGER NOT NULL,    -- its id in corrections (gives the order of edits)
    form_id         INTEGER NOT NULL,    -- the removed form's id (no longer in forms)
    form_index      INTEGER NOT NULL,    -- 1-based position of the form in its document
    project_name    TEXT,                -- the form's 项目名称 as read
    document_path   TEXT    NOT NULL,    -- the removed document's path
    document_sha256 TEXT    NOT NULL,    -- the removed document's SHA-256
    field           TEXT    NOT NULL,    -- as corrections.field
    old_value       TEXT,                -- as corrections.old_value
    new_value       TEXT,                -- as corrections.new_value
    target_json     TEXT,                -- as corrections.target_json
    reviewer        TEXT    NOT NULL,    -- who made the edit
    corrected_at    TEXT    NOT NULL,    -- when (UTC, RFC 3339)
    removed_at      TEXT    NOT NULL     -- when the document was removed (UTC, RFC 3339)
);
CREATE INDEX removed_corrections_sha256 ON removed_corrections(document_sha256); -- the corrections of a removed document
