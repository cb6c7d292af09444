/**
 * China's public holidays as a small reference table (calendar_holidays), read by DuckDB from
 * the same checked-in calendar the simulator plays (engine/calendar): the State Council's
 * holiday days, without the weekend days made working days. Features use it for holiday uplift
 * and the Spring Festival ratio; it holds no data about merchants. Dates outside the file's years
 * have no holidays.
 */
import { HOLIDAY_CSV, HOLIDAY_FILE } from '../../engine/calendar/holiday-file.ts';
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { buildTable, type BuildResult } from '../staging.ts';

export async function buildHolidays(db: Database): Promise<BuildResult> {
  return buildTable(db, {
    table: 'calendar_holidays',
    sql: readSql(import.meta.url, 'holidays.sql', { holiday_csv: HOLIDAY_CSV }),
    params: { holiday_file: HOLIDAY_FILE },
  });
}
