-- grain: one row per policy rule that declined a merchant of $as_of_date's slice, with how many it declined.
WITH
failed AS (
  SELECT unnest(string_split(declined_rules, ',')) AS rule
  FROM offers
  WHERE as_of_date = CAST($as_of_date AS DATE) AND declined_rules IS NOT NULL
)
SELECT rule, count(*) AS n
FROM failed
GROUP BY rule
ORDER BY rule
