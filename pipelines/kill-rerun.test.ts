/**
 * An ingest or a run killed with SIGKILL part-way, then started again, ends with exactly the
 * tables of an uninterrupted run. Drives the real CLI in a child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../engine/db/index.ts';
import { smallLake } from './testing/small-lake.ts';
import { tempDir, writeLake } from './testing/write-lake.ts';

const cli = fileURLToPath(new URL('../bin/capillary.mjs', import.meta.url));
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capillary(args: string[]): void {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`capillary ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

/** Starts the CLI and kills it with SIGKILL once its progress on stderr matches `when`. */
function killDuring(args: string[], when: RegExp): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && when.test(stderr)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', () => resolvePromise(killed));
  });
}

async function snapshot(path: string, queries: Record<string, string>): Promise<Record<string, unknown[]>> {
  const db = await Database.open(path, { readOnly: true });
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(queries)) out[name] = await db.all(sql);
  db.close();
  return out;
}

const INGEST_TABLES = {
  payments: 'SELECT * FROM payments ORDER BY payment_id',
  merchants: 'SELECT * FROM merchants ORDER BY merchant_id',
  line_events: 'SELECT * FROM line_events ORDER BY event_id',
  quarantine: 'SELECT * FROM quarantine ORDER BY file_id, source_row',
  ingest_log: 'SELECT * EXCLUDE (loaded_at, duration_ms) FROM ingest_log ORDER BY file_id',
  truth: 'SELECT * FROM truth.truth_merchants ORDER BY merchant_id',
};

const RUN_TABLES = {
  turnover: 'SELECT * FROM daily_turnover ORDER BY merchant_key, turnover_date',
  features: 'SELECT * FROM features ORDER BY as_of_date, merchant_id',
  labels: 'SELECT * FROM labels ORDER BY as_of_date, merchant_id',
};

describe('kill -9 and rerun', () => {
  it('ends with the tables of an uninterrupted ingest and run', async () => {
    const lake = join(dir, 'lake');
    await writeLake(lake, smallLake({ merchants: 6, days: 20, start: '2024-01-01', seed: 17, grain: 'payment' }));
    const clean = join(dir, 'clean.duckdb');
    const crashed = join(dir, 'crashed.duckdb');
    const range = ['--from', '2024-01-10', '--to', '2024-02-10'];

    capillary(['ingest', '--lake', lake, '--db', clean]);
    capillary(['run', ...range, '--db', clean]);

    expect(await killDuring(['ingest', '--lake', lake, '--db', crashed], /ingest: [3-8]0%/)).toBe(true);
    const partial = await snapshot(crashed, { n: 'SELECT count(*) AS n FROM ingest_log' });
    expect(Number((partial.n[0] as { n: number }).n)).toBeGreaterThan(0);
    capillary(['ingest', '--lake', lake, '--db', crashed]);
    expect(await snapshot(crashed, INGEST_TABLES)).toEqual(await snapshot(clean, INGEST_TABLES));

    expect(await killDuring(['run', ...range, '--db', crashed], /features 2024-02-10/)).toBe(true);
    capillary(['run', ...range, '--db', crashed]);
    expect(await snapshot(crashed, RUN_TABLES)).toEqual(await snapshot(clean, RUN_TABLES));
  });
});
