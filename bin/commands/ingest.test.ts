/**
 * `capillary ingest` and the options every warehouse command shares, given bad values: one
 * message naming the option, exit code 2, and nothing left behind (no warehouse, no secret).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../engine/db/index.ts';
import { smallLake } from '../../pipelines/testing/small-lake.ts';
import { tempDir, writeLake } from '../../pipelines/testing/write-lake.ts';
import { capillary } from '../testing/run-capillary.ts';

let dir: string;
let lake: string;
let notWarehouse: string;
let warehouse: string;
beforeAll(async () => {
  dir = tempDir();
  lake = join(dir, 'lake');
  await writeLake(lake, smallLake({ merchants: 3, days: 2, start: '2024-03-01', seed: 3, grain: 'payment' }));
  notWarehouse = join(dir, 'notes.txt');
  writeFileSync(notWarehouse, 'not a warehouse\n');
  warehouse = join(dir, 'warehouse.duckdb');
  const db = await Database.open(warehouse);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The files of the test folder, to show that a refused command added none. */
function filesNow(): string[] {
  return readdirSync(dir).sort();
}

describe('capillary ingest, given bad options', () => {
  it('names --lake for a folder that does not exist and creates no warehouse', async () => {
    const before = filesNow();
    const fresh = join(dir, 'fresh', 'new.duckdb');
    const { code, stderr } = await capillary('ingest', '--lake', join(dir, 'no-such-lake'), '--db', fresh);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--lake: .*no-such-lake.* (not found|does not exist)/);
    expect(existsSync(fresh)).toBe(false);
    expect(filesNow()).toEqual(before);
  });

  it('names --db for a file that is not a warehouse and leaves it as it was', async () => {
    const before = filesNow();
    const { code, stderr } = await capillary('ingest', '--lake', lake, '--db', notWarehouse);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--db: .*notes\.txt is not a DuckDB warehouse/);
    expect(readFileSync(notWarehouse, 'utf8')).toBe('not a warehouse\n');
    expect(filesNow()).toEqual(before);
  });

  it('names --db for a folder', async () => {
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    const { code, stderr } = await capillary('ingest', '--lake', lake, '--db', join(dir, 'a-folder'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--db: .*a-folder is a folder/);
  });

  it('names --table for a FILE given with an unknown table', async () => {
    const { code, stderr } = await capillary('ingest', join(dir, 'notes.txt'), '--table', 'ledger', '--db', warehouse);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--table: one of merchants/);
  });

  it('rechecks the quarantine of a warehouse with --recheck', async () => {
    const db = join(dir, 'recheck.duckdb');
    expect((await capillary('ingest', '--lake', lake, '--db', db)).code).toBe(0);
    const { code, stdout } = await capillary('ingest', '--recheck', '--db', db);
    expect(code).toBe(0);
    expect(stdout).toMatch(/rechecked 0 files: 0 quarantined rows released/);
    expect(await capillary('ingest', '--recheck', '--db', join(dir, 'none.duckdb'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/--db: no warehouse at .*none\.duckdb/) });
    expect(existsSync(join(dir, 'none.duckdb'))).toBe(false);
  });
});

describe('warehouse commands, given a bad --db or date', () => {
  it('issues no token for a --db that is not a warehouse, and writes no secret beside it', async () => {
    const before = filesNow();
    for (const db of [notWarehouse, join(dir, 'missing.duckdb')]) {
      const { code, stderr } = await capillary('token', '--role', 'admin', '--db', db);
      expect(code).toBe(2);
      expect(stderr).toMatch(/--db: /);
    }
    expect(filesNow()).toEqual(before);
  });

  it('names --db for a warehouse that does not exist, and creates none', async () => {
    const before = filesNow();
    for (const args of [['score', '--as-of', '2024-03-01'], ['offers', '--as-of', '2024-03-01'], ['features', '--as-of', '2024-03-01'], ['run', '--plan'], ['drift']]) {
      const { code, stderr } = await capillary(...args, '--db', join(dir, 'nothing-here.duckdb'));
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(/--db: no warehouse at .*nothing-here\.duckdb/);
    }
    expect(filesNow()).toEqual(before);
  });

  it('names the option of a date that is no date', async () => {
    for (const [args, option] of [[['features', '--as-of', '2024-13-01'], 'as-of'], [['run', '--from', '2024-01-01', '--to', '2024-02-31'], 'to'], [['score', '--as-of', '2024-1-1'], 'as-of']] as const) {
      const { code, stderr } = await capillary(...args, '--db', warehouse);
      expect({ args, code }).toEqual({ args, code: 2 });
      expect(stderr).toMatch(new RegExp(`--${option}: expected a date YYYY-MM-DD`));
    }
  });
});
