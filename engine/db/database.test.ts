import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Database, DatabaseLockedError, QueryError, columnsOf, cstDate, cstTimestamp, literal, quote, writeParquet } from './index.ts';

const root = mkdtempSync(join(tmpdir(), 'capillary-db-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('Database', () => {
  it('holds a warehouse file to its memory budget, not DuckDB’s 80% of the machine, and takes another from the environment', async () => {
    const gib = async (db: Database) => {
      const { limit_text } = (await db.one<{ limit_text: string }>(`SELECT current_setting('memory_limit') AS limit_text`))!;
      const [, value, unit] = /^([\d.]+)\s*(GiB|MiB)$/.exec(limit_text) ?? [];
      return Number(value) / (unit === 'MiB' ? 1024 : 1);
    };
    const file = await Database.open(join(root, 'budget.duckdb'));
    expect(await gib(file)).toBeCloseTo(5e9 / 2 ** 30, 0); // DuckDB prints one decimal: 4.6 GiB
    expect(await gib(file)).toBeLessThan(8);
    file.close();
    process.env.CAPILLARY_MEMORY_LIMIT = '2GB';
    try {
      const other = await Database.open(join(root, 'budget-2.duckdb'));
      expect(await gib(other)).toBeCloseTo(2e9 / 2 ** 30, 0);
      expect(await gib(other)).toBeLessThan(2);
      other.close();
    } finally {
      delete process.env.CAPILLARY_MEMORY_LIMIT;
    }
  });

  it('binds parameters and returns JSON-safe rows (BIGINT as number, DATE as text)', async () => {
    const db = await Database.open();
    const rows = await db.all(`SELECT $n::BIGINT * 2 AS twice, $d::DATE + 1 AS next_day, $s AS s`, { n: 21, d: '2024-02-28', s: "it's" });
    expect(rows).toEqual([{ twice: 42, next_day: '2024-02-29', s: "it's" }]);
    db.close();
  });

  it('appends columns through data chunks, converting numbers and ISO dates', async () => {
    const db = await Database.open();
    await db.run('CREATE TABLE t (id BIGINT, d DATE, ts TIMESTAMP, name VARCHAR, x DOUBLE)');
    const n = 5000;
    await db.append('t', {
      id: Array.from({ length: n }, (_, i) => i),
      d: Array.from({ length: n }, () => '2024-01-31'),
      ts: Array.from({ length: n }, () => '2024-01-31 23:59:58'),
      name: Array.from({ length: n }, (_, i) => `n${i}`),
      x: Float64Array.from({ length: n }, (_, i) => i / 2),
    });
    const row = await db.one('SELECT count(*) AS n, sum(id) AS s, min(d) AS d, max(ts) AS ts, max(x) AS x FROM t');
    expect(row).toEqual({ n, s: (n * (n - 1)) / 2, d: '2024-01-31', ts: '2024-01-31 23:59:58', x: (n - 1) / 2 });
    await expect(db.append('t', { id: [1] })).rejects.toThrow(/missing columns d, ts, name, x/);
    // Typed arrays of the column's own layout take the byte-copy path.
    await db.run('CREATE TABLE typed (i INTEGER, b BIGINT, x DOUBLE)');
    await db.append('typed', { i: Int32Array.of(-1, 7, 2 ** 31 - 1), b: BigInt64Array.of(-5n, 2n ** 40n, 0n), x: Float64Array.of(0.5, -1e300, Number.NaN) });
    expect(await db.all('SELECT i, b, x FROM typed')).toEqual([
      { i: -1, b: -5, x: 0.5 }, { i: 7, b: 2 ** 40, x: -1e300 }, { i: 2 ** 31 - 1, b: 0, x: 'NaN' },
    ]);
    db.close();
  });

  it('carries the SQL and the cause in its errors', async () => {
    const db = await Database.open();
    const error = await db.all('SELECT * FROM no_such_table WHERE x = $x', { x: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).sql).toContain('no_such_table');
    expect((error as QueryError).message).toMatch(/no_such_table[\s\S]*in SQL/);
    expect((error as QueryError).cause).toBeInstanceOf(Error);
    db.close();
  });

  it('rolls a failed transaction back whole', async () => {
    const db = await Database.open(join(root, 'tx.duckdb'));
    await db.run('CREATE TABLE t (x INTEGER)');
    await expect(db.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      await tx.run('INSERT INTO t VALUES (oops)');
    })).rejects.toThrow(QueryError);
    expect(await db.one('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
    db.close();
  });

  it('says clearly when another process holds the warehouse', async () => {
    const path = join(root, 'held.duckdb');
    const { spawn } = await import('node:child_process');
    const holder = spawn(process.execPath, ['--import', 'tsx', '-e', `
      const { Database } = await import(${JSON.stringify(join(import.meta.dirname, 'index.ts'))});
      const db = await Database.open(${JSON.stringify(path)});
      await db.run('CREATE TABLE IF NOT EXISTS t (x INTEGER)');
      process.stdout.write('ready\\n');
      setTimeout(() => process.exit(0), 20000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.on('data', () => resolve()));
    try {
      await expect(Database.open(path)).rejects.toBeInstanceOf(DatabaseLockedError);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('writes a query to Parquet, one file or Hive partitions', async () => {
    const db = await Database.open();
    const file = join(root, 'one.parquet');
    expect(await writeParquet(db, `SELECT range AS x, DATE '2024-01-01' + (range % 3)::INTEGER AS day FROM range(30)`, file)).toBe(30);
    expect(await writeParquet(db, `SELECT * FROM read_parquet($file)`, join(root, 'parts'), { partitionBy: 'day', params: { file } })).toBe(30);
    const rows = await db.all(`SELECT day, count(*) AS n FROM read_parquet('${join(root, 'parts')}/*/*.parquet', hive_partitioning = true) GROUP BY day ORDER BY day`);
    expect(rows).toEqual([{ day: '2024-01-01', n: 10 }, { day: '2024-01-02', n: 10 }, { day: '2024-01-03', n: 10 }]);
    db.close();
  });
});

describe('DDL from a schema', () => {
  it('maps zod types to DuckDB types, nullability and allowed values', () => {
    const schema = z.object({ id: z.string(), n: z.number().int(), x: z.number(), d: z.iso.date(), b: z.boolean(), e: z.enum(['a', 'b']).nullable() });
    expect(columnsOf(schema).map((c) => [c.name, c.sqlType, c.nullable])).toEqual([
      ['id', 'VARCHAR', false], ['n', 'BIGINT', false], ['x', 'DOUBLE', false], ['d', 'DATE', false], ['b', 'BOOLEAN', false], ['e', 'VARCHAR', true],
    ]);
  });

});

describe('what callers used to rebuild', () => {
  it('binds an array as a LIST parameter', async () => {
    const db = await Database.open();
    await db.run("CREATE TABLE m AS SELECT * FROM (VALUES ('M1', 1), ('M2', 2), ('M3', 3)) AS t(merchant_id, n)");
    const rows = await db.all<{ merchant_id: string }>('SELECT merchant_id FROM m WHERE list_contains($ids, merchant_id) ORDER BY 1', { ids: ['M1', 'M3', "M'4"] });
    expect(rows.map((r) => r.merchant_id)).toEqual(['M1', 'M3']);
    expect(Number((await db.one('SELECT sum(n) AS s FROM m WHERE list_contains($ns, n)', { ns: [2, 3] }))!.s)).toBe(5);
    db.close();
  });

  it('tells whether a table exists, in main or in a schema', async () => {
    const db = await Database.open();
    await db.run('CREATE SCHEMA truth; CREATE TABLE truth.t (x INTEGER); CREATE TABLE u (x INTEGER)');
    expect([await db.exists('u'), await db.exists('truth.t'), await db.exists('t'), await db.exists('truth.u')]).toEqual([true, true, false, false]);
    db.close();
  });

  it('quotes identifiers and literals so DuckDB reads them back as written', async () => {
    const db = await Database.open();
    const text = `men's "wear"`;
    const row = await db.one<Record<string, string>>(`SELECT ${literal(text)} AS ${quote(text)}`);
    expect(row).toEqual({ [text]: text });
    db.close();
  });

  it('stamps China Standard Time wall-clock, eight hours ahead of UTC', () => {
    const at = new Date('2025-03-01T17:30:05.123Z');
    expect(cstTimestamp(at)).toBe('2025-03-02 01:30:05');
    expect(cstTimestamp(at, 'millisecond')).toBe('2025-03-02 01:30:05.123');
    expect(cstDate(at)).toBe('2025-03-02');
  });
});
