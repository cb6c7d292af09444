-- grain: one row per row of one source file, with its typed columns, the reason it is rejected
-- (null when valid) and its outcome: loaded, quarantined or duplicate
WITH
source AS (
  SELECT {{source_columns}}, {{row_number}} AS source_row
  FROM {{relation}}
),
typed AS (
  SELECT source_row, {{typed_columns}}, {{raw_row}} AS raw
  FROM source
),
refunds_found AS (
  {{refunds_found}}
),
checked AS (
  SELECT typed.*,
    CASE
      {{checks}}
      ELSE NULL
    END AS reason
  FROM typed
  {{merchant_join}}
  LEFT JOIN refunds_found ON refunds_found.refund_row = typed.source_row
),
repeated_in_file AS (
  SELECT {{key_columns}}, min(source_row) AS first_row
  FROM checked
  WHERE reason IS NULL
  GROUP BY {{key_columns}}
  HAVING count(*) > 1
),
loaded_before AS (
  SELECT DISTINCT checked.source_row
  FROM checked
  JOIN {{target}} AS loaded ON {{loaded_match}}
  WHERE checked.reason IS NULL {{loaded_filter}}
)
SELECT
  checked.* EXCLUDE (raw),
  CASE WHEN checked.reason IS NOT NULL THEN to_json(checked.raw) END AS row_json,
  CASE
    WHEN checked.reason IS NOT NULL THEN 'quarantined'
    WHEN repeated_in_file.first_row <> checked.source_row THEN 'duplicate'
    WHEN loaded_before.source_row IS NOT NULL THEN 'duplicate'
    ELSE 'loaded'
  END AS outcome
FROM checked
LEFT JOIN repeated_in_file ON {{repeat_match}}
LEFT JOIN loaded_before ON loaded_before.source_row = checked.source_row
