/**
 * Today's business date for the API: the day offers expire against and the day events written
 * through the API belong to. It is the warehouse's business date (pipelines/business-date.ts:
 * the latest day of loaded turnover, or a run's --as-of), read on each use so a run through the
 * API's jobs moves it; a server may be given a fixed one instead (`capillary serve
 * --business-date`); a warehouse with none set falls back to the clock's date in China Standard Time.
 *
 * @example
 *   const today = businessDateOf({ businessDate: '2025-01-31' }); await today(); // '2025-01-31'
 *   const today = businessDateOf({ db });                                        // the warehouse's
 */
import { cstDate, type Database } from '../../engine/db/index.ts';
import { businessDate } from '../../pipelines/business-date.ts';

export type BusinessDate = () => Promise<string>;

export function businessDateOf(options: { businessDate?: string; db?: Database } = {}): BusinessDate {
  const { businessDate: fixed, db } = options;
  if (fixed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixed)) throw new Error(`businessDate: a date like 2025-01-31 (got '${fixed}')`);
  if (fixed) return async () => fixed;
  if (db) return async () => (await businessDate(db)) ?? cstDate();
  return async () => cstDate();
}
