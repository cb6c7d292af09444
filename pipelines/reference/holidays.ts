/**
 * China's public holidays as a small reference table (calendar_holidays), from the same
 * checked-in calendar the simulator plays (data/calendar/cn-holidays.csv, read by
 * engine/simulator/calendar.ts): the State Council's holiday days, without the weekend days made
 * working days. Features use it for holiday uplift and the Spring Festival ratio; it holds no
 * data about merchants. Dates outside the file's years have no holidays.
 */
import type { Database } from '../../engine/db/index.ts';
import { loadHolidays } from '../../engine/simulator/calendar.ts';
import { readSql } from '../sql-file.ts';
import { buildTable, type BuildResult } from '../staging.ts';

export async function buildHolidays(db: Database): Promise<BuildResult> {
  const list = loadHolidays().filter((entry) => entry.kind === 'holiday');
  return buildTable(db, {
    table: 'calendar_holidays',
    sql: readSql(import.meta.url, 'holidays.sql'),
    params: { holiday_dates: list.map((h) => h.date).join(','), holiday_names: list.map((h) => h.name).join(',') },
  });
}
