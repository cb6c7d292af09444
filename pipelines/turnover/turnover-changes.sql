-- grain: one row per lake file of payments, settlements or merchants new, changed or gone since turnover was built
-- The ingest log as it stands against the files the built turnover reflects (turnover_files): a file is
-- new, changed (same file, other content: a re-delivered day) or gone; its day partition, in the log
-- and as built, names the day it touches.
WITH
loaded AS (
  {{current_files}}
)
SELECT
  coalesce(n.file_id, b.file_id) AS file_id,
  coalesce(n.table_name, b.table_name) AS table_name,
  CASE WHEN b.file_id IS NULL THEN 'new' WHEN n.file_id IS NULL THEN 'gone' ELSE 'changed' END AS change,
  n.file_day,
  b.file_day AS built_day
FROM loaded AS n
FULL OUTER JOIN turnover_files AS b ON b.file_id = n.file_id
WHERE b.file_id IS NULL OR n.file_id IS NULL OR b.checksum <> n.checksum OR b.table_name <> n.table_name
ORDER BY 1
