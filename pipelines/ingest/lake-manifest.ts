/**
 * A lake's `_SUCCESS.json`: written last by whoever wrote the lake, it says how many rows each
 * table's files hold. Ingest refuses a manifest that is not JSON or whose counts are not counts
 * (naming the field), and after loading compares the counts with the rows its files held: a lake
 * copied in part, or a file added or lost since, shows up as a table whose counts disagree.
 *
 * @example
 *   const manifest = readLakeManifest('data/lake'); // { rows: { merchants: 2000, payments: ... } }
 *   const mismatches = await compareManifest(db, manifest, discoverLake('data/lake'));
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Database } from '../../engine/db/index.ts';
import { LAKE_TABLES, type LakeTable } from '../../engine/schema/index.ts';
import { WAREHOUSE_TABLE } from '../warehouse.ts';
import { SUCCESS_MARKER, type LakeFile } from './discover.ts';
import { IngestFileError } from './errors.ts';

const RowCount = z.number().int().min(0);

/** The fields ingest reads; writers may add others (format, options, finished_at...). */
export const LakeManifestSchema = z.looseObject({
  rows: z.strictObject(Object.fromEntries(Object.keys(LAKE_TABLES).map((table) => [table, RowCount.optional()])) as Record<LakeTable, z.ZodOptional<typeof RowCount>>),
});
export type LakeManifest = z.infer<typeof LakeManifestSchema>;

export interface ManifestMismatch {
  table: LakeTable;
  /** Rows the manifest says the table's files hold. */
  manifest: number;
  /** Rows read from the table's files (as logged by their last load). */
  files: number;
}

/** The lake's manifest, checked; null when there is none. */
export function readLakeManifest(lake: string): LakeManifest | null {
  const path = join(lake, SUCCESS_MARKER);
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new IngestFileError(path, `not JSON (${(error as Error).message})`);
  }
  const parsed = LakeManifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const keys = 'keys' in issue ? (issue.keys as string[]) : [];
      const field = [...issue.path, ...keys.slice(0, 1)].join('.') || '(top)';
      return `${field}: ${keys.length > 0 ? `not a lake table (tables: ${Object.keys(LAKE_TABLES).join(', ')})` : issue.message}`;
    });
    throw new IngestFileError(path, problems.join('; '));
  }
  return parsed.data;
}

/** Tables whose files (as last loaded) hold another number of rows than the manifest says. */
export async function compareManifest(db: Database, manifest: LakeManifest, files: LakeFile[]): Promise<ManifestMismatch[]> {
  const read = await db.all<{ table_name: string; n: number }>(
    `SELECT table_name, sum(rows_read) AS n FROM ingest_log
     WHERE path IN (SELECT unnest(string_split($paths, chr(10)))) GROUP BY table_name`,
    { paths: files.map((file) => file.path).join('\n') },
  );
  const byTable = new Map(read.map((row) => [row.table_name, Number(row.n)]));
  const tables = new Set<LakeTable>([...(Object.keys(manifest.rows) as LakeTable[]), ...files.map((file) => file.table)]);
  const mismatches: ManifestMismatch[] = [];
  for (const table of Object.keys(LAKE_TABLES) as LakeTable[]) {
    if (!tables.has(table)) continue;
    const said = manifest.rows[table] ?? 0;
    const held = byTable.get(WAREHOUSE_TABLE[table]) ?? 0;
    if (said !== held) mismatches.push({ table, manifest: said, files: held });
  }
  return mismatches;
}

/** One line per mismatch: `payments: _SUCCESS.json says 1,005 rows, the lake's files hold 1,000`. */
export function formatManifestMismatches(mismatches: ManifestMismatch[]): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return mismatches.map((m) => `${m.table}: ${SUCCESS_MARKER} says ${n(m.manifest)} rows, the lake's files hold ${n(m.files)}`).join('\n');
}
