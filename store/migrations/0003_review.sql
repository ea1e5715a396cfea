-- Migration: the review workbench's audit trail (jixiao serve).
--
-- A reviewer's corrections never overwrite what the machine read: forms,
-- funds, goals and indicators keep the stored reading, and every correction
-- is a new row here. Reads apply the corrections on top (store.ReviewedForm,
-- the export, the view indicators_reviewed below): for each field the latest
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

-- The review status of each form that has one: its latest row of reviews.
CREATE VIEW review_status AS
SELECT r.form_id, r.status, r.reviewer, r.reviewed_at
FROM reviews r
WHERE r.id = (SELECT max(id) FROM reviews WHERE form_id = r.form_id);

-- Every indicator with its latest value correction applied: value and the
-- typed target are the corrected ones where a correction exists, with the
-- machine's reading beside them (original_value, original_target_json).
-- The target_* columns are not repeated here: read them from target_json
-- with json_extract(), or from indicators for uncorrected rows.
CREATE VIEW indicators_reviewed AS
SELECT i.id, i.form_id, i.seq, i.level1, i.level2, i.name,
    CASE WHEN c.id IS NULL THEN i.value ELSE c.new_value END AS value,
    CASE WHEN c.id IS NULL THEN i.target_kind ELSE json_extract(c.target_json, '$.kind') END AS target_kind,
    CASE WHEN c.id IS NULL THEN i.target_json ELSE c.target_json END AS target_json,
    c.id IS NOT NULL AS corrected,
    i.value AS original_value,
    i.target_json AS original_target_json,
    c.reviewer AS corrected_by,
    c.corrected_at
FROM indicators i
LEFT JOIN corrections c ON c.id = (
    SELECT max(id) FROM corrections WHERE indicator_id = i.id AND field LIKE 'indicators[%].value');
