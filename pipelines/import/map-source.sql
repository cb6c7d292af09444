-- grain: one row per row of a bank's source file
-- Each lake column converted from its source column (unmapped columns stay null here), with
-- the reason when a cell cannot be converted; then the documented defaults fill the columns
-- the bank lacks. A row with a reason goes to the import's quarantine, the others to the lake.
WITH
converted AS (
  SELECT
    {{converted}},
    raw._source_file AS source_file,
    raw._source_row AS source_row,
    CAST(to_json(raw) AS VARCHAR) AS row_json
  FROM {{raw}} AS raw
),
defaulted AS (
  SELECT {{defaulted}}
  FROM converted
)
SELECT {{lake_columns}}, source_file, source_row, row_json, concat_ws('; ', {{problems}}) AS reason
FROM defaulted
