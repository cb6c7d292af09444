-- grain: one row per rejected row of a batch of source files: quarantined, with the reason of the
-- first check it fails (ingest_checked), or a duplicate of a row loaded before or read earlier in
-- the batch (files in batch order, rows in file order)
-- Duplicates are found among the valid rows by key: first by a 64-bit hash of the key (an integer
-- hash table), then exactly among the rows whose hash repeats; rows already loaded are looked for
-- only among the warehouse rows of the batch's days.
WITH
refund_misses AS (
  {{refund_misses}}
),
valid AS (
  SELECT checked.*
  FROM ingest_checked AS checked
  ANTI JOIN refund_misses USING (file_seq, source_row)
  WHERE checked.reason IS NULL
),
repeated_keys AS (
  SELECT hash({{key_columns}}) AS key_hash
  FROM valid
  GROUP BY key_hash
  HAVING count(*) > 1
),
repeated AS (
  SELECT file_seq, file_id, source_row
  FROM (
    SELECT file_seq, file_id, source_row, row_number() OVER (PARTITION BY {{key_columns}} ORDER BY file_seq, source_row) AS nth
    FROM valid
    SEMI JOIN repeated_keys ON repeated_keys.key_hash = hash({{key_columns}})
  )
  WHERE nth > 1
),
loaded_before AS (
  SELECT valid.file_seq, valid.file_id, valid.source_row
  FROM valid
  SEMI JOIN (SELECT {{loaded_columns}} FROM {{target}} {{loaded_filter}}) AS loaded ON {{loaded_match}}
)
SELECT file_seq, file_id, source_row, 'quarantined' AS outcome, reason
FROM ingest_checked
WHERE reason IS NOT NULL
UNION ALL
SELECT file_seq, file_id, source_row, 'quarantined' AS outcome, 'refund_of_payment_id: no payment of this merchant on this day' AS reason
FROM refund_misses
UNION ALL
SELECT file_seq, file_id, source_row, 'duplicate' AS outcome, NULL AS reason
FROM (SELECT * FROM repeated UNION SELECT * FROM loaded_before)
