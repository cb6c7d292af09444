-- grain: one row per holiday_date
WITH
listed AS (
  SELECT
    unnest(string_split($holiday_dates, ',')) AS holiday_date,
    unnest(string_split($holiday_names, ',')) AS holiday
)
SELECT CAST(holiday_date AS DATE) AS holiday_date, holiday
FROM listed
ORDER BY holiday_date
