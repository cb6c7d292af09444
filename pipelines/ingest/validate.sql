-- grain: one row per rejected row of a batch of source files: quarantined, with the reason of the
-- first check it fails (ingest_checked), as a refund of no payment, or as a conflict (its key is
-- held by another row with other content: in the batch, loaded before, or held as a conflict);
-- or a duplicate (the same key and content as a row loaded before or read earlier in the batch,
-- files in batch order, rows in file order)
-- Keys are matched by a 64-bit hash first: one aggregate over the batch's valid keys and the
-- loaded keys finds the hashes held more than once (usually none), and only the rows of those
-- hashes are compared exactly. A key is looked for among the loaded rows of every day, so the same
-- key on another day is found whatever the order the files arrive in; when the day is part of the
-- key, only the loaded rows of the batch's days can share one ({{loaded_days}}). Contents are
-- compared by a 64-bit hash of every stored column.
WITH
refund_misses AS (
  {{refund_misses}}
),
key_counts AS (
  SELECT key_hash, count(*) AS n
  FROM (
    SELECT hash({{key_columns}}) AS key_hash FROM ingest_checked WHERE failed_check IS NULL
    UNION ALL
    SELECT hash({{loaded_key_values}}) AS key_hash FROM {{target}} {{loaded_days}}
  )
  GROUP BY key_hash
),
held AS (
  SELECT DISTINCT {{held_keys}}
  FROM quarantine
  WHERE table_name = $table_name AND released_at IS NULL AND reason = $conflict_reason
),
shared_hashes AS (
  SELECT key_hash FROM key_counts WHERE n > 1
  UNION SELECT hash({{key_columns}}) FROM held
),
shared AS (
  SELECT checked.file_seq, checked.file_id, checked.source_row, {{checked_keys}}, checked.content_hash
  FROM ingest_checked AS checked
  ANTI JOIN refund_misses USING (file_seq, source_row)
  WHERE checked.failed_check IS NULL AND hash({{checked_keys}}) IN (SELECT key_hash FROM shared_hashes)
),
loaded AS (
  SELECT *
  FROM (SELECT {{loaded_keys}}, {{loaded_content}} AS content_hash FROM {{target}} {{loaded_days}})
  WHERE hash({{key_columns}}) IN (SELECT key_hash FROM shared_hashes)
),
contents AS (
  SELECT {{key_columns}}, count(DISTINCT content_hash) AS n_contents, bool_or(is_loaded) AS is_loaded, bool_or(is_held) AS is_held
  FROM (
    SELECT {{key_columns}}, content_hash, false AS is_loaded, false AS is_held FROM shared
    UNION ALL
    SELECT {{key_columns}}, content_hash, true AS is_loaded, false AS is_held FROM loaded
    UNION ALL
    SELECT {{key_columns}}, NULL AS content_hash, false AS is_loaded, true AS is_held FROM held
  )
  GROUP BY ALL
),
judged AS (
  SELECT
    shared.file_seq, shared.file_id, shared.source_row,
    contents.n_contents > 1 OR contents.is_held AS is_conflict,
    contents.is_loaded OR row_number() OVER (PARTITION BY {{shared_key_columns}} ORDER BY shared.file_seq, shared.source_row) > 1 AS is_repeat
  FROM shared
  JOIN contents USING ({{key_columns}})
)
SELECT file_seq, file_id, source_row, 'quarantined' AS outcome, failed_check AS reason
FROM ingest_checked
WHERE failed_check IS NOT NULL
UNION ALL
SELECT file_seq, file_id, source_row, 'quarantined' AS outcome, 'refund_of_payment_id: no payment of this merchant on this day' AS reason
FROM refund_misses
UNION ALL
SELECT file_seq, file_id, source_row, 'quarantined' AS outcome, $conflict_reason AS reason
FROM judged
WHERE is_conflict
UNION ALL
SELECT file_seq, file_id, source_row, 'duplicate' AS outcome, NULL AS reason
FROM judged
WHERE NOT is_conflict AND is_repeat
