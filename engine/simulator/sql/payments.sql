-- grain: one row per QR payment or refund of one worker's days of a batch
-- Expands each merchant-day into its payments; the network's controls decide approval:
-- PBoC static-code and tier limits, verification of large payments, 24x7 monitoring, funds.
-- An approved payment may be refunded the same day: it then yields a second row, the refund.
-- Closed sets of values are ENUMs (types payments_<column>, made from the schema): one byte a
-- row instead of a string, and Parquet writes them as text.
WITH attempts AS (
  SELECT
    md.m, md.merchant_id, md.seed, md.day_idx, md.day_date, md.segment_code, md.ticket_mu, md.ticket_sigma,
    md.c_offline, md.c_offline_online, md.p_overseas, md.p_repeat, md.pool_size, md.p_csm, md.p_static, md.p_own,
    unnest(range(md.n_attempts)) AS k
  FROM sim_merchant_days($seed, $month, $first_day, $last_day, $worker, $workers) md
  WHERE md.n_attempts > 0
),
drawn AS (
  SELECT
    a.*,
    (a.day_idx::BIGINT * 4194304 + a.m) * 1048576 + a.k AS payment_num,
    hash(a.seed, a.m, a.day_idx, a.k) AS h1
  FROM attempts a
),
described AS (
  SELECT
    d.*,
    hash(d.h1, 2) AS h2,
    hash(d.h1, 3) AS h3,
    hash(d.h1, 4) AS h4,
    CASE WHEN sim_u0(d.h1) < d.c_offline THEN 'offline'::payments_channel
         WHEN sim_u0(d.h1) < d.c_offline_online THEN 'online'::payments_channel
         ELSE 'o2o'::payments_channel END AS channel
  FROM drawn d
),
customers AS (
  SELECT
    x.*,
    greatest(1, round(exp(x.ticket_mu + x.ticket_sigma * sim_normal(x.h2))))::BIGINT AS amount_fen,
    CASE WHEN sim_u3(x.h1) < x.p_overseas THEN 2000000000000 + x.h3 % 5000000
         WHEN sim_u3(x.h1) < x.p_overseas + (1 - x.p_overseas) * x.p_repeat
           THEN x.m::BIGINT * 100000 + floor(x.pool_size * sim_u0(x.h3) * sim_u0(x.h3))::BIGINT
         ELSE 1000000000000 + x.h3 % 80000000 END AS customer_num,
    sim_hour_of(x.segment_code, ((x.h3 >> 16) & 255)::INTEGER) AS hour,
    CASE WHEN x.channel = 'offline' AND sim_u1(x.h1) >= x.p_csm THEN 'merchant_scans_customer'::payments_qr_mode
         ELSE 'customer_scans_merchant'::payments_qr_mode END AS qr_mode,
    CASE WHEN x.channel = 'offline' AND sim_u1(x.h1) < x.p_csm AND sim_u2(x.h1) < x.p_static THEN 'static'::payments_code_type
         ELSE 'dynamic'::payments_code_type END AS code_type
  FROM described x
),
coded AS (
  SELECT
    c.*,
    hash(c.seed, c.customer_num) AS customer_hash
  FROM customers c
),
controlled AS (
  SELECT
    c.*,
    CASE WHEN c.customer_num >= 2000000000000 THEN 'overseas'::payments_issuer
         WHEN c.customer_hash % 1000 < c.p_own * 1000 THEN 'own'::payments_issuer
         ELSE 'other'::payments_issuer END AS issuer,
    c.amount_fen >= 200000 AS is_large,
    c.hour < 5 AND c.amount_fen > 8 * exp(c.ticket_mu) AS is_flagged,
    -- customer risk tier from the vault: A 70%, B 25%, C 5%
    CASE WHEN c.code_type = 'static' AND c.amount_fen > 50000 THEN 'static_code_limit'::payments_decline_reason
         WHEN c.code_type = 'dynamic' AND (c.customer_hash >> 32) % 100 BETWEEN 70 AND 94 AND c.amount_fen > 500000 THEN 'tier_daily_limit'::payments_decline_reason
         WHEN c.code_type = 'dynamic' AND (c.customer_hash >> 32) % 100 >= 95 AND c.amount_fen > 100000 THEN 'tier_daily_limit'::payments_decline_reason
         WHEN c.amount_fen >= 200000 AND sim_u0(c.h4) < 0.03 THEN 'verification_failed'::payments_decline_reason
         WHEN c.hour < 5 AND c.amount_fen > 8 * exp(c.ticket_mu) AND sim_u1(c.h4) < 0.5 THEN 'monitoring_rule'::payments_decline_reason
         WHEN sim_u2(c.h4) < 0.006 THEN 'insufficient_funds'::payments_decline_reason
         ELSE NULL END AS decline_reason
  FROM coded c
),
rows AS (
  SELECT
    p.*,
    unnest(CASE WHEN p.decline_reason IS NULL AND sim_u3(p.h4) < CASE p.channel WHEN 'offline' THEN 0.004 ELSE 0.02 END
                THEN [false, true] ELSE [false] END) AS is_refund,
    'P' || p.payment_num::VARCHAR AS original_id,
    make_timestamp(((p.day_date - DATE '1970-01-01')::BIGINT * 86400 + p.hour * 3600 + ((p.h3 >> 24) % 3600)::BIGINT) * 1000000) AS original_at
  FROM controlled p
)
SELECT
  CASE WHEN is_refund THEN original_id || 'R' ELSE original_id END AS payment_id,
  CASE WHEN is_refund THEN least(original_at + to_seconds((60 + (h4 >> 40) % 7200)::INTEGER), day_date::TIMESTAMP + INTERVAL '86399 seconds')
       ELSE original_at END AS paid_at,
  day_date AS payment_date,
  merchant_id,
  'C' || to_hex(customer_hash) AS customer_id,
  'tk_' || to_hex(hash(h2, is_refund)) AS payment_token,
  CASE WHEN is_refund THEN 'refund'::payments_kind ELSE 'payment'::payments_kind END AS kind,
  CASE WHEN is_refund THEN original_id END AS refund_of_payment_id,
  amount_fen,
  channel,
  qr_mode,
  code_type,
  issuer,
  CASE WHEN decline_reason IS NULL OR is_refund THEN 'approved'::payments_status ELSE 'declined'::payments_status END AS status,
  CASE WHEN is_refund THEN NULL ELSE decline_reason END AS decline_reason,
  NOT is_refund AND is_large AND (decline_reason IS NULL OR decline_reason = 'verification_failed') AS is_verified,
  NOT is_refund AND is_flagged AS is_flagged
FROM rows
