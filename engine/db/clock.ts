/**
 * The warehouse's one clock. Every stored timestamp is China Standard Time wall-clock time,
 * written as a TIMESTAMP without zone, the way payments carry `paid_at`: a stamp reads as the
 * time on a clock in the bank's branch, and compares directly with the business data.
 *
 * @example
 *   cstTimestamp(new Date('2025-01-01T00:00:00Z'));  // '2025-01-01 08:00:00'
 */
const CST_OFFSET_MS = 8 * 3_600_000;

/** The convention's name, as the warehouse contract states it for every TIMESTAMP column. */
export const TIME_CONVENTION = 'China Standard Time wall-clock (UTC+8), TIMESTAMP without zone';

/** 'YYYY-MM-DD HH:MM:SS', or with milliseconds where stamps must order steps a moment apart. */
export function cstTimestamp(date = new Date(), precision: 'second' | 'millisecond' = 'second'): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, precision === 'second' ? 19 : 23).replace('T', ' ');
}

export function cstDate(date = new Date()): string {
  return cstTimestamp(date).slice(0, 10);
}
