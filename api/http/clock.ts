/** Wall-clock time as the warehouse records it: China Standard Time, no zone. */
const CST_OFFSET_MS = 8 * 3_600_000;

export function cstTimestamp(date = new Date()): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function cstDate(date = new Date()): string {
  return cstTimestamp(date).slice(0, 10);
}
