-- grain: one row per merchant_id of $as_of_date's slice that an officer decided on or a merchant
-- accepted (officers' work, not the whole slice), every column as OfferRowSchema reads it.
SELECT {{row_columns}}
FROM offers
WHERE as_of_date = CAST($as_of_date AS DATE)
  AND (status <> 'suggested' OR decided_by IS NOT NULL)
ORDER BY merchant_id
