/**
 * The bank's outcomes list goes through ingest like any lake table: loaded after the registry,
 * its merchants checked against it, a repeated row a duplicate, an unknown merchant quarantined.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { smallLake } from '../testing/small-lake.ts';
import { tempDir, writeLake } from '../testing/write-lake.ts';
import { ingestLake } from './ingest.ts';

let dir: string;
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ingest of the outcomes list', () => {
  it('loads listed defaults and closures, quarantining a merchant the registry lacks and skipping a repeated row', async () => {
    const { merchants, settlements } = smallLake({ merchants: 4, days: 5, start: '2024-03-01', seed: 3, grain: 'settlement' });
    const [a, b] = merchants.map((m) => m.merchant_id);
    const lake = join(dir, 'lake');
    await writeLake(lake, {
      merchants,
      settlements,
      outcomes: [
        { merchant_id: a, event_date: '2024-03-03', event: 'default' },
        { merchant_id: b, event_date: '2024-03-04', event: 'closure' },
        { merchant_id: b, event_date: '2024-03-04', event: 'closure' },
        { merchant_id: 'M09999999', event_date: '2024-03-04', event: 'default' },
      ],
    });
    const db = await Database.open(join(dir, 'warehouse.duckdb'));
    try {
      const summary = await ingestLake(db, lake);
      expect(summary.totals.find((t) => t.table === 'outcomes')).toMatchObject({ read: 4, loaded: 2, quarantined: 1, duplicates: 1 });
      expect(await db.all(`SELECT merchant_id, CAST(event_date AS VARCHAR) AS event_date, CAST(event AS VARCHAR) AS event FROM outcomes ORDER BY merchant_id`)).toEqual([
        { merchant_id: a, event_date: '2024-03-03', event: 'default' },
        { merchant_id: b, event_date: '2024-03-04', event: 'closure' },
      ]);
      expect(await db.all(`SELECT table_name, reason FROM quarantine`)).toEqual([{ table_name: 'outcomes', reason: 'merchant_id: not in the merchant registry' }]);
    } finally {
      db.close();
    }
  });
});
