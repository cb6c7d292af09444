/** The simulator's SQL files (sql/), and the typed wrapper that gives a query its schema's shape. */
import { readFileSync } from 'node:fs';
import { castSelectList, createEnumTypesSql } from '../db/index.ts';
import { LAKE_TABLES } from '../schema/index.ts';

export function sqlFile(name: string): string {
  return readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');
}

/**
 * Wraps a table's SQL so its output has exactly the schema's columns, order and types; enum
 * columns keep the ENUM types of `stageEnumTypes` (Parquet stores them as text all the same).
 */
export function typed(table: keyof typeof LAKE_TABLES, query: string): string {
  return `SELECT ${castSelectList(LAKE_TABLES[table].schema, { enumPrefix: table })} FROM (\n${query.replace(/;\s*$/, '')}\n)`;
}

/** The ENUM types of every lake table's enum columns, named `<table>_<column>`. */
export function enumTypesSql(): string {
  return Object.entries(LAKE_TABLES).map(([table, { schema }]) => createEnumTypesSql(table, schema)).join('\n');
}
