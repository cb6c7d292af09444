-- grain: one row per merchant_id: its latest offers row, filtered, in the asked order, one page.
-- The slots take the sort column (a quoted column of offers), its text or number form, the
-- comparison and the direction, checked against fixed lists (queue.ts); every value is bound.
-- The cursor is the last row's sort value and merchant id (keyset paging).
WITH latest AS (
  SELECT * EXCLUDE (decided_by, decided_at, officer_note),
    coalesce(CAST({{sort_column}} AS VARCHAR), '') AS _sort_text,
    coalesce(TRY_CAST({{sort_column}} AS DOUBLE), -1) AS _sort_number
  FROM offers
  QUALIFY row_number() OVER (PARTITION BY merchant_id ORDER BY as_of_date DESC) = 1
)
SELECT * EXCLUDE (_sort_text, _sort_number), _sort_text, _sort_number
FROM latest
WHERE ($segment IS NULL OR segment = $segment)
  AND ($grade IS NULL OR grade = $grade)
  AND ($status IS NULL OR status = $status)
  AND ($outcome IS NULL OR outcome = $outcome)
  AND ($min_line_fen IS NULL OR line_fen >= $min_line_fen)
  AND ($max_line_fen IS NULL OR line_fen <= $max_line_fen)
  AND ($after_id IS NULL OR ({{sort_key}}, merchant_id) {{sort_compare}} ($after_value, $after_id))
ORDER BY {{sort_key}} {{sort_direction}}, merchant_id {{sort_direction}}
LIMIT $limit
