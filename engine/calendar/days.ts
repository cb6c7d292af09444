/**
 * Day arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so that no time zone or daylight-saving
 * shift ever moves a day.
 *
 * @example
 *   addDays('2025-06-30', 30);            // '2025-07-30'
 *   daysBetween('2024-01-01', '2024-03-01'); // 60
 *   addMonths('2024-01-31', 1);           // '2024-02-29'
 */

/** The calendar day `days` after an ISO date (before it when negative). */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO date: ${isoDate}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The same day `months` later (earlier when negative), at the month's last day when it is shorter. */
export function addMonths(isoDate: string, months: number): string {
  if (Number.isNaN(Date.parse(`${isoDate}T00:00:00Z`))) throw new RangeError(`not an ISO date: ${isoDate}`);
  const [y, m, d] = isoDate.split('-').map(Number);
  const last = new Date(Date.UTC(y, m + months, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}
