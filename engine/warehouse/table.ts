/**
 * How one warehouse table is declared: its name, its grain as a sentence, its key, the zod
 * schema of its rows, and each column's meaning and unit. Column names and types come from the
 * schema alone; the declaration's `columns` is typed by the schema's keys, so a column without
 * a meaning, or a meaning without a column, does not compile.
 *
 * @example
 *   export const LABELS = defineTable({ name: 'labels', grain: 'one row per merchant per as-of date',
 *     key: ['merchant_id', 'as_of_date'], schema: LabelSchema, writtenBy: 'run (labels)',
 *     columns: { merchant_id: 'the merchant', ... } });
 */
import type { z } from 'zod';
import { columnsOf, TIME_CONVENTION, type ColumnSpec } from '../db/index.ts';

/** A column's meaning, and its unit where the name and type do not already say it. */
export type ColumnDoc = string | { meaning: string; unit: string };

export interface TableSpec<S extends z.ZodObject = z.ZodObject> {
  /** 'table' or 'schema.table'. */
  name: string;
  /** One sentence: what one row is. */
  grain: string;
  key: readonly (keyof S['shape'] & string)[];
  schema: S;
  columns: { [K in keyof S['shape'] & string]: ColumnDoc };
  /** Which command or step writes it. */
  writtenBy: string;
  /**
   * 'ddl': created empty from this declaration (ensureWarehouse); 'query': built whole by a
   * pipeline step's SQL, whose result must match this declaration (`capillary check`).
   */
  createdBy: 'ddl' | 'query';
  /** Enum columns as DuckDB ENUMs (a byte a row: the lake's large tables) or VARCHAR with a CHECK. */
  enums?: 'enum' | 'check';
  /** Columns that must name a row of another table: column → 'table.column'. */
  references?: Partial<Record<keyof S['shape'] & string, string>>;
  /** Enforce the key as a PRIMARY KEY (ddl.ts says when). */
  primaryKey?: boolean;
  /** Statements to run before the table is created (sequences) and after (indexes). */
  before?: readonly string[];
  after?: readonly string[];
}

export interface DeclaredColumn extends ColumnSpec {
  meaning: string;
  unit: string;
  /** The time convention, for TIMESTAMP columns. */
  convention: string | null;
}

export interface TableContract extends TableSpec {
  /** The columns in order, with their SQL type, nullability, accepted values, meaning and unit. */
  declared: DeclaredColumn[];
}

export function defineTable<S extends z.ZodObject>(spec: TableSpec<S>): TableContract {
  const docs = spec.columns as Record<string, ColumnDoc>;
  const declared = columnsOf(spec.schema).map((column): DeclaredColumn => {
    const doc = docs[column.name];
    if (doc === undefined) throw new Error(`table ${spec.name}: column ${column.name} has no meaning`);
    const meaning = typeof doc === 'string' ? doc : doc.meaning;
    const unit = typeof doc === 'string' ? unitOf(column) : doc.unit;
    return { ...column, meaning, unit, convention: column.sqlType === 'TIMESTAMP' ? TIME_CONVENTION : null };
  });
  return { ...(spec as unknown as TableSpec), declared };
}

/** The unit a column's name or type states by the house conventions (DESIGN.md §3). */
function unitOf(column: ColumnSpec): string {
  if (column.name.endsWith('_fen')) return 'fen';
  if (column.sqlType === 'TIMESTAMP') return 'CST wall-clock time';
  if (column.sqlType === 'DATE') return 'day';
  if (column.sqlType === 'BOOLEAN') return 'flag';
  if (column.name.endsWith('_id') || column.name.endsWith('_key')) return 'id';
  if (column.values) return 'category';
  if (column.name.startsWith('n_') || column.name.startsWith('rows_')) return 'count';
  if (column.name.endsWith('_ms')) return 'milliseconds';
  if (column.sqlType === 'VARCHAR' || column.sqlType === 'JSON') return 'text';
  throw new Error(`column ${column.name} (${column.sqlType}): state its unit in the declaration`);
}
