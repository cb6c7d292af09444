-- grain: one row per row of a batch of source files (the files of ingest_batch): the columns later
-- steps need (keys, refund references, a hash of the stored columns) and the reason of the first
-- check the row fails (failed_check, null when it passes them all)
-- One pass over the files: every check is a predicate of the CASE below. Kept in a table of its
-- own: were it a CTE of validate.sql, DuckDB would push the filters of its readers into it and
-- evaluate the CASE once for each. Narrow on purpose: load.sql reads the files again rather than
-- a table of every column (writing and scanning that costs DuckDB more than a second read).
WITH
typed AS (
  SELECT batch.file_seq, batch.file_id, source.source_row, {{typed_columns}}
  FROM (SELECT *, file_index, {{row_number}} AS source_row FROM {{relation}}) AS source
  JOIN ingest_batch AS batch ON batch.file_seq = source.file_index
)
SELECT
  typed.file_seq, typed.file_id, typed.source_row, {{kept_columns}},
  CASE
    {{checks}}
    ELSE NULL
  END AS failed_check
FROM typed
{{merchant_join}}
