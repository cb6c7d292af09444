/**
 * Daily turnover: one row per merchant per day with trading, from payments or settlements alike
 * (turnover.sql), and its sums per calendar month (monthly-turnover.sql) that features read for
 * long windows. Both are rebuilt whole on every run, into staging tables swapped in together when
 * their checks pass.
 */
import type { Database } from '../../engine/db/index.ts';
import { DAILY_TURNOVER, MONTHLY_TURNOVER } from '../../engine/warehouse/index.ts';
import { readSql } from '../sql-file.ts';
import { buildTables, type BuildResult } from '../staging.ts';

export const TURNOVER_TABLE = DAILY_TURNOVER.name;
export const MONTHLY_TURNOVER_TABLE = MONTHLY_TURNOVER.name;

export async function buildTurnover(db: Database): Promise<BuildResult> {
  const [daily] = await buildTables(db, [
    {
      table: TURNOVER_TABLE,
      sql: readSql(import.meta.url, 'turnover.sql'),
    },
    {
      table: MONTHLY_TURNOVER_TABLE,
      sql: readSql(import.meta.url, 'monthly-turnover.sql', { daily_turnover: `${TURNOVER_TABLE}__staging` }),
    },
  ]);
  return daily;
}
