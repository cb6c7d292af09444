/**
 * Checks a warehouse against its contract: each declared table's columns and types, its key
 * unique, its required columns filled, its enum columns within their values, its references
 * pointing at rows that exist, and no table the contract does not declare. The pipeline runs
 * the row checks on every table it builds (pipelines/staging.ts); `capillary check` runs all.
 *
 * @example
 *   for (const finding of await checkWarehouse(db)) console.log(findingLine(finding));
 */
import { quote, type Database, type Params } from '../db/index.ts';
import { columnType, qualified } from './ddl.ts';
import type { DeclaredColumn, TableContract } from './table.ts';

export type FindingKind =
  | 'undeclared table'
  | 'missing column'
  | 'extra column'
  | 'wrong type'
  | 'duplicate key'
  | 'null'
  | 'unaccepted value'
  | 'orphan';

export interface Finding {
  table: string;
  kind: FindingKind;
  column?: string;
  detail: string;
}

export interface CheckReport {
  findings: Finding[];
  /** Declared tables present and checked, and declared tables not built yet. */
  checked: string[];
  absent: string[];
  rows: number;
}

/** One line per finding: `table.column: kind: detail`. */
export function findingLine(finding: Finding): string {
  return `${finding.table}${finding.column ? `.${finding.column}` : ''}: ${finding.kind}: ${finding.detail}`;
}

export async function checkWarehouse(db: Database, tables: readonly TableContract[]): Promise<CheckReport> {
  const report: CheckReport = { findings: [], checked: [], absent: [], rows: 0 };
  const present = await presentTables(db);
  const declared = new Set(tables.map((t) => t.name));
  for (const name of present) {
    if (!declared.has(name)) report.findings.push({ table: name, kind: 'undeclared table', detail: 'the contract (engine/warehouse) declares no such table' });
  }
  for (const table of tables) {
    if (!present.includes(table.name)) {
      report.absent.push(table.name);
      continue;
    }
    report.checked.push(table.name);
    const shape = await shapeFindings(db, table);
    report.findings.push(...shape);
    // Row checks read the declared columns; on a table whose columns are wrong they would only fail.
    if (shape.some((f) => f.kind === 'missing column')) continue;
    const { rows, findings } = await rowFindings(db, table.name, table);
    report.rows += rows;
    report.findings.push(...findings);
    for (const [column, target] of Object.entries(table.references ?? {}) as [string, string][]) {
      const targetTable = target.slice(0, target.lastIndexOf('.'));
      if (!present.includes(targetTable)) continue;
      report.findings.push(...(await orphanFindings(db, table.name, table.name, column, target)));
    }
  }
  return report;
}

/** Every user table of the warehouse, as 'table' or 'schema.table'. */
async function presentTables(db: Database): Promise<string[]> {
  const rows = await db.all<{ schema_name: string; table_name: string }>(
    "SELECT schema_name, table_name FROM duckdb_tables() WHERE NOT internal AND NOT temporary AND database_name = current_database() ORDER BY 1, 2",
  );
  return rows.map((r) => (r.schema_name === 'main' ? r.table_name : `${r.schema_name}.${r.table_name}`));
}

/** Missing, extra and mistyped columns of `relation` (a table, or a staging table standing for `table`). */
export async function shapeFindings(db: Database, table: TableContract, relation = table.name): Promise<Finding[]> {
  const [schema, name] = relation.includes('.') ? relation.split('.') : ['main', relation];
  const actual = await db.all<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = $schema AND table_name = $name AND database_name = current_database()',
    { schema, name },
  );
  const types = new Map(actual.map((c) => [c.column_name, c.data_type]));
  const findings: Finding[] = [];
  for (const column of table.declared) {
    const type = types.get(column.name);
    if (type === undefined) findings.push({ table: table.name, kind: 'missing column', column: column.name, detail: `declared ${column.sqlType}, not in the table` });
    else if (!sameType(type, column, table)) findings.push({ table: table.name, kind: 'wrong type', column: column.name, detail: `declared ${columnType(table, column.name)}, found ${type}` });
  }
  const names = new Set(table.declared.map((c) => c.name));
  for (const column of actual) {
    if (!names.has(column.column_name)) findings.push({ table: table.name, kind: 'extra column', column: column.column_name, detail: `${column.data_type}, not declared` });
  }
  return findings;
}

function sameType(found: string, column: DeclaredColumn, table: TableContract): boolean {
  return found.replace(/\s+/g, '') === columnType(table, column.name).replace(/\s+/g, '');
}

/**
 * The row checks of one table (or of its rows in `filter`, e.g. one as-of slice): key unique,
 * required columns filled, enum columns within their values. One pass over the rows.
 */
export async function rowFindings(
  db: Database,
  relation: string,
  table: TableContract,
  filter: { where: string; params: Params } | null = null,
): Promise<{ rows: number; findings: Finding[] }> {
  const key = table.key.map(quote).join(', ');
  const required = table.declared.filter((c) => !c.nullable);
  const closed = table.declared.filter((c) => c.values && table.enums !== 'enum');
  const params: Params = { ...filter?.params };
  closed.forEach((c, i) => (params[`values_${i}`] = c.values!));
  const counts = await db.one<Record<string, number>>(
    `SELECT count(*) AS rows, count(DISTINCT (${key})) AS keys
       ${required.map((c, i) => `, count(*) FILTER (WHERE ${quote(c.name)} IS NULL) AS nulls_${i}`).join('')}
       ${closed.map((c, i) => `, count(*) FILTER (WHERE NOT list_contains($values_${i}, CAST(${quote(c.name)} AS VARCHAR))) AS unaccepted_${i}`).join('')}
     FROM ${qualified(relation)}${filter ? ` WHERE ${filter.where}` : ''}`,
    params,
  );
  const rows = Number(counts!.rows);
  const findings: Finding[] = [];
  const repeats = rows - Number(counts!.keys);
  if (repeats > 0) findings.push({ table: table.name, kind: 'duplicate key', detail: `${repeats} rows repeat the key (${table.key.join(', ')})` });
  required.forEach((c, i) => {
    const nulls = Number(counts![`nulls_${i}`]);
    if (nulls > 0) findings.push({ table: table.name, kind: 'null', column: c.name, detail: `${nulls} rows with ${c.name} null; it is declared not null` });
  });
  closed.forEach((c, i) => {
    const bad = Number(counts![`unaccepted_${i}`]);
    if (bad > 0) findings.push({ table: table.name, kind: 'unaccepted value', column: c.name, detail: `${bad} rows outside ${c.values!.join(', ')}` });
  });
  return { rows, findings };
}

/** Rows of `relation` (those in `filter`, if given) whose `column` names no row of `target` ('table.column'). */
export async function orphanFindings(
  db: Database,
  relation: string,
  tableName: string,
  column: string,
  target: string,
  filter: { where: string; params: Params } | null = null,
): Promise<Finding[]> {
  const targetTable = target.slice(0, target.lastIndexOf('.'));
  const targetColumn = target.slice(target.lastIndexOf('.') + 1);
  const row = await db.one<{ n: number; example: string | null }>(
    `SELECT count(*) AS n, CAST(min(${quote(column)}) AS VARCHAR) AS example FROM ${qualified(relation)} AS r
     WHERE r.${quote(column)} IS NOT NULL${filter ? ` AND ${filter.where}` : ''}
       AND NOT EXISTS (SELECT 1 FROM ${qualified(targetTable)} AS t WHERE t.${quote(targetColumn)} = r.${quote(column)})`,
    filter?.params,
  );
  const n = Number(row?.n ?? 0);
  return n > 0 ? [{ table: tableName, kind: 'orphan', column, detail: `${n} rows name no ${target} (e.g. ${row!.example})` }] : [];
}
