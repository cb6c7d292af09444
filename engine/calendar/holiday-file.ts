/**
 * The holiday file: China's public holidays and the weekend days made working days to bridge
 * them, from the checked-in State Council notices (data/calendar/cn-holidays.csv: date, name,
 * kind, source), read by DuckDB's CSV reader with declared column types. The simulator plays this
 * calendar (holidays.ts) and the pipeline's holidays step loads it (pipelines/reference): one
 * file, one reader. Importing this module reads nothing.
 *
 * @example
 *   const entries = await readHolidays(db);            // every row, checked
 */
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/index.ts';

export const HOLIDAY_FILE = fileURLToPath(new URL('../../data/calendar/cn-holidays.csv', import.meta.url));

export interface HolidayEntry {
  date: string;
  /** 'spring_festival', 'national_day', … */
  name: string;
  kind: 'holiday' | 'workday';
}

/**
 * The file as a relation with typed columns ($holiday_file bound): a row whose date does not
 * parse fails the read with DuckDB's message naming the line.
 */
export const HOLIDAY_CSV = `read_csv($holiday_file, header = true, auto_detect = false,
  columns = {'date': 'DATE', 'name': 'VARCHAR', 'kind': 'VARCHAR', 'source': 'VARCHAR'})`;

export class HolidayFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'HolidayFileError';
  }
}

/** Every entry of the holiday file, in date order; a bad kind or a missing name fails with the date. */
export async function readHolidays(db: Database, file = HOLIDAY_FILE): Promise<HolidayEntry[]> {
  const rows = await db.all<{ date: string; name: string | null; kind: string | null }>(
    `SELECT CAST(date AS VARCHAR) AS date, name, kind FROM ${HOLIDAY_CSV} ORDER BY date`,
    { holiday_file: file },
  );
  for (const row of rows) {
    if (row.kind !== 'holiday' && row.kind !== 'workday') throw new HolidayFileError(file, `kind: '${row.kind}' on ${row.date} is not holiday or workday`);
    if (!row.name) throw new HolidayFileError(file, `name: missing on ${row.date}`);
  }
  return rows as HolidayEntry[];
}
