/**
 * The book's lines as of a date with what the portfolio report needs beside their state: segment,
 * default and loss, and the champion's PD at origination and at the date, computed in DuckDB by
 * the model's compiled SQL over the merchants' features (book-lines.sql).
 *
 * @example
 *   const lines = await bookLines(db, '2024-06-01', { pdSql: compilePdSql(champion.model), defaultDpd: 90 });
 */
import type { LineStatus } from '../../engine/credit/line-state.ts';
import type { Database } from '../../engine/db/index.ts';
import { lineStateSql } from '../lines/line-state.ts';
import { readSql } from '../sql-file.ts';

export type BookLineRow = {
  line_id: string;
  merchant_id: string;
  segment: string;
  status: LineStatus;
  opened_date: string | null;
  limit_fen: number;
  balance_fen: number;
  dpd: number;
  /** First day defaulted (or written off, or at the default DPD), before the date; null if never. */
  default_date: string | null;
  /** Principal written off, or outstanding at default when not written off; 0 without a default. */
  loss_fen: number;
  pd: number | null;
  pd_origination: number | null;
};

export interface PdSource {
  /** The model's PD as a SQL expression over a `features` row; null without a model. */
  pdSql: string | null;
  defaultDpd: number;
}

/** A features source with no rows, for a warehouse without a model or features. */
const NO_FEATURES = '(SELECT CAST(NULL AS VARCHAR) AS merchant_id, CAST(NULL AS DATE) AS as_of_date WHERE false)';

export function bookLinesSql(pdSql: string | null): string {
  return readSql(import.meta.url, 'book-lines.sql', {
    line_state: lineStateSql(),
    pd: pdSql ?? 'CAST(NULL AS DOUBLE)',
    features: pdSql === null ? NO_FEATURES : 'features',
  });
}

export async function bookLines(db: Database, asOfDate: string, source: PdSource): Promise<BookLineRow[]> {
  return db.all<BookLineRow>(bookLinesSql(source.pdSql), { as_of_date: asOfDate, default_dpd: source.defaultDpd });
}
