import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../db/index.ts';
import { addDays, calendarYears, daysBetween, HOLIDAYS, readHolidays } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'capillary-calendar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the holiday calendar', () => {
  it('is read by DuckDB with typed columns, including text that holds a comma', async () => {
    expect(calendarYears()).toEqual([2022, 2027]);
    expect(HOLIDAYS.find((h) => h.date === '2024-10-01')).toEqual({ date: '2024-10-01', name: 'national_day', kind: 'holiday' });
    const file = join(dir, 'quoted.csv');
    writeFileSync(file, 'date,name,kind,source\n2024-02-10,spring_festival,holiday,"State Council, notice 2023-15"\n2024-02-04,spring_festival,workday,x\n');
    const db = await Database.open(':memory:');
    expect(await readHolidays(db, file)).toEqual([
      { date: '2024-02-04', name: 'spring_festival', kind: 'workday' },
      { date: '2024-02-10', name: 'spring_festival', kind: 'holiday' },
    ]);
    db.close();
  });

  it('fails a bad row with the file, the column and the date', async () => {
    const db = await Database.open(':memory:');
    const badKind = join(dir, 'bad-kind.csv');
    writeFileSync(badKind, 'date,name,kind,source\n2024-05-01,labour_day,holday,x\n');
    await expect(readHolidays(db, badKind)).rejects.toThrow(`${badKind}: kind: 'holday' on 2024-05-01 is not holiday or workday`);
    const badDate = join(dir, 'bad-date.csv');
    writeFileSync(badDate, 'date,name,kind,source\n2024-13-01,labour_day,holiday,x\n');
    await expect(readHolidays(db, badDate)).rejects.toThrow(/2024-13-01/);
    db.close();
  });

  it('counts days in UTC', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(daysBetween('2024-01-01', '2024-03-01')).toBe(60);
    expect(() => addDays('2024-02-30x', 1)).toThrow(/not an ISO date/);
  });
});
