-- Migration 1: the initial jixiao schema.
--
-- Conventions, for every table below:
--   * Text is stored as printed on the form (trimmed, HTML stripped), never
--     "corrected". A value the form does not give is NULL, never '' or 0:
--     in Go terms a nil pointer, an empty string (for title, levels) or a zero
--     number (for year, pages, lines) is NULL here.
--   * Times are UTC text in RFC 3339 with nanoseconds
--     ('2024-05-01T08:30:00.123456789Z'), so they sort and compare as text.
--   * Codes (kind, target_kind, code, error_kind) are the string constants of
--     the Go package jixiao/extract/form; their lists only grow.
--   * Rows under a document (forms, funds, goals, indicators, flags) are
--     deleted with it (ON DELETE CASCADE; jixiao turns foreign keys on).
--   * Plain (non-STRICT) tables, so that SQLite older than 3.37 — Datasette,
--     pandas, DuckDB on older systems — can still read the file.

CREATE TABLE documents (
    -- One input file that was read successfully (even if it held no form).
    id          INTEGER PRIMARY KEY, -- document id
    path        TEXT    NOT NULL,    -- the file as the user named it on ingest
    sha256      TEXT    NOT NULL UNIQUE, -- hex SHA-256 of the file's bytes; identifies the document, re-ingesting it is a no-op
    kind        TEXT    NOT NULL,    -- how it was read: 'text', 'pdf', 'pdf-ocr', 'image'
    size        INTEGER NOT NULL,    -- file size in bytes
    mod_time    TEXT,                -- file modification time (UTC, RFC 3339); NULL when unknown
    ingested_at TEXT    NOT NULL,    -- when jixiao stored it (UTC, RFC 3339)
    form_count  INTEGER NOT NULL     -- number of forms stored for it (rows in forms)
);

CREATE TABLE forms (
    -- One 财政项目支出绩效目标申报表 (project expenditure performance-target form).
    -- Two forms may share a project name (in one document or several); both are kept.
    id                INTEGER PRIMARY KEY, -- form id (form_id in the export)
    document_id       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, -- the document it was found in
    form_index        INTEGER NOT NULL,    -- 1-based position of the form in its document
    line_from         INTEGER,             -- first line in a text export (1-based); NULL for other kinds
    line_to           INTEGER,             -- last line in a text export (1-based); NULL for other kinds
    page_from         INTEGER,             -- first page (1-based); NULL for text exports
    page_to           INTEGER,             -- last page (1-based); NULL for text exports
    title             TEXT,                -- the title line as printed; NULL when the form has none
    year              INTEGER,             -- budget year (e.g. 2023); NULL when not given
    project_name      TEXT,                -- 项目名称
    project_nature    TEXT,                -- 项目性质 (e.g. 经常性项目, 阶段性项目)
    project_category  TEXT,                -- 项目类别
    department        TEXT,                -- 主管部门 (supervising department)
    implementing_unit TEXT,                -- 实施单位 (implementing unit)
    start_date        TEXT,                -- 计划开始日期: ISO 8601 after normalization, as printed when it does not parse
    end_date          TEXT                 -- 计划完成日期: as start_date
);
CREATE INDEX forms_document_id ON forms(document_id);   -- forms of a document; keeps cascading deletes fast
CREATE INDEX forms_project_name ON forms(project_name); -- look-up by project
CREATE INDEX forms_department ON forms(department);     -- facets by department

CREATE TABLE funds (
    -- The funds block of a form (项目资金), one row per form. Amounts are in
    -- 元 (since schema version 7: a block printed in 万元 is converted, and
    -- forms.funds_unit says what was printed). A blank cell is NULL, not 0. Each <name>_raw column holds the cell
    -- as printed; <name> is its parsed value, NULL when blank or not a number.
    form_id           INTEGER PRIMARY KEY REFERENCES forms(id) ON DELETE CASCADE, -- the form
    total             REAL, -- 项目资金总额 (total project funds)
    total_raw         TEXT, -- as printed
    annual_total      REAL, -- 年度资金申请总额 (funds applied for this year)
    annual_total_raw  TEXT, -- as printed
    fiscal            REAL, -- 其中：财政资金 (of which fiscal funds)
    fiscal_raw        TEXT, -- as printed
    appropriation     REAL, -- 其中：当年财政拨款 (of which this year's appropriation)
    appropriation_raw TEXT, -- as printed
    carryover         REAL, -- 上年结转资金 (carried over from last year)
    carryover_raw     TEXT, -- as printed
    other             REAL, -- 其他资金 under 项目资金总额 (other funds, project total)
    other_raw         TEXT, -- as printed
    annual_other      REAL, -- 其他资金 under 年度资金申请总额 (other funds, this year)
    annual_other_raw  TEXT  -- as printed
);

CREATE TABLE goals (
    -- The two goal texts of a form, one row per form.
    form_id INTEGER PRIMARY KEY REFERENCES forms(id) ON DELETE CASCADE, -- the form
    overall TEXT, -- 项目总目标 (overall project goal); NULL when absent
    annual  TEXT  -- 年度总体目标 (goal for the year); NULL when absent
);

CREATE TABLE indicators (
    -- One row of a form's indicator grid: a 三级指标 (level-3 indicator) with
    -- its 年度指标值 (target value for the year).
    id          INTEGER PRIMARY KEY, -- indicator id
    form_id     INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    seq         INTEGER NOT NULL,    -- 1-based order of the row in its form
    level1      TEXT,                -- canonical 一级指标 (产出指标, 效益指标, 满意度指标, …); NULL when unknown
    level2      TEXT,                -- canonical 二级指标 (数量指标, 社会效益指标, …); NULL when unknown
    level2_raw  TEXT,                -- the 二级指标 label as printed on the row that introduced it (a synonym, stray spaces); NULL when none was printed
    name        TEXT,                -- 三级指标 as printed; NULL when the row has none
    value       TEXT,                -- 年度指标值 as printed; NULL when the row has none
    target_kind TEXT    NOT NULL,    -- kind of the typed reading of value ('text' when not understood); same as target_json's "kind"
    target_json TEXT    NOT NULL,    -- the typed reading of value as a JSON object (form.Target); read with json_extract()
    confidence  REAL    NOT NULL,    -- 0..1, how sure the reading is; 1 for text exports
    flag_codes  TEXT    NOT NULL DEFAULT '[]', -- JSON array of the codes of the flags on this row, in order (form.Indicator.Flags)
    line        INTEGER,             -- 1-based line in a text export; NULL otherwise
    UNIQUE (form_id, seq)
);
CREATE INDEX indicators_level2 ON indicators(level2);           -- facets by level-2 indicator
CREATE INDEX indicators_target_kind ON indicators(target_kind); -- facets by kind of target

CREATE TABLE flags (
    -- A field of a form that a reviewer should look at (form.Flag), in the
    -- order the form lists them.
    id           INTEGER PRIMARY KEY, -- flag id; gives the order within a form
    form_id      INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    indicator_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE, -- the indicator when field starts with 'indicators[i]' (i 0-based); else NULL
    code         TEXT    NOT NULL,    -- what is wrong: 'value_missing', 'funds_mismatch', … (see form/flags.go)
    field        TEXT    NOT NULL,    -- path in the record: 'project_name', 'funds.other', 'indicators[3].value'; '' for the whole form
    message      TEXT    NOT NULL     -- human-readable detail
);
CREATE INDEX flags_form_id ON flags(form_id);           -- flags of a form; keeps cascading deletes fast
CREATE INDEX flags_indicator_id ON flags(indicator_id); -- flags of an indicator; keeps cascading deletes fast
CREATE INDEX flags_code ON flags(code);                 -- facets by flag code

CREATE TABLE failures (
    -- A document that could not be read, one row per failed attempt (not
    -- deduplicated: a file that fails on three runs has three rows).
    id         INTEGER PRIMARY KEY, -- failure id; gives the order of attempts
    path       TEXT NOT NULL,       -- the file as the user named it
    sha256     TEXT,                -- hex SHA-256 of the file; NULL when the file could not even be hashed
    error_kind TEXT NOT NULL,       -- why: 'malformed', 'unsupported', 'encrypted', 'limit exceeded', 'timeout', 'crashed', 'I/O', 'internal', 'no form'
    message    TEXT NOT NULL,       -- the error message
    failed_at  TEXT NOT NULL        -- when it failed (UTC, RFC 3339)
);
