-- Version 8: the views show the corrected record, and one row per real
-- form.
--
-- Every view now shows what a reviewer corrected in place of the machine's
-- reading (the latest correction of each field wins, as in the export),
-- with the machine's reading beside it where a researcher may want it
-- (<column>_read). A flag on a field that a reviewer corrected is resolved,
-- and a form marked reviewed has no open flags: flags_open leaves both out,
-- and the open_flag_count of forms_overview counts what is left. Corrected
-- amounts are parsed in SQL (thousands separators, full-width digits); an
-- amount that is not a plain number reads as NULL.
--
-- One form, many readings: the same form is often ingested more than once
-- (as a text export and as a scan of the printed copy, or in two batches).
-- Its identity key is built from the corrected record: the budget year, the
-- project name, department and implementing unit folded (white space and
-- line breaks removed, full-width brackets and commas made ASCII, Latin
-- letters lower-cased) and the total amount to the cent, joined by '|'; it
-- is NULL for a form without a project name, which is then its own form.
-- forms_distinct keeps one reading per key, and form_disagreements lists
-- the fields on which two readings of one key differ. Sum funds over
-- forms_distinct, not forms_overview, to count each form once.
--
-- Every numeric column of a view is CAST to its type, so that tools that
-- read the declared types of a view's columns (PRAGMA table_info) see
-- numbers as numbers.
--
-- Each line of a view's column list carries the comment that `jixiao
-- schema` prints for that column.

DROP VIEW IF EXISTS form_disagreements;
DROP VIEW IF EXISTS form_values;
DROP VIEW IF EXISTS forms_distinct;
DROP VIEW flags_open;
DROP VIEW forms_overview;
DROP VIEW indicator_targets;
DROP VIEW latest_corrections;
DROP VIEW IF EXISTS forms_current;

CREATE VIEW latest_corrections AS
    -- The latest correction of each field of each form that has one: what
    -- reads show in place of the machine's reading.
SELECT
    CAST(c.form_id AS INTEGER)      AS form_id,      -- the form (forms.id)
    c.field                         AS field,        -- the field's path in the export record ('project_name', 'indicators[3].value', …)
    CAST(c.indicator_id AS INTEGER) AS indicator_id, -- the indicator of an 'indicators[i].…' field; else NULL
    c.new_value                     AS new_value,    -- the corrected value (NULL when cleared)
    c.target_json                   AS target_json,  -- for an indicator value: its typed target, as JSON
    CAST(CASE WHEN c.field LIKE 'funds.%' AND c.plain GLOB '*[0-9]*' AND c.plain NOT GLOB '*[^0-9.]*'
        THEN CAST(c.plain AS REAL) END AS REAL) AS amount, -- for a funds field: the corrected amount as a number (thousands separators and full-width digits allowed); NULL when cleared or not a plain number
    c.reviewer                      AS reviewer,     -- who made the correction
    c.corrected_at                  AS corrected_at  -- when (UTC, RFC 3339)
FROM (SELECT lc.*, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(lc.new_value, ',', ''), '，', ''), ' ', ''), char(160), ''), '０', '0'), '１', '1'), '２', '2'), '３', '3'), '４', '4'), '５', '5'), '６', '6'), '７', '7'), '８', '8'), '９', '9'), '．', '.') AS plain
    FROM corrections AS lc
    WHERE lc.id = (SELECT max(id) FROM corrections WHERE form_id = lc.form_id AND field = lc.field)) AS c;

CREATE VIEW forms_current AS
    -- One row per form as corrected: each header field, amount and goal
    -- shows the latest correction where a reviewer made one, and
    -- <column>_read the machine's reading; with the form's review status and
    -- its identity key (see forms_distinct).
SELECT
    CAST(x.form_id AS INTEGER) AS form_id, -- the form (forms.id)
    CAST(x.document_id AS INTEGER) AS document_id, -- its document (documents.id)
    x.source_path AS source_path, -- the document it was read from, as named on ingest
    x.source_sha256 AS source_sha256, -- hex SHA-256 of the document (documents.sha256)
    x.source_kind AS source_kind, -- how the document was read: 'text', 'pdf', 'pdf-ocr', 'image'
    CAST(x.form_index AS INTEGER) AS form_index, -- 1-based position of the form in its document
    CAST(x.line_from AS INTEGER) AS line_from, -- first line in a text export; NULL for other kinds
    CAST(x.page_from AS INTEGER) AS page_from, -- first page in a paged source; NULL for text exports
    CAST(x.year AS INTEGER) AS year, -- budget year
    x.project_name AS project_name, -- 项目名称 (as corrected)
    x.project_nature AS project_nature, -- 项目性质 (as corrected)
    x.project_category AS project_category, -- 项目类别 (as corrected)
    x.department AS department, -- 主管部门 (as corrected)
    x.implementing_unit AS implementing_unit, -- 实施单位 (as corrected)
    x.start_date AS start_date, -- 计划开始日期 (ISO 8601 when it parsed) (as corrected)
    x.end_date AS end_date, -- 计划完成日期 (ISO 8601 when it parsed) (as corrected)
    CAST(x.funds_total AS REAL) AS funds_total, -- 项目资金总额 in 元 (as corrected)
    CAST(x.funds_annual_total AS REAL) AS funds_annual_total, -- 年度资金申请总额 (as corrected)
    CAST(x.funds_fiscal AS REAL) AS funds_fiscal, -- 其中：财政资金 (as corrected)
    CAST(x.funds_appropriation AS REAL) AS funds_appropriation, -- 其中：当年财政拨款 (as corrected)
    CAST(x.funds_carryover AS REAL) AS funds_carryover, -- 上年结转资金 (as corrected)
    CAST(x.funds_other AS REAL) AS funds_other, -- 其他资金 under 项目资金总额 (as corrected)
    CAST(x.funds_annual_other AS REAL) AS funds_annual_other, -- 其他资金 under 年度资金申请总额 (as corrected)
    x.goals_overall AS goals_overall, -- 项目总目标 (as corrected)
    x.goals_annual AS goals_annual, -- 年度总体目标 (as corrected)
    x.project_name_read AS project_name_read, -- 项目名称 as the machine read it
    x.project_nature_read AS project_nature_read, -- 项目性质 as the machine read it
    x.project_category_read AS project_category_read, -- 项目类别 as the machine read it
    x.department_read AS department_read, -- 主管部门 as the machine read it
    x.implementing_unit_read AS implementing_unit_read, -- 实施单位 as the machine read it
    x.start_date_read AS start_date_read, -- 计划开始日期 as the machine read it
    x.end_date_read AS end_date_read, -- 计划完成日期 as the machine read it
    CAST(x.funds_total_read AS REAL) AS funds_total_read, -- 项目资金总额 as the machine read it
    CAST(x.funds_annual_total_read AS REAL) AS funds_annual_total_read, -- 年度资金申请总额 as the machine read it
    CAST(x.funds_fiscal_read AS REAL) AS funds_fiscal_read, -- 其中：财政资金 as the machine read it
    CAST(x.funds_appropriation_read AS REAL) AS funds_appropriation_read, -- 其中：当年财政拨款 as the machine read it
    CAST(x.funds_carryover_read AS REAL) AS funds_carryover_read, -- 上年结转资金 as the machine read it
    CAST(x.funds_other_read AS REAL) AS funds_other_read, -- 其他资金 under 项目资金总额 as the machine read it
    CAST(x.funds_annual_other_read AS REAL) AS funds_annual_other_read, -- 其他资金 under 年度资金申请总额 as the machine read it
    x.goals_overall_read AS goals_overall_read, -- 项目总目标 as the machine read it
    x.goals_annual_read AS goals_annual_read, -- 年度总体目标 as the machine read it
    CAST(x.corrected_fields AS INTEGER) AS corrected_fields, -- fields of the form a reviewer corrected (0 when none)
    x.review_status AS review_status, -- 'reviewed' when the form's latest review signed it off, else 'open'
    x.reviewer AS reviewer, -- who last marked the form reviewed or reopened it; NULL when never marked
    x.reviewed_at AS reviewed_at, -- when (UTC, RFC 3339); NULL when never marked
    CASE WHEN coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.project_name, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') = '' THEN NULL ELSE coalesce(x.year, '') || '|' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.project_name, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')) || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.department, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.implementing_unit, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(printf('%.2f', x.funds_total), '') END AS identity_key -- the form's identity: year|name|department|unit|total, names folded (see forms_distinct); NULL without a project name
FROM (SELECT
        f.id AS form_id,
        d.id AS document_id,
        d.path AS source_path,
        d.sha256 AS source_sha256,
        d.kind AS source_kind,
        f.form_index AS form_index,
        f.line_from AS line_from,
        f.page_from AS page_from,
        f.year AS year,
        CASE WHEN c.has_project_name THEN c.project_name ELSE f.project_name END AS project_name,
        CASE WHEN c.has_project_nature THEN c.project_nature ELSE f.project_nature END AS project_nature,
        CASE WHEN c.has_project_category THEN c.project_category ELSE f.project_category END AS project_category,
        CASE WHEN c.has_department THEN c.department ELSE f.department END AS department,
        CASE WHEN c.has_implementing_unit THEN c.implementing_unit ELSE f.implementing_unit END AS implementing_unit,
        CASE WHEN c.has_start_date THEN c.start_date ELSE f.start_date END AS start_date,
        CASE WHEN c.has_end_date THEN c.end_date ELSE f.end_date END AS end_date,
        CASE WHEN c.has_funds_total THEN c.funds_total ELSE fu.total END AS funds_total,
        CASE WHEN c.has_funds_annual_total THEN c.funds_annual_total ELSE fu.annual_total END AS funds_annual_total,
        CASE WHEN c.has_funds_fiscal THEN c.funds_fiscal ELSE fu.fiscal END AS funds_fiscal,
        CASE WHEN c.has_funds_appropriation THEN c.funds_appropriation ELSE fu.appropriation END AS funds_appropriation,
        CASE WHEN c.has_funds_carryover THEN c.funds_carryover ELSE fu.carryover END AS funds_carryover,
        CASE WHEN c.has_funds_other THEN c.funds_other ELSE fu.other END AS funds_other,
        CASE WHEN c.has_funds_annual_other THEN c.funds_annual_other ELSE fu.annual_other END AS funds_annual_other,
        CASE WHEN c.has_goals_overall THEN c.goals_overall ELSE g.overall END AS goals_overall,
        CASE WHEN c.has_goals_annual THEN c.goals_annual ELSE g.annual END AS goals_annual,
        f.project_name AS project_name_read,
        f.project_nature AS project_nature_read,
        f.project_category AS project_category_read,
        f.department AS department_read,
        f.implementing_unit AS implementing_unit_read,
        f.start_date AS start_date_read,
        f.end_date AS end_date_read,
        fu.total AS funds_total_read,
        fu.annual_total AS funds_annual_total_read,
        fu.fiscal AS funds_fiscal_read,
        fu.appropriation AS funds_appropriation_read,
        fu.carryover AS funds_carryover_read,
        fu.other AS funds_other_read,
        fu.annual_other AS funds_annual_other_read,
        g.overall AS goals_overall_read,
        g.annual AS goals_annual_read,
        coalesce(c.n, 0) AS corrected_fields,
        CASE WHEN rs.status = 'reviewed' THEN 'reviewed' ELSE 'open' END AS review_status,
        rs.reviewer AS reviewer,
        rs.reviewed_at AS reviewed_at
    FROM forms AS f
    JOIN documents AS d ON d.id = f.document_id
    LEFT JOIN funds AS fu ON fu.form_id = f.id
    LEFT JOIN goals AS g ON g.form_id = f.id
    LEFT JOIN review_status AS rs ON rs.form_id = f.id
    LEFT JOIN (SELECT
            form_id,
            count(*) AS n,
            max(field = 'project_name') AS has_project_name, max(CASE WHEN field = 'project_name' THEN new_value END) AS project_name,
            max(field = 'project_nature') AS has_project_nature, max(CASE WHEN field = 'project_nature' THEN new_value END) AS project_nature,
            max(field = 'project_category') AS has_project_category, max(CASE WHEN field = 'project_category' THEN new_value END) AS project_category,
            max(field = 'department') AS has_department, max(CASE WHEN field = 'department' THEN new_value END) AS department,
            max(field = 'implementing_unit') AS has_implementing_unit, max(CASE WHEN field = 'implementing_unit' THEN new_value END) AS implementing_unit,
            max(field = 'start_date') AS has_start_date, max(CASE WHEN field = 'start_date' THEN new_value END) AS start_date,
            max(field = 'end_date') AS has_end_date, max(CASE WHEN field = 'end_date' THEN new_value END) AS end_date,
            max(field = 'funds.total') AS has_funds_total, max(CASE WHEN field = 'funds.total' THEN amount END) AS funds_total,
            max(field = 'funds.annual_total') AS has_funds_annual_total, max(CASE WHEN field = 'funds.annual_total' THEN amount END) AS funds_annual_total,
            max(field = 'funds.fiscal') AS has_funds_fiscal, max(CASE WHEN field = 'funds.fiscal' THEN amount END) AS funds_fiscal,
            max(field = 'funds.appropriation') AS has_funds_appropriation, max(CASE WHEN field = 'funds.appropriation' THEN amount END) AS funds_appropriation,
            max(field = 'funds.carryover') AS has_funds_carryover, max(CASE WHEN field = 'funds.carryover' THEN amount END) AS funds_carryover,
            max(field = 'funds.other') AS has_funds_other, max(CASE WHEN field = 'funds.other' THEN amount END) AS funds_other,
            max(field = 'funds.annual_other') AS has_funds_annual_other, max(CASE WHEN field = 'funds.annual_other' THEN amount END) AS funds_annual_other,
            max(field = 'goals.overall') AS has_goals_overall, max(CASE WHEN field = 'goals.overall' THEN new_value END) AS goals_overall,
            max(field = 'goals.annual') AS has_goals_annual, max(CASE WHEN field = 'goals.annual' THEN new_value END) AS goals_annual
        FROM latest_corrections GROUP BY form_id) AS c ON c.form_id = f.id) AS x;

CREATE VIEW indicator_targets AS
    -- One row per indicator, with its form's header and its typed target
    -- spread over plain columns: the flat table to filter, pivot and export.
    -- Reviewers' corrections are applied (header fields, name, value and
    -- the value's typed target); original_name and original_value keep what
    -- the machine read.
SELECT
    CAST(i.form_id AS INTEGER)    AS form_id,           -- the indicator's form (forms.id)
    CAST(i.id AS INTEGER)         AS indicator_id,      -- the indicator (indicators.id)
    f.source_path                 AS source_path,       -- the document the form was read from, as named on ingest
    f.source_kind                 AS source_kind,       -- how the document was read: 'text', 'pdf', 'pdf-ocr', 'image'
    f.form_index                  AS form_index,        -- 1-based position of the form in its document
    f.year                        AS year,              -- budget year of the form
    f.project_name                AS project_name,      -- 项目名称 (as corrected)
    f.project_nature              AS project_nature,    -- 项目性质 (as corrected)
    f.project_category            AS project_category,  -- 项目类别 (as corrected)
    f.department                  AS department,        -- 主管部门 (as corrected)
    f.implementing_unit           AS implementing_unit, -- 实施单位 (as corrected)
    f.start_date                  AS start_date,        -- 计划开始日期 (ISO 8601 when it parsed; as corrected)
    f.end_date                    AS end_date,          -- 计划完成日期 (ISO 8601 when it parsed; as corrected)
    CAST(i.seq AS INTEGER)        AS seq,               -- 1-based order of the indicator in its form
    i.level1                      AS level1,            -- canonical 一级指标
    i.level2                      AS level2,            -- canonical 二级指标
    i.level2_raw                  AS level2_raw,        -- 二级指标 as printed
    CASE WHEN ci.form_id IS NULL THEN i.name ELSE ci.new_value END AS name, -- 三级指标 as printed (or as corrected)
    i.name_norm                   AS name_norm,         -- name folded for grouping, of the machine's reading (NULL in rows stored by schema version 1)
    CASE WHEN cv.form_id IS NULL THEN i.value ELSE cv.new_value END AS value, -- 年度指标值 as printed (or as corrected)
    CASE WHEN cv.form_id IS NULL THEN i.target_kind ELSE json_extract(cv.target_json, '$.kind') END AS kind, -- kind of typed target: quantity, range, qualitative, trend, deadline, window, duration, frequency, text
    CASE WHEN cv.form_id IS NULL THEN i.target_op ELSE json_extract(cv.target_json, '$.op') END AS op, -- comparator of a quantity or duration: '=', '>=', '>', '<=', '<', '~'
    CAST(CASE WHEN cv.form_id IS NULL THEN i.target_value ELSE json_extract(cv.target_json, '$.value') END AS REAL) AS number, -- the number of a quantity or duration, magnitude applied
    CAST(CASE WHEN cv.form_id IS NULL THEN i.target_min ELSE json_extract(cv.target_json, '$.min') END AS REAL) AS min, -- lower bound of a range
    CAST(CASE WHEN cv.form_id IS NULL THEN i.target_max ELSE json_extract(cv.target_json, '$.max') END AS REAL) AS max, -- upper bound of a range
    CASE WHEN cv.form_id IS NULL THEN i.target_unit ELSE json_extract(cv.target_json, '$.unit') END AS unit, -- unit of a quantity or range as printed ('' when none); of a duration: hour, day, week, month, year
    CASE WHEN cv.form_id IS NULL THEN i.target_by ELSE json_extract(cv.target_json, '$.by') END AS deadline, -- date of a deadline (ISO 8601)
    CASE WHEN cv.form_id IS NULL THEN i.target_from ELSE json_extract(cv.target_json, '$.from') END AS window_from, -- first date of a window (ISO 8601)
    CASE WHEN cv.form_id IS NULL THEN i.target_to ELSE json_extract(cv.target_json, '$.to') END AS window_to, -- last date of a window (ISO 8601)
    CAST(CASE WHEN cv.form_id IS NULL THEN i.target_times ELSE json_extract(cv.target_json, '$.times') END AS INTEGER) AS times, -- frequency: times per period
    CAST(CASE WHEN cv.form_id IS NULL THEN i.target_every ELSE json_extract(cv.target_json, '$.every') END AS INTEGER) AS every, -- frequency: length of the period, in units of per
    CASE WHEN cv.form_id IS NULL THEN i.target_per ELSE json_extract(cv.target_json, '$.per') END AS per, -- frequency: unit of the period: day, week, month, year
    CASE WHEN cv.form_id IS NULL THEN i.target_label ELSE json_extract(cv.target_json, '$.label') END AS label, -- canonical qualitative word (合格, 及时, …), of any kind
    CASE WHEN cv.form_id IS NULL THEN i.target_direction ELSE json_extract(cv.target_json, '$.direction') END AS direction, -- trend: increase, decrease, stable
    CASE WHEN cv.form_id IS NULL THEN i.target_basis ELSE json_extract(cv.target_json, '$.basis') END AS basis, -- trend: what it compares with ('yoy' for 同比)
    CASE WHEN cv.form_id IS NULL THEN i.target_detail ELSE json_extract(cv.target_json, '$.detail') END AS detail, -- printed text the kind does not capture
    CAST(i.confidence AS REAL)    AS confidence,        -- 0..1, how sure the reading is (1 for text exports)
    (SELECT group_concat(j.value, ';') FROM json_each(i.flag_codes) AS j) AS flags, -- codes of the indicator's flags joined by ';' (NULL when none), as the machine read it
    i.name                        AS original_name,     -- 三级指标 as the machine read it
    i.value                       AS original_value,    -- 年度指标值 as the machine read it
    CAST(i.line AS INTEGER)       AS line,              -- 1-based line of the indicator in a text export; NULL for other kinds
    CAST(coalesce(
        (SELECT b.page FROM field_boxes AS b WHERE b.form_id = i.form_id AND b.field = 'indicators[' || (i.seq - 1) || '].value'),
        (SELECT b.page FROM field_boxes AS b WHERE b.form_id = i.form_id AND b.field = 'indicators[' || (i.seq - 1) || '].name'),
        f.page_from) AS INTEGER) AS page,               -- 1-based page the indicator's value (else its name) was read on in a paged source, else the form's first page; NULL for text exports
    f.review_status               AS review_status,     -- the form's review status: 'reviewed' or 'open'
    f.identity_key                AS identity_key       -- the form's identity key (see forms_distinct); NULL without a project name
FROM indicators AS i
JOIN forms_current AS f ON f.form_id = i.form_id
-- The latest correction of the indicator's name and value, found through
-- corrections_indicator_id (a join on the view latest_corrections would
-- scan every correction for every indicator).
LEFT JOIN corrections AS ci ON ci.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].name')
LEFT JOIN corrections AS cv ON cv.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].value');

CREATE VIEW flags_open AS
    -- One row per review flag still to be looked at, with its form and the
    -- indicator it is on: flags on a field that a reviewer corrected are
    -- resolved, and so are all flags of a form marked reviewed.
SELECT
    CAST(fl.id AS INTEGER)           AS flag_id,         -- the flag (flags.id); orders the flags of a form
    CAST(fl.form_id AS INTEGER)      AS form_id,         -- its form
    f.source_path                    AS source_path,     -- the document the form was read from
    f.form_index                     AS form_index,      -- 1-based position of the form in its document
    f.project_name                   AS project_name,    -- 项目名称 of the form (as corrected)
    f.department                     AS department,      -- 主管部门 of the form (as corrected)
    fl.code                          AS code,            -- what is wrong: value_missing, funds_mismatch, … (README: review flags)
    fl.field                         AS field,           -- where: a path in the export record ('funds.other', 'indicators[3].value'; '' for the whole form)
    fl.message                       AS message,         -- human-readable detail
    CAST(fl.indicator_id AS INTEGER) AS indicator_id,    -- the indicator the flag is on, NULL when on the form
    CAST(i.seq AS INTEGER)           AS indicator_seq,   -- its 1-based order in the form
    i.name                           AS indicator_name,  -- its 三级指标 as printed
    i.value                          AS indicator_value, -- its 年度指标值 as printed
    CAST(coalesce(i.line, f.line_from) AS INTEGER) AS line, -- 1-based line in a text export: the indicator's, else the form's first
    CAST(coalesce(
        (SELECT b.page FROM field_boxes AS b WHERE b.form_id = fl.form_id AND b.field = fl.field),
        f.page_from) AS INTEGER) AS page               -- page of the flagged field in a paged source where it was located, else the form's first page
FROM flags AS fl
JOIN forms_current AS f ON f.form_id = fl.form_id
LEFT JOIN indicators AS i ON i.id = fl.indicator_id
WHERE f.review_status = 'open'
    AND NOT EXISTS (SELECT 1 FROM corrections AS c WHERE c.form_id = fl.form_id AND c.field = fl.field);

CREATE VIEW forms_overview AS
    -- One row per form as corrected: header, parsed funds, review status,
    -- and counts of its indicators by kind of target and of its flags.
SELECT
    f.form_id            AS form_id,             -- the form (forms.id)
    f.source_path        AS source_path,         -- the document it was read from
    f.source_kind        AS source_kind,         -- how the document was read
    f.form_index         AS form_index,          -- 1-based position of the form in its document
    f.year               AS year,                -- budget year
    f.project_name       AS project_name,        -- 项目名称 (as corrected)
    f.project_nature     AS project_nature,      -- 项目性质 (as corrected)
    f.project_category   AS project_category,    -- 项目类别 (as corrected)
    f.department         AS department,          -- 主管部门 (as corrected)
    f.implementing_unit  AS implementing_unit,   -- 实施单位 (as corrected)
    f.start_date         AS start_date,          -- 计划开始日期 (as corrected)
    f.end_date           AS end_date,            -- 计划完成日期 (as corrected)
    f.funds_total        AS funds_total,         -- 项目资金总额 (unit as printed, 元 in the fixtures; as corrected)
    f.funds_annual_total AS funds_annual_total,  -- 年度资金申请总额 (as corrected)
    f.funds_fiscal       AS funds_fiscal,        -- 其中：财政资金 (as corrected)
    f.funds_other        AS funds_other,         -- 其他资金 under 项目资金总额 (as corrected)
    f.funds_appropriation AS funds_appropriation, -- 其中：当年财政拨款 (as corrected)
    f.funds_carryover    AS funds_carryover,     -- 上年结转资金 (as corrected)
    f.funds_annual_other AS funds_annual_other,  -- 其他资金 under 年度资金申请总额 (as corrected)
    CAST((SELECT count(*) FROM indicators AS i WHERE i.form_id = f.form_id) AS INTEGER) AS indicator_count, -- indicators of the form
    CAST((SELECT count(*) FROM indicators AS i WHERE i.form_id = f.form_id AND coalesce((SELECT json_extract(c.target_json, '$.kind') FROM corrections AS c WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].value' ORDER BY c.id DESC LIMIT 1), i.target_kind) IN ('quantity', 'range', 'duration', 'frequency')) AS INTEGER) AS quantitative_count, -- indicators with a number to meet: kinds quantity, range, duration, frequency (as corrected)
    CAST((SELECT count(*) FROM indicators AS i WHERE i.form_id = f.form_id AND coalesce((SELECT json_extract(c.target_json, '$.kind') FROM corrections AS c WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].value' ORDER BY c.id DESC LIMIT 1), i.target_kind) IN ('qualitative', 'trend')) AS INTEGER) AS qualitative_count, -- indicators with a word to meet: kinds qualitative, trend (as corrected)
    CAST((SELECT count(*) FROM indicators AS i WHERE i.form_id = f.form_id AND coalesce((SELECT json_extract(c.target_json, '$.kind') FROM corrections AS c WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].value' ORDER BY c.id DESC LIMIT 1), i.target_kind) IN ('deadline', 'window')) AS INTEGER) AS date_count, -- indicators with a date to meet: kinds deadline, window (as corrected)
    CAST((SELECT count(*) FROM indicators AS i WHERE i.form_id = f.form_id AND coalesce((SELECT json_extract(c.target_json, '$.kind') FROM corrections AS c WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].value' ORDER BY c.id DESC LIMIT 1), i.target_kind) = 'text') AS INTEGER) AS text_count, -- indicators whose value was not understood, or is missing: kind text (as corrected)
    CAST((SELECT count(*) FROM flags AS fl WHERE fl.form_id = f.form_id) AS INTEGER) AS flag_count, -- review flags of the form as the machine read it (on the form and on its indicators)
    CAST(CASE WHEN f.review_status = 'reviewed' THEN 0 ELSE (SELECT count(*) FROM flags AS fl WHERE fl.form_id = f.form_id
        AND NOT EXISTS (SELECT 1 FROM corrections AS c WHERE c.form_id = fl.form_id AND c.field = fl.field)) END AS INTEGER) AS open_flag_count, -- flags still open (flags_open): not on a corrected field; 0 once the form is marked reviewed
    f.corrected_fields   AS corrected_fields,    -- fields a reviewer corrected (0 when none)
    f.review_status      AS review_status,       -- 'reviewed' when signed off, else 'open'
    f.reviewer           AS reviewer,            -- who last marked it reviewed or reopened it; NULL when never marked
    f.reviewed_at        AS reviewed_at,         -- when (UTC, RFC 3339); NULL when never marked
    f.funds_total_read   AS funds_total_read,    -- 项目资金总额 as the machine read it
    f.project_name_read  AS project_name_read,   -- 项目名称 as the machine read it
    f.identity_key       AS identity_key         -- the form's identity key (see forms_distinct); NULL without a project name
FROM forms_current AS f;

CREATE VIEW forms_distinct AS
    -- One row per real form: of the readings that share an identity key
    -- (forms_current.identity_key), the one to use: a reviewed one first,
    -- then the most reliable kind of source (text, then pdf, then
    -- pdf-ocr and image), then the fewest open flags, then the lowest id.
    -- A form without a key is a real form of its own. Sum funds here to
    -- count each form once: SELECT sum(funds_total) FROM forms_distinct.
SELECT
    o.identity_key       AS identity_key,        -- the identity key shared by the readings; NULL for a form without a project name
    o.form_id            AS form_id,             -- the reading chosen (forms.id)
    CAST(r.readings AS INTEGER) AS readings,     -- how many readings of the form are stored (1 when no other)
    nullif(trim(replace(',' || r.all_ids || ',', ',' || o.form_id || ',', ','), ','), '') AS other_form_ids, -- the other readings' form ids, ascending, joined by ','; NULL when none
    o.source_path        AS source_path,         -- the chosen reading's document
    o.source_kind        AS source_kind,         -- how it was read
    o.form_index         AS form_index,          -- 1-based position of the form in that document
    o.year               AS year,                -- budget year
    o.project_name       AS project_name,        -- 项目名称 (as corrected)
    o.project_nature     AS project_nature,      -- 项目性质 (as corrected)
    o.project_category   AS project_category,    -- 项目类别 (as corrected)
    o.department         AS department,          -- 主管部门 (as corrected)
    o.implementing_unit  AS implementing_unit,   -- 实施单位 (as corrected)
    o.start_date         AS start_date,          -- 计划开始日期 (as corrected)
    o.end_date           AS end_date,            -- 计划完成日期 (as corrected)
    o.funds_total        AS funds_total,         -- 项目资金总额 (as corrected)
    o.funds_annual_total AS funds_annual_total,  -- 年度资金申请总额 (as corrected)
    o.funds_fiscal       AS funds_fiscal,        -- 其中：财政资金 (as corrected)
    o.funds_other        AS funds_other,         -- 其他资金 under 项目资金总额 (as corrected)
    o.funds_appropriation AS funds_appropriation, -- 其中：当年财政拨款 (as corrected)
    o.funds_carryover    AS funds_carryover,     -- 上年结转资金 (as corrected)
    o.funds_annual_other AS funds_annual_other,  -- 其他资金 under 年度资金申请总额 (as corrected)
    o.indicator_count    AS indicator_count,     -- indicators of the chosen reading
    o.open_flag_count    AS open_flag_count,     -- its open flags
    o.review_status      AS review_status        -- its review status: 'reviewed' or 'open'
FROM (SELECT form_id,
        count(*) OVER (PARTITION BY coalesce(identity_key, 'form ' || form_id)) AS readings,
        group_concat(form_id, ',') OVER (PARTITION BY coalesce(identity_key, 'form ' || form_id) ORDER BY form_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS all_ids,
        row_number() OVER (PARTITION BY coalesce(identity_key, 'form ' || form_id)
            ORDER BY review_status = 'reviewed' DESC,
                CASE source_kind WHEN 'text' THEN 0 WHEN 'pdf' THEN 1 ELSE 2 END,
                open_flag_count, form_id) AS rank
    FROM forms_overview) AS r
JOIN forms_overview AS o ON o.form_id = r.form_id
WHERE r.rank = 1;

CREATE VIEW form_values AS
    -- The compared fields of each form that has an identity key, as
    -- corrected, one row per field (long form): what form_disagreements
    -- compares between readings of the same form.
WITH k AS (SELECT * FROM forms_current WHERE identity_key IS NOT NULL) -- computed once (a CTE used more than once is materialized)
SELECT
    CAST(v.form_id AS INTEGER) AS form_id,  -- the form (forms.id)
    v.identity_key             AS identity_key, -- its identity key (forms_current.identity_key)
    v.source_path              AS source_path,  -- its document
    v.field                    AS field,        -- the field, as in form_disagreements
    CAST(v.value AS TEXT)      AS value         -- its value as corrected, as text (amounts and counts as SQLite prints the number); NULL when absent
FROM (
    SELECT form_id, identity_key, source_path, 'project_nature' AS field, project_nature AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'project_category' AS field, project_category AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'start_date' AS field, start_date AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'end_date' AS field, end_date AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'funds.annual_total' AS field, funds_annual_total AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'funds.fiscal' AS field, funds_fiscal AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'funds.appropriation' AS field, funds_appropriation AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'funds.carryover' AS field, funds_carryover AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'funds.other' AS field, funds_other AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'funds.annual_other' AS field, funds_annual_other AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'goals.overall' AS field, goals_overall AS value FROM k
    UNION ALL SELECT form_id, identity_key, source_path, 'goals.annual' AS field, goals_annual AS value FROM k
    UNION ALL SELECT f.form_id, f.identity_key, f.source_path, 'indicator_count', (SELECT count(*) FROM indicators AS i WHERE i.form_id = f.form_id) FROM k AS f
    UNION ALL SELECT i.form_id, k.identity_key, k.source_path, 'indicators[' || (i.seq - 1) || '].name',
        CASE WHEN c.id IS NULL THEN i.name ELSE c.new_value END
        FROM indicators AS i JOIN k ON k.form_id = i.form_id
        LEFT JOIN corrections AS c ON c.id = (SELECT max(x.id) FROM corrections AS x
            WHERE x.indicator_id = i.id AND x.field LIKE 'indicators[%].name')
    UNION ALL SELECT i.form_id, k.identity_key, k.source_path, 'indicators[' || (i.seq - 1) || '].value',
        CASE WHEN c.id IS NULL THEN i.value ELSE c.new_value END
        FROM indicators AS i JOIN k ON k.form_id = i.form_id
        LEFT JOIN corrections AS c ON c.id = (SELECT max(x.id) FROM corrections AS x
            WHERE x.indicator_id = i.id AND x.field LIKE 'indicators[%].value')
) AS v;

CREATE VIEW form_disagreements AS
    -- One row per field on which two readings of the same form (the same
    -- identity key) disagree, as corrected: header fields, amounts, goals,
    -- the number of indicators and each indicator's name and value by
    -- position. Each pair of readings appears once (form_id_a < form_id_b).
WITH v AS (SELECT * FROM form_values) -- computed once (a CTE used more than once is materialized)
SELECT
    a.identity_key          AS identity_key, -- the identity key the readings share
    a.field                 AS field,        -- the field: 'project_nature', 'funds.fiscal', 'goals.overall', 'indicator_count', 'indicators[3].value' (0-based, as flags.field)
    CAST(a.form_id AS INTEGER) AS form_id_a, -- one reading (forms.id)
    a.source_path           AS source_path_a, -- its document
    a.value                 AS value_a,      -- its value, as text (NULL when absent)
    CAST(b.form_id AS INTEGER) AS form_id_b, -- the other reading, of a higher id
    b.source_path           AS source_path_b, -- its document
    b.value                 AS value_b       -- its value, as text (NULL when absent)
FROM v AS a
JOIN v AS b ON b.identity_key = a.identity_key AND b.field = a.field AND b.form_id > a.form_id
WHERE a.value IS NOT b.value;
