/**
 * Columns derived from a record's zod schema (name, DuckDB type, nullability, accepted values),
 * and the casts and ENUM types that write a record as typed Parquet. Tables are declared and
 * created by the warehouse contract (engine/warehouse), from these columns.
 *
 * @example
 *   columnsOf(PaymentSchema).map((column) => column.sqlType);
 */
import type { z } from 'zod';
import { literal, quote } from './sql-text.ts';

export interface ColumnSpec {
  name: string;
  sqlType: string;
  nullable: boolean;
  /** Allowed values, for enum columns. */
  values?: readonly string[];
  /** A DEFAULT expression from the schema's metadata (`.meta({ default: ... })`). */
  defaultSql?: string;
}

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown> }; meta?: () => Record<string, unknown> | undefined };

/** The columns of a record schema, in declaration order. */
export function columnsOf(schema: z.ZodObject): ColumnSpec[] {
  return Object.entries(schema.shape).map(([name, field]) => describe(name, field as AnyZod));
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
  const defaultSql = metaOf(field).default;
  return { name, sqlType, nullable, values, ...(typeof defaultSql === 'string' ? { defaultSql } : {}) };
}

function metaSql(node: AnyZod): string | undefined {
  const sql = metaOf(node).sql;
  return typeof sql === 'string' ? sql : undefined;
}

function metaOf(node: AnyZod): Record<string, unknown> {
  return (typeof node.meta === 'function' ? node.meta() : undefined) ?? {};
}
