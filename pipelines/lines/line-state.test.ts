/**
 * The simulator's legacy book (repaid by holdback here; the instalment book goes the same way
 * in the simulator, ingest and backtest tests) through the lake and ingest into the one ledger:
 * every row loads, and a line's state as of a date (line-state.sql, what features and labels read) equals the
 * replay of its events before that date (engine/credit/line-state.ts) at several dates.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayLine } from '../../engine/credit/line-state.ts';
import { Database } from '../../engine/db/index.ts';
import type { LineEvent } from '../../engine/schema/index.ts';
import { simulate } from '../../engine/simulator/index.ts';
import { ingestLake } from '../ingest/ingest.ts';
import { tempDir } from '../testing/write-lake.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { linesAsOf } from './line-state.ts';

const dir = tempDir('capillary-line-state-');
let db: Database;

beforeAll(async () => {
  const lake = join(dir, 'lake');
  await simulate({ merchants: 1000, days: 540, start: '2023-01-01', seed: 9, grain: 'settlement', repayment: 'holdback', out: lake });
  db = await Database.open(join(dir, 'warehouse.duckdb'));
  await ensureWarehouse(db);
  const summary = await ingestLake(db, lake);
  expect(summary.totals.find((t) => t.table === 'line_events')).toMatchObject({ quarantined: 0, duplicates: 0 });
}, 300_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a line’s state as of a date', () => {
  it('equals the replay of its events before the date, for every line at several dates', async () => {
    const events = await db.all<LineEvent>(
      `SELECT * EXCLUDE (file_id), CAST(business_date AS VARCHAR) AS business_date FROM line_events ORDER BY line_id, business_date, event_id`,
    );
    expect(new Set(events.map((e) => e.source))).toEqual(new Set(['legacy_book']));
    expect(new Set(events.map((e) => e.repayment))).toEqual(new Set(['holdback', null]));
    const byLine = new Map<string, LineEvent[]>();
    for (const e of events) byLine.set(e.line_id, [...(byLine.get(e.line_id) ?? []), e]);
    expect(byLine.size).toBeGreaterThan(50);
    const statuses = new Set<string>();
    for (const asOf of ['2023-09-01', '2024-01-15', '2024-04-01', '2024-06-24']) {
      const expected = [...byLine.values()].flatMap((line) => {
        const before = line.filter((e) => e.business_date < asOf);
        if (before.length === 0) return [];
        const { line_id, merchant_id, status, limit_fen, balance_fen, dpd } = replayLine(before);
        return [{ line_id, merchant_id, status, limit_fen, balance_fen, dpd }];
      });
      const actual = (await linesAsOf(db, asOf)).map(({ line_id, merchant_id, status, limit_fen, balance_fen, dpd }) =>
        ({ line_id, merchant_id, status, limit_fen, balance_fen, dpd }));
      expect(actual.length, asOf).toBeGreaterThan(0);
      expect(actual, asOf).toEqual(expected);
      for (const line of actual) statuses.add(line.status);
    }
    expect([...statuses].sort()).toEqual(['closed', 'defaulted', 'offered', 'open', 'written_off']);
  });
});
