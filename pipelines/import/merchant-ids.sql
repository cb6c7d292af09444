-- grain: one row per merchant id of the bank's registry
-- Ids of an earlier crosswalk keep their numbers; the registry's new ids, sorted, are numbered
-- after the highest one: the same bank id always gets the same lake id.
WITH
known AS (
  SELECT CAST(bank_merchant_id AS VARCHAR) AS bank_merchant_id, CAST(merchant_id AS VARCHAR) AS merchant_id
  FROM {{known}}
),
bank_ids AS (
  SELECT DISTINCT bank_merchant_id
  FROM ({{registry_ids}})
  WHERE bank_merchant_id IS NOT NULL
),
new_ids AS (
  SELECT bank_ids.bank_merchant_id
  FROM bank_ids
  ANTI JOIN known ON known.bank_merchant_id = bank_ids.bank_merchant_id
),
numbered_before AS (
  SELECT coalesce(max(CAST(substr(merchant_id, 2) AS INTEGER)), 0) AS highest
  FROM known
)
SELECT bank_merchant_id, merchant_id
FROM known
UNION ALL
SELECT
  new_ids.bank_merchant_id,
  'M' || lpad(CAST(numbered_before.highest + row_number() OVER (ORDER BY new_ids.bank_merchant_id) AS VARCHAR), 8, '0') AS merchant_id
FROM new_ids
CROSS JOIN numbered_before
