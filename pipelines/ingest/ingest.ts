/**
 * Ingest: loads a lake (or files dropped by hand) into the warehouse, file by file, each in its
 * own transaction. A file already loaded with the same content is skipped (size and
 * modification time first, then the checksum); a changed file replaces what it loaded before;
 * a new file for an old day simply loads. The first file that cannot be read stops the ingest
 * with an error naming it; everything before it stays loaded, so a rerun continues from there.
 *
 * @example
 *   const summary = await ingestLake(db, 'data/lake');
 *   console.log(formatReconciliation(summary));
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { discoverLake, SUCCESS_MARKER, type LakeFile } from './discover.ts';
import { fileStat, sha256 } from './file-facts.ts';
import { loadFile, type FileResult } from './load-file.ts';
import { tableTotals, type TableTotals } from './reconcile.ts';

export interface IngestOptions {
  /** Refuse a lake folder without _SUCCESS.json (a lake still being written); default true. */
  requireFinished?: boolean;
  onProgress?: ProgressListener;
  /** Clock for the ingest log's loaded_at. */
  now?: () => Date;
}

export interface IngestSummary {
  /** Files loaded or replaced by this ingest. */
  files: FileResult[];
  /** Files already loaded with the same content. */
  unchanged: number;
  totals: TableTotals[];
}

type LoggedFile = {
  file_id: number;
  path: string;
  size_bytes: number;
  modified_ms: number;
  checksum: string;
};

export class UnfinishedLakeError extends Error {
  constructor(lake: string) {
    super(`${lake} is not a finished lake: ${SUCCESS_MARKER} is missing (is the simulator still writing it?)`);
    this.name = 'UnfinishedLakeError';
  }
}

export async function ingestLake(db: Database, lake: string, options: IngestOptions = {}): Promise<IngestSummary> {
  const root = resolve(lake);
  if (!existsSync(root)) throw new Error(`lake folder not found: ${root}`);
  if ((options.requireFinished ?? true) && !existsSync(join(root, SUCCESS_MARKER))) throw new UnfinishedLakeError(root);
  return ingestFiles(db, discoverLake(root), options);
}

export async function ingestFiles(db: Database, files: LakeFile[], options: IngestOptions = {}): Promise<IngestSummary> {
  const progress = options.onProgress ?? silentProgress;
  const now = options.now ?? (() => new Date());
  await ensureWarehouse(db);
  const logged = new Map(
    (await db.all<LoggedFile>('SELECT file_id, path, size_bytes, modified_ms, checksum FROM ingest_log')).map((row) => [row.path, row]),
  );
  const results: FileResult[] = [];
  let unchanged = 0;
  progress({ stage: 'ingest', done: 0, total: files.length, unit: 'files' });
  for (const [index, file] of files.entries()) {
    const before = logged.get(file.path);
    const { size, modifiedMs } = await fileStat(file.path);
    if (before && Number(before.size_bytes) === size && Number(before.modified_ms) === modifiedMs) {
      unchanged++;
    } else {
      const checksum = await sha256(file.path);
      if (before && before.checksum === checksum) {
        await db.run('UPDATE ingest_log SET modified_ms = $modified_ms WHERE file_id = $file_id', { modified_ms: modifiedMs, file_id: before.file_id });
        unchanged++;
      } else {
        results.push(await loadFile(db, file, { size, modifiedMs, checksum }, before ? Number(before.file_id) : null, now()));
      }
    }
    progress({ stage: 'ingest', done: index + 1, total: files.length, unit: 'files' });
  }
  return { files: results, unchanged, totals: tableTotals(results) };
}
