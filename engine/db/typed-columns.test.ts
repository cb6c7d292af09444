import { describe, expect, it } from 'vitest';
import { Database, QueryError } from './index.ts';

// 5,000 rows span three of DuckDB's 2,048-row chunks, so the chunks' seams are read too.
const ROWS = 5000;

describe('Database.typedColumns', () => {
  it('reads fixed-width numbers as typed arrays of their own layout, equal to the values read one by one', async () => {
    const db = await Database.open();
    const sql = `SELECT CAST(i AS DOUBLE) / 4 AS x, CAST(i AS FLOAT) AS f, CAST(i % 100 - 50 AS TINYINT) AS t, CAST(i * 6 - 15000 AS SMALLINT) AS s,
                        CAST(i * 1000 - 2000000 AS INTEGER) AS n, CAST(i AS BIGINT) * 3000000000 AS b, CAST(i % 256 AS UTINYINT) AS u8,
                        CAST(i AS USMALLINT) AS u16, CAST(i * 100000 AS UINTEGER) AS u32, CAST(i AS UBIGINT) AS u64, i % 3 = 0 AS flag
                 FROM range(${ROWS}) AS r(i) ORDER BY i`;
    const typed = await db.typedColumns(sql);
    const expected = await db.columns(sql);
    const layouts: Record<string, unknown> = {
      x: Float64Array, f: Float32Array, t: Int8Array, s: Int16Array, n: Int32Array, b: BigInt64Array,
      u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, u64: BigUint64Array, flag: Uint8Array,
    };
    for (const [name, layout] of Object.entries(layouts)) {
      expect(typed[name], name).toBeInstanceOf(layout);
      expect(typed[name].length, name).toBe(ROWS);
    }
    for (const name of ['x', 'f', 't', 's', 'n', 'b', 'u8', 'u16', 'u32', 'u64']) expect([...typed[name]], name).toEqual(expected[name]);
    expect([...typed.flag]).toEqual(expected.flag.map((v) => (v ? 1 : 0)));
    db.close();
  });

  it('reads constant columns (DuckDB may hand them over as constant vectors) in full', async () => {
    const db = await Database.open();
    const { k, n } = await db.typedColumns(`SELECT CAST(2.5 AS DOUBLE) AS k, CAST(7 AS INTEGER) AS n, i FROM range(${ROWS}) AS r(i)`);
    expect(k.length).toBe(ROWS);
    expect([...k].every((v) => v === 2.5)).toBe(true);
    expect([...n].every((v) => v === 7)).toBe(true);
    db.close();
  });

  it('reads NULL as NaN in floating columns, at the right rows across chunks', async () => {
    const db = await Database.open();
    const { x, f } = await db.typedColumns(
      `SELECT CASE WHEN i % 7 = 3 OR i = 2047 OR i = 2048 THEN NULL ELSE CAST(i AS DOUBLE) END AS x,
              CAST(CASE WHEN i % 64 = 0 THEN NULL ELSE i END AS FLOAT) AS f
       FROM range(${ROWS}) AS r(i) ORDER BY i`,
    );
    for (let i = 0; i < ROWS; i++) {
      const missing = i % 7 === 3 || i === 2047 || i === 2048;
      expect(Number.isNaN(x[i] as number), `x[${i}]`).toBe(missing);
      if (!missing) expect(x[i]).toBe(i);
      expect(Number.isNaN(f[i] as number), `f[${i}]`).toBe(i % 64 === 0);
    }
    db.close();
  });

  it('refuses NULL in an integer or boolean column, naming the column', async () => {
    const db = await Database.open();
    await expect(db.typedColumns(`SELECT CASE WHEN i = 4000 THEN NULL ELSE i END::INTEGER AS n_payments FROM range(${ROWS}) AS r(i)`))
      .rejects.toThrow(/column n_payments holds NULL[\s\S]*cast it to DOUBLE/);
    await expect(db.typedColumns('SELECT CAST(NULL AS BOOLEAN) AS is_open')).rejects.toThrow(/column is_open holds NULL/);
    db.close();
  });

  it('falls back to JavaScript values for other types, as columns() reads them', async () => {
    const db = await Database.open();
    const sql = `SELECT 'M' || lpad(CAST(i AS VARCHAR), 8, '0') AS merchant_id, DATE '2024-01-01' + CAST(i AS INTEGER) AS d,
                        CASE WHEN i = 1 THEN NULL ELSE CAST(i AS DECIMAL(12, 2)) END AS amount, CAST(i AS DOUBLE) AS x
                 FROM range(${ROWS}) AS r(i) ORDER BY i`;
    const typed = await db.typedColumns(sql);
    const expected = await db.columns(sql);
    expect(Array.isArray(typed.merchant_id)).toBe(true);
    expect(typed.merchant_id).toEqual(expected.merchant_id);
    expect(typed.d).toEqual(expected.d);
    expect(typed.amount).toEqual(expected.amount);
    expect((typed.merchant_id as string[])[ROWS - 1]).toBe('M00004999');
    expect(typed.x).toBeInstanceOf(Float64Array);
    db.close();
  });

  it('gives empty arrays for an empty result and a QueryError for bad SQL', async () => {
    const db = await Database.open();
    const empty = await db.typedColumns('SELECT CAST(i AS DOUBLE) AS x, CAST(i AS VARCHAR) AS s FROM range(10) AS r(i) WHERE i > 10');
    expect(empty.x).toBeInstanceOf(Float64Array);
    expect(empty.x.length).toBe(0);
    expect(empty.s).toEqual([]);
    const error = await db.typedColumns('SELECT x FROM no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toMatch(/no_such_table/);
    db.close();
  });
});
