/** The contract holds together: every column explained, one clock, DDL and checks agreeing. */
import { describe, expect, it } from 'vitest';
import { Database, TIME_CONVENTION } from '../db/index.ts';
import { checkWarehouse, createTableSql, ensureTables, FEATURE_CATALOG, FEATURES, OFFERS, PAYMENTS, WAREHOUSE_TABLES } from './index.ts';

describe('the warehouse contract', () => {
  it('declares each table once, with a grain, a key among its columns and references to declared columns', () => {
    const names = WAREHOUSE_TABLES.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const table of WAREHOUSE_TABLES) {
      expect(table.grain, table.name).toMatch(/^one row per /);
      const columns = table.declared.map((c) => c.name);
      for (const key of table.key) expect(columns, `${table.name} key`).toContain(key);
      for (const [column, target] of Object.entries(table.references ?? {}) as [string, string][]) {
        expect(columns, `${table.name} reference`).toContain(column);
        const targetTable = WAREHOUSE_TABLES.find((t) => t.name === target.slice(0, target.lastIndexOf('.')));
        expect(targetTable?.declared.map((c) => c.name), `${table.name}.${column} → ${target}`).toContain(target.slice(target.lastIndexOf('.') + 1));
      }
    }
  });

  it('gives every column a meaning and a unit', () => {
    for (const table of WAREHOUSE_TABLES) {
      for (const column of table.declared) {
        expect(column.meaning.length, `${table.name}.${column.name}`).toBeGreaterThan(2);
        expect(column.unit.length, `${table.name}.${column.name}`).toBeGreaterThan(1);
      }
    }
  });

  it('declares every column of features, from the catalog, with its meaning and unit', () => {
    expect(FEATURES.declared.map((c) => c.name)).toEqual(['merchant_id', 'as_of_date', ...FEATURE_CATALOG.map((f) => f.name)]);
    FEATURE_CATALOG.forEach((spec, i) => {
      const column = FEATURES.declared[i + 2];
      expect([column.values ? 'ENUM' : column.sqlType, column.unit], spec.name).toEqual([spec.sqlType, spec.unit]);
      expect(column.meaning).toContain(spec.definition);
    });
  });

  it('stores every timestamp in the one convention, China Standard Time wall-clock', () => {
    const stamps = WAREHOUSE_TABLES.flatMap((t) => t.declared.filter((c) => c.sqlType === 'TIMESTAMP').map((c) => `${t.name}.${c.name}`));
    expect(stamps.length).toBeGreaterThan(10);
    for (const table of WAREHOUSE_TABLES) {
      for (const column of table.declared) {
        expect(column.convention, `${table.name}.${column.name}`).toBe(column.sqlType === 'TIMESTAMP' ? TIME_CONVENTION : null);
        if (column.sqlType === 'TIMESTAMP') expect(column.unit).toBe('CST wall-clock time');
      }
    }
  });

  it('creates every empty table as the checks expect it', async () => {
    const db = await Database.open();
    const created = WAREHOUSE_TABLES.filter((t) => t.createdBy === 'ddl');
    await ensureTables(db, created);
    await ensureTables(db, created); // safe on every open
    const report = await checkWarehouse(db, WAREHOUSE_TABLES);
    expect(report.findings).toEqual([]);
    expect(report.checked).toEqual(created.map((t) => t.name));
    db.close();
  });

  it('writes enum columns as ENUMs on the lake tables and as checked text elsewhere', () => {
    expect(createTableSql(PAYMENTS)).toContain(`"channel" ENUM('offline', 'online', 'o2o') NOT NULL`);
    expect(createTableSql(FEATURES)).toContain(`"kyc_tier" ENUM('A', 'B', 'C'),`);
    expect(createTableSql(OFFERS)).toContain(`"outcome" VARCHAR NOT NULL CHECK ("outcome" IN ('offer', 'decline'))`);
  });
});
