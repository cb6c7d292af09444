-- grain: one row per valid, first-seen row of one source file, typed as the warehouse stores it
WITH
source AS (
  SELECT {{source_columns}}, {{row_number}} AS source_row
  FROM {{relation}}
),
typed AS (
  SELECT source_row, {{typed_columns}}
  FROM source
)
SELECT {{target_columns}}, $file_id AS file_id
FROM typed
ANTI JOIN ingest_rejects ON ingest_rejects.source_row = typed.source_row
