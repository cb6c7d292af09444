/**
 * Finds the files of a lake: `<lake>/<table>/.../*.parquet|*.csv`, where the first folder names
 * the table (truth files are told apart by their file name), and Hive folders such as
 * `payment_date=2024-01-01/` give the partition value. Files come out in load order: the
 * registry first (other tables check their merchants against it), then by table and path.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { LAKE_TABLES, type LakeTable } from '../../engine/schema/index.ts';
import type { SourceFormat } from './source-file.ts';

export interface LakeFile {
  /** Absolute path: the file's identity in the ingest log. */
  path: string;
  table: LakeTable;
  format: SourceFormat;
  /** Value of the table's partition column from a `column=value` folder, if any. */
  partitionValue: string | null;
}

export const LOAD_ORDER: LakeTable[] = ['merchants', 'line_events', 'outcomes', 'settlements', 'payments', 'truth_merchants', 'truth_months'];

export const SUCCESS_MARKER = '_SUCCESS.json';

/** Every loadable file under `lake`, in load order. */
export function discoverLake(lake: string): LakeFile[] {
  const root = resolve(lake);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`lake folder not found: ${root}`);
  const files: LakeFile[] = [];
  for (const path of walk(root)) {
    const format = formatOf(path);
    if (!format) continue;
    const parts = relative(root, path).split(sep);
    const table = tableOf(parts);
    if (!table) continue;
    files.push(describeFile(path, table, format));
  }
  return sortForLoad(files);
}

/** A file given by hand (an export dropped somewhere) for a named table. */
export function describeFile(path: string, table: LakeTable, format: SourceFormat | null = formatOf(path)): LakeFile {
  if (!format) throw new Error(`${path}: not a .parquet or .csv file`);
  const partitionBy = LAKE_TABLES[table].partitionBy;
  let partitionValue: string | null = null;
  if (partitionBy) {
    const match = new RegExp(`(?:^|[\\\\/])${partitionBy}=([^\\\\/]+)[\\\\/]`).exec(path);
    partitionValue = match ? decodeURIComponent(match[1]) : null;
  }
  return { path: resolve(path), table, format, partitionValue };
}

export function sortForLoad(files: LakeFile[]): LakeFile[] {
  return [...files].sort((a, b) => LOAD_ORDER.indexOf(a.table) - LOAD_ORDER.indexOf(b.table) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function formatOf(path: string): SourceFormat | null {
  if (path.endsWith('.parquet')) return 'parquet';
  if (path.endsWith('.csv')) return 'csv';
  return null;
}

function tableOf(parts: string[]): LakeTable | null {
  if (parts.length < 2) return null;
  const [folder] = parts;
  const name = parts[parts.length - 1];
  if (folder === 'truth') {
    if (name.startsWith('truth_months')) return 'truth_months';
    if (name.startsWith('truth_merchants')) return 'truth_merchants';
    return null;
  }
  return folder in LAKE_TABLES && !folder.startsWith('truth') ? (folder as LakeTable) : null;
}

function* walk(folder: string): Generator<string> {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name.startsWith('_')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile()) yield path;
  }
}
