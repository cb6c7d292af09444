/** The simulator's SQL files (sql/), and the typed wrapper that gives a query its schema's shape. */
import { readFileSync } from 'node:fs';
import { castSelectList } from '../db/index.ts';
import { LAKE_TABLES } from '../schema/index.ts';

export function sqlFile(name: string): string {
  return readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');
}

/** Wraps a table's SQL so its output has exactly the schema's columns, order and types. */
export function typed(table: keyof typeof LAKE_TABLES, query: string): string {
  return `SELECT ${castSelectList(LAKE_TABLES[table].schema)} FROM (\n${query.replace(/;\s*$/, '')}\n)`;
}
