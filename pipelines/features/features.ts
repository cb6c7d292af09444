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
import { literal, type Database } from '../../engine/db/index.ts';
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

/** Conditions on `turnover_date` that hold on public holidays (all, and the Spring Festival's). */
export interface HolidayDays {
  holiday_days: string;
  spring_festival_days: string;
}

/**
 * A family's query; the Easy Loan family reads lines' state through the one derivation of it
 * (pipelines/lines), the turnover family the holidays of its year (holidayDays).
 */
export function familySql(file: (typeof FEATURE_FAMILIES)[number][1], holidays: HolidayDays): string {
  if (file === 'loan-features.sql') return readSql(import.meta.url, file, { line_state: lineStateSql() });
  if (file === 'turnover-features.sql') return readSql(import.meta.url, file, { ...holidays });
  return readSql(import.meta.url, file);
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
  const holidays = await holidayDays(db, asOfDate);
  for (const [table, file] of FEATURE_FAMILIES) {
    const sql = familySql(file, holidays);
    if (!BANDED_FAMILIES.has(file)) {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}`, params);
      continue;
    }
    for (const [index, band] of bands.entries()) {
      await db.run(index === 0 ? `CREATE OR REPLACE TEMP TABLE ${table} AS ${sql}` : `INSERT INTO ${table} ${sql}`, { ...params, ...band });
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
 * The public holidays of the 365 days before the as-of date as conditions on `turnover_date`,
 * one date range per run of consecutive holidays (holiday-runs.sql), so that DuckDB skips every
 * other day of daily_turnover by its zone maps. The dates come from calendar_holidays (DATE
 * values), never from input.
 */
export async function holidayDays(db: Database, asOfDate: string): Promise<HolidayDays> {
  const runs = await db.all<{ first_day: string; last_day: string; spring_festival: boolean }>(readSql(import.meta.url, 'holiday-runs.sql'), {
    as_of_date: asOfDate,
  });
  const condition = (list: typeof runs) =>
    list.length === 0 ? 'false' : `(${list.map((r) => `turnover_date BETWEEN DATE ${literal(r.first_day)} AND DATE ${literal(r.last_day)}`).join(' OR ')})`;
  return { holiday_days: condition(runs), spring_festival_days: condition(runs.filter((r) => r.spring_festival)) };
}
