/**
 * SQL files beside their runners. A file holds one statement of named CTEs and opens with its
 * grain line (`-- grain: one row per ...`). Slots written `{{name}}` take SQL text generated from
 * code (identifiers, schema-derived expressions), never data values: values are bound parameters.
 *
 * @example
 *   const sql = readSql(import.meta.url, 'turnover.sql');
 *   await db.run(`CREATE TABLE t AS ${sql}`, { as_of_date: '2024-06-01' });
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, string>();

/** Reads `name` from the folder of `moduleUrl`, checks its grain line and fills its slots. */
export function readSql(moduleUrl: string, name: string, slots: Record<string, string> = {}): string {
  const path = fileURLToPath(new URL(name, moduleUrl));
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    if (!/^-- grain: .+/.test(text)) throw new Error(`${path}: a pipeline SQL file must open with '-- grain: ...'`);
    cache.set(path, text);
  }
  const filled = text.replace(/\{\{(\w+)\}\}/g, (_, slot: string) => {
    if (!(slot in slots)) throw new Error(`${path}: no value for slot {{${slot}}}`);
    return slots[slot];
  });
  return filled.replace(/;\s*$/, '');
}

/** The grain line of a SQL file, e.g. 'one row per merchant_id per turnover_date'. */
export function grainOf(moduleUrl: string, name: string): string {
  const path = fileURLToPath(new URL(name, moduleUrl));
  return /^-- grain: (.+)$/m.exec(readFileSync(path, 'utf8'))?.[1].trim() ?? '';
}
