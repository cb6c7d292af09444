/**
 * Daily turnover: one row per merchant per day with trading, from payments or settlements alike
 * (turnover.sql). Rebuilt whole on every run, into a staging table swapped in when its checks pass.
 */
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { buildTable, type BuildResult } from '../staging.ts';

export const TURNOVER_TABLE = 'daily_turnover';

export async function buildTurnover(db: Database): Promise<BuildResult> {
  return buildTable(db, {
    table: TURNOVER_TABLE,
    sql: readSql(import.meta.url, 'turnover.sql'),
    key: ['merchant_id', 'turnover_date'],
    notNull: ['merchant_id', 'merchant_key', 'turnover_date', 'net_fen'],
  });
}
