-- grain: one row per valid, first-seen row of a batch of source files, typed as the warehouse stores it
-- Read from the checked rows (check.sql), not the files again.
SELECT {{target_columns}}, checked.file_id
FROM ingest_checked AS checked
{{skip_rejects}}
