/**
 * Vintage curves: for the lines opened in each month, the share that has defaulted by each month
 * on book. The denominator is the vintage's lines, fixed, so a curve never falls.
 *
 * @example
 *   vintageCurves([{ opened_date: '2024-01-15', default_date: '2024-03-02' }], '2024-05-01')[0].points;
 *   // months 0..4: 0, 0, 1, 1, 1
 */
import { addDays } from '../calendar/days.ts';
import type { Vintage } from '../schema/portfolio-report.ts';

export interface VintageLine {
  opened_date: string;
  /** The first day it defaulted, before the report's date; null if it has not. */
  default_date: string | null;
}

/** Calendar months from `from`'s month to `to`'s month ('2024-01-31' → '2024-02-01' is 1). */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/** One curve per month of origination, oldest first, up to the month before `asOfDate`'s (the last day reported). */
export function vintageCurves(lines: Iterable<VintageLine>, asOfDate: string): Vintage[] {
  const byVintage = new Map<string, (number | null)[]>();
  for (const line of lines) {
    const vintage = line.opened_date.slice(0, 7);
    const months = line.default_date === null ? null : monthsBetween(line.opened_date, line.default_date);
    (byVintage.get(vintage) ?? byVintage.set(vintage, []).get(vintage)!).push(months);
  }
  return [...byVintage.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([vintage, defaults]) => {
    // Months on book observed: through the month of the last day before the as-of date.
    const observed = Math.max(0, monthsBetween(`${vintage}-01`, addDays(asOfDate, -1)));
    const points = Array.from({ length: observed + 1 }, (_, m) => ({
      months_on_book: m,
      cumulative_default_rate: defaults.filter((d) => d !== null && d <= m).length / defaults.length,
    }));
    return { vintage, n_lines: defaults.length, n_defaults: defaults.filter((d) => d !== null).length, points };
  });
}

