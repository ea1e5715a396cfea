-- Migration 3: views for researchers and full-text search.
--
-- Three views flatten the tables for SQL, spreadsheets, Datasette, pandas
-- and DuckDB: indicator_targets (one row per indicator with its form and
-- typed target), forms_overview (one row per form with its funds and
-- counts) and flags_open (one row per review flag with what it is on).
-- They use nothing newer than SQLite 3.30 (FILTER on aggregates), so older
-- readers can query them.
--
-- Three FTS5 tables index text for substring search (the trigram tokenizer,
-- SQLite 3.34 or newer: Chinese has no spaces between words, so every
-- sequence of three characters is a token). They are external-content
-- tables (content="<table>"): they keep only the index and read the text
-- from their table, which is the convention Datasette detects, so its
-- search box works on forms, goals and indicators.
--
-- Keeping them in step: jixiao's SaveDocument indexes the rows of each
-- document it stores, in the same transaction, with one INSERT … SELECT per
-- FTS table once the rows are in (an FTS5 table flushes its pending terms
-- whenever another statement of the transaction writes, so an index trigger
-- on insert, run once per row, made saving three times slower). Triggers
-- keep them in step with every update and delete (also the deletes that
-- cascade from a document). Anything else that inserts rows into forms,
-- goals or indicators must index them likewise, or rebuild the index:
--   INSERT INTO indicators_fts (indicators_fts) VALUES ('rebuild');
--
-- A trigram index cannot find a string of fewer than three characters;
-- jixiao search falls back to LIKE on the tables for those (see the README).
--
-- Each line of a view's column list, and of an FTS table's, carries the
-- comment that `jixiao schema` prints for that column.

CREATE VIEW indicator_targets AS
    -- One row per indicator, with its form's header and its typed target
    -- spread over plain columns: the flat table to filter, pivot and export.
SELECT
    i.form_id           AS form_id,           -- the indicator's form (forms.id)
    i.id                AS indicator_id,      -- the indicator (indicators.id)
    d.path              AS source_path,       -- the document the form was read from, as named on ingest
    d.kind              AS source_kind,       -- how the document was read: 'text', 'pdf', 'pdf-ocr', 'image'
    f.form_index        AS form_index,        -- 1-based position of the form in its document
    f.year              AS year,              -- budget year of the form
    f.project_name      AS project_name,      -- 项目名称
    f.project_nature    AS project_nature,    -- 项目性质
    f.project_category  AS project_category,  -- 项目类别
    f.department        AS department,        -- 主管部门
    f.implementing_unit AS implementing_unit, -- 实施单位
    f.start_date        AS start_date,        -- 计划开始日期 (ISO 8601 when it parsed)
    f.end_date          AS end_date,          -- 计划完成日期 (ISO 8601 when it parsed)
    i.seq               AS seq,               -- 1-based order of the indicator in its form
    i.level1            AS level1,            -- canonical 一级指标
    i.level2            AS level2,            -- canonical 二级指标
    i.level2_raw        AS level2_raw,        -- 二级指标 as printed
    i.name              AS name,              -- 三级指标 as printed
    i.name_norm         AS name_norm,         -- name folded for grouping (NULL in rows stored by schema version 1)
    i.value             AS value,             -- 年度指标值 as printed
    i.target_kind       AS kind,              -- kind of typed target: quantity, range, qualitative, trend, deadline, window, duration, frequency, text
    i.target_op         AS op,                -- comparator of a quantity or duration: '=', '>=', '>', '<=', '<', '~'
    i.target_value      AS number,            -- the number of a quantity or duration, magnitude applied
    i.target_min        AS min,               -- lower bound of a range
    i.target_max        AS max,               -- upper bound of a range
    i.target_unit       AS unit,              -- unit of a quantity or range as printed ('' when none); of a duration: hour, day, week, month, year
    i.target_by         AS deadline,          -- date of a deadline (ISO 8601)
    i.target_from       AS window_from,       -- first date of a window (ISO 8601)
    i.target_to         AS window_to,         -- last date of a window (ISO 8601)
    i.target_times      AS times,             -- frequency: times per period
    i.target_every      AS every,             -- frequency: length of the period, in units of per
    i.target_per        AS per,               -- frequency: unit of the period: day, week, month, year
    i.target_label      AS label,             -- canonical qualitative word (合格, 及时, …), of any kind
    i.target_direction  AS direction,         -- trend: increase, decrease, stable
    i.target_basis      AS basis,             -- trend: what it compares with ('yoy' for 同比)
    i.target_detail     AS detail,            -- printed text the kind does not capture
    i.confidence        AS confidence,        -- 0..1, how sure the reading is (1 for text exports)
    (SELECT group_concat(j.value, ';') FROM json_each(i.flag_codes) AS j) AS flags -- codes of the indicator's flags joined by ';' (NULL when none)
FROM indicators AS i
JOIN forms AS f ON f.id = i.form_id
JOIN documents AS d ON d.id = f.document_id;

CREATE VIEW forms_overview AS
    -- One row per form: header, parsed funds, and counts of its indicators
    -- by kind of target and of its review flags.
SELECT
    f.id                AS form_id,             -- the form (forms.id)
    d.path              AS source_path,         -- the document it was read from
    d.kind              AS source_kind,         -- how the document was read
    f.form_index        AS form_index,          -- 1-based position of the form in its document
    f.year              AS year,                -- budget year
    f.project_name      AS project_name,        -- 项目名称
    f.project_nature    AS project_nature,      -- 项目性质
    f.project_category  AS project_category,    -- 项目类别
    f.department        AS department,          -- 主管部门
    f.implementing_unit AS implementing_unit,   -- 实施单位
    f.start_date        AS start_date,          -- 计划开始日期
    f.end_date          AS end_date,            -- 计划完成日期
    fu.total            AS funds_total,         -- 项目资金总额 (unit as printed, 元 in the fixtures)
    fu.annual_total     AS funds_annual_total,  -- 年度资金申请总额
    fu.fiscal           AS funds_fiscal,        -- 其中：财政资金
    fu.other            AS funds_other,         -- 其他资金 under 项目资金总额
    fu.appropriation    AS funds_appropriation, -- 其中：当年财政拨款
    fu.carryover        AS funds_carryover,     -- 上年结转资金
    fu.annual_other     AS funds_annual_other,  -- 其他资金 under 年度资金申请总额
    (SELECT count(*) FROM indicators AS i WHERE i.form_id = f.id) AS indicator_count, -- indicators of the form
    (SELECT count(*) FROM indicators AS i WHERE i.form_id = f.id AND i.target_kind IN ('quantity', 'range', 'duration', 'frequency')) AS quantitative_count, -- indicators with a number to meet: kinds quantity, range, duration, frequency
    (SELECT count(*) FROM indicators AS i WHERE i.form_id = f.id AND i.target_kind IN ('qualitative', 'trend')) AS qualitative_count, -- indicators with a word to meet: kinds qualitative, trend
    (SELECT count(*) FROM indicators AS i WHERE i.form_id = f.id AND i.target_kind IN ('deadline', 'window')) AS date_count, -- indicators with a date to meet: kinds deadline, window
    (SELECT count(*) FROM indicators AS i WHERE i.form_id = f.id AND i.target_kind = 'text') AS text_count, -- indicators whose value was not understood, or is missing: kind text
    (SELECT count(*) FROM flags AS fl WHERE fl.form_id = f.id) AS flag_count -- review flags of the form (on the form and on its indicators)
FROM forms AS f
JOIN documents AS d ON d.id = f.document_id
LEFT JOIN funds AS fu ON fu.form_id = f.id;

CREATE VIEW flags_open AS
    -- One row per review flag still to be looked at (all of them, until a
    -- review trail exists), with its form and the indicator it is on.
SELECT
    fl.id               AS flag_id,         -- the flag (flags.id); orders the flags of a form
    fl.form_id          AS form_id,         -- its form
    d.path              AS source_path,     -- the document the form was read from
    f.form_index        AS form_index,      -- 1-based position of the form in its document
    f.project_name      AS project_name,    -- 项目名称 of the form
    f.department        AS department,      -- 主管部门 of the form
    fl.code             AS code,            -- what is wrong: value_missing, funds_mismatch, … (README: review flags)
    fl.field            AS field,           -- where: a path in the export record ('funds.other', 'indicators[3].value'; '' for the whole form)
    fl.message          AS message,         -- human-readable detail
    fl.indicator_id     AS indicator_id,    -- the indicator the flag is on, NULL when on the form
    i.seq               AS indicator_seq,   -- its 1-based order in the form
    i.name              AS indicator_name,  -- its 三级指标 as printed
    i.value             AS indicator_value, -- its 年度指标值 as printed
    coalesce(i.line, f.line_from) AS line,  -- 1-based line in a text export: the indicator's, else the form's first
    f.page_from         AS page             -- first page of the form in a paged source
FROM flags AS fl
JOIN forms AS f ON f.id = fl.form_id
JOIN documents AS d ON d.id = f.document_id
LEFT JOIN indicators AS i ON i.id = fl.indicator_id;

CREATE VIRTUAL TABLE forms_fts USING fts5(
    -- Full-text (substring) index of the names of forms; rowid = forms.id.
    project_name,      -- 项目名称
    department,        -- 主管部门
    implementing_unit, -- 实施单位
    content="forms", content_rowid="id", tokenize="trigram"
);

CREATE VIRTUAL TABLE goals_fts USING fts5(
    -- Full-text (substring) index of the goal texts; rowid = goals.form_id.
    overall, -- 项目总目标
    annual,  -- 年度总体目标
    content="goals", content_rowid="form_id", tokenize="trigram"
);

CREATE VIRTUAL TABLE indicators_fts USING fts5(
    -- Full-text (substring) index of the indicator names; rowid = indicators.id.
    name, -- 三级指标 as printed
    content="indicators", content_rowid="id", tokenize="trigram"
);

-- The triggers that keep the indexes in step with deletes and updates
-- (named as sqlite-utils names them: <table>_ad, _au). An external-content
-- index is told what to remove with the old values ('delete').
CREATE TRIGGER forms_ad AFTER DELETE ON forms BEGIN
    INSERT INTO forms_fts (forms_fts, rowid, project_name, department, implementing_unit)
    VALUES ('delete', old.id, old.project_name, old.department, old.implementing_unit);
END;
CREATE TRIGGER forms_au AFTER UPDATE OF id, project_name, department, implementing_unit ON forms BEGIN
    INSERT INTO forms_fts (forms_fts, rowid, project_name, department, implementing_unit)
    VALUES ('delete', old.id, old.project_name, old.department, old.implementing_unit);
    INSERT INTO forms_fts (rowid, project_name, department, implementing_unit)
    VALUES (new.id, new.project_name, new.department, new.implementing_unit);
END;

CREATE TRIGGER goals_ad AFTER DELETE ON goals BEGIN
    INSERT INTO goals_fts (goals_fts, rowid, overall, annual) VALUES ('delete', old.form_id, old.overall, old.annual);
END;
CREATE TRIGGER goals_au AFTER UPDATE OF form_id, overall, annual ON goals BEGIN
    INSERT INTO goals_fts (goals_fts, rowid, overall, annual) VALUES ('delete', old.form_id, old.overall, old.annual);
    INSERT INTO goals_fts (rowid, overall, annual) VALUES (new.form_id, new.overall, new.annual);
END;

CREATE TRIGGER indicators_ad AFTER DELETE ON indicators BEGIN
    INSERT INTO indicators_fts (indicators_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER indicators_au AFTER UPDATE OF id, name ON indicators BEGIN
    INSERT INTO indicators_fts (indicators_fts, rowid, name) VALUES ('delete', old.id, old.name);
    INSERT INTO indicators_fts (rowid, name) VALUES (new.id, new.name);
END;

-- Merge 16 segments at a time rather than 4: each saved document adds a
-- segment to each index, and merging them 4 by 4 cost a third of the time
-- spent indexing (measured on 3,000 fixture forms). Queries read at most a
-- few dozen segments either way.
INSERT INTO forms_fts (forms_fts, rank) VALUES ('automerge', 16);
INSERT INTO goals_fts (goals_fts, rank) VALUES ('automerge', 16);
INSERT INTO indicators_fts (indicators_fts, rank) VALUES ('automerge', 16);

-- Index what earlier versions stored.
INSERT INTO forms_fts (forms_fts) VALUES ('rebuild');
INSERT INTO goals_fts (goals_fts) VALUES ('rebuild');
INSERT INTO indicators_fts (indicators_fts) VALUES ('rebuild');
