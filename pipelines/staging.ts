/**
 * Builds a derived table without ever leaving a half-built one: the query lands in a staging
 * table, the contract's data checks run on it (engine/warehouse/check.ts: the declared columns
 * and types, the key unique, required columns filled, values in their set, references to rows
 * that exist), and only then is it swapped in, in one transaction. A failure at any point leaves
 * the last good table as it was.
 *
 * @example
 *   await buildTable(db, { table: 'daily_turnover', sql });
 *   await buildSlice(db, { table: 'features', sql, slice: { as_of_date: '2024-06-01' } });
 */
import { quote, type Database, type Params } from '../engine/db/index.ts';
import { findingLine, orphanFindings, rowFindings, shapeFindings, tableNamed, type Finding } from '../engine/warehouse/index.ts';

export interface BuildSpec {
  /** A table the contract declares: its declaration gives the checks. */
  table: string;
  /** One SELECT (the contents of a .sql file). */
  sql: string;
  params?: Params;
  /**
   * A whole build in parts (buildTables only): the query runs once per set of parameters, in
   * order, each part appended to the staging table, so that no statement holds more than a part's
   * rows; `beforePart` runs before each (it may prepare what the next part reads).
   */
  parts?: Params[];
  beforePart?: (db: Database, part: Params, index: number) => Promise<void>;
}

export interface BuildResult {
  table: string;
  rows: number;
}

export class DataCheckError extends Error {
  constructor(table: string, problem: string) {
    super(`data check failed on ${table}: ${problem}; the previous ${table} is kept`);
    this.name = 'DataCheckError';
  }

  static of(table: string, findings: Finding[]): DataCheckError {
    return new DataCheckError(table, findings.map(findingLine).join('; '));
  }
}

/** Rebuilds `table` whole from `sql`. */
export async function buildTable(db: Database, spec: BuildSpec): Promise<BuildResult> {
  const [result] = await buildTables(db, [spec]);
  return result;
}

/**
 * Rebuilds several tables whole and swaps them in together, in one transaction: a table derived
 * from another (a monthly sum of a daily table) never goes out of step with it. Each query runs
 * after the ones before it and may read their staging tables, named `<table>__staging`.
 */
export async function buildTables(db: Database, specs: BuildSpec[]): Promise<BuildResult[]> {
  const staged: string[] = [];
  try {
    const results: BuildResult[] = [];
    for (const spec of specs) {
      const staging = `${spec.table}__staging`;
      staged.push(staging);
      for (const [index, part] of (spec.parts ?? [spec.params ?? {}]).entries()) {
        await spec.beforePart?.(db, part, index);
        await db.run(index === 0 ? `CREATE OR REPLACE TABLE ${staging} AS ${spec.sql}` : `INSERT INTO ${staging} ${spec.sql}`, part);
      }
      results.push({ table: spec.table, rows: await checkRows(db, staging, spec) });
    }
    await db.transaction(async (tx) => {
      for (const spec of specs) {
        await tx.run(`DROP TABLE IF EXISTS ${spec.table}`);
        await tx.run(`ALTER TABLE ${spec.table}__staging RENAME TO ${spec.table}`);
      }
    });
    return results;
  } catch (error) {
    for (const staging of staged) await db.run(`DROP TABLE IF EXISTS ${staging}`).catch(() => undefined);
    throw error;
  }
}

/**
 * Replaces one slice of `table` (the rows whose `slice` columns equal the given values, e.g. one
 * as-of date) with the rows of `sql`, in one transaction: the slice is deleted, the query's rows
 * are inserted straight into the table (no staging copy: at 1.5M merchants a copy costs as much
 * as the insert), and the checks run on the new slice before the commit; a failed check rolls
 * all of it back. The table is created from the first slice; when the query's columns change (a
 * new feature catalog), the table is rebuilt from this slice.
 */
export async function buildSlice(db: Database, spec: BuildSpec & { slice: Params }): Promise<BuildResult> {
  const sliceColumns = Object.keys(spec.slice);
  const inSlice = sliceColumns.map((c) => `${quote(c)} = $${c}`).join(' AND ');
  const described = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${spec.sql}`, spec.params);
  const queryColumns = described.map((row) => `${row.column_name} ${row.column_type}`).join(', ');
  const sameColumns = (await db.exists(spec.table)) && (await columnList(db, spec.table)) === queryColumns;
  return db.transaction(async (tx) => {
    if (!sameColumns) {
      await tx.run(`DROP TABLE IF EXISTS ${spec.table}`);
      await tx.run(`CREATE TABLE ${spec.table} AS SELECT * FROM (${spec.sql}) LIMIT 0`, spec.params);
    }
    return replaceIn(tx, { ...spec, where: inSlice, whereParams: spec.slice });
  });
}

/** Rows of a table to replace: those matching `where`, by the rows of `sql` (which must all match it). */
export interface ReplaceSpec extends BuildSpec {
  where: string;
  whereParams: Params;
}

/**
 * Replaces the matching rows of several existing tables (a daily increment: the days from a date
 * on, and the months they fall in) in one transaction, each after the ones before it, so a table
 * derived from another stays in step with it; each table's new rows are checked before the
 * commit, and a failed check rolls all of it back.
 *
 * @example
 *   await replaceRows(db, [{ table: 'daily_turnover', sql, params, where: 'turnover_date >= $from', whereParams: { from: '2024-06-01' } }]);
 */
export async function replaceRows(db: Database, specs: ReplaceSpec[]): Promise<BuildResult[]> {
  return db.transaction(async (tx) => {
    const results: BuildResult[] = [];
    for (const spec of specs) results.push(await replaceIn(tx, spec));
    return results;
  });
}

async function replaceIn(tx: Database, spec: ReplaceSpec): Promise<BuildResult> {
  await tx.run(`DELETE FROM ${spec.table} WHERE ${spec.where}`, spec.whereParams);
  const inserted = await tx.run(`INSERT INTO ${spec.table} ${spec.sql}`, spec.params);
  const rows = await checkRows(tx, spec.table, spec, { where: spec.where, params: spec.whereParams });
  if (rows !== inserted) throw new DataCheckError(spec.table, `${inserted - rows} rows outside ${spec.where} ${JSON.stringify(spec.whereParams)}`);
  return { table: spec.table, rows };
}

/** The contract's checks on the built rows of `relation` (the table, or its staging copy); throws on any finding. */
async function checkRows(db: Database, relation: string, spec: BuildSpec, filter: { where: string; params: Params } | null = null): Promise<number> {
  const contract = tableNamed(spec.table);
  const findings = await shapeFindings(db, contract, relation);
  if (findings.length > 0) throw DataCheckError.of(spec.table, findings);
  const { rows, findings: rowProblems } = await rowFindings(db, relation, contract, filter);
  findings.push(...rowProblems);
  for (const [column, target] of Object.entries(contract.references ?? {}) as [string, string][]) {
    if (await db.exists(target.slice(0, target.lastIndexOf('.')))) findings.push(...(await orphanFindings(db, relation, spec.table, column, target, filter)));
  }
  if (findings.length > 0) throw DataCheckError.of(spec.table, findings);
  return rows;
}

async function columnList(db: Database, table: string): Promise<string> {
  const [schema, name] = table.includes('.') ? table.split('.') : [null, table];
  const rows = await db.all<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $name AND ($schema IS NULL OR schema_name = $schema) ORDER BY column_index`,
    { name, schema },
  );
  return rows.map((row) => `${row.column_name} ${row.data_type}`).join(', ');
}
