/**
 * Table definitions derived from a record's zod schema, so that a table can never drift from
 * the record it stores.
 *
 * @example
 *   await db.run(createTableSql('payments', PaymentSchema));
 */
import type { z } from 'zod';
import { literal, quote } from './sql-text.ts';

export interface ColumnSpec {
  name: string;
  sqlType: string;
  nullable: boolean;
  /** Allowed values, for enum columns. */
  values?: readonly string[];
}

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown> }; meta?: () => Record<string, unknown> | undefined };

/** The columns of a record schema, in declaration order. */
export function columnsOf(schema: z.ZodObject): ColumnSpec[] {
  return Object.entries(schema.shape).map(([name, field]) => describe(name, field as AnyZod));
}

/** `CREATE TABLE IF NOT EXISTS` for a record schema, NOT NULL where the schema says so. */
export function createTableSql(table: string, schema: z.ZodObject, options: { primaryKey?: string[] } = {}): string {
  const lines = columnsOf(schema).map((column) => {
    const check = column.values ? ` CHECK (${quote(column.name)} IN (${column.values.map(literal).join(', ')}))` : '';
    return `  ${quote(column.name)} ${column.sqlType}${column.nullable ? '' : ' NOT NULL'}${check}`;
  });
  if (options.primaryKey) lines.push(`  PRIMARY KEY (${options.primaryKey.map(quote).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${table} (\n${lines.join(',\n')}\n)`;
}

export interface CastOptions {
  omit?: readonly string[];
  /** Cast enum columns to the ENUM types made by `createEnumTypesSql(prefix, ...)`. */
  enumPrefix?: string;
}

/** A SELECT list that casts each column of `schema` to its type, e.g. to write typed Parquet. */
export function castSelectList(schema: z.ZodObject, options: CastOptions = {}): string {
  return columnsOf(schema)
    .filter((column) => !options.omit?.includes(column.name))
    .map((column) => {
      const type = column.values && options.enumPrefix ? enumTypeName(options.enumPrefix, column.name) : column.sqlType;
      return `CAST(${quote(column.name)} AS ${type}) AS ${quote(column.name)}`;
    })
    .join(', ');
}

/** The ENUM type of an enum column: `<prefix>_<column>`. */
export function enumTypeName(prefix: string, column: string): string {
  return `${prefix}_${column}`;
}

/**
 * One DuckDB ENUM type per enum column of `schema`. An ENUM is one byte per row where text is
 * a string: far cheaper to compute, store and group, and Parquet writes it as text.
 */
export function createEnumTypesSql(prefix: string, schema: z.ZodObject): string {
  return columnsOf(schema)
    .filter((column) => column.values)
    .map((column) => {
      const name = enumTypeName(prefix, column.name);
      return `DROP TYPE IF EXISTS ${name}; CREATE TYPE ${name} AS ENUM (${column.values!.map(literal).join(', ')});`;
    })
    .join('\n');
}

function describe(name: string, field: AnyZod): ColumnSpec {
  let node = field;
  let nullable = false;
  let sqlType: string | undefined = metaSql(node);
  while (node._zod.def.type === 'nullable' || node._zod.def.type === 'optional' || node._zod.def.type === 'default') {
    nullable = true;
    node = node._zod.def.innerType as AnyZod;
    sqlType ??= metaSql(node);
  }
  const def = node._zod.def;
  let values: readonly string[] | undefined;
  switch (def.type) {
    case 'string':
      sqlType ??= def.format === 'date' ? 'DATE' : def.format === 'datetime' ? 'TIMESTAMP' : 'VARCHAR';
      break;
    case 'number':
      sqlType ??= (node as unknown as { isInt?: boolean }).isInt ? 'BIGINT' : 'DOUBLE';
      break;
    case 'boolean':
      sqlType ??= 'BOOLEAN';
      break;
    case 'enum':
      sqlType ??= 'VARCHAR';
      values = (node as unknown as { options: string[] }).options;
      break;
    default:
      throw new Error(`column ${name}: no SQL type for zod type '${String(def.type)}'; add .meta({ sql: ... })`);
  }
  return { name, sqlType, nullable, values };
}

function metaSql(node: AnyZod): string | undefined {
  const meta = typeof node.meta === 'function' ? node.meta() : undefined;
  return typeof meta?.sql === 'string' ? meta.sql : undefined;
}
