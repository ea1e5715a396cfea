-- Migration: the review workbench's audit trail (jixiao serve).
--
-- A reviewer's corrections never overwrite what the machine read: forms,
-- funds, goals and indicators keep the stored reading, and every correction
-- is a new row here. Reads apply the corrections on top (store.ReviewedForm,
-- the export, the view indicator_targets below): for each field the latest
-- correction wins. Marking a form reviewed (or reopening it) is a new row of
-- reviews; the latest row is the form's status (view review_status).

CREATE TABLE corrections (
    -- One edit of one field of a form by a reviewer, in the order made.
    id           INTEGER PRIMARY KEY, -- correction id; gives the order of edits
    form_id      INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    field        TEXT    NOT NULL,    -- path in the export record: 'project_name', 'start_date', 'funds.total' (the amount as printed), 'goals.overall', 'indicators[3].value', 'indicators[3].name' (0-based index, as in flags.field)
    indicator_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE, -- the indicator when field starts with 'indicators[i]'; else NULL
    old_value    TEXT,                -- the value shown before this edit (the machine's reading, or the previous correction); NULL when absent
    new_value    TEXT,                -- the value the reviewer entered; NULL when the reviewer cleared the field
    target_json  TEXT,                -- for 'indicators[i].value': the typed target of new_value (normalize.Value with the form's year), as JSON; else NULL
    reviewer     TEXT    NOT NULL,    -- who made the edit (the name given when the workbench started)
    corrected_at TEXT    NOT NULL     -- when (UTC, RFC 3339)
);
CREATE INDEX corrections_form_id ON corrections(form_id, field, id); -- corrections of a form; the latest per field
CREATE INDEX corrections_indicator_id ON corrections(indicator_id);  -- keeps cascading deletes fast

CREATE TABLE reviews (
    -- A form marked reviewed or reopened, in the order done.
    id          INTEGER PRIMARY KEY, -- review id; gives the order
    form_id     INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    status      TEXT    NOT NULL CHECK (status IN ('reviewed', 'reopened')), -- what the reviewer did
    reviewer    TEXT    NOT NULL,    -- who
    reviewed_at TEXT    NOT NULL     -- when (UTC, RFC 3339)
);
CREATE INDEX reviews_form_id ON reviews(form_id, id); -- the latest review of a form

CREATE VIEW review_status AS
    -- The review status of each form that has one: its latest row of reviews.
SELECT
    r.form_id     AS form_id,     -- the form (forms.id)
    r.status      AS status,      -- 'reviewed' or 'reopened'
    r.reviewer    AS reviewer,    -- who
    r.reviewed_at AS reviewed_at  -- when (UTC, RFC 3339)
FROM reviews r
WHERE r.id = (SELECT max(id) FROM reviews WHERE form_id = r.form_id);

-- The latest correction of each corrected field of a form.
CREATE VIEW latest_corrections AS
    -- The latest correction of each field of each form that has one: what
    -- reads show in place of the machine's reading.
SELECT
    c.form_id      AS form_id,      -- the form (forms.id)
    c.field        AS field,        -- the field's path in the export record ('project_name', 'indicators[3].value', …)
    c.indicator_id AS indicator_id, -- the indicator of an 'indicators[i].…' field; else NULL
    c.new_value    AS new_value,    -- the corrected value (NULL when cleared)
    c.target_json  AS target_json,  -- for an indicator value: its typed target, as JSON
    c.reviewer     AS reviewer,     -- who made the correction
    c.corrected_at AS corrected_at  -- when (UTC, RFC 3339)
FROM corrections AS c
WHERE c.id = (SELECT max(id) FROM corrections WHERE form_id = c.form_id AND field = c.field);

-- indicator_targets (schema version 3) shows the reviewers' corrections from
-- this version on, with the machine's reading beside them.
DROP VIEW indicator_targets;
CREATE VIEW indicator_targets AS
    -- One row per indicator, with its form's header and its typed target
    -- spread over plain columns: the flat table to filter, pivot and export.
    -- Reviewers' corrections are applied (header fields, name, value and
    -- the value's typed target); original_name and original_value keep what
    -- the machine read.
SELECT
    i.form_id           AS form_id,           -- the indicator's form (forms.id)
    i.id                AS indicator_id,      -- the indicator (indicators.id)
    d.path              AS source_path,       -- the document the form was read from, as named on ingest
    d.kind              AS source_kind,       -- how the document was read: 'text', 'pdf', 'pdf-ocr', 'image'
    f.form_index        AS form_index,        -- 1-based position of the form in its document
    f.year              AS year,              -- budget year of the form
    CASE WHEN cp.form_id IS NULL THEN f.project_name ELSE cp.new_value END      AS project_name,      -- 项目名称
    CASE WHEN cn.form_id IS NULL THEN f.project_nature ELSE cn.new_value END    AS project_nature,    -- 项目性质
    CASE WHEN cc.form_id IS NULL THEN f.project_category ELSE cc.new_value END  AS project_category,  -- 项目类别
    CASE WHEN cd.form_id IS NULL THEN f.department ELSE cd.new_value END        AS department,        -- 主管部门
    CASE WHEN cu.form_id IS NULL THEN f.implementing_unit ELSE cu.new_value END AS implementing_unit, -- 实施单位
    CASE WHEN cs.form_id IS NULL THEN f.start_date ELSE cs.new_value END        AS start_date,        -- 计划开始日期 (ISO 8601 when it parsed)
    CASE WHEN ce.form_id IS NULL THEN f.end_date ELSE ce.new_value END          AS end_date,          -- 计划完成日期 (ISO 8601 when it parsed)
    i.seq               AS seq,               -- 1-based order of the indicator in its form
    i.level1            AS level1,            -- canonical 一级指标
    i.level2            AS level2,            -- canonical 二级指标
    i.level2_raw        AS level2_raw,        -- 二级指标 as printed
    CASE WHEN ci.form_id IS NULL THEN i.name ELSE ci.new_value END AS name, -- 三级指标 as printed (or as corrected)
    i.name_norm         AS name_norm,         -- name folded for grouping, of the machine's reading (NULL in rows stored by schema version 1)
    CASE WHEN cv.form_id IS NULL THEN i.value ELSE cv.new_value END AS value, -- 年度指标值 as printed (or as corrected)
    CASE WHEN cv.form_id IS NULL THEN i.target_kind      ELSE json_extract(cv.target_json, '$.kind') END      AS kind,        -- kind of typed target: quantity, range, qualitative, trend, deadline, window, duration, frequency, text
    CASE WHEN cv.form_id IS NULL THEN i.target_op        ELSE json_extract(cv.target_json, '$.op') END        AS op,          -- comparator of a quantity or duration: '=', '>=', '>', '<=', '<', '~'
    CASE WHEN cv.form_id IS NULL THEN i.target_value     ELSE json_extract(cv.target_json, '$.value') END     AS number,      -- the number of a quantity or duration, magnitude applied
    CASE WHEN cv.form_id IS NULL THEN i.target_min       ELSE json_extract(cv.target_json, '$.min') END       AS min,         -- lower bound of a range
    CASE WHEN cv.form_id IS NULL THEN i.target_max       ELSE json_extract(cv.target_json, '$.max') END       AS max,         -- upper bound of a range
    CASE WHEN cv.form_id IS NULL THEN i.target_unit      ELSE json_extract(cv.target_json, '$.unit') END      AS unit,        -- unit of a quantity or range as printed ('' when none); of a duration: hour, day, week, month, year
    CASE WHEN cv.form_id IS NULL THEN i.target_by        ELSE json_extract(cv.target_json, '$.by') END        AS deadline,    -- date of a deadline (ISO 8601)
    CASE WHEN cv.form_id IS NULL THEN i.target_from      ELSE json_extract(cv.target_json, '$.from') END      AS window_from, -- first date of a window (ISO 8601)
    CASE WHEN cv.form_id IS NULL THEN i.target_to        ELSE json_extract(cv.target_json, '$.to') END        AS window_to,   -- last date of a window (ISO 8601)
    CASE WHEN cv.form_id IS NULL THEN i.target_times     ELSE json_extract(cv.target_json, '$.times') END     AS times,       -- frequency: times per period
    CASE WHEN cv.form_id IS NULL THEN i.target_every     ELSE json_extract(cv.target_json, '$.every') END     AS every,       -- frequency: length of the period, in units of per
    CASE WHEN cv.form_id IS NULL THEN i.target_per       ELSE json_extract(cv.target_json, '$.per') END       AS per,         -- frequency: unit of the period: day, week, month, year
    CASE WHEN cv.form_id IS NULL THEN i.target_label     ELSE json_extract(cv.target_json, '$.label') END     AS label,       -- canonical qualitative word (合格, 及时, …), of any kind
    CASE WHEN cv.form_id IS NULL THEN i.target_direction ELSE json_extract(cv.target_json, '$.direction') END AS direction,   -- trend: increase, decrease, stable
    CASE WHEN cv.form_id IS NULL THEN i.target_basis     ELSE json_extract(cv.target_json, '$.basis') END     AS basis,       -- trend: what it compares with ('yoy' for 同比)
    CASE WHEN cv.form_id IS NULL THEN i.target_detail    ELSE json_extract(cv.target_json, '$.detail') END    AS detail,      -- printed text the kind does not capture
    i.confidence        AS confidence,        -- 0..1, how sure the reading is (1 for text exports)
    (SELECT group_concat(j.value, ';') FROM json_each(i.flag_codes) AS j) AS flags, -- codes of the indicator's flags joined by ';' (NULL when none), as the machine read it
    i.name              AS original_name,     -- 三级指标 as the machine read it
    i.value             AS original_value     -- 年度指标值 as the machine read it
FROM indicators AS i
JOIN forms AS f ON f.id = i.form_id
JOIN documents AS d ON d.id = f.document_id
LEFT JOIN latest_corrections AS cp ON cp.form_id = f.id AND cp.field = 'project_name'
LEFT JOIN latest_corrections AS cn ON cn.form_id = f.id AND cn.field = 'project_nature'
LEFT JOIN latest_corrections AS cc ON cc.form_id = f.id AND cc.field = 'project_category'
LEFT JOIN latest_corrections AS cd ON cd.form_id = f.id AND cd.field = 'department'
LEFT JOIN latest_corrections AS cu ON cu.form_id = f.id AND cu.field = 'implementing_unit'
LEFT JOIN latest_corrections AS cs ON cs.form_id = f.id AND cs.field = 'start_date'
LEFT JOIN latest_corrections AS ce ON ce.form_id = f.id AND ce.field = 'end_date'
LEFT JOIN latest_corrections AS ci ON ci.indicator_id = i.id AND ci.field LIKE 'indicators[%].name'
LEFT JOIN latest_corrections AS cv ON cv.indicator_id = i.id AND cv.field LIKE 'indicators[%].value';
