/**
 * China's public holidays as a small reference table (calendar_holidays): New Year's Day, the
 * Spring Festival week (from New Year's Eve), Qingming, Labour Day week and the National Day
 * Golden Week. Spring Festival follows the lunar calendar, so its dates are listed; the others
 * are fixed. Features use it for holiday uplift; it holds no data about merchants.
 */
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { buildTable, type BuildResult } from '../staging.ts';

/** Lunar New Year's Day, 2015–2035. */
const LUNAR_NEW_YEAR = [
  '2015-02-19', '2016-02-08', '2017-01-28', '2018-02-16', '2019-02-05', '2020-01-25', '2021-02-12',
  '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26',
  '2029-02-13', '2030-02-03', '2031-01-23', '2032-02-11', '2033-01-31', '2034-02-19', '2035-02-08',
];

export interface Holiday {
  holiday_date: string;
  holiday: 'new_year' | 'spring_festival' | 'qingming' | 'labour_day' | 'national_day';
}

export function holidays(): Holiday[] {
  const rows: Holiday[] = [];
  const add = (date: Date, holiday: Holiday['holiday']) => rows.push({ holiday_date: date.toISOString().slice(0, 10), holiday });
  for (const newYear of LUNAR_NEW_YEAR) {
    const year = Number(newYear.slice(0, 4));
    add(new Date(Date.UTC(year, 0, 1)), 'new_year');
    const eve = new Date(`${newYear}T00:00:00Z`);
    for (let i = -1; i <= 5; i++) add(new Date(eve.getTime() + i * 86_400_000), 'spring_festival');
    for (let day = 4; day <= 6; day++) add(new Date(Date.UTC(year, 3, day)), 'qingming');
    for (let day = 1; day <= 5; day++) add(new Date(Date.UTC(year, 4, day)), 'labour_day');
    for (let day = 1; day <= 7; day++) add(new Date(Date.UTC(year, 9, day)), 'national_day');
  }
  return rows.sort((a, b) => (a.holiday_date < b.holiday_date ? -1 : 1));
}

export async function buildHolidays(db: Database): Promise<BuildResult> {
  const list = holidays();
  return buildTable(db, {
    table: 'calendar_holidays',
    sql: readSql(import.meta.url, 'holidays.sql'),
    params: { holiday_dates: list.map((h) => h.holiday_date).join(','), holiday_names: list.map((h) => h.holiday).join(',') },
    key: ['holiday_date'],
  });
}
