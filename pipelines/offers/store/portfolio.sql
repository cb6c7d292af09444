-- grain: one row per cell of the portfolio summary at $as_of_date: the whole book (dimension
-- 'all'), each segment and each grade ('ungraded' beyond every band)
-- The sums engine/credit's `summarise` makes over Decisions, made over the offers table's slice.
WITH
slice AS (
  SELECT *, outcome = 'offer' AS is_offer
  FROM offers
  WHERE as_of_date = CAST($as_of_date AS DATE)
),
cells AS (
  SELECT
    CASE WHEN GROUPING(segment) = 0 THEN 'segment' WHEN GROUPING(grade_key) = 0 THEN 'grade' ELSE 'all' END AS dimension,
    coalesce(CAST(segment AS VARCHAR), grade_key, '') AS key,
    count(*) AS n,
    count(*) FILTER (WHERE is_offer) AS n_offers,
    coalesce(sum(line_fen), 0) AS total_line_fen,
    coalesce(sum(ead_fen), 0) AS total_ead_fen,
    coalesce(sum(expected_loss_fen), 0) AS total_expected_loss_fen,
    coalesce(sum(pd) FILTER (WHERE is_offer), 0) AS sum_pd_offers
  FROM (SELECT *, coalesce(grade, 'ungraded') AS grade_key FROM slice)
  GROUP BY GROUPING SETS ((), (segment), (grade_key))
)
SELECT dimension, key, n, n_offers, total_line_fen, total_ead_fen, total_expected_loss_fen, sum_pd_offers
FROM cells
ORDER BY dimension, key
