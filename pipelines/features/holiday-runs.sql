-- grain: one row per run of consecutive public holidays in the 365 days before $as_of_date (the
-- Spring Festival's runs apart from the others')
-- features.ts turns each run into a date range on turnover_date for the turnover family's holiday
-- sums: a handful of ranges a year, which DuckDB's zone maps skip every other day by.
WITH
year AS (
  SELECT
    holiday_date,
    holiday = 'spring_festival' AS spring_festival,
    -- consecutive dates share this value (gaps and islands)
    holiday_date - CAST(row_number() OVER (PARTITION BY holiday = 'spring_festival' ORDER BY holiday_date) AS INTEGER) AS run
  FROM calendar_holidays
  WHERE holiday_date >= CAST($as_of_date AS DATE) - 365 AND holiday_date < CAST($as_of_date AS DATE)
)
SELECT CAST(min(holiday_date) AS VARCHAR) AS first_day, CAST(max(holiday_date) AS VARCHAR) AS last_day, spring_festival
FROM year
GROUP BY spring_festival, run
ORDER BY first_day
