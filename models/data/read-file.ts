/**
 * A data scientist's file (CSV, TSV or Parquet) into a DuckDB temp table, typed by DuckDB. In
 * text files `NA`, `N/A`, `null`, `NULL`, `NaN` and empty cells are missing values, so that a
 * numeric column with such gaps is read as numeric instead of silently becoming a category
 * (R and pandas write `NA` and `NaN` for missing numbers).
 *
 * @example
 *   await loadFile(db, 'germancredit.csv', 'training_source');
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { quote, type Database } from '../../engine/db/index.ts';
import { MISSING_TOKENS } from './missing.ts';

const nullstr = `[${MISSING_TOKENS.map((token) => `'${token}'`).join(', ')}]`;
const READERS: Record<string, string> = {
  '.parquet': 'read_parquet($path)',
  '.csv': `read_csv($path, nullstr = ${nullstr})`,
  '.tsv': `read_csv($path, delim = '\\t', nullstr = ${nullstr})`,
  '.txt': `read_csv($path, nullstr = ${nullstr})`,
};

/** Loads `path` into the temp table `table` (replacing it); errors say what is wrong with the file. */
export async function loadFile(db: Database, path: string, table: string): Promise<string> {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) throw new Error(`no such file: ${full}`);
  const reader = READERS[extname(full).toLowerCase()];
  if (!reader) throw new Error(`cannot read ${full}: expected a .parquet, .csv or .tsv file`);
  try {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${quote(table)} AS SELECT * FROM ${reader}`, { path: full });
  } catch (cause) {
    throw new Error(`cannot read ${full}: ${(cause instanceof Error ? cause.message : String(cause)).split('\n')[0]}`, { cause });
  }
  return full;
}
