/**
 * Test fixtures of the ingest tests: a small simulated lake in a folder of its own with a
 * warehouse beside it, and a count read from the warehouse.
 *
 * @example
 *   const { rows, lake, db } = await freshLake(dir, 'basic', { merchants: 6, days: 6, seed: 11 });
 */
import { join } from 'node:path';
import { Database } from '../../engine/db/index.ts';
import { smallLake } from './small-lake.ts';
import { writeLake } from './write-lake.ts';

export const INGEST_START = '2024-03-01';

/** A payment-grain lake `dir/name` of `merchants` merchants over `days` days, and an empty warehouse `dir/name.duckdb`. */
export async function freshLake(dir: string, name: string, options: { merchants: number; days: number; seed: number }) {
  const rows = smallLake({ ...options, start: INGEST_START, grain: 'payment' });
  const lake = join(dir, name);
  await writeLake(lake, rows);
  const db = await Database.open(join(dir, `${name}.duckdb`));
  return { rows, lake, db };
}

/** The `n` of a query that returns one row with a count `n`. */
export async function count(db: Database, sql: string, params?: Record<string, string>): Promise<number> {
  return Number((await db.one<{ n: number }>(sql, params))!.n);
}
