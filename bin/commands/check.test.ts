/**
 * `capillary check` and `capillary tables` on a warehouse built by the real steps (a small lake
 * written to files, ingested, the pipeline run, a model's scores table): clean, then corrupted
 * one way at a time. Also holds the one clock: stamps the real writers store read as CST.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstTimestamp, Database } from '../../engine/db/index.ts';
import { ensureTables, SCORE_RUNS, SCORES, WAREHOUSE_TABLES } from '../../engine/warehouse/index.ts';
import { ingestLake } from '../../pipelines/ingest/ingest.ts';
import { runPlan } from '../../pipelines/runner.ts';
import { smallLake } from '../../pipelines/testing/small-lake.ts';
import { tempDir, writeLake } from '../../pipelines/testing/write-lake.ts';
import { capillary } from '../testing/run-capillary.ts';

const dir = tempDir('capillary-check-');
const built = join(dir, 'built.duckdb');
let copies = 0;

beforeAll(async () => {
  const lake = join(dir, 'lake');
  await writeLake(lake, smallLake({ merchants: 8, days: 120, start: '2024-01-01', seed: 5, grain: 'payment' }));
  const db = await Database.open(built);
  await ingestLake(db, lake);
  await runPlan(db, { asOfDates: ['2024-03-01', '2024-04-01'] });
  await ensureTables(db, [SCORES, SCORE_RUNS]);
  await db.run(`INSERT INTO score_runs VALUES ('r1', 'm1', DATE '2024-03-01', 'sql', 16, 0.1, TIMESTAMP '2024-04-01 10:00:00');
    INSERT INTO scores SELECT merchant_id, as_of_date, 'm1', 0.02, NULL, 'r1' FROM features`);
  db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the built warehouse with `damage` done to it. */
async function damaged(damage: string): Promise<string> {
  const path = join(dir, `copy-${++copies}.duckdb`);
  copyFileSync(built, path);
  const db = await Database.open(path);
  await db.run(damage);
  db.close();
  return path;
}

describe('capillary check', () => {
  it('passes a warehouse built by ingest and the pipeline, naming what is not built yet', async () => {
    const { code, stdout } = await capillary('check', '--db', built);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: 20 tables, \d+ rows checked against the contract; not built yet: model_registry, model_events, offers/);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  const cases: [string, string, RegExp][] = [
    ['a repeated key', 'INSERT INTO daily_turnover SELECT * FROM daily_turnover LIMIT 1', /^daily_turnover: duplicate key: 1 rows repeat the key \(merchant_key, turnover_date\)$/m],
    ['a null in a required column', "UPDATE labels SET label_status = NULL WHERE merchant_id = (SELECT min(merchant_id) FROM labels)", /^labels\.label_status: null: 2 rows with label_status null/m],
    // (an ENUM holds no value outside its set: only a column turned to free text can)
    ['a closed set turned to free text', "ALTER TABLE labels ALTER label_status TYPE VARCHAR; UPDATE labels SET label_status = 'fine' WHERE merchant_id = (SELECT min(merchant_id) FROM labels)", /^labels\.label_status: wrong type: declared ENUM\('good', 'default', 'censored', 'excluded'\), found VARCHAR$/m],
    ['a dropped column', 'ALTER TABLE features DROP COLUMN tenure_days', /^features\.tenure_days: missing column: declared INTEGER, not in the table$/m],
    ['a column of the wrong type', 'ALTER TABLE features ALTER growth_30d TYPE VARCHAR', /^features\.growth_30d: wrong type: declared DOUBLE, found VARCHAR$/m],
    ['an extra column', 'ALTER TABLE scores ADD COLUMN note VARCHAR', /^scores\.note: extra column: VARCHAR, not declared$/m],
    ['an orphan score', "INSERT INTO scores VALUES ('M99999999', DATE '2024-03-01', 'm1', 0.1, NULL, 'r1')", /^scores\.merchant_id: orphan: 1 rows name no merchants\.merchant_id \(e\.g\. M99999999\)$/m],
    ['an undeclared table', 'CREATE TABLE my_scratch AS SELECT 1 AS x', /^my_scratch: undeclared table: /m],
  ];
  for (const [what, damage, finding] of cases) {
    it(`fails on ${what}, with the finding`, async () => {
      const { code, stdout, stderr } = await capillary('check', '--db', await damaged(damage));
      expect(code).toBe(1);
      expect(stdout).toMatch(finding);
      expect(stderr).toMatch(/^1 finding in \d+ tables/);
    });
  }

  it('refuses a missing warehouse and an unknown option with exit code 2', async () => {
    expect(await capillary('check', '--db', join(dir, 'nowhere.duckdb'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/--db: no warehouse at .*nowhere\.duckdb/) });
    expect(await capillary('check', '--strict')).toMatchObject({ code: 2, stderr: expect.stringMatching(/'--strict'/) });
  });
});

describe('capillary tables', () => {
  it('prints every declared table with its grain, key and columns', async () => {
    const { code, stdout } = await capillary('tables', '--json');
    expect(code).toBe(0);
    const tables = JSON.parse(stdout) as { name: string; grain: string; key: string[]; columns: { name: string; type: string; unit: string; meaning: string }[] }[];
    expect(tables.map((t) => t.name)).toEqual(WAREHOUSE_TABLES.map((t) => t.name));
    const payments = tables.find((t) => t.name === 'payments')!;
    expect(payments.key).toEqual(['payment_id']);
    expect(payments.columns.find((c) => c.name === 'amount_fen')).toMatchObject({ type: 'BIGINT', unit: 'fen' });
    const text = await capillary('tables');
    expect(text.stdout).toMatch(/^features \(key merchant_id, as_of_date\): one row per merchant per as-of date/m);
    expect(text.stdout).toMatch(/^ {2}turnover_90d_fen +BIGINT +fen: Net turnover \(90d\)$/m);
  });
});

describe('the one clock', () => {
  it('stamps what ingest and the runner write in China Standard Time', async () => {
    const db = await Database.open(built, { readOnly: true });
    const now = Date.parse(`${cstTimestamp().replace(' ', 'T')}Z`);
    const stamps = await db.all<{ at: string }>(
      'SELECT CAST(loaded_at AS VARCHAR) AS at FROM ingest_log UNION ALL SELECT CAST(started_at AS VARCHAR) FROM run_log UNION ALL SELECT CAST(finished_at AS VARCHAR) FROM run_log',
    );
    expect(stamps.length).toBeGreaterThan(5);
    for (const { at } of stamps) {
      // Read as if UTC: a CST stamp is within minutes of the CST clock read the same way (a UTC one is 8 hours off).
      expect(Math.abs(Date.parse(`${at.replace(' ', 'T')}Z`) - now), at).toBeLessThan(10 * 60_000);
    }
    db.close();
  });
});
