-- grain: one row per merchant_id per turnover_date (days with at least one payment, refund or decline)
-- The same table from either grain of the lake: payments are summed per merchant and day the way
-- a settlement system reports them; settlement rows are taken as they are. Where both exist for a
-- merchant-day, the payments win. days_since_prev_active counts back to the previous day with
-- approved payments (or to the eve of onboarding), for gap features that must not read ahead.
WITH
payment_rows AS (
  SELECT
    merchant_id,
    payment_date,
    customer_id,
    channel,
    qr_mode,
    issuer,
    is_flagged,
    CASE WHEN kind = 'payment' AND status = 'approved' THEN amount_fen ELSE 0 END AS paid_fen,
    CAST(kind = 'payment' AND status = 'approved' AS INTEGER) AS is_paid,
    CAST(kind = 'refund' AND status = 'approved' AS INTEGER) AS is_refund,
    CAST(status = 'declined' AS INTEGER) AS is_declined,
    amount_fen
  FROM payments
),
from_payments AS (
  -- plain sums over flags (FILTER clauses cost several times more in DuckDB)
  SELECT
    merchant_id,
    payment_date AS turnover_date,
    sum(is_paid) AS n_payments,
    sum(paid_fen) AS gross_fen,
    sum(is_refund) AS n_refunds,
    sum(is_refund * amount_fen) AS refund_fen,
    sum(is_declined) AS n_declined,
    sum(is_declined * amount_fen) AS declined_fen,
    count(DISTINCT CASE WHEN is_paid = 1 THEN customer_id END) AS n_customers,
    sum(CAST(is_flagged AS INTEGER)) AS n_flagged,
    sum(CASE WHEN channel = 'offline' THEN paid_fen ELSE 0 END) AS offline_fen,
    sum(CASE WHEN channel = 'online' THEN paid_fen ELSE 0 END) AS online_fen,
    sum(CASE WHEN channel = 'o2o' THEN paid_fen ELSE 0 END) AS o2o_fen,
    sum(CASE WHEN qr_mode = 'customer_scans_merchant' THEN paid_fen ELSE 0 END) AS customer_scans_merchant_fen,
    sum(CASE WHEN qr_mode = 'merchant_scans_customer' THEN paid_fen ELSE 0 END) AS merchant_scans_customer_fen,
    sum(CASE WHEN issuer = 'own' THEN paid_fen ELSE 0 END) AS own_bank_fen,
    sum(CASE WHEN issuer = 'other' THEN paid_fen ELSE 0 END) AS other_bank_fen,
    sum(CASE WHEN issuer = 'overseas' THEN paid_fen ELSE 0 END) AS overseas_fen
  FROM payment_rows
  GROUP BY merchant_id, payment_date
),
from_settlements AS (
  SELECT
    s.merchant_id, s.settlement_date AS turnover_date, s.n_payments, s.gross_fen, s.n_refunds, s.refund_fen,
    s.n_declined, s.declined_fen, s.n_customers, s.n_flagged, s.offline_fen, s.online_fen, s.o2o_fen,
    s.customer_scans_merchant_fen, s.merchant_scans_customer_fen, s.own_bank_fen, s.other_bank_fen, s.overseas_fen
  FROM settlements AS s
  ANTI JOIN from_payments AS p ON p.merchant_id = s.merchant_id AND p.turnover_date = s.settlement_date
  WHERE s.n_payments + s.n_refunds + s.n_declined > 0
),
merchant_days AS (
  SELECT * FROM from_payments
  UNION ALL
  SELECT * FROM from_settlements
),
with_gaps AS (
  SELECT
    d.*,
    d.turnover_date - coalesce(
      max(d.turnover_date) FILTER (WHERE d.n_payments > 0) OVER (
        PARTITION BY d.merchant_id ORDER BY d.turnover_date ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
      ),
      m.onboarded_date - 1
    ) AS days_since_prev_active
  FROM merchant_days AS d
  LEFT JOIN merchants AS m ON m.merchant_id = d.merchant_id
)
SELECT
  CAST(merchant_id AS VARCHAR) AS merchant_id,
  turnover_date,
  CAST(n_payments AS INTEGER) AS n_payments,
  CAST(gross_fen AS BIGINT) AS gross_fen,
  CAST(n_refunds AS INTEGER) AS n_refunds,
  CAST(refund_fen AS BIGINT) AS refund_fen,
  CAST(gross_fen - refund_fen AS BIGINT) AS net_fen,
  CAST(n_declined AS INTEGER) AS n_declined,
  CAST(declined_fen AS BIGINT) AS declined_fen,
  CAST(n_customers AS INTEGER) AS n_customers,
  CAST(n_flagged AS INTEGER) AS n_flagged,
  CAST(offline_fen AS BIGINT) AS offline_fen,
  CAST(online_fen AS BIGINT) AS online_fen,
  CAST(o2o_fen AS BIGINT) AS o2o_fen,
  CAST(customer_scans_merchant_fen AS BIGINT) AS customer_scans_merchant_fen,
  CAST(merchant_scans_customer_fen AS BIGINT) AS merchant_scans_customer_fen,
  CAST(own_bank_fen AS BIGINT) AS own_bank_fen,
  CAST(other_bank_fen AS BIGINT) AS other_bank_fen,
  CAST(overseas_fen AS BIGINT) AS overseas_fen,
  CAST(days_since_prev_active AS INTEGER) AS days_since_prev_active
FROM with_gaps
ORDER BY turnover_date, merchant_id
