-- Version 10: the form family (issue 18). Target forms of other layouts
-- (the 88号 medium-term + annual double grid, split value columns),
-- self-evaluation forms (each target beside its actual value, weight,
-- score and the reason for a shortfall) and whole-department forms.
--
-- forms gains the form's type and layout (template), the printed header
-- fields that have no column of their own (header_extra, a JSON object),
-- and a self-evaluation form's total score and grade; goals its 预期目标 and
-- 实际完成情况; indicators the period of its grid, the split value cells, the
-- printed direction, standard and note, and a self-evaluation form's
-- actual value (as printed, and typed like the target: actual_json and its
-- actual_<field> columns mirror target_json and target_<field>), weight,
-- score and deviation reason. A self-evaluation form's budget-execution
-- block is the table budget, one row per printed row, so that researchers
-- can compare execution rates across forms with plain SQL (SELECT avg(rate)
-- FROM budget WHERE key = 'total') rather than json_each over a blob;
-- such a form has no funds amounts (its funds row is all NULL).
-- A whole-department form has no funds block either: its 年度主要任务 rows
-- are the table tasks and its 年度预算申请 amounts (the total, the split by
-- income, the split by expense) the table budget_request, one row per
-- printed row in printed order, so that a department's money is summed and
-- compared with plain SQL (SELECT sum(amount) FROM budget_request WHERE
-- basis = 'income' GROUP BY form_id).
--
-- Rows stored by earlier versions: every form they hold was read as a
-- target form of the 2023 Shanghai layout, the only one those versions
-- read, so they get form_type 'target' and template 'shanghai', and their
-- indicators (one grid each) period 'annual'. The other new columns stay
-- NULL (the forms do not print them). A row stored from this version on
-- has NULL where the record leaves the field unset ("" or nil); the views
-- read a NULL period as 'annual' (a one-grid form's).
--
-- The view indicator_targets gains the new indicator columns, and the new
-- view indicator_results pairs each target with its actual and says
-- whether it was met, with the rule used. forms_overview gains the form's
-- type, template, total score and grade.
--
-- The comments are on the lines of this file only: SQLite copies an added
-- column's definition into the table's CREATE TABLE text, where a "--"
-- comment would cut off the closing parenthesis.

ALTER TABLE forms ADD COLUMN form_type TEXT;    -- which member of the form family: 'target' (项目支出绩效目标申报表), 'self_evaluation' (项目支出绩效自评表), 'department_target' (部门整体支出绩效目标申报表); the list only grows; NULL when the reader did not say
ALTER TABLE forms ADD COLUMN template TEXT;     -- the layout the form was read as: 'shanghai' (the 2023 Shanghai 申报表), 'mof88' (the central 88号 form, medium-term and annual grids), 'target' (another one-grid target form), 'selfeval' (a self-evaluation form), 'department' (a whole-department form); the list only grows; NULL when the reader did not say
ALTER TABLE forms ADD COLUMN header_extra TEXT; -- printed header fields with no column of their own (项目期, 项目支出实施期, 归口科室 …) as a JSON object from the printed label to the printed value ('{"项目期":"3年"}'); read with json_extract(header_extra, '$.项目期') or json_each; NULL when none
ALTER TABLE forms ADD COLUMN total_score REAL;  -- a self-evaluation form's 总分 (or its 合计 where it totals that way), in points; NULL when not printed
ALTER TABLE forms ADD COLUMN grade TEXT;        -- a self-evaluation form's grade as printed (优, 良, 中, 差); NULL when not printed

ALTER TABLE goals ADD COLUMN expected TEXT; -- a self-evaluation form's 预期目标 (the goal as set); NULL on other forms
ALTER TABLE goals ADD COLUMN achieved TEXT; -- a self-evaluation form's 实际完成情况 (what was achieved); NULL on other forms

ALTER TABLE indicators ADD COLUMN period TEXT;           -- the grid the indicator is in: 'annual' (the year's; every indicator of a one-grid form), 'medium_term' (the medium-term grid of an 88号 form); NULL when the reader did not say (read as 'annual' by the views)
ALTER TABLE indicators ADD COLUMN value_parts TEXT;      -- the cells of a target printed in split columns (指标性质, 指标值, 度量单位) as printed, as a JSON array of strings ('["≧","735","人次"]', '' for a blank part); value is their join; NULL when the form prints one value column
ALTER TABLE indicators ADD COLUMN direction TEXT;        -- 正向 or 反向 (higher or lower is better) as printed; NULL when not printed. Not the trend direction of a target (target_direction)
ALTER TABLE indicators ADD COLUMN standard TEXT;         -- 绩效标准 as printed (计划标准, 行业标准, 历史标准); NULL when not printed
ALTER TABLE indicators ADD COLUMN note TEXT;             -- 备注 or 指标解释 as printed; NULL when not printed
ALTER TABLE indicators ADD COLUMN actual TEXT;           -- a self-evaluation form's 实际完成值 as printed ('98%', '达成预期指标', '无', '0'); NULL for — or a blank
ALTER TABLE indicators ADD COLUMN actual_kind TEXT;      -- kind of the typed reading of actual, as target_kind; NULL when there is no typed reading
ALTER TABLE indicators ADD COLUMN actual_json TEXT;      -- the typed reading of actual as a JSON object, as target_json; NULL when there is none. Each actual_<field> column equals json_extract(actual_json, '$.<field>'), as the target_<field> columns do target_json's
ALTER TABLE indicators ADD COLUMN actual_op TEXT;        -- comparator of the actual, as target_op
ALTER TABLE indicators ADD COLUMN actual_value REAL;     -- number of the actual, as target_value (98% → 98)
ALTER TABLE indicators ADD COLUMN actual_unit TEXT;      -- unit of the actual, as target_unit
ALTER TABLE indicators ADD COLUMN actual_min REAL;       -- lower bound of an actual range, as target_min
ALTER TABLE indicators ADD COLUMN actual_max REAL;       -- upper bound of an actual range, as target_max
ALTER TABLE indicators ADD COLUMN actual_by TEXT;        -- date of the actual (ISO 8601), as target_by
ALTER TABLE indicators ADD COLUMN actual_from TEXT;      -- first date of an actual window, as target_from
ALTER TABLE indicators ADD COLUMN actual_to TEXT;        -- last date of an actual window, as target_to
ALTER TABLE indicators ADD COLUMN actual_times INTEGER;  -- frequency of the actual: times per period, as target_times
ALTER TABLE indicators ADD COLUMN actual_every INTEGER;  -- frequency of the actual: length of the period, as target_every
ALTER TABLE indicators ADD COLUMN actual_per TEXT;       -- frequency of the actual: unit of the period, as target_per
ALTER TABLE indicators ADD COLUMN actual_direction TEXT; -- trend of the actual, as target_direction
ALTER TABLE indicators ADD COLUMN actual_basis TEXT;     -- what the actual's trend compares with, as target_basis
ALTER TABLE indicators ADD COLUMN actual_label TEXT;     -- canonical qualitative word of the actual, as target_label
ALTER TABLE indicators ADD COLUMN actual_detail TEXT;    -- printed text of the actual that its kind does not capture, as target_detail
ALTER TABLE indicators ADD COLUMN weight REAL;           -- a self-evaluation form's 分值 (or 权重) of the indicator, in points; NULL when not printed
ALTER TABLE indicators ADD COLUMN score REAL;            -- its 得分, in points; NULL when not printed
ALTER TABLE indicators ADD COLUMN deviation TEXT;        -- the reason given for a shortfall (偏差原因分析及改进措施, 未完成原因分析) as printed ('无' and '0' kept); NULL when blank

CREATE TABLE budget (
    -- One row of a self-evaluation form's budget-execution block (项目资金): the budget at the start of the year, as adjusted, and as executed, with the block's weight, execution rate and score. Amounts are in 元 whatever the block prints (a 万元 block is converted as funds are); a blank cell is NULL, not 0.
    id        INTEGER PRIMARY KEY, -- row id; the rows of a form in the order stored (the standard keys first: total, appropriation, carryover, other; then the others by key)
    form_id   INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    key       TEXT    NOT NULL,    -- the row: 'total' (年度资金总额, 总额), 'appropriation' (当年财政拨款, 本年财政拨款, 财政资金), 'carryover' (上年结转资金), 'other' (其他资金), or the printed label of any other row (财政专户管理资金 …)
    label     TEXT,                -- the row's label as printed; NULL when none
    initial   REAL,                -- 年初预算数, in 元
    adjusted  REAL,                -- 全年预算数 (调整后预算数), in 元
    executed  REAL,                -- 全年执行数 (预算执行数), in 元
    weight    REAL,                -- 分值 (权重) in points: usually 10, on the total row only
    rate      REAL,                -- 执行率 as a percentage number (86 for 86%)
    score     REAL,                -- 得分 in points: usually on the total row only
    UNIQUE (form_id, key)
);

CREATE TABLE tasks (
    -- One row of a whole-department form's 年度主要任务 table (the record's tasks[seq-1]): a task's name, content and 预算金额. The amount is in 元 whatever the form prints (a 万元 form is converted as funds are), amount_raw the cell as printed; a blank cell is NULL, not 0.
    id         INTEGER PRIMARY KEY, -- row id
    form_id    INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    seq        INTEGER NOT NULL,    -- 1-based order of the task in its form, as printed
    name       TEXT,                -- 任务名称 as printed ('农村公路养护')
    content    TEXT,                -- 主要内容 as printed
    amount     REAL,                -- 预算金额 in 元 (3600 printed in 万元 → 36000000)
    amount_raw TEXT,                -- 预算金额 as printed ('3600')
    UNIQUE (form_id, seq)
);

CREATE TABLE budget_request (
    -- One amount of a whole-department form's 年度预算申请 block (the record's budget_request[seq-1]): the total, or a part of it by the nature of the income (按收入性质分) or of the spending (按支出性质分). The amount is in 元 whatever the form prints (a 万元 form is converted as funds are), raw the cell as printed; a blank cell is NULL, not 0. The parts of one basis add up to the total where the form is consistent (else a funds_mismatch flag on budget_request).
    id       INTEGER PRIMARY KEY, -- row id
    form_id  INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    seq      INTEGER NOT NULL,    -- 1-based order of the line in its form: the total first, then the income split, then the expense split, each as printed
    basis    TEXT    NOT NULL,    -- how the line splits the request: '' for the total (资金总额), 'income' (公共财政拨款, 政府性基金拨款, 纳入专户管理的非税收入拨款, 其他资金), 'expense' (基本支出, 项目支出); the list only grows
    label    TEXT,                -- the line's label as printed ('一般公共预算拨款'); NULL when none
    amount   REAL,                -- the amount in 元 (21840 printed in 万元 → 218400000)
    raw      TEXT,                -- the amount as printed ('21840')
    UNIQUE (form_id, seq)
);

-- What earlier versions stored (see above).
UPDATE forms SET form_type = 'target', template = 'shanghai';
UPDATE indicators SET period = 'annual';

-- A project's self-evaluation form is not another reading of its target
-- form: the identity key of a form of another type than 'target' ends in
-- '|' and its type, so that forms_distinct keeps both (the keys of target
-- forms, and of the forms stored before, are unchanged). forms_current
-- also gains form_type; the views built on it read it again when used.
DROP VIEW forms_current;
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
    CASE WHEN coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.project_name, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') = '' THEN NULL ELSE coalesce(x.year, '') || '|' || lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.project_name, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')) || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.department, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(x.implementing_unit, ' ', ''), '　', ''), char(9), ''), char(10), ''), char(13), ''), '（', '('), '）', ')'), '，', ','), '、', ',')), '') || '|' || coalesce(printf('%.2f', x.funds_total), '') END || CASE WHEN x.form_type IS NULL OR x.form_type = 'target' THEN '' ELSE '|' || x.form_type END AS identity_key, -- the form's identity: year|name|department|unit|total, names folded (see forms_distinct), and |form_type for a form other than a target form (since schema version 10: a project's self-evaluation is not a reading of its target form); NULL without a project name
    x.form_type AS form_type -- the form's type (forms.form_type): 'target', 'self_evaluation', 'department_target'
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

-- indicator_targets gains the new columns, at the end so that a consumer
-- of the CSV export by column position is not thrown.
DROP VIEW indicator_targets;
CREATE VIEW indicator_targets AS
    -- One row per indicator, with its form's header and its typed target
    -- spread over plain columns: the flat table to filter, pivot and export.
    -- A self-evaluation form's indicators also carry their actual value
    -- (typed like the target), weight, score and deviation reason.
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
    f.identity_key                AS identity_key,      -- the form's identity key (see forms_distinct); NULL without a project name
    fo.form_type                  AS form_type,         -- the form's type: 'target', 'self_evaluation', 'department_target'
    fo.template                   AS template,          -- the layout the form was read as: 'shanghai', 'mof88', 'target', 'selfeval', 'department'
    coalesce(i.period, 'annual')  AS period,            -- the grid: 'annual', or 'medium_term' for the medium-term grid of an 88号 form (a NULL in the table reads as 'annual')
    i.value_parts                 AS value_parts,       -- the split value cells (指标性质, 指标值, 度量单位) as a JSON array; NULL when the form prints one value column
    i.direction                   AS polarity,          -- 正向 or 反向 (higher or lower is better) as printed (indicators.direction; not the trend direction above); NULL when not printed
    i.standard                    AS standard,          -- 绩效标准 as printed
    i.note                        AS note,              -- 备注 or 指标解释 as printed
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
-- score and deviation, found through corrections_indicator_id (a join on
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
    WHERE c.indicator_id = i.id AND c.field LIKE 'indicators[%].deviation');

DROP VIEW forms_overview;
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
    CAST(fo.total_score AS REAL) AS total_score, -- a self-evaluation form's 总分 in points; NULL when not printed
    fo.grade             AS grade                -- a self-evaluation form's grade as printed (优, 良, 中, 差); NULL when not printed
FROM forms_current AS f
JOIN forms AS fo ON fo.id = f.form_id;

CREATE VIEW indicator_results AS
    -- One row per indicator (as indicator_targets), pairing the target (as corrected) with the actual a self-evaluation form
    -- gives for it, and saying whether it was met by the 10号 rule
    -- (财预〔2020〕10号), with the rule applied, in this order: no actual
    -- (— or blank): undecided. A quantitative target (kinds quantity and
    -- duration) with a number, against an actual of the same kind with a
    -- number and the same unit (or none printed on either side): met when
    -- the actual satisfies the comparator (>=, >, <=, <); a bare or '='
    -- target is a level to reach (actual >= target), or a ceiling for a
    -- 反向 indicator (actual <= target); an approximate target (~) and a
    -- unit that differs leave it undecided. A range: met when min <= actual
    -- <= max. A deadline: met when the actual's date is on or before it.
    -- Otherwise the actual's words, in the 10号 tiers: 未达成, 未完成,
    -- 未达到, 未达标, 不合格, 不达标, 未实现, 较差, 不及时, 不满意 → tier 3,
    -- not met; 部分达成, 部分完成, 部分实现, 部分达到, 基本达成, 基本完成,
    -- 基本达到, 基本实现 → tier 2, not met; the target's own qualitative word,
    -- 达成, 完成, 达到, 实现, 达标, 合格, 有效, 良好, 满意, 及时 → tier 1, met.
    -- Last, an actual printed exactly as the target is met; anything else
    -- is undecided (met NULL). The forms' own scores are beside it: compare
    -- met with score and weight, the forms do not always follow the rule.
SELECT
    r.form_id        AS form_id,        -- the indicator's form (forms.id)
    r.indicator_id   AS indicator_id,   -- the indicator (indicators.id)
    r.source_path    AS source_path,    -- the document the form was read from
    r.year           AS year,           -- budget year of the form
    r.project_name   AS project_name,   -- 项目名称 (as corrected)
    r.department     AS department,     -- 主管部门 (as corrected)
    r.form_type      AS form_type,      -- the form's type: 'target', 'self_evaluation', 'department_target'
    r.period         AS period,         -- the grid: 'annual' or 'medium_term'
    r.seq            AS seq,            -- 1-based order of the indicator in its form
    r.level1         AS level1,         -- canonical 一级指标
    r.level2         AS level2,         -- canonical 二级指标
    r.name           AS name,           -- 三级指标 (as corrected)
    r.value          AS value,          -- the target as printed (as corrected)
    r.kind           AS kind,           -- kind of typed target
    r.op             AS op,             -- comparator of the target: '=', '>=', '>', '<=', '<', '~'
    r.number         AS number,         -- the target's number
    r.min            AS min,            -- lower bound of a range target
    r.max            AS max,            -- upper bound of a range target
    r.unit           AS unit,           -- the target's unit
    r.label          AS label,          -- the target's canonical qualitative word
    r.deadline       AS deadline,       -- the target's deadline (ISO 8601)
    r.polarity       AS polarity,       -- 正向 or 反向 as printed; NULL when not printed
    r.actual         AS actual,         -- 实际完成值 as printed (as corrected); NULL for — or a blank
    r.actual_kind    AS actual_kind,    -- kind of the typed actual
    r.actual_op      AS actual_op,      -- comparator of the actual
    r.actual_number  AS actual_number,  -- the actual's number
    r.actual_unit    AS actual_unit,    -- the actual's unit
    r.actual_label   AS actual_label,   -- the actual's canonical qualitative word
    r.actual_date    AS actual_date,    -- the actual's date (ISO 8601)
    r.weight         AS weight,         -- 分值 in points
    r.score          AS score,          -- 得分 in points
    r.deviation      AS deviation,      -- 偏差原因分析及改进措施 as printed
    CAST(CASE r.rule
        WHEN 'ge' THEN r.actual_number >= r.number
        WHEN 'gt' THEN r.actual_number > r.number
        WHEN 'le' THEN r.actual_number <= r.number
        WHEN 'lt' THEN r.actual_number < r.number
        WHEN 'eq_reach' THEN r.actual_number >= r.number
        WHEN 'eq_reverse' THEN r.actual_number <= r.number
        WHEN 'range' THEN r.actual_number BETWEEN r.min AND r.max
        WHEN 'deadline' THEN r.actual_date <= r.deadline
        WHEN 'tier1' THEN 1
        WHEN 'tier2' THEN 0
        WHEN 'tier3' THEN 0
        WHEN 'same_text' THEN 1
    END AS INTEGER)  AS met,            -- 1 met, 0 not met, NULL undecided (see rule)
    CAST(CASE r.rule WHEN 'tier1' THEN 1 WHEN 'same_text' THEN 1 WHEN 'tier2' THEN 2 WHEN 'tier3' THEN 3 END AS INTEGER) AS tier, -- the 10号 tier of a qualitative verdict: 1 达成年度指标 (100–80% of the weight), 2 部分达成并具有一定效果 (80–60%), 3 未达成且效果较差 (60–0%); NULL for a number compared
    r.rule           AS rule,           -- the rule applied: 'ge', 'gt', 'le', 'lt' (the comparator), 'eq_reach' (a bare or = target, actual >= target), 'eq_reverse' (the same, 反向: actual <= target), 'range', 'deadline', 'tier1', 'tier2', 'tier3' (the actual's words), 'same_text' (printed as the target), 'approx' (a ~ target), 'units_differ', 'no_actual', 'undecided'
    CASE r.rule
        WHEN 'ge' THEN 'quantitative: met when actual >= target'
        WHEN 'gt' THEN 'quantitative: met when actual > target'
        WHEN 'le' THEN 'quantitative: met when actual <= target'
        WHEN 'lt' THEN 'quantitative: met when actual < target'
        WHEN 'eq_reach' THEN 'quantitative, bare or = target: met when actual >= target'
        WHEN 'eq_reverse' THEN 'quantitative, 反向: met when actual <= target'
        WHEN 'range' THEN 'range: met when min <= actual <= max'
        WHEN 'deadline' THEN 'deadline: met when the actual date is on or before it'
        WHEN 'tier1' THEN 'qualitative tier 1 (达成年度指标): met'
        WHEN 'tier2' THEN 'qualitative tier 2 (部分达成并具有一定效果): not met'
        WHEN 'tier3' THEN 'qualitative tier 3 (未达成且效果较差): not met'
        WHEN 'same_text' THEN 'actual printed as the target: met'
        WHEN 'approx' THEN 'approximate target (~): undecided'
        WHEN 'units_differ' THEN 'actual and target in different units or kinds: undecided'
        WHEN 'no_actual' THEN 'no actual value: undecided'
        ELSE 'the actual cannot be compared with the target: undecided'
    END              AS rule_text       -- the rule in words
FROM (SELECT t.*,
        CASE
        WHEN t.actual IS NULL THEN 'no_actual'
        WHEN t.kind IN ('quantity', 'duration') AND t.number IS NOT NULL
                AND t.actual_kind IN ('quantity', 'duration') AND t.actual_number IS NOT NULL THEN
            CASE
            WHEN t.kind <> t.actual_kind
                OR (coalesce(t.unit, '') <> '' AND coalesce(t.actual_unit, '') <> '' AND t.unit <> t.actual_unit) THEN 'units_differ'
            WHEN t.op = '>=' THEN 'ge'
            WHEN t.op = '>' THEN 'gt'
            WHEN t.op = '<=' THEN 'le'
            WHEN t.op = '<' THEN 'lt'
            WHEN t.op = '~' THEN 'approx'
            WHEN t.polarity = '反向' THEN 'eq_reverse'
            ELSE 'eq_reach'
            END
        WHEN t.kind = 'range' AND t.min IS NOT NULL AND t.max IS NOT NULL AND t.actual_number IS NOT NULL THEN
            CASE WHEN coalesce(t.unit, '') <> '' AND coalesce(t.actual_unit, '') <> '' AND t.unit <> t.actual_unit
                THEN 'units_differ' ELSE 'range' END
        WHEN t.kind = 'deadline' AND t.deadline IS NOT NULL AND t.actual_date IS NOT NULL THEN 'deadline'
        WHEN t.actual LIKE '%未达成%' OR t.actual LIKE '%未完成%' OR t.actual LIKE '%未达到%' OR t.actual LIKE '%未达标%'
            OR t.actual LIKE '%不合格%' OR t.actual LIKE '%不达标%' OR t.actual LIKE '%未实现%' OR t.actual LIKE '%较差%'
            OR t.actual LIKE '%不及时%' OR t.actual LIKE '%不满意%' THEN 'tier3'
        WHEN t.actual LIKE '%部分达成%' OR t.actual LIKE '%部分完成%' OR t.actual LIKE '%部分实现%' OR t.actual LIKE '%部分达到%'
            OR t.actual LIKE '%基本达成%' OR t.actual LIKE '%基本完成%' OR t.actual LIKE '%基本达到%' OR t.actual LIKE '%基本实现%' THEN 'tier2'
        WHEN (t.actual_label IS NOT NULL AND t.actual_label = t.label)
            OR t.actual LIKE '%达成%' OR t.actual LIKE '%完成%' OR t.actual LIKE '%达到%' OR t.actual LIKE '%实现%'
            OR t.actual LIKE '%达标%' OR t.actual LIKE '%合格%' OR t.actual LIKE '%有效%' OR t.actual LIKE '%良好%'
            OR t.actual LIKE '%满意%' OR t.actual LIKE '%及时%' THEN 'tier1'
        WHEN trim(t.actual) = trim(t.value) THEN 'same_text'
        ELSE 'undecided'
        END AS rule
    FROM indicator_targets AS t) AS r;

-- Search: the goal texts of a self-evaluation form and the deviation
-- reasons are free text that researchers look for (资金未到位, 疫情 …), so
-- goals_fts gains expected and achieved, and indicators_fts deviation. The
-- actual values are not indexed: they are short values ('98%', '完成')
-- that indicator_results and plain SQL query better than substring search.
-- The indexes are made again with the new columns and rebuilt from their
-- tables; the triggers follow them.
DROP TRIGGER goals_ad;
DROP TRIGGER goals_au;
DROP TABLE goals_fts;
DROP TRIGGER indicators_ad;
DROP TRIGGER indicators_au;
DROP TABLE indicators_fts;

CREATE VIRTUAL TABLE goals_fts USING fts5(
    -- Full-text (substring) index of the goal texts; rowid = goals.form_id.
    overall,  -- 项目总目标 (中期目标)
    annual,   -- 年度总体目标
    expected, -- 预期目标 of a self-evaluation form
    achieved, -- 实际完成情况 of a self-evaluation form
    content="goals", content_rowid="form_id", tokenize="trigram"
);

CREATE VIRTUAL TABLE indicators_fts USING fts5(
    -- Full-text (substring) index of the indicator names and deviation reasons; rowid = indicators.id.
    name,      -- 三级指标 as printed
    deviation, -- 偏差原因分析及改进措施 as printed
    content="indicators", content_rowid="id", tokenize="trigram"
);

CREATE TRIGGER goals_ad AFTER DELETE ON goals BEGIN
    INSERT INTO goals_fts (goals_fts, rowid, overall, annual, expected, achieved)
    VALUES ('delete', old.form_id, old.overall, old.annual, old.expected, old.achieved);
END;
CREATE TRIGGER goals_au AFTER UPDATE OF form_id, overall, annual, expected, achieved ON goals BEGIN
    INSERT INTO goals_fts (goals_fts, rowid, overall, annual, expected, achieved)
    VALUES ('delete', old.form_id, old.overall, old.annual, old.expected, old.achieved);
    INSERT INTO goals_fts (rowid, overall, annual, expected, achieved)
    VALUES (new.form_id, new.overall, new.annual, new.expected, new.achieved);
END;

CREATE TRIGGER indicators_ad AFTER DELETE ON indicators BEGIN
    INSERT INTO indicators_fts (indicators_fts, rowid, name, deviation) VALUES ('delete', old.id, old.name, old.deviation);
END;
CREATE TRIGGER indicators_au AFTER UPDATE OF id, name, deviation ON indicators BEGIN
    INSERT INTO indicators_fts (indicators_fts, rowid, name, deviation) VALUES ('delete', old.id, old.name, old.deviation);
    INSERT INTO indicators_fts (rowid, name, deviation) VALUES (new.id, new.name, new.deviation);
END;

INSERT INTO goals_fts (goals_fts, rank) VALUES ('automerge', 16);
INSERT INTO indicators_fts (indicators_fts, rank) VALUES ('automerge', 16);
INSERT INTO goals_fts (goals_fts) VALUES ('rebuild');
INSERT INTO indicators_fts (indicators_fts) VALUES ('rebuild');
