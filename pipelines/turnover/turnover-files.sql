-- grain: one row per loaded lake file of payments, settlements or merchants
-- The files daily_turnover is built from, with their content's checksum and their day partition
-- (the `<day column>=YYYY-MM-DD` folder; null for a file without one, such as an API batch): kept
-- beside the turnover as turnover_files, then compared with the ingest log by the next run to
-- find the days to rebuild (turnover-changes.sql). build_id names the whole build the turnover
-- descends from: new at each whole build, kept by the increments after it.
SELECT
  file_id,
  table_name,
  checksum,
  TRY_CAST(nullif(regexp_extract(path, $day_pattern, 1), '') AS DATE) AS file_day,
  CAST($build_id AS VARCHAR) AS build_id
FROM ingest_log
WHERE table_name IN ('payments', 'settlements', 'merchants')
ORDER BY file_id
