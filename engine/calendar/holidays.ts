/**
 * The checked-in holiday calendar in memory, for the simulator's day loop and option checks:
 * read once when this module loads (through a small in-memory DuckDB), so import it only where
 * the calendar itself is needed; day arithmetic is in days.ts and the file in holiday-file.ts.
 *
 * @example
 *   HOLIDAYS.filter((h) => h.kind === 'holiday');
 */
import { Database } from '../db/index.ts';
import { readHolidays, type HolidayEntry } from './holiday-file.ts';

/** First and last year the holiday file covers. */
export function calendarYears(holidays: readonly HolidayEntry[] = HOLIDAYS): [number, number] {
  const years = holidays.map((entry) => Number(entry.date.slice(0, 4)));
  return [Math.min(...years), Math.max(...years)];
}

async function readOnce(): Promise<HolidayEntry[]> {
  const db = await Database.open(':memory:');
  try {
    return await readHolidays(db);
  } finally {
    db.close();
  }
}

/**
 * The checked-in calendar, read once when the module loads: option checks and the simulator's
 * day loop need it synchronously, and it is small (a few hundred rows).
 */
export const HOLIDAYS: readonly HolidayEntry[] = await readOnce();
