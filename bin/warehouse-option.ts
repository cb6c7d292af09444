/**
 * The `--db FILE` option, checked before anything opens it: opening a DuckDB file creates it
 * (and its folders), and the token secret is written beside it, so a mistyped path would leave an
 * empty warehouse or a stray secret behind. A path that is a folder or a file other than a DuckDB
 * database is refused, and so is a missing one unless the command builds warehouses (ingest).
 *
 * @example
 *   const db = await Database.open(warehousePath(values, { create: false }));
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type { OptionValues } from './command.ts';
import { UsageError } from './usage-error.ts';

/** A DuckDB database file holds these bytes after its 8-byte header checksum. */
const DUCKDB_MAGIC = 'DUCK';

export function warehousePath(values: OptionValues, { create }: { create: boolean }): string {
  const path = String(values.db ?? '');
  if (path === '') throw new UsageError('--db: a warehouse file is required');
  if (path === ':memory:') return path;
  if (!existsSync(path)) {
    if (create) return path;
    throw new UsageError(`--db: no warehouse at ${path} (capillary ingest --lake DIR --db ${path} builds one)`);
  }
  if (statSync(path).isDirectory()) throw new UsageError(`--db: ${path} is a folder, not a warehouse file`);
  if (!isDuckDbFile(path)) throw new UsageError(`--db: ${path} is not a DuckDB warehouse`);
  return path;
}

function isDuckDbFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(12);
    const read = readSync(fd, header, 0, header.length, 0);
    return read === header.length && header.subarray(8, 12).toString('latin1') === DUCKDB_MAGIC;
  } finally {
    closeSync(fd);
  }
}
