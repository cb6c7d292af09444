/**
 * Ingest: loads a lake (or files dropped by hand) into the warehouse. A file already loaded with
 * the same content is skipped (size and modification time first, then the checksum); a changed
 * file replaces what it loaded before; a new file for an old day simply loads. Files to load go
 * in batches (consecutive files of one table with the same columns and types, read together in
 * one pass and loaded in one transaction, each still logged and reconciled on its own), so a
 * lake of many small day files costs a few statements per batch, not per file. The first file
 * that cannot be read stops the ingest with an error naming it; everything before it stays
 * loaded, so a rerun continues from there.
 *
 * @example
 *   const summary = await ingestLake(db, 'data/lake');
 *   console.log(formatReconciliation(summary.totals));
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import { ensureWarehouse } from '../warehouse.ts';
import { discoverLake, SUCCESS_MARKER, type LakeFile } from './discover.ts';
import { fileStat, sha256 } from './file-facts.ts';
import { IngestFileError } from './errors.ts';
import { BatchReadError, loadBatch, type FileResult, type PendingFile } from './load-batch.ts';
import { tableTotals, type TableTotals } from './reconcile.ts';
import { openSource, type OpenedSource } from './source-file.ts';
import { rulesFor } from './table-rules.ts';

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

/** A batch closes at this many files or bytes (a batch's rejects and its transaction stay small). */
const BATCH_FILES = 256;
const BATCH_BYTES = 64 * 1024 * 1024;

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
  // Which files are new or changed: same size and modification time, or same checksum, is not.
  const pending: PendingFile[] = [];
  let unchanged = 0;
  for (const file of files) {
    const before = logged.get(file.path);
    const { size, modifiedMs } = await fileStat(file.path);
    if (before && Number(before.size_bytes) === size && Number(before.modified_ms) === modifiedMs) {
      unchanged++;
      continue;
    }
    let checksum = () => sha256(file.path);
    if (before) {
      const known = await sha256(file.path);
      if (before.checksum === known) {
        await db.run('UPDATE ingest_log SET modified_ms = $modified_ms WHERE file_id = $file_id', { modified_ms: modifiedMs, file_id: before.file_id });
        unchanged++;
        continue;
      }
      checksum = () => Promise.resolve(known);
    }
    pending.push({ ...file, size, modifiedMs, checksum, previousFileId: before ? Number(before.file_id) : null });
  }
  // Progress counts the files looked at; each batch loads when the next file cannot join it.
  let done = unchanged;
  const report = () => progress({ stage: 'ingest', done, total: files.length, unit: 'files' });
  report();
  const sources = new SourceCache(db);
  await sources.prefetch(pending);
  const results: FileResult[] = [];
  let batch: { files: PendingFile[]; source: OpenedSource; bytes: number } | null = null;
  const flush = async () => {
    if (!batch) return;
    const { files: inBatch, source } = batch;
    batch = null;
    results.push(...(await loadWithRetry(db, inBatch, source, now())));
  };
  for (const file of pending) {
    let source: OpenedSource;
    try {
      // a batch lists its paths one per line
      if (file.path.includes('\n')) throw new IngestFileError(file.path, 'a path with a line break cannot be loaded');
      source = await sources.open(file);
    } catch (error) {
      await flush(); // the files before a bad one load
      throw error;
    }
    const joins = batch !== null && batch.source.signature === source.signature && batch.files[0].table === file.table
      && batch.files.length < BATCH_FILES && batch.bytes + file.size <= BATCH_BYTES && source.format === 'parquet';
    if (!joins) await flush();
    if (batch) {
      batch.files.push(file);
      batch.bytes += file.size;
    } else {
      batch = { files: [file], source, bytes: file.size };
    }
    done++;
    if (done < files.length) report();
  }
  await flush();
  if (files.length > 0) {
    done = files.length;
    report();
  }
  return { files: results, unchanged, totals: tableTotals(results) };
}

/**
 * Opened sources by the files' Parquet footers: the footers of many files are read in one query,
 * and a file whose footer schema matches one already opened reuses it instead of opening itself
 * (a lake of small day files would otherwise spend most of its time describing them).
 */
class SourceCache {
  private readonly footers = new Map<string, string>();
  private readonly opened = new Map<string, OpenedSource>();

  constructor(private readonly db: Database) {}

  async prefetch(files: PendingFile[]): Promise<void> {
    const parquet = files.filter((file) => file.format === 'parquet').map((file) => file.path);
    for (let i = 0; i < parquet.length; i += 512) {
      const chunk = parquet.slice(i, i + 512);
      const rows = await this.db
        .all<{ file_name: string; footer: string }>(
          `SELECT file_name, string_agg(concat_ws(':', name, type, repetition_type, converted_type, logical_type), ',' ORDER BY name) AS footer
           FROM parquet_schema(string_split($paths, chr(10))) GROUP BY file_name`,
          { paths: chunk.join('\n') },
        )
        .catch(() => []); // an unreadable file is named when it is opened on its own
      for (const row of rows) this.footers.set(row.file_name, row.footer);
    }
  }

  async open(file: PendingFile): Promise<OpenedSource> {
    const footer = this.footers.get(file.path);
    const key = footer === undefined ? null : `${file.table} ${file.partitionValue !== null} ${footer}`;
    const known = key === null ? undefined : this.opened.get(key);
    if (known) return known;
    const source = await openSource(this.db, file.path, file.format, rulesFor(file.table), file.partitionValue !== null);
    if (key !== null) this.opened.set(key, source);
    return source;
  }
}

/** A batch whose files cannot all be read is loaded again file by file, to name the bad one. */
async function loadWithRetry(db: Database, files: PendingFile[], source: OpenedSource, loadedAt: Date): Promise<FileResult[]> {
  try {
    return await loadBatch(db, files, source, loadedAt);
  } catch (error) {
    if (!(error instanceof BatchReadError)) throw error;
    const results: FileResult[] = [];
    for (const file of files) results.push(...(await loadBatch(db, [file], source, loadedAt)));
    return results;
  }
}
