-- grain: one row per incoming merchant registry row (the relation in the rows slot), with its merchant_key
-- The merchant key is the warehouse's compact integer for a merchant (derived tables group and join
-- on it, which DuckDB does about twice as fast as on the text id). A merchant keeps the key it was
-- given (merchant_keys_known: the merchants table as it was before this load, captured before any
-- replaced file's rows were deleted); a new merchant takes the next key, in merchant_id order, so
-- the same inputs give the same keys whatever order files load in within a batch.
WITH
incoming AS (
  SELECT * FROM {{rows}}
),
next_key AS (
  SELECT coalesce(max(merchant_key), 0) AS last_key FROM merchant_keys_known
)
SELECT
  incoming.*,
  CAST(coalesce(
    known.merchant_key,
    next_key.last_key + row_number() OVER (PARTITION BY known.merchant_key IS NULL ORDER BY incoming.merchant_id)
  ) AS INTEGER) AS merchant_key
FROM incoming
CROSS JOIN next_key
LEFT JOIN merchant_keys_known AS known ON known.merchant_id = incoming.merchant_id
