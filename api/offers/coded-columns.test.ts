/**
 * Coded reads on a real in-memory DuckDB: few-valued text comes back as codes into sorted word
 * lists (NULL as code 0), numbers as typed arrays with NULL as NaN, and the column store gives
 * the same rows as reading every value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, readCodedColumns } from '../../engine/db/index.ts';
import { ColumnStore } from './column-store.ts';

let db: Database;

beforeAll(async () => {
  db = await Database.open(':memory:');
  await db.run(`CREATE TABLE t AS SELECT i, 'M' || i AS id, ['hotel', 'cafe', NULL][1 + i % 3] AS segment, DATE '2024-01-01' + CAST(i % 2 AS INTEGER) AS day,
    CASE WHEN i % 4 = 0 THEN NULL ELSE CAST(i AS DOUBLE) * 1.5 END AS line FROM range(5000) AS r(i)`);
});
afterAll(() => db.close());

const SQL = 'SELECT id, segment, CAST(day AS VARCHAR) AS day, line FROM t WHERE $min IS NULL OR i >= $min ORDER BY i';

describe('readCodedColumns', () => {
  it('reads few-valued text as codes into sorted words, numbers as typed arrays, and rows as reading every value does', async () => {
    const coded = await readCodedColumns(db, SQL, { min: null }, ['segment', 'day']);
    expect(coded.segment).toMatchObject({ words: [null, 'cafe', 'hotel'] });
    expect(coded.day).toMatchObject({ words: [null, '2024-01-01', '2024-01-02'] });
    expect(coded.line).toBeInstanceOf(Float64Array);
    // rows come in no promised order: compare them by id
    const byId = (store: ColumnStore) => new Map(Array.from({ length: store.length }, (_, i) => store.row(i)).map((row) => [row.id, row]));
    const fast = byId(new ColumnStore(coded));
    const plain = byId(new ColumnStore(await db.columns(SQL, { min: null })));
    expect(fast.size).toBe(5000);
    expect(fast).toEqual(plain);
    expect(fast.get('M4')).toEqual({ id: 'M4', segment: 'cafe', day: '2024-01-01', line: null });
    expect(fast.get('M2')).toEqual({ id: 'M2', segment: null, day: '2024-01-01', line: 3 });
  });

  it('reads an empty result as empty columns and word lists', async () => {
    const coded = await readCodedColumns(db, SQL, { min: 10_000 }, ['segment', 'day']);
    expect(coded.segment).toEqual({ codes: new Int32Array(0), words: [null] });
    expect(new ColumnStore(coded).length).toBe(0);
  });

  it('names the query when it fails', async () => {
    await expect(readCodedColumns(db, 'SELECT nope FROM t', {}, ['nope'])).rejects.toThrow(/nope/);
  });
});
