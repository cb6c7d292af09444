/**
 * Money and dates for credit decisions: integer fen, RMB text, calendar days.
 *
 * @example
 *   formatRmb(24_130_000); // 'RMB 241,300'
 *   addDays('2025-06-30', 30); // '2025-07-30'
 */

/** Round a fen amount to an integer, half away from zero; refuses non-finite input. */
export function roundFen(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite amount of fen: ${x}`);
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** 'RMB 241,300' for whole yuan, 'RMB 1,234.56' otherwise. */
export function formatRmb(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  const whole = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}RMB ${whole}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
}

/** A share as a percent with up to two decimals: 0.0725 → '7.25%'. */
export function formatPercent(share: number, digits = 2): string {
  return `${Number((share * 100).toFixed(digits))}%`;
}

/** The calendar day `days` after an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO date: ${isoDate}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
