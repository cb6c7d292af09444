-- grain: one row per merchant per trading day of one worker's days of a batch
-- The settlement system's view of the same merchant-days the payment grain expands: counts and
-- amounts drawn from their distributions (normal approximations) instead of payment by payment.
WITH days AS (
  SELECT
    md.merchant_id, md.day_date, md.pool_size, md.declined_ticket_ratio, md.p_flag, md.p_csm,
    md.p_overseas, md.p_own, md.p_repeat, md.c_offline, md.c_offline_online, md.n_attempts, md.p_decline,
    md.p_offline_refund * md.c_offline + md.p_remote_refund * (1 - md.c_offline) AS p_refund,
    md.mean_ticket,
    md.ticket_cv,
    hash(md.h_day, 41) AS g1,
    hash(md.h_day, 42) AS g2,
    hash(md.h_day, 43) AS g3,
    hash(md.h_day, 44) AS g4
  FROM sim_merchant_days($seed, $month, $first_day, $last_day, $worker, $workers) md
  WHERE md.n_attempts > 0
),
counted AS (
  SELECT
    d.*,
    least(d.n_attempts, sim_count(d.n_attempts * d.p_decline, sim_tri_lo(d.g1))) AS n_declined
  FROM days d
),
amounts AS (
  SELECT
    c.*,
    c.n_attempts - c.n_declined AS n_paid,
    -- every approved payment is at least RMB 1, whatever the noise of small days
    greatest(100 * (c.n_attempts - c.n_declined), round((c.n_attempts - c.n_declined) * c.mean_ticket
      * (1 + c.ticket_cv / sqrt(greatest(c.n_attempts - c.n_declined, 1)) * sim_tri_hi(c.g1))))::BIGINT AS gross,
    c.c_offline_online - c.c_offline AS p_online
  FROM counted c
),
shares AS (
  SELECT
    a.*,
    least(a.n_paid, sim_count(a.n_paid * a.p_refund, sim_tri_lo(a.g2))) AS n_refunds,
    least(a.n_paid, sim_count(a.n_paid * a.p_flag, sim_tri_hi(a.g2))) AS n_flagged,
    sim_share(a.c_offline, a.n_paid, sim_tri_lo(a.g3)) AS s_offline,
    sim_share(a.p_online / greatest(1 - a.c_offline, 1e-9), a.n_paid, sim_tri_hi(a.g3)) AS s_online_of_rest,
    sim_share(a.c_offline * a.p_csm + (1 - a.c_offline), a.n_paid, sim_tri_lo(a.g4)) AS s_csm,
    sim_share(a.p_overseas, a.n_paid, sim_normal4(hash(a.g4, 1))) AS s_overseas,
    sim_share(a.p_own, a.n_paid, sim_tri_hi(a.g4)) AS s_own_domestic,
    a.n_paid * a.p_repeat * (1 - a.p_overseas) AS regular_draws
  FROM amounts a
),
settled AS (
  SELECT
    s.*,
    round(s.gross * s.s_offline)::BIGINT AS offline_fen,
    round((s.gross - round(s.gross * s.s_offline)::BIGINT) * s.s_online_of_rest)::BIGINT AS online_fen,
    round(s.gross * s.s_csm)::BIGINT AS csm_fen,
    round(s.gross * s.s_overseas)::BIGINT AS overseas_fen,
    round((s.gross - round(s.gross * s.s_overseas)::BIGINT) * s.s_own_domestic)::BIGINT AS own_fen
  FROM shares s
)
SELECT
  day_date AS settlement_date,
  merchant_id,
  n_paid::INTEGER AS n_payments,
  gross AS gross_fen,
  n_refunds::INTEGER AS n_refunds,
  least(gross, round(n_refunds * mean_ticket))::BIGINT AS refund_fen,
  n_declined::INTEGER AS n_declined,
  round(n_declined * mean_ticket * declined_ticket_ratio)::BIGINT AS declined_fen,
  -- walk-ins are distinct; regulars are drawn (skewed) from the merchant's pool
  least(n_paid, round(n_paid - regular_draws + pool_size * 0.6 * (1 - exp(-regular_draws / (pool_size * 0.6)))))::INTEGER AS n_customers,
  n_flagged::INTEGER AS n_flagged,
  offline_fen,
  online_fen,
  gross - offline_fen - online_fen AS o2o_fen,
  csm_fen AS customer_scans_merchant_fen,
  gross - csm_fen AS merchant_scans_customer_fen,
  own_fen AS own_bank_fen,
  gross - overseas_fen - own_fen AS other_bank_fen,
  overseas_fen
FROM settled
