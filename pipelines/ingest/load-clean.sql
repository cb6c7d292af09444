-- grain: one row per row of a batch of source files that passes every check (check.sql, keeping
-- the stored columns), typed as the warehouse stores it
-- The one-read load of a batch expected to be clean: its rows are checked on the way in, and a
-- batch that turns out otherwise is taken out again and judged row by row (validate.sql).
SELECT {{target_columns}}, checked.file_id
FROM ({{checked_rows}}) AS checked
WHERE checked.failed_check IS NULL
