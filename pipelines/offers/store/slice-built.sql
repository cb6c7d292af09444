-- grain: one row per as-of date whose slice $model_id sized (no row: not sized with that model).
SELECT 1 AS found
FROM offers
WHERE as_of_date = CAST($as_of_date AS DATE) AND model_id = $model_id
LIMIT 1
