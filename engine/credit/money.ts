/**
 * Money for credit decisions: integer fen and RMB text.
 *
 * @example
 *   formatRmb(24_130_000); // 'RMB 241,300'
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

