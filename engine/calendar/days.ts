/**
 * Day arithmetic on ISO dates ('YYYY-MM-DD'), in UTC so that no time zone or daylight-saving
 * shift ever moves a day.
 *
 * @example
 *   addDays('2025-06-30', 30);            // '2025-07-30'
 *   daysBetween('2024-01-01', '2024-03-01'); // 60
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
