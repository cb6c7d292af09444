/**
 * Features as of a date: four family queries (turnover, weekly/monthly pattern, customers, Easy
 * Loan) land in temporary tables, then features.sql joins them for the merchants known at that
 * date. The slice of `features` for the date is replaced in one transaction after its checks.
 * Nothing dated on or after the as-of date is read.
 *
 * @example
 *   await buildFeatures(db, '2024-06-01');
 */
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { buildSlice, type BuildResult } from '../staging.ts';

export const FEATURES_TABLE = 'features';

const FAMILIES = [
  ['feature_turnover', 'turnover-features.sql'],
  ['feature_pattern', 'pattern-features.sql'],
  ['feature_customers', 'customer-features.sql'],
  ['feature_loans', 'loan-features.sql'],
] as const;

export async function buildFeatures(db: Database, asOfDate: string): Promise<BuildResult> {
  const params = { as_of_date: asOfDate };
  try {
    for (const [table, file] of FAMILIES) {
      await db.run(`CREATE OR REPLACE TEMP TABLE ${table} AS ${readSql(import.meta.url, file)}`, params);
    }
    return await buildSlice(db, {
      table: FEATURES_TABLE,
      sql: readSql(import.meta.url, 'features.sql'),
      params,
      key: ['merchant_id'],
      notNull: ['merchant_id', 'as_of_date', 'turnover_30d_fen', 'tenure_days'],
      slice: params,
    });
  } finally {
    for (const [table] of FAMILIES) await db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
  }
}
