/**
 * Features as of a date: four family queries (turnover windows, weekly/monthly shapes,
 * customers, Easy Loan) land in temporary tables, then features.sql joins them for the merchants
 * known at that date and replaces the date's slice of `features` in one transaction, after its
 * checks. Nothing dated on or after the as-of date is read.
 *
 * @example
 *   await buildFeatures(db, '2024-06-01');
 */
import type { Database, Params } from '../../engine/db/index.ts';
import { lineStateSql } from '../lines/line-state.ts';
import { readSql } from '../sql-file.ts';
import { buildSlice, type BuildResult } from '../staging.ts';

export const FEATURES_TABLE = 'features';

/** The family tables, each built from its query before features.sql joins them. */
export const FEATURE_FAMILIES = [
  ['feature_turnover', 'turnover-features.sql'],
  ['feature_pattern', 'pattern-features.sql'],
  ['feature_customers', 'customer-features.sql'],
  ['feature_loans', 'loan-features.sql'],
] as const;

/** A family's query; the Easy Loan family reads lines' state through the one derivation of it (pipelines/lines). */
export function familySql(file: (typeof FEATURE_FAMILIES)[number][1]): string {
  return readSql(import.meta.url, file, file === 'loan-features.sql' ? { line_state: lineStateSql() } : {});
}

export async function buildFeatures(db: Database, asOfDate: string): Promise<BuildResult> {
  if (!(await db.exists('monthly_turnover'))) {
    throw new Error('the warehouse has no monthly_turnover (a warehouse built before it existed): run the turnover step first (capillary run)');
  }
  const params = { as_of_date: asOfDate };
  const holidays = await holidayDates(db, asOfDate);
  try {
    for (const [table, file] of FEATURE_FAMILIES) {
      const familyParams = file === 'turnover-features.sql' ? { ...params, ...holidays } : params;
      await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${familySql(file)}`, familyParams);
    }
    return await buildSlice(db, {
      table: FEATURES_TABLE,
      sql: readSql(import.meta.url, 'features.sql'),
      params,
      slice: params,
    });
  } finally {
    for (const [table] of FEATURE_FAMILIES) await db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}

/**
 * The public holidays of the 365 days before the as-of date, as comma-separated lists bound into
 * turnover-features.sql (a list lets the scan test each day's date instead of joining every row
 * to the calendar); null when there are none.
 */
export async function holidayDates(db: Database, asOfDate: string): Promise<Params> {
  const row = await db.one<{ holiday_dates: string | null; spring_festival_dates: string | null }>(
    `SELECT
       string_agg(CAST(holiday_date AS VARCHAR), ',' ORDER BY holiday_date) AS holiday_dates,
       string_agg(CAST(holiday_date AS VARCHAR), ',' ORDER BY holiday_date) FILTER (WHERE holiday = 'spring_festival') AS spring_festival_dates
     FROM calendar_holidays
     WHERE holiday_date >= CAST($as_of_date AS DATE) - 365 AND holiday_date < CAST($as_of_date AS DATE)`,
    { as_of_date: asOfDate },
  );
  return { holiday_dates: row?.holiday_dates ?? null, spring_festival_dates: row?.spring_festival_dates ?? null };
}
