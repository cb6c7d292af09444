-- grain: one row per line_id past due (1 day or more) on its events before $as_of_date, most overdue first
-- The collections queue: lines whose latest event states days past due, by bucket (1–29, 30–59,
-- 60–89, 90+; IFRS 9 stage 2 at 30, default at 90), with the officer's last logged contact.
-- $bucket ('' for all) keeps one bucket.
WITH
line_state AS (
  {{line_state}}
),
past_due AS (
  SELECT
    l.*,
    CASE WHEN l.dpd < 30 THEN '1-29' WHEN l.dpd < 60 THEN '30-59' WHEN l.dpd < 90 THEN '60-89' ELSE '90+' END AS bucket
  FROM line_state AS l
  WHERE l.dpd >= 1 AND l.status IN ('open', 'frozen', 'defaulted')
),
contacts AS (
  SELECT line_id, max(recorded_at) AS last_contact_at, count(*) AS n_contacts
  FROM audit_log
  WHERE action = 'contact' AND line_id IS NOT NULL
  GROUP BY line_id
)
SELECT
  p.line_id,
  p.merchant_id,
  p.bucket,
  p.dpd,
  CAST(p.status AS VARCHAR) AS status,
  p.limit_fen,
  p.balance_fen,
  strftime(c.last_contact_at, '%Y-%m-%d %H:%M:%S') AS last_contact_at,
  CAST(coalesce(c.n_contacts, 0) AS INTEGER) AS n_contacts
FROM past_due AS p
LEFT JOIN contacts AS c ON c.line_id = p.line_id
WHERE $bucket = '' OR p.bucket = $bucket
ORDER BY p.dpd DESC, p.line_id
