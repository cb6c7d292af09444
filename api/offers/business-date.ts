/**
 * Today's business date: the day offers expire against. It is the API's clock date in China
 * Standard Time unless the server is given one (a simulated warehouse lives in its own past);
 * this is the one place that decides it, until the warehouse carries its own business date.
 *
 * @example
 *   const today = businessDateOf({ businessDate: '2025-01-31' }); today(); // '2025-01-31'
 */
import { cstDate } from '../../engine/db/index.ts';

export type BusinessDate = () => string;

export function businessDateOf(options: { businessDate?: string } = {}): BusinessDate {
  const fixed = options.businessDate;
  if (fixed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixed)) throw new Error(`businessDate: a date like 2025-01-31 (got '${fixed}')`);
  return fixed ? () => fixed : () => cstDate();
}
