/**
 * The store's SQL files, read from this folder. Every file may use the `{{row_columns}}` slot: the
 * offers columns as OfferRowSchema reads them (days and timestamps as text).
 */
import { readSql } from '../../sql-file.ts';

/** Columns of `offers` as OfferRowSchema reads them (dates and timestamps as text). */
export const OFFER_ROW_COLUMNS = `* REPLACE (CAST(as_of_date AS VARCHAR) AS as_of_date, CAST(expires_on AS VARCHAR) AS expires_on,
  strftime(decided_at, '%Y-%m-%d %H:%M:%S') AS decided_at)`;

export function storeSql(name: string, slots: Record<string, string> = {}): string {
  return readSql(import.meta.url, name, { row_columns: OFFER_ROW_COLUMNS, ...slots });
}
