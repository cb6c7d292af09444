-- grain: one row per merchant_id with approved payments in the 90 days before $as_of_date
-- Payment grain only: settlements carry no customer ids, so these are null at settlement grain.
WITH
visits AS (
  -- a customer who paid on two days or more has two different days (no distinct count needed)
  SELECT merchant_id, customer_id, min(payment_date) < max(payment_date) AS is_repeat
  FROM payments
  WHERE kind = 'payment'
    AND status = 'approved'
    AND payment_date >= CAST($as_of_date AS DATE) - 90
    AND payment_date < CAST($as_of_date AS DATE)
  GROUP BY merchant_id, customer_id
)
SELECT
  merchant_id,
  count(*) AS distinct_customers_90d,
  avg(CASE WHEN is_repeat THEN 1.0 ELSE 0.0 END) AS repeat_customer_share_90d
FROM visits
GROUP BY merchant_id
