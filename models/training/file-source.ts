/**
 * Any table as a training set (`capillary train --data FILE --target COLUMN`): a Parquet or CSV
 * file is read by DuckDB (read_parquet / read_csv with type detection) into a temp table, then
 * through readLabelledTable like the warehouse. A column named `as_of_date` (or the one given)
 * makes the split out of time; without one the split is random, stratified by the target.
 *
 * @example
 *   const table = await loadFileTable(db, { path: 'germancredit.csv', target: 'creditability' });
 */
import { quote, type Database } from '../../engine/db/index.ts';
import { loadFile } from '../data/read-file.ts';
import type { LabelledTable } from './labelled-table.ts';
import { readLabelledTable } from './read-table.ts';

export interface FileTableOptions {
  path: string;
  target: string;
  positive?: string;
  /** Column of as-of dates; defaults to `as_of_date` when the file has it. */
  dateColumn?: string;
  /** Columns to leave out of the features (ids, leaky columns). */
  exclude?: string[];
  /** Column naming the entity of each row (a customer id), when rows repeat entities over dates. */
  idColumn?: string;
  /** Keep only rows dated in this window (needs a date column). */
  from?: string;
  to?: string;
}

export async function loadFileTable(db: Database, options: FileTableOptions): Promise<LabelledTable> {
  const path = await loadFile(db, options.path, 'training_source');
  const columns = (await db.all<{ column_name: string }>('DESCRIBE training_source')).map((c) => c.column_name);
  const dateColumn = options.dateColumn ?? (columns.includes('as_of_date') ? 'as_of_date' : null);
  if (dateColumn && !columns.includes(dateColumn)) throw new Error(`date column ${dateColumn} not found in ${path}`);
  for (const name of options.exclude ?? []) if (!columns.includes(name)) throw new Error(`column ${name} (to exclude) not found in ${path}`);
  if (options.idColumn && !columns.includes(options.idColumn)) throw new Error(`id column ${options.idColumn} not found in ${path}`);
  const windowed = options.from !== undefined || options.to !== undefined;
  if (windowed) {
    if (!dateColumn) throw new Error(`a date window needs a date column: ${path} has no as_of_date (name one with --date-column)`);
    await db.run(`DELETE FROM training_source WHERE NOT (CAST(${quote(dateColumn)} AS DATE) BETWEEN CAST($from AS DATE) AND CAST($to AS DATE))`, {
      from: options.from ?? '0001-01-01',
      to: options.to ?? '9999-12-31',
    });
  }
  const rows = await db.one<{ n: number }>('SELECT count(*) AS n FROM training_source');
  if (Number(rows!.n) === 0) throw new Error(windowed ? `${path} has no rows dated ${options.from ?? '…'} to ${options.to ?? '…'}` : `${path} has no rows`);
  return readLabelledTable(db, {
    relation: 'training_source',
    target: options.target,
    positive: options.positive,
    dateColumn,
    exclude: options.exclude,
    entityColumn: options.idColumn ?? null,
    source: path,
  });
}
