-- grain: one row per merchant id of the bank's registry
-- The bank's ids, sorted, numbered M00000001, M00000002, ...: the same registry always gives
-- the same lake ids.
WITH
bank_ids AS (
  SELECT DISTINCT bank_merchant_id
  FROM ({{registry_ids}})
  WHERE bank_merchant_id IS NOT NULL
)
SELECT
  bank_merchant_id,
  'M' || lpad(CAST(row_number() OVER (ORDER BY bank_merchant_id) AS VARCHAR), 8, '0') AS merchant_id
FROM bank_ids
