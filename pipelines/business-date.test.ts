/** The warehouse's business date: the latest day of loaded turnover or a later --as-of, never going back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { createTableFrom, DAILY_TURNOVER } from '../engine/warehouse/index.ts';
import { advanceBusinessDate, businessDate } from './business-date.ts';
import { ensureWarehouse } from './warehouse.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open(':memory:');
  await ensureWarehouse(db);
});
afterAll(() => db.close());

const turnoverThrough = (day: string) =>
  createTableFrom(db, DAILY_TURNOVER, `SELECT 1 AS merchant_key, CAST($day AS DATE) - INTERVAL (i) DAY AS turnover_date FROM range(3) AS t(i)`, { day });

describe('the business date', () => {
  it('is none before turnover is loaded or a date given', async () => {
    expect(await advanceBusinessDate(db)).toBeNull();
    expect(await businessDate(db)).toBeNull();
  });

  it('is the latest day of loaded turnover, unless a run’s --as-of is later; it never goes back', async () => {
    await turnoverThrough('2024-05-31');
    expect(await advanceBusinessDate(db)).toBe('2024-05-31');
    expect(await advanceBusinessDate(db, { asOf: '2024-07-01' })).toBe('2024-07-01');
    expect(await advanceBusinessDate(db, { asOf: '2024-06-01' })).toBe('2024-07-01');
    expect(await advanceBusinessDate(db)).toBe('2024-07-01');
    await turnoverThrough('2024-08-15');
    expect(await advanceBusinessDate(db)).toBe('2024-08-15');
    const rows = await db.all('SELECT CAST(business_date AS VARCHAR) AS d, set_by FROM business_dates ORDER BY business_date');
    expect(rows).toEqual([{ d: '2024-05-31', set_by: 'turnover' }, { d: '2024-07-01', set_by: 'as_of' }, { d: '2024-08-15', set_by: 'turnover' }]);
  });
});
