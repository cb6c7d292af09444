/**
 * The one DDL generator: `CREATE TABLE IF NOT EXISTS` from a table's declaration. NOT NULL where
 * the schema says so; enum columns as DuckDB ENUMs or as VARCHAR with a CHECK (TableSpec.enums);
 * the key as PRIMARY KEY where the declaration asks (tables written row by row, where a second
 * row must be refused at once); bulk-written tables have their key checked instead (check.ts),
 * since an index costs more than the load and DuckDB refuses a delete-then-insert of the same
 * key inside one transaction.
 *
 * A test fixture or a benchmark may create a table with only the columns it fills (`columns`);
 * their types still come from the declaration.
 *
 * @example
 *   await db.run(createTableSql(OFFERS));
 *   await db.run(createTableSql(FEATURES, { columns: ['merchant_id', 'as_of_date', 'turnover_30d_fen'] }));
 */
import { literal, quote } from '../db/index.ts';
import type { TableContract } from './table.ts';

export function createTableSql(table: TableContract, options: { columns?: readonly string[] } = {}): string {
  const unknown = options.columns?.filter((name) => !table.declared.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`table ${table.name} declares no column ${unknown.join(', ')}`);
  const declared = options.columns ? table.declared.filter((c) => options.columns!.includes(c.name)) : table.declared;
  const lines = declared.map((column) => {
    const values = column.values?.map(literal).join(', ');
    const type = columnType(table, column.name);
    const check = values && table.enums !== 'enum' ? ` CHECK (${quote(column.name)} IN (${values}))` : '';
    const fallback = column.defaultSql ? ` DEFAULT ${column.defaultSql}` : '';
    return `  ${quote(column.name)} ${type}${column.nullable ? '' : ' NOT NULL'}${fallback}${check}`;
  });
  if (table.primaryKey) lines.push(`  PRIMARY KEY (${table.key.map(quote).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${qualified(table.name)} (\n${lines.join(',\n')}\n)`;
}

/**
 * A column's SQL type as the table stores it: its ENUM of the declared values where the table
 * keeps closed sets as ENUMs, else the schema's type. A query that builds the table casts to it.
 *
 * @example
 *   columnType(LABELS, 'label_status'); // "ENUM('good', 'default', 'censored', 'excluded')"
 */
export function columnType(table: TableContract, name: string): string {
  const column = table.declared.find((c) => c.name === name);
  if (!column) throw new Error(`table ${table.name} declares no column ${name}`);
  return column.values && table.enums === 'enum' ? `ENUM(${column.values.map(literal).join(', ')})` : column.sqlType;
}

/** 'schema.table' with each part quoted. */
export function qualified(name: string): string {
  return name.split('.').map(quote).join('.');
}
