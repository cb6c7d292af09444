-- grain: one row per merchant_id per as_of_date (the merchants of features at that date)
-- Default within 12 months after the as-of date, from observed events only:
--   * 90+ days past due: a 'defaulted' event on any line of the one ledger (line_events), whoever
--     wrote it (the legacy book, the API, an officer, monitoring), or any event with dpd >= 90;
--   * a default on the bank's own outcomes list (a bank without a loan ledger lists defaulted
--     merchants instead; both count when both exist);
--   * an exit with an unpaid balance: the registry's closed_date, a closure on the outcomes
--     list, or the day after the last day with approved payments when at least 90 silent days
--     were observed after it ("stopped trading"), while the merchant's lines still carried a balance.
-- An exit without a balance (including every merchant without a line) is not a default; it is
-- kept as is_exit_12m for analysis. A merchant with a line already 90+ days past due, defaulted
-- or written off (its state as of the date: pipelines/lines/line-state.sql, filled into the
-- line_state slot), or listed as defaulted, at the as-of date is excluded. Without a default, a row whose 12 months reach past
-- the last observed day is censored: default_12m stays null, never false.
WITH
params AS (
  SELECT
    CAST($as_of_date AS DATE) AS as_of_date,
    CAST(CAST($as_of_date AS DATE) + INTERVAL 12 MONTH AS DATE) AS horizon_end
),
observed AS (
  SELECT greatest(
    (SELECT max(turnover_date) FROM daily_turnover),
    (SELECT max(business_date) FROM line_events),
    (SELECT max(event_date) FROM outcomes)
  ) AS observed_through
),
population AS (
  SELECT f.merchant_id
  FROM features AS f, params AS p
  WHERE f.as_of_date = p.as_of_date
),
lines_at_start AS (
{{line_state}}
),
in_default_at_start AS (
  SELECT merchant_id FROM lines_at_start WHERE dpd >= 90 OR status IN ('defaulted', 'written_off')
  UNION
  SELECT o.merchant_id FROM outcomes AS o, params AS p WHERE o.event = 'default' AND o.event_date < p.as_of_date
),
dpd_default AS (
  SELECT e.merchant_id, min(e.business_date) AS default_date
  FROM line_events AS e, params AS p
  WHERE e.business_date >= p.as_of_date AND e.business_date < p.horizon_end
    AND (e.event_type = 'defaulted' OR e.dpd >= 90)
  GROUP BY e.merchant_id
),
listed_default AS (
  SELECT o.merchant_id, min(o.event_date) AS default_date
  FROM outcomes AS o, params AS p
  WHERE o.event = 'default' AND o.event_date >= p.as_of_date AND o.event_date < p.horizon_end
  GROUP BY o.merchant_id
),
listed_closure AS (
  SELECT merchant_id, min(event_date) AS closure_date
  FROM outcomes
  WHERE event = 'closure'
  GROUP BY merchant_id
),
last_active AS (
  -- from the monthly sums (a month's last active day), not a scan of every day: at 1.5M merchants
  -- a year of daily_turnover is 550M rows, its monthly sums 18M
  SELECT k.merchant_id, t.last_active_date
  FROM (
    SELECT merchant_key, max(last_active_date) AS last_active_date
    FROM monthly_turnover
    GROUP BY merchant_key
  ) AS t
  JOIN merchants AS k ON k.merchant_key = t.merchant_key
),
exits AS (
  SELECT
    population.merchant_id,
    least(
      m.closed_date,
      lc.closure_date,
      CASE WHEN la.last_active_date + 90 <= o.observed_through THEN la.last_active_date + 1 END
    ) AS exit_date
  FROM population
  CROSS JOIN observed AS o
  JOIN merchants AS m ON m.merchant_id = population.merchant_id
  LEFT JOIN listed_closure AS lc ON lc.merchant_id = population.merchant_id
  LEFT JOIN last_active AS la ON la.merchant_id = population.merchant_id
),
exits_in_horizon AS (
  SELECT exits.merchant_id, exits.exit_date
  FROM exits, params AS p
  WHERE exits.exit_date >= p.as_of_date AND exits.exit_date < p.horizon_end
),
balance_at_exit AS (
  SELECT x.merchant_id, sum(line_balance) AS balance_fen
  FROM (
    SELECT ex.merchant_id, e.line_id, arg_max(e.balance_fen, (e.business_date, e.event_id)) AS line_balance
    FROM exits_in_horizon AS ex
    JOIN line_events AS e ON e.merchant_id = ex.merchant_id AND e.business_date <= ex.exit_date
    GROUP BY ex.merchant_id, e.line_id
  ) AS x
  GROUP BY x.merchant_id
),
judged AS (
  SELECT
    population.merchant_id,
    p.as_of_date,
    p.horizon_end,
    o.observed_through,
    d.default_date AS dpd_default_date,
    ld.default_date AS listed_default_date,
    x.exit_date,
    coalesce(b.balance_fen, 0) AS balance_at_exit_fen,
    s.merchant_id IS NOT NULL AS in_default_at_start
  FROM population
  CROSS JOIN params AS p
  CROSS JOIN observed AS o
  LEFT JOIN dpd_default AS d ON d.merchant_id = population.merchant_id
  LEFT JOIN listed_default AS ld ON ld.merchant_id = population.merchant_id
  LEFT JOIN exits_in_horizon AS x ON x.merchant_id = population.merchant_id
  LEFT JOIN balance_at_exit AS b ON b.merchant_id = population.merchant_id
  LEFT JOIN in_default_at_start AS s ON s.merchant_id = population.merchant_id
),
dated AS (
  SELECT
    judged.*,
    CASE WHEN NOT in_default_at_start THEN least(dpd_default_date, listed_default_date, CASE WHEN balance_at_exit_fen > 0 THEN exit_date END) END AS default_date,
    horizon_end - 1 > observed_through AS horizon_unobserved
  FROM judged
)
SELECT
  CAST(merchant_id AS VARCHAR) AS merchant_id,
  as_of_date,
  CAST(CASE
    WHEN in_default_at_start THEN 'excluded'
    WHEN default_date IS NOT NULL THEN 'default'
    WHEN horizon_unobserved THEN 'censored'
    ELSE 'good'
  END AS {{label_status_type}}) AS label_status,
  CASE
    WHEN in_default_at_start THEN NULL
    WHEN default_date IS NOT NULL THEN true
    WHEN horizon_unobserved THEN NULL
    ELSE false
  END AS default_12m,
  NOT in_default_at_start AND default_date IS NULL AND horizon_unobserved AS is_censored,
  default_date,
  CAST(CASE
    WHEN default_date IS NULL THEN NULL
    WHEN default_date = dpd_default_date THEN 'dpd_90'
    WHEN default_date = listed_default_date THEN 'listed_default'
    ELSE 'exit_with_balance'
  END AS {{default_reason_type}}) AS default_reason,
  exit_date IS NOT NULL AS is_exit_12m,
  CAST(balance_at_exit_fen AS BIGINT) AS balance_at_exit_fen,
  observed_through
FROM dated
ORDER BY merchant_id
