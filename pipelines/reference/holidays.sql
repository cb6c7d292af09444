-- grain: one row per holiday_date
-- The holiday days of the checked-in calendar (engine/calendar: $holiday_file, typed columns);
-- weekend days made working days are left out.
WITH
listed AS (
  SELECT date AS holiday_date, name AS holiday, kind
  FROM {{holiday_csv}}
)
SELECT holiday_date, holiday
FROM listed
WHERE kind = 'holiday'
ORDER BY holiday_date
