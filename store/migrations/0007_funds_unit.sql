-- Migration: the funds block's unit, and the weights of level labels.
--
-- Amounts (funds.*) are in 元 from this version on: a form printed in 万元
-- (项目资金（万元）, 单位：万元, 250万) is converted exactly on its printed
-- decimals; funds.*_raw keep the cells as printed. forms.funds_unit says
-- what the form printed. Rows stored by earlier versions get NULL: their
-- unit is unknown (their amounts are as printed, which is 元 for every form
-- that said 项目资金(元)).
--
-- The comments are on the lines of this file only: SQLite copies an added
-- column's definition into the table's CREATE TABLE text, where a "--"
-- comment would cut off the closing parenthesis.

ALTER TABLE forms ADD COLUMN funds_unit TEXT;         -- unit the funds block is printed in: '元' or '万元' as the form says it (a label 项目资金(万元), a line 单位：万元, or every amount written 250万); '' when the form does not say (amounts taken as 元); NULL in rows stored before schema version 7 (unknown)
ALTER TABLE indicators ADD COLUMN level1_weight REAL; -- points printed with the indicator's level-1 label (产出指标(50分) → 50); NULL when none is printed
ALTER TABLE indicators ADD COLUMN level2_weight REAL; -- points printed with the indicator's level-2 label (数量指标(20分) → 20); NULL when none is printed
