-- Migration 2: typed targets as columns, and the folded indicator name.
--
-- form.Target gained typed fields (see jixiao/extract/form/target.go). Each
-- becomes a column of indicators, so that SQL can filter and compare targets
-- (WHERE target_kind = 'quantity' AND target_unit = '%' AND target_value >= 90)
-- without json_extract. target_json stays the source of truth: jixiao reads
-- the Target back from it, and every target_<field> column equals
-- json_extract(target_json, '$.<field>'): NULL when the field is absent from
-- the JSON (it does not apply to the kind, or is empty), the JSON value
-- otherwise. Which fields apply to which kind:
--
--   quantity:    target_op, target_value, target_unit
--   range:       target_min, target_max, target_unit
--   qualitative: target_label, target_detail
--   trend:       target_direction, target_basis
--   deadline:    target_by
--   window:      target_from, target_to
--   duration:    target_op, target_value, target_unit
--   frequency:   target_times, target_every, target_per
--   any kind:    target_label, target_detail
--
-- The comments are on the lines of this file only: SQLite copies an added
-- column's definition into the table's CREATE TABLE text, where a "--"
-- comment would cut off the closing parenthesis, so ".schema" shows these
-- columns without comments.

ALTER TABLE indicators ADD COLUMN name_norm TEXT;        -- name folded for search and grouping (NFKC, no white space, punctuation unified); NULL when empty (no name), and in rows stored by schema version 1: the folding is done in Go, so this migration cannot backfill it
ALTER TABLE indicators ADD COLUMN target_op TEXT;        -- comparator of a quantity or duration: '=', '>=', '>', '<=', '<', '~'
ALTER TABLE indicators ADD COLUMN target_value REAL;     -- number of a quantity or duration, magnitude applied (1000万页 → 10000000)
ALTER TABLE indicators ADD COLUMN target_unit TEXT;      -- unit as printed for a quantity or range ('' when none was printed); canonical for a duration ('hour', 'day', 'week', 'month', 'year')
ALTER TABLE indicators ADD COLUMN target_min REAL;       -- lower bound of a range
ALTER TABLE indicators ADD COLUMN target_max REAL;       -- upper bound of a range
ALTER TABLE indicators ADD COLUMN target_by TEXT;        -- date of a deadline (ISO 8601)
ALTER TABLE indicators ADD COLUMN target_from TEXT;      -- first date of a window (ISO 8601)
ALTER TABLE indicators ADD COLUMN target_to TEXT;        -- last date of a window (ISO 8601)
ALTER TABLE indicators ADD COLUMN target_times INTEGER;  -- frequency: times per period (每月2次 → 2)
ALTER TABLE indicators ADD COLUMN target_every INTEGER;  -- frequency: length of the period in units of target_per (两天一次 → 2)
ALTER TABLE indicators ADD COLUMN target_per TEXT;       -- frequency: unit of the period: 'day', 'week', 'month', 'year'
ALTER TABLE indicators ADD COLUMN target_direction TEXT; -- trend: 'increase', 'decrease', 'stable'
ALTER TABLE indicators ADD COLUMN target_basis TEXT;     -- trend: what it compares with: 'yoy' for 同比 / 较上年
ALTER TABLE indicators ADD COLUMN target_label TEXT;     -- the canonical qualitative word (合格, 及时, …), of any kind
ALTER TABLE indicators ADD COLUMN target_detail TEXT;    -- printed text the kind does not capture, of any kind

-- Backfill the target columns of the rows stored by version 1 from
-- target_json. Rows whose target_json is not valid JSON (not written by
-- jixiao) keep NULLs rather than failing the upgrade.
UPDATE indicators SET
    target_op        = json_extract(target_json, '$.op'),
    target_value     = json_extract(target_json, '$.value'),
    target_unit      = json_extract(target_json, '$.unit'),
    target_min       = json_extract(target_json, '$.min'),
    target_max       = json_extract(target_json, '$.max'),
    target_by        = json_extract(target_json, '$.by'),
    target_from      = json_extract(target_json, '$.from'),
    target_to        = json_extract(target_json, '$.to'),
    target_times     = json_extract(target_json, '$.times'),
    target_every     = json_extract(target_json, '$.every'),
    target_per       = json_extract(target_json, '$.per'),
    target_direction = json_extract(target_json, '$.direction'),
    target_basis     = json_extract(target_json, '$.basis'),
    target_label     = json_extract(target_json, '$.label'),
    target_detail    = json_extract(target_json, '$.detail')
WHERE json_valid(target_json);

-- After the backfill, so that it does not update the index row by row.
CREATE INDEX indicators_target_unit ON indicators(target_unit); -- facets and comparisons by unit

-- name_norm has no index, on purpose: its values are many and scattered, so
-- the rows of one document land on as many pages of such an index, which
-- each transaction (one per document) then rewrites. Measured on 10,000 forms
-- (500 documents of 20, 135,000 indicators), the index halved the rate at
-- which forms are stored, and the loss grows with the database; without it,
-- WHERE name_norm = ? scans the table in about 50 ms, and GROUP BY name_norm
-- takes about 0.2 s. To search a large database by name often, add the index
-- once ingest is done (later saves keep it up to date, at that cost):
--   CREATE INDEX IF NOT EXISTS indicators_name_norm ON indicators(name_norm);
