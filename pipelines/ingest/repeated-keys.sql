-- grain: one row per key hash held more than once among the table's rows (of the batch's days when
-- the day is part of the key) and the keys held in quarantine as conflicts
-- After a one-read load (load-clean.sql): none means no row of the batch repeats a key, in the
-- batch or among the rows loaded before, nor meets a held conflict, and the load stands.
SELECT key_hash
FROM (
  SELECT hash({{loaded_key_values}}) AS key_hash FROM {{target}} {{loaded_days}}
  UNION ALL
  SELECT hash({{key_columns}}) AS key_hash
  FROM (
    SELECT DISTINCT {{held_keys}}
    FROM quarantine
    WHERE table_name = $table_name AND released_at IS NULL AND reason = $conflict_reason
  )
)
GROUP BY key_hash
HAVING count(*) > 1
