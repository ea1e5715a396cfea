-- Version 7: failures keeps one row per file (path and SHA-256) with the
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
CREATE UNIQUE INDEX failures_file ON failures(path, ifnull(sha256, '')); -- one row per file

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
