-- grain: one row per calendar month with settlement or payment rows
-- The input rows of each month, which a whole turnover build groups into spans.
SELECT CAST(month AS VARCHAR) AS month, sum(n) AS n
FROM (
  SELECT CAST(date_trunc('month', settlement_date) AS DATE) AS month, count(*) AS n FROM settlements GROUP BY 1
  UNION ALL
  SELECT CAST(date_trunc('month', payment_date) AS DATE) AS month, count(*) AS n FROM payments GROUP BY 1
) AS months
GROUP BY month
ORDER BY month
