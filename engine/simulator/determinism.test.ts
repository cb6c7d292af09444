import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { Database } from '../db/index.ts';
import { simulate } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-seed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An order-independent fingerprint of every row of every table of a lake. */
async function fingerprint(db: Database, lake: string): Promise<Record<string, string>> {
  const tables: Record<string, string> = {
    payments: `read_parquet('${lake}/payments/*/*.parquet', hive_partitioning = true)`,
    merchants: `read_parquet('${lake}/merchants/merchants.parquet')`,
    line_events: `read_parquet('${lake}/line_events/line_events.parquet')`,
    truth_months: `read_parquet('${lake}/truth/truth_months.parquet')`,
  };
  const result: Record<string, string> = {};
  for (const [name, source] of Object.entries(tables)) {
    const row = await db.one<{ n: number; h: string }>(`SELECT count(*) AS n, bit_xor(hash(t))::VARCHAR AS h FROM ${source} t`);
    result[name] = `${row!.n}:${row!.h}`;
  }
  return result;
}

it('gives the same data for the same seed (however the days are batched), and other data for another seed', async () => {
  const options = { merchants: 60, days: 20, start: '2024-03-01', grain: 'payment' as const };
  await simulate({ ...options, seed: 3, out: join(root, 'a') });
  // One day per statement (so one worker of each batch has no day) instead of a month's days shared among workers.
  await simulate({ ...options, seed: 3, out: join(root, 'b') }, { rowsPerBatch: 1 });
  await simulate({ ...options, seed: 4, out: join(root, 'c') });
  const db = await Database.open();
  const [a, b, c] = [await fingerprint(db, join(root, 'a')), await fingerprint(db, join(root, 'b')), await fingerprint(db, join(root, 'c'))];
  db.close();
  expect(Number(a.payments.split(':')[0])).toBeGreaterThan(10_000);
  expect(b).toEqual(a);
  expect(c.payments).not.toEqual(a.payments);
  expect(c.merchants).not.toEqual(a.merchants);
});
