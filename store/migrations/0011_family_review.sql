-- Version 11: every field of the form family can be corrected (issue 18,
-- review), and the views show the corrections of the new fields.
--
-- A reviewer now corrects a self-evaluation form's budget block
-- ('budget.<key>.<leaf>': the amounts in 元, the weight and score in
-- points, the rate in %, the row's label), a whole-department form's tasks
-- ('tasks[i].name', '.content', '.amount' as printed) and budget request
-- ('budget_request[i].label', '.amount' as printed), the printed header
-- fields kept in header_extra ('header_extra.<label>') and an indicator's
-- period, direction, standard and note, besides the fields corrected
-- before. The corrections table keeps them as it keeps every other.
--
-- corrections gains amount: the amount in 元 that a correction of an
-- amount gives, as the corrected record has it (an amount entered as
-- printed, funds or a task's or line's, is parsed in the form's unit, so
-- 250 in a 万元 form is 2500000). Before, the views parsed a corrected
-- funds amount in SQL as a plain number, whatever the form's unit; the
-- corrections of funds stored before are given their amount here: the
-- number (thousands separators and full-width digits allowed, 万元, 万 or
-- 元 after it) in the form's unit, NULL when it is not a plain number.
--
-- forms_current gains the corrected goals.expected, goals.achieved,
-- total_score, grade and header_extra (each with its _read), and
-- forms_overview shows the corrected total score and grade; the new views
-- budget_current, tasks_current and budget_request_current show the rows
-- of budget, tasks and budget_request as corrected; indicator_targets
-- shows the corrected period, polarity (direction), standard and note,
-- and value_parts NULL once the value is corrected (a corrected value is
-- no longer the join of the printed cells). form_values, and so
-- form_disagreements, compare the new fields as well: the goals, total
-- score and grade, each header_extra label both readings print, each cell
-- of each budget row both print, every correctable field of each
-- indicator by position, and a department form's tasks and budget lines
-- by position with their counts. A whole-department form, which prints no
-- project name, now has an identity key when it has a department name, so
-- that two readings of it are compared too.
--
-- The comments are on the lines of this file only: SQLite copies an added
-- column's definition into the table's CREATE TABLE text, where a "--"
-- comment would cut off the closing parenthesis.

ALTER TABLE corrections ADD COLUMN amount REAL; -- for a correction of an amount (funds.*, budget.<key>.initial, .adjusted, .executed, tasks[i].amount, budget_request[i].amount): the amount in 元 the corrected record has (an amount as printed parsed in the form's unit: 250 in a 万元 form is 2500000); NULL when cleared, not an amount, or another field

UPDATE corrections SET amount = (
    SELECT CASE
        WHEN p.num GLOB '*[0-9]*' AND p.num NOT GLOB '*[^0-9.]*' AND p.num NOT GLOB '*.*.*'
        THEN round(CAST(p.num AS REAL) * CASE WHEN p.unit = '万元' THEN 10000 ELSE 1 END, 2) END
    FROM (SELECT
            CASE WHEN x.plain GLOB '*万元' THEN substr(x.plain, 1, length(x.plain) - 2)
                 WHEN x.plain GLOB '*[万元]' THEN substr(x.plain, 1, length(x.plain) - 1)
                 ELSE x.plain END AS num,
            CASE WHEN x.plain GLOB '*万' OR x.plain GLOB '*万元' THEN '万元'
                 WHEN x.plain GLOB '*元' THEN '元'
                 ELSE (SELECT fo.funds_unit FROM forms AS fo WHERE fo.id = corrections.form_id) END AS unit
        FROM (SELECT replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(new_value), ',', ''), '，', ''), ' ', ''), char(160), ''), '０', '0'), '１', '1'), '２', '2'), '３', '3'), '４', '4'), '５', '5'), '６', '6'), '７', '7'), '８', '8'), '９', '9'), '．', '.') AS plain) AS x) AS p)
WHERE substr(field, 1, length('funds.')) = 'funds.' AND new_value IS NOT NULL;

DROP VIEW IF EXISTS form_disagreements;
DROP VIEW IF EXISTS form_values;
DROP VIEW forms_overview;
DROP VIEW indicator_targets;
DROP VIEW forms_current;
DROP VIEW latest_corrections;

CREATE VIEW latest_corrections AS
    -- The latest correction of each field of each form that has one: what
    -- reads show in place of the machine's reading.
SELECT
    CAST(c.form_id AS INTEGER)      AS form_id,      -- the form (forms.id)
    c.field                         AS field,        -- the field's path in the export record ('project_name', 'indicators[3].value', 'budget.total.executed', 'header_extra.项目期', …)
    CAST(c.indicator_id AS INTEGER) AS indicator_id, -- the indicator of an 'indicators[i].…' field; else NULL
    c.new_value                     AS new_value,    -- the corrected value (NULL when cleared)
    c.target_json                   AS target_json,  -- for an indicator's value or actual: its typed reading, as JSON
    CAST(c.amount AS REAL)          AS amount,       -- for an amount: the corrected amount in 元 (corrections.amount); NULL when cleared or not an amount
    c.reviewer                      AS reviewer,     -- who made the correction
    c.corrected_at                  AS corrected_at  -- when (UTC, RFC 3339)
FROM corrections AS c
WHERE c.id = (SELECT max(id) FROM corrections WHERE form_id = c.form_id AND field = c.field);

CREATE VIEW forms_current AS
    -- One row per form as corrected: each header field, amount, goal and
    -- score shows the latest correction where a reviewer made one, and
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
    CASE WHEN coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.project_name, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') = '' AND NOT (x.form_type = 'department_target' AND coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.department, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') <> '') THEN NULL ELSE coalesce(x.year, '') || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.project_name, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.department, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.implementing_unit, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(printf('%.2f', x.funds_total), '') END || CASE WHEN x.form_type IS NULL OR x.form_type = 'target' THEN '' ELSE '|' || x.form_type END AS identity_key, -- the form's identity: year|name|department|unit|total, names folded (see forms_distinct), and |form_type for a form other than a target form (since schema version 10: a project's self-evaluation is not a reading of its target form); NULL without a project name, except for a whole-department form, which has none: its key needs the department's name (since schema version 11)
    x.form_type AS form_type, -- the form's type (forms.form_type): 'target', 'self_evaluation', 'department_target'
    x.goals_expected AS goals_expected, -- 预期目标 of a self-evaluation form (as corrected)
    x.goals_achieved AS goals_achieved, -- 实际完成情况 of a self-evaluation form (as corrected)
    CAST(x.total_score AS REAL) AS total_score, -- a self-evaluation form's 总分 in points (as corrected)
    x.grade AS grade, -- a self-evaluation form's grade as printed (as corrected)
    x.header_extra AS header_extra, -- the printed header fields with no column of their own, a JSON object from label to value (as corrected: a corrected label's value replaced, a cleared one removed, one a reviewer added added); NULL when none
    x.goals_expected_read AS goals_expected_read, -- 预期目标 as the machine read it
    x.goals_achieved_read AS goals_achieved_read, -- 实际完成情况 as the machine read it
    CAST(x.total_score_read AS REAL) AS total_score_read, -- 总分 as the machine read it
    x.grade_read AS grade_read, -- the grade as the machine read it
    x.header_extra_read AS header_extra_read -- header_extra as the machine read it (forms.header_extra)
FROM (SELECT
        f.id AS form_id,
        d.id AS document_id,
        d.path AS source_path,
        d.sha256 AS source_sha256,
        d.kind AS source_kind,
        f.form_index AS form_index,
        f.line_from AS line_from,
        f.page_from AS page_from,
        f.form_type AS form_type,
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
        CASE WHEN c.has_goals_expected THEN c.goals_expected ELSE g.expected END AS goals_expected,
        CASE WHEN c.has_goals_achieved THEN c.goals_achieved ELSE g.achieved END AS goals_achieved,
        CASE WHEN c.has_total_score THEN c.total_score ELSE f.total_score END AS total_score,
        CASE WHEN c.has_grade THEN c.grade ELSE f.grade END AS grade,
        CASE WHEN hx.patch IS NULL THEN f.header_extra
            ELSE nullif(json_patch(coalesce(f.header_extra, '{}'), hx.patch), '{}') END AS header_extra,
        g.expected AS goals_expected_read,
        g.achieved AS goals_achieved_read,
        f.total_score AS total_score_read,
        f.grade AS grade_read,
        f.header_extra AS header_extra_read,
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
            max(field = 'goals.annual') AS has_goals_annual, max(CASE WHEN field = 'goals.annual' THEN new_value END) AS goals_annual,
            max(field = 'goals.expected') AS has_goals_expected, max(CASE WHEN field = 'goals.expected' THEN new_value END) AS goals_expected,
            max(field = 'goals.achieved') AS has_goals_achieved, max(CASE WHEN field = 'goals.achieved' THEN new_value END) AS goals_achieved,
            max(field = 'total_score') AS has_total_score, max(CASE WHEN field = 'total_score' THEN new_value END) AS total_score,
            max(field = 'grade') AS has_grade, max(CASE WHEN field = 'grade' THEN new_value END) AS grade
        FROM latest_corrections GROUP BY form_id) AS c ON c.form_id = f.id
    -- The corrected header_extra labels as a JSON merge patch (RFC 7396): a
    -- value replaces or adds the label, a null (cleared) removes it.
    LEFT JOIN (SELECT form_id, json_group_object(substr(field, length('header_extra.') + 1), new_value) AS patch
        FROM latest_corrections WHERE substr(field, 1, length('header_extra.')) = 'header_extra.'
        GROUP BY form_id) AS hx ON hx.form_id = f.id) AS x;

-- indicator_targets: the new corrections applied; its columns unchanged.
CREATE VIEW indicator_targets AS
    -- One row per indicator, with its form's header and its typed target
    -- spread over plain columns: the flat table to filter, pivot and export.
    -- A self-evaluation form's indicators also carry their actual value
    -- (typed like the target), weight, score and deviation reason.
    -- Reviewers' corrections are applied (header fields, and every field
    -- of the indicator a reviewer can correct, with the typed target of a
    -- corrected value or actual); original_name and original_value keep what
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
    f.identity_key                AS identity_key,      -- the form's identity key (see forms_distinct); NULL without a project name
    fo.form_type                  AS form_type,         -- the form's type: 'target', 'self_evaluation', 'department_target'
    fo.template                   AS template,          -- the layout the form was read as: 'shanghai', 'mof88', 'target', 'selfeval', 'department'
    coalesce(CASE WHEN cpe.form_id IS NULL THEN i.period ELSE cpe.new_value END, 'annual') AS period, -- the grid: 'annual', or 'medium_term' for the medium-term grid of an 88号 form (as corrected; a NULL in the table, or a cleared correction, reads as 'annual')
    CASE WHEN cv.form_id IS NULL THEN i.value_parts END AS value_parts, -- the split value cells (指标性质, 指标值, 度量单位) as a JSON array; NULL when the form prints one value column, and once the value is corrected (it is no longer their join)
    CASE WHEN cdi.form_id IS NULL THEN i.direction ELSE cdi.new_value END AS polarity, -- 正向 or 反向 (higher or lower is better) as printed (indicators.direction; not the trend direction above), or as corrected; NULL when not printed
    CASE WHEN cst.form_id IS NULL THEN i.standard ELSE cst.new_value END AS standard, -- 绩效标准 as printed (or as corrected)
    CASE WHEN cno.form_id IS NULL THEN i.note ELSE cno.new_value END AS note, -- 备注 or 指标解释 as printed (or as corrected)
    CASE WHEN ca.form_id IS NULL THEN i.actual ELSE ca.new_value END AS actual, -- 实际完成值 as printed (or as corrected); NULL for — or a blank
    CASE WHEN ca.form_id IS NULL THEN i.actual_kind ELSE json_extract(ca.target_json, '$.kind') END AS actual_kind, -- kind of the typed actual, as kind; NULL when none
    CASE WHEN ca.form_id IS NULL THEN i.actual_op ELSE json_extract(ca.target_json, '$.op') END AS actual_op, -- comparator of the actual, as op
    CAST(CASE WHEN ca.form_id IS NULL THEN i.actual_value ELSE json_extract(ca.target_json, '$.value') END AS REAL) AS actual_number, -- the actual's number, as number (98% → 98)
    CASE WHEN ca.form_id IS NULL THEN i.actual_unit ELSE json_extract(ca.target_json, '$.unit') END AS actual_unit, -- the actual's unit, as unit
    CASE WHEN ca.form_id IS NULL THEN i.actual_label ELSE json_extract(ca.target_json, '$.label') END AS actual_label, -- the actual's canonical qualitative word, as label
    CASE WHEN ca.form_id IS NULL THEN coalesce(i.actual_by, i.actual_to) ELSE coalesce(json_extract(ca.target_json, '$.by'), json_extract(ca.target_json, '$.to')) END AS actual_date, -- the actual's date (ISO 8601): a deadline's, else the end of a window
    CAST(CASE WHEN cw.form_id IS NULL THEN i.weight WHEN cw.new_value GLOB '*[0-9]*' AND cw.new_value NOT GLOB '*[^0-9.]*' THEN cw.new_value END AS REAL) AS weight, -- 分值 (权重) in points (or as corrected; NULL when the correction is not a plain number)
    CAST(CASE WHEN cs.form_id IS NULL THEN i.score WHEN cs.new_value GLOB '*[0-9]*' AND cs.new_value NOT GLOB '*[^0-9.]*' THEN cs.new_value END AS REAL) AS score, -- 得分 in points (or as corrected, likewise)
    CASE WHEN cd.form_id IS NULL THEN i.deviation ELSE cd.new_value END AS deviation -- 偏差原因分析及改进措施 as printed (or as corrected)
FROM indicators AS i
JOIN forms_current AS f ON f.form_id = i.form_id
JOIN forms AS fo ON fo.id = i.form_id
-- The latest correction of the indicator's name, value, actual, weight,
-- score, deviation, period, direction, standard and note, found through corrections_indicator_id (a join on
-- the view latest_corrections would scan every correction for every
-- indicator). A correction of an actual carries its typed reading in
-- target_json, as one of a value does.
LEFT JOIN corrections AS ci ON ci.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].name')
LEFT JOIN corrections AS cv ON cv.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].value')
LEFT JOIN corrections AS ca ON ca.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].actual')
LEFT JOIN corrections AS cw ON cw.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].weight')
LEFT JOIN corrections AS cs ON cs.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].score')
LEFT JOIN corrections AS cd ON cd.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].deviation')
LEFT JOIN corrections AS cpe ON cpe.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].period')
LEFT JOIN corrections AS cdi ON cdi.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].direction')
LEFT JOIN corrections AS cst ON cst.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].standard')
LEFT JOIN corrections AS cno ON cno.id = (SELECT max(c.id) FROM corrections AS c
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].note');

CREATE VIEW forms_overview AS
    -- One row per form as corrected: header, parsed funds, review status,
    -- and counts of its indicators by kind of target and of its flags.
    -- With the form's type and template, and a self-evaluation form's
    -- total score and grade.
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
    f.identity_key       AS identity_key,        -- the form's identity key (see forms_distinct); NULL without a project name
    fo.form_type         AS form_type,           -- the form's type: 'target', 'self_evaluation', 'department_target'
    fo.template          AS template,            -- the layout the form was read as: 'shanghai', 'mof88', 'target', 'selfeval', 'department'
    f.total_score        AS total_score,         -- a self-evaluation form's 总分 in points (as corrected); NULL when not printed
    f.grade              AS grade                -- a self-evaluation form's grade as printed (优, 良, 中, 差; as corrected); NULL when not printed
FROM forms_current AS f
JOIN forms AS fo ON fo.id = f.form_id;

CREATE VIEW budget_current AS
    -- One row per row of a self-evaluation form's budget block (the table
    -- budget) as corrected: each cell shows the latest correction of its
    -- path (budget.<key>.<leaf>) where a reviewer made one, and
    -- <column>_read the machine's reading.
SELECT
    CAST(b.form_id AS INTEGER) AS form_id, -- the form (forms.id)
    b.key                      AS key,     -- the row: 'total', 'appropriation', 'carryover', 'other', or the printed label of another row
    CASE WHEN cl.id IS NULL THEN b.label ELSE cl.new_value END AS label, -- the row's label as printed (as corrected)
    CAST(CASE WHEN ci.id IS NULL THEN b.initial ELSE ci.amount END AS REAL) AS initial, -- 年初预算数 in 元 (as corrected)
    CAST(CASE WHEN ca.id IS NULL THEN b.adjusted ELSE ca.amount END AS REAL) AS adjusted, -- 全年预算数 in 元 (as corrected)
    CAST(CASE WHEN ce.id IS NULL THEN b.executed ELSE ce.amount END AS REAL) AS executed, -- 全年执行数 in 元 (as corrected)
    CAST(CASE WHEN cw.id IS NULL THEN b.weight ELSE cw.new_value END AS REAL) AS weight, -- 分值 in points (as corrected)
    CAST(CASE WHEN cr.id IS NULL THEN b.rate ELSE cr.new_value END AS REAL) AS rate, -- 执行率 as a percentage number (as corrected)
    CAST(CASE WHEN cs.id IS NULL THEN b.score ELSE cs.new_value END AS REAL) AS score, -- 得分 in points (as corrected)
    b.label                    AS label_read,    -- the label as the machine read it
    CAST(b.initial AS REAL)    AS initial_read,  -- 年初预算数 as the machine read it
    CAST(b.adjusted AS REAL)   AS adjusted_read, -- 全年预算数 as the machine read it
    CAST(b.executed AS REAL)   AS executed_read, -- 全年执行数 as the machine read it
    CAST(b.weight AS REAL)     AS weight_read,   -- 分值 as the machine read it
    CAST(b.rate AS REAL)       AS rate_read,     -- 执行率 as the machine read it
    CAST(b.score AS REAL)      AS score_read     -- 得分 as the machine read it
FROM budget AS b
-- The latest correction of each cell, through corrections_form_id.
LEFT JOIN corrections AS cl ON cl.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.label')
LEFT JOIN corrections AS ci ON ci.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.initial')
LEFT JOIN corrections AS ca ON ca.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.adjusted')
LEFT JOIN corrections AS ce ON ce.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.executed')
LEFT JOIN corrections AS cw ON cw.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.weight')
LEFT JOIN corrections AS cr ON cr.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.rate')
LEFT JOIN corrections AS cs ON cs.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = b.form_id AND c.field = 'budget.' || b.key || '.score');

CREATE VIEW tasks_current AS
    -- One row per task of a whole-department form (the table tasks) as
    -- corrected: each field shows the latest correction of its path
    -- (tasks[seq-1].<leaf>) where a reviewer made one, and <column>_read
    -- the machine's reading. A corrected amount is entered as printed
    -- (amount_raw) and parsed in the form's unit (amount).
SELECT
    CAST(t.form_id AS INTEGER) AS form_id, -- the form (forms.id)
    CAST(t.seq AS INTEGER)     AS seq,     -- 1-based order of the task in its form
    CASE WHEN cn.id IS NULL THEN t.name ELSE cn.new_value END AS name, -- 任务名称 (as corrected)
    CASE WHEN cc.id IS NULL THEN t.content ELSE cc.new_value END AS content, -- 主要内容 (as corrected)
    CAST(CASE WHEN ca.id IS NULL THEN t.amount ELSE ca.amount END AS REAL) AS amount, -- 预算金额 in 元 (as corrected)
    CASE WHEN ca.id IS NULL THEN t.amount_raw ELSE ca.new_value END AS amount_raw, -- 预算金额 as printed (or as corrected)
    t.name                     AS name_read,       -- 任务名称 as the machine read it
    t.content                  AS content_read,    -- 主要内容 as the machine read it
    CAST(t.amount AS REAL)     AS amount_read,     -- 预算金额 in 元 as the machine read it
    t.amount_raw               AS amount_raw_read  -- 预算金额 as printed, as the machine read it
FROM tasks AS t
LEFT JOIN corrections AS cn ON cn.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = t.form_id AND c.field = 'tasks[' || (t.seq - 1) || '].name')
LEFT JOIN corrections AS cc ON cc.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = t.form_id AND c.field = 'tasks[' || (t.seq - 1) || '].content')
LEFT JOIN corrections AS ca ON ca.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = t.form_id AND c.field = 'tasks[' || (t.seq - 1) || '].amount');

CREATE VIEW budget_request_current AS
    -- One row per line of a whole-department form's budget request (the
    -- table budget_request) as corrected: its label and amount show the
    -- latest correction of their path (budget_request[seq-1].<leaf>) where
    -- a reviewer made one, and <column>_read the machine's reading. A
    -- corrected amount is entered as printed (raw) and parsed in the form's
    -- unit (amount).
SELECT
    CAST(l.form_id AS INTEGER) AS form_id, -- the form (forms.id)
    CAST(l.seq AS INTEGER)     AS seq,     -- 1-based order of the line in its form: the total first, then the income split, then the expense split
    l.basis                    AS basis,   -- '' for the total, 'income' or 'expense' for a part of a split
    CASE WHEN cl.id IS NULL THEN l.label ELSE cl.new_value END AS label, -- the line's label as printed (as corrected)
    CAST(CASE WHEN ca.id IS NULL THEN l.amount ELSE ca.amount END AS REAL) AS amount, -- the amount in 元 (as corrected)
    CASE WHEN ca.id IS NULL THEN l.raw ELSE ca.new_value END AS raw, -- the amount as printed (or as corrected)
    l.label                    AS label_read,  -- the label as the machine read it
    CAST(l.amount AS REAL)     AS amount_read, -- the amount in 元 as the machine read it
    l.raw                      AS raw_read     -- the amount as printed, as the machine read it
FROM budget_request AS l
LEFT JOIN corrections AS cl ON cl.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = l.form_id AND c.field = 'budget_request[' || (l.seq - 1) || '].label')
LEFT JOIN corrections AS ca ON ca.id = (SELECT max(c.id) FROM corrections AS c WHERE c.form_id = l.form_id AND c.field = 'budget_request[' || (l.seq - 1) || '].amount');

CREATE VIEW form_values AS
    -- The compared fields of each form that has an identity key, as
    -- corrected, one row per field (long form): what form_disagreements
    -- compares between readings of the same form. Each source is read once
    -- and crossed with its list of fields (a branch per field would expand
    -- the views it reads once per field).
WITH k AS (SELECT * FROM forms_current WHERE identity_key IS NOT NULL) -- computed once (a CTE used more than once is materialized)
SELECT
    CAST(v.form_id AS INTEGER) AS form_id,  -- the form (forms.id)
    v.identity_key             AS identity_key, -- its identity key (forms_current.identity_key)
    v.source_path              AS source_path,  -- its document
    v.field                    AS field,        -- the field, as in form_disagreements
    CAST(v.value AS TEXT)      AS value         -- its value as corrected, as text (amounts, points and counts as SQLite prints the number); NULL when absent
FROM (
    -- the header fields, funds, goals and scores; the numbers of a department form's tasks and lines
    SELECT k.form_id, k.identity_key, k.source_path, n.column1 AS field,
        CASE n.column1
            WHEN 'project_nature' THEN k.project_nature
            WHEN 'project_category' THEN k.project_category
            WHEN 'start_date' THEN k.start_date
            WHEN 'end_date' THEN k.end_date
            WHEN 'funds.annual_total' THEN k.funds_annual_total
            WHEN 'funds.fiscal' THEN k.funds_fiscal
            WHEN 'funds.appropriation' THEN k.funds_appropriation
            WHEN 'funds.carryover' THEN k.funds_carryover
            WHEN 'funds.other' THEN k.funds_other
            WHEN 'funds.annual_other' THEN k.funds_annual_other
            WHEN 'goals.overall' THEN k.goals_overall
            WHEN 'goals.annual' THEN k.goals_annual
            WHEN 'goals.expected' THEN k.goals_expected
            WHEN 'goals.achieved' THEN k.goals_achieved
            WHEN 'total_score' THEN k.total_score
            WHEN 'grade' THEN k.grade
            WHEN 'indicator_count' THEN (SELECT count(*) FROM indicators AS x WHERE x.form_id = k.form_id)
            WHEN 'task_count' THEN (SELECT count(*) FROM tasks AS x WHERE x.form_id = k.form_id)
            WHEN 'budget_request_count' THEN (SELECT count(*) FROM budget_request AS x WHERE x.form_id = k.form_id)
        END AS value
    FROM k CROSS JOIN (VALUES ('project_nature'), ('project_category'), ('start_date'), ('end_date'), ('funds.annual_total'), ('funds.fiscal'), ('funds.appropriation'), ('funds.carryover'), ('funds.other'), ('funds.annual_other'), ('goals.overall'), ('goals.annual'), ('goals.expected'), ('goals.achieved'), ('total_score'), ('grade'), ('indicator_count'), ('task_count'), ('budget_request_count')) AS n
    WHERE n.column1 NOT IN ('task_count', 'budget_request_count') OR k.form_type = 'department_target'
    -- each printed header field kept under its label
    UNION ALL SELECT k.form_id, k.identity_key, k.source_path, 'header_extra.' || j.key, j.value
    FROM k, json_each(k.header_extra) AS j
    -- each cell of each budget row
    UNION ALL SELECT k.form_id, k.identity_key, k.source_path, 'budget.' || b.key || '.' || n.column1,
        CASE n.column1
            WHEN 'initial' THEN b.initial
            WHEN 'adjusted' THEN b.adjusted
            WHEN 'executed' THEN b.executed
            WHEN 'weight' THEN b.weight
            WHEN 'rate' THEN b.rate
            WHEN 'score' THEN b.score
        END
    FROM budget_current AS b JOIN k ON k.form_id = b.form_id CROSS JOIN (VALUES ('initial'), ('adjusted'), ('executed'), ('weight'), ('rate'), ('score')) AS n
    -- each indicator's fields, by position, as indicator_targets shows
    -- them (read here from the table and the corrections: the view, in
    -- this compound, would cost ten times as much)
    UNION ALL SELECT k.form_id, k.identity_key, k.source_path, 'indicators[' || (i.seq - 1) || '].' || n.column1,
        CASE WHEN c.id IS NOT NULL THEN
            CASE WHEN n.column1 IN ('weight', 'score') THEN CAST(c.new_value AS REAL)
                WHEN n.column1 = 'period' THEN coalesce(c.new_value, 'annual')
                ELSE c.new_value END
        ELSE CASE n.column1
            WHEN 'name' THEN i.name
            WHEN 'value' THEN i.value
            WHEN 'period' THEN coalesce(i.period, 'annual')
            WHEN 'direction' THEN i.direction
            WHEN 'standard' THEN i.standard
            WHEN 'note' THEN i.note
            WHEN 'actual' THEN i.actual
            WHEN 'weight' THEN i.weight
            WHEN 'score' THEN i.score
            WHEN 'deviation' THEN i.deviation
        END END
    FROM indicators AS i JOIN k ON k.form_id = i.form_id
    CROSS JOIN (VALUES ('name'), ('value'), ('period'), ('direction'), ('standard'), ('note'), ('actual'), ('weight'), ('score'), ('deviation')) AS n
    LEFT JOIN corrections AS c ON c.id = (SELECT max(x.id) FROM corrections AS x
        WHERE x.indicator_id = i.id AND x.field LIKE 'indicators[%].' || n.column1)
    -- each task's and budget line's fields, by position
    UNION ALL SELECT k.form_id, k.identity_key, k.source_path, 'tasks[' || (x.seq - 1) || '].' || n.column1,
        CASE n.column1
            WHEN 'name' THEN x.name
            WHEN 'content' THEN x.content
            WHEN 'amount' THEN x.amount
        END
    FROM tasks_current AS x JOIN k ON k.form_id = x.form_id CROSS JOIN (VALUES ('name'), ('content'), ('amount')) AS n
    UNION ALL SELECT k.form_id, k.identity_key, k.source_path, 'budget_request[' || (x.seq - 1) || '].' || n.column1,
        CASE n.column1
            WHEN 'label' THEN x.label
            WHEN 'amount' THEN x.amount
        END
    FROM budget_request_current AS x JOIN k ON k.form_id = x.form_id CROSS JOIN (VALUES ('label'), ('amount')) AS n
) AS v;

CREATE VIEW form_disagreements AS
    -- One row per field on which two readings of the same form (the same
    -- identity key) disagree, as corrected: the fields of form_values
    -- (header fields and header_extra labels, amounts, goals, scores and
    -- grade, budget cells, the number of indicators and each indicator's
    -- fields by position, a department form's tasks and budget lines by
    -- position and their numbers). A field only one reading has (a label,
    -- a budget row, an item past the other's last) is not compared: the
    -- counts say so for the lists. Each pair of readings appears once
    -- (form_id_a < form_id_b).
WITH v AS (SELECT * FROM form_values) -- computed once (a CTE used more than once is materialized)
SELECT
    a.identity_key          AS identity_key, -- the identity key the readings share
    a.field                 AS field,        -- the field: 'project_nature', 'funds.fiscal', 'goals.overall', 'budget.total.executed', 'header_extra.项目期', 'indicator_count', 'indicators[3].value' (0-based, as flags.field), 'tasks[0].amount'
    CAST(a.form_id AS INTEGER) AS form_id_a, -- one reading (forms.id)
    a.source_path           AS source_path_a, -- its document
    a.value                 AS value_a,      -- its value, as text (NULL when absent)
    CAST(b.form_id AS INTEGER) AS form_id_b, -- the other reading, of a higher id
    b.source_path           AS source_path_b, -- its document
    b.value                 AS value_b       -- its value, as text (NULL when absent)
FROM v AS a
JOIN v AS b ON b.identity_key = a.identity_key AND b.field = a.field AND b.form_id > a.form_id
WHERE a.value IS NOT b.value;
