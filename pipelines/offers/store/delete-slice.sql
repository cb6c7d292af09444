-- grain: one row per offers row removed: every merchant's row of $as_of_date (the slice a run replaces).
DELETE FROM offers
WHERE as_of_date = CAST($as_of_date AS DATE)
