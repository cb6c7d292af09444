-- grain: one row per merchant_id with approved payments in the 90 days before $as_of_date
-- Payment grain only: settlements carry no customer ids, so these are null at settlement grain.
WITH
params AS (
  SELECT CAST($as_of_date AS DATE) AS as_of_date
),
visits AS (
  SELECT pay.merchant_id, pay.customer_id, count(DISTINCT pay.payment_date) AS visit_days
  FROM payments AS pay, params AS p
  WHERE pay.kind = 'payment'
    AND pay.status = 'approved'
    AND pay.payment_date < p.as_of_date
    AND pay.payment_date >= p.as_of_date - 90
  GROUP BY pay.merchant_id, pay.customer_id
)
SELECT
  merchant_id,
  count(*) AS distinct_customers_90d,
  avg(CASE WHEN visit_days >= 2 THEN 1.0 ELSE 0.0 END) AS repeat_customer_share_90d
FROM visits
GROUP BY merchant_id
