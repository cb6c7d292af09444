/**
 * Features as of a date: four family queries (turnover windows, weekly/monthly shapes,
 * customers, Easy Loan) land in temporary tables, then features.sql joins them for the merchants
 * known at that date and replaces the date's slice of `features` in one transaction, after its
 * checks. Nothing dated on or after the as-of date is read. The two families that aggregate
 * daily turnover per merchant run once per band of merchants (FEATURE_BAND_MERCHANTS).
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

/**
 * Merchants per band of the turnover and pattern families. In one statement at 1.5M merchants
 * their hash tables (1.5M groups of up to 21 sums, two windows at once) outgrew the warehouse's
 * 5 GB and spilled: the pattern family took 126 s, 17 s in bands of 250k (measured on a year of
 * 1.5M merchants' turnover), as many seconds per merchant as at 150k.
 */
export const FEATURE_BAND_MERCHANTS = 250_000;

/** The families that aggregate daily_turnover per merchant, run in bands; the others read little. */
const BANDED_FAMILIES: ReadonlySet<string> = new Set(['turnover-features.sql', 'pattern-features.sql']);

/** Merchant keys from `key_from` (inclusive) to `key_until` (exclusive). */
export interface MerchantBand {
  key_from: number;
  key_until: number;
}

/** A family's query; the Easy Loan family reads lines' state through the one derivation of it (pipelines/lines). */
export function familySql(file: (typeof FEATURE_FAMILIES)[number][1]): string {
  return readSql(import.meta.url, file, file === 'loan-features.sql' ? { line_state: lineStateSql() } : {});
}

export async function buildFeatures(db: Database, asOfDate: string, bandMerchants = FEATURE_BAND_MERCHANTS): Promise<BuildResult> {
  if (!(await db.exists('monthly_turnover'))) {
    throw new Error('the warehouse has no monthly_turnover (a warehouse built before it existed): run the turnover step first (capillary run)');
  }
  const params = { as_of_date: asOfDate };
  try {
    await buildFamilies(db, asOfDate, await merchantBands(db, bandMerchants));
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

/** Each family's temporary table at the as-of date, the banded families filled band by band. */
export async function buildFamilies(db: Database, asOfDate: string, bands: MerchantBand[]): Promise<void> {
  const params = { as_of_date: asOfDate };
  const holidays = await holidayDates(db, asOfDate);
  for (const [table, file] of FEATURE_FAMILIES) {
    const sql = familySql(file);
    const familyParams = file === 'turnover-features.sql' ? { ...params, ...holidays } : params;
    if (!BANDED_FAMILIES.has(file)) {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`, familyParams);
      continue;
    }
    for (const [index, band] of bands.entries()) {
      await db.run(index === 0 ? `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}` : `INSERT INTO ${table} ${sql}`, { ...familyParams, ...band });
    }
  }
}

/**
 * The registry's merchants in bands of at most `size` in merchant_key order (keys need not be
 * dense); one empty band when there are no merchants.
 */
export async function merchantBands(db: Database, size: number): Promise<MerchantBand[]> {
  const starts = await db.all<{ key_from: number }>(
    `SELECT merchant_key AS key_from
     FROM (SELECT merchant_key, row_number() OVER (ORDER BY merchant_key) - 1 AS ordinal FROM merchants)
     WHERE ordinal % $size = 0
     ORDER BY key_from`,
    { size },
  );
  if (starts.length === 0) return [{ key_from: 0, key_until: 0 }];
  const last = await db.one<{ key_until: number }>('SELECT max(merchant_key) + 1 AS key_until FROM merchants');
  return starts.map((start, i) => ({ key_from: start.key_from, key_until: i + 1 < starts.length ? starts[i + 1].key_from : last!.key_until }));
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
