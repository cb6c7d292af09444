/**
 * Lines as of a date, from the one ledger (line_events): what features, monitoring, portfolio
 * reporting and the officer pages read, so every reader derives a line's state the same way.
 *
 * @example
 *   const open = await linesAsOf(db, '2024-06-01');
 *   open.filter((line) => line.status === 'open');
 */
import type { Database } from '../../engine/db/index.ts';
import type { LineStatus } from '../../engine/credit/line-state.ts';
import { readSql } from '../sql-file.ts';

export type LineAsOf = {
  line_id: string;
  merchant_id: string;
  opened_date: string | null;
  last_event_date: string;
  limit_fen: number;
  balance_fen: number;
  dpd: number;
  status: LineStatus;
};

/** The statement, for use as a subquery (`WITH lines AS (${lineStateSql()})`); binds $as_of_date. */
export function lineStateSql(): string {
  return readSql(import.meta.url, 'line-state.sql');
}

/** Every line with an event before `asOfDate`, as of that date. */
export async function linesAsOf(db: Database, asOfDate: string): Promise<LineAsOf[]> {
  return db.all<LineAsOf>(
    `SELECT line_id, merchant_id, CAST(opened_date AS VARCHAR) AS opened_date, CAST(last_event_date AS VARCHAR) AS last_event_date,
            limit_fen, balance_fen, dpd, status
     FROM (${lineStateSql()}) ORDER BY line_id`,
    { as_of_date: asOfDate },
  );
}
