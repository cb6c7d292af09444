/**
 * The lake's day partitions stay plain Hive layout, readable by any engine that reads Parquet:
 * one folder per day named `<day column>=YYYY-MM-DD`, one file in each (a year of days is 365
 * files, not one per worker per day), and the day only in the folder name.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../db/index.ts';
import { addDays } from '../calendar/days.ts';
import { SUCCESS_FILE, simulate } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-layout-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const START = '2024-01-20';

describe.each([
  { grain: 'settlement' as const, table: 'settlements', column: 'settlement_date', merchants: 150, days: 45 },
  { grain: 'payment' as const, table: 'payments', column: 'payment_date', merchants: 12, days: 40 },
])('the $grain lake', ({ grain, table, column, merchants, days }) => {
  it('has one Hive folder per day with one file in it, read back by hive_partitioning with the day from the folder', async () => {
    const lake = join(root, grain);
    await simulate({ merchants, days, start: START, seed: 11, grain, out: lake });
    const expectedDays = Array.from({ length: days }, (_, d) => addDays(START, d));

    const folders = readdirSync(join(lake, table)).sort();
    expect(folders).toEqual(expectedDays.map((day) => `${column}=${day}`));
    for (const folder of folders) expect(readdirSync(join(lake, table, folder))).toEqual(['data_0.parquet']);

    const db = await Database.open();
    try {
      const anyFile = join(lake, table, folders[0], 'data_0.parquet');
      const inFile = await db.all<{ column_name: string }>('DESCRIBE SELECT * FROM read_parquet($file, hive_partitioning = false)', { file: anyFile });
      expect(inFile.map((c) => c.column_name)).not.toContain(column);

      const read = await db.one<{ type: string; n: number; days: number; first: string; last: string; misplaced: number }>(
        `SELECT any_value(typeof(${column})) AS type, count(*) AS n, count(DISTINCT ${column}) AS days,
                min(${column}) AS first, max(${column}) AS last,
                count(*) FILTER (WHERE filename NOT LIKE '%/${column}=' || CAST(${column} AS VARCHAR) || '/data_0.parquet') AS misplaced
         FROM read_parquet($files, hive_partitioning = true, filename = true)`,
        { files: `${lake}/${table}/*/*.parquet` },
      );
      const manifest = JSON.parse(readFileSync(join(lake, SUCCESS_FILE), 'utf8')) as { rows: Record<string, number> };
      expect(read).toEqual({ type: 'DATE', n: manifest.rows[table], days, first: expectedDays[0], last: expectedDays.at(-1), misplaced: 0 });
    } finally {
      db.close();
    }
  }, 120_000);
});
