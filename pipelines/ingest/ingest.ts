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
 * No row is lost or doubled by the order files arrive in: when a file's rows leave its table (the
 * file changed, or a later row conflicts with one of them), the files of that table holding
 * duplicates or conflicts are loaded again, until nothing moves. `recheckQuarantine` loads again
 * the files with quarantined rows, after the registry (say) was fixed.
 *
 * @example
 *   const summary = await ingestLake(db, 'data/lake');
 *   console.log(formatReconciliation(summary.totals));
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../../engine/db/index.ts';
import { silentProgress, type ProgressListener } from '../../engine/progress.ts';
import type { LakeTable } from '../../engine/schema/index.ts';
import { ensureWarehouse, WAREHOUSE_TABLE } from '../warehouse.ts';
import { describeFile, discoverLake, SUCCESS_MARKER, type LakeFile } from './discover.ts';
import { compareManifest, readLakeManifest, type ManifestMismatch } from './lake-manifest.ts';
import { fileStat, sha256 } from './file-facts.ts';
import { IngestFileError } from './errors.ts';
import { BatchReadError, loadBatch, type BatchResult, type FileResult, type PendingFile } from './load-batch.ts';
import { tableTotals, type TableTotals } from './reconcile.ts';
import { openSource, type OpenedSource, type SourceFormat } from './source-file.ts';
import { CONFLICT_SUFFIX, rulesFor } from './table-rules.ts';

export interface IngestOptions {
  /** Refuse a lake folder without _SUCCESS.json (a lake still being written); default true. */
  requireFinished?: boolean;
  onProgress?: ProgressListener;
  /** Clock for the ingest log's loaded_at. */
  now?: () => Date;
}

export interface IngestSummary {
  /** Files loaded or replaced by this ingest (a file loaded again appears once per load). */
  files: FileResult[];
  /** Files already loaded with the same content. */
  unchanged: number;
  totals: TableTotals[];
  /** Tables whose files hold another number of rows than the lake's _SUCCESS.json says. */
  manifestMismatches: ManifestMismatch[];
}

type LoggedFile = {
  file_id: number;
  path: string;
  table_name: string;
  format: string;
  size_bytes: number;
  modified_ms: number;
  checksum: string;
};

/** Rounds of loading files again after others changed; each round settles what the last moved. */
const MAX_RELOAD_ROUNDS = 8;

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
  const manifest = readLakeManifest(root);
  const files = discoverLake(root);
  const summary = await ingestFiles(db, files, options);
  return { ...summary, manifestMismatches: manifest ? await compareManifest(db, manifest, files) : [] };
}

export interface RecheckSummary {
  files: FileResult[];
  /** Quarantined rows that now pass (or are duplicates of loaded rows), kept in quarantine as released. */
  released: number;
  totals: TableTotals[];
}

/**
 * Loads again every file that has rows in quarantine, with the warehouse as it is now (a fixed
 * merchant registry, a payment that arrived since): rows that now pass load, and their quarantine
 * rows are marked released (kept, with when). A file no longer where it was, or changed since, is
 * left for the next ingest of its lake; a file whose quarantine holds rows its ingest did not put
 * there (the API's payment batches) is left as it is.
 */
export async function recheckQuarantine(db: Database, options: IngestOptions = {}): Promise<RecheckSummary> {
  await ensureWarehouse(db);
  const held = await db.all<LoggedFile>(
    `SELECT log.file_id, log.path, log.table_name, log.format, log.size_bytes, log.modified_ms, log.checksum
     FROM ingest_log AS log
     JOIN (SELECT file_id, count(*) AS n FROM quarantine WHERE released_at IS NULL GROUP BY file_id) AS q USING (file_id)
     WHERE q.n = log.rows_quarantined
     ORDER BY log.path`,
  );
  const pending = (await reloadable(held)).map((file) => ({ ...file, reload: true }));
  const results = await loadPending(db, pending, options, pending.length, 0);
  const files = [...results.files, ...(await settle(db, results, options))];
  return { files, released: files.reduce((sum, file) => sum + file.released, 0), totals: tableTotals(files) };
}

export async function ingestFiles(db: Database, files: LakeFile[], options: IngestOptions = {}): Promise<IngestSummary> {
  await ensureWarehouse(db);
  const logged = new Map(
    (await db.all<LoggedFile>('SELECT file_id, path, table_name, format, size_bytes, modified_ms, checksum FROM ingest_log')).map((row) => [row.path, row]),
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
  const loaded = await loadPending(db, pending, options, files.length, unchanged);
  const results = [...loaded.files, ...(await settle(db, loaded, options))];
  return { files: results, unchanged, totals: tableTotals(results), manifestMismatches: [] };
}

interface LoadedFiles {
  files: FileResult[];
  /** Files outside their batch whose loaded rows conflict with a row loaded since. */
  conflicted: number[];
  /** Tables that no longer hold some key a replaced file had loaded. */
  keysLeft: Set<string>;
}

/** Loads pending files in batches (consecutive files of one table with the same columns and types). */
async function loadPending(db: Database, pending: PendingFile[], options: IngestOptions, total: number, alreadyDone: number): Promise<LoadedFiles> {
  const progress = options.onProgress ?? silentProgress;
  const now = options.now ?? (() => new Date());
  // Progress counts the files looked at; each batch loads when the next file cannot join it.
  let done = alreadyDone;
  const report = () => progress({ stage: 'ingest', done, total, unit: 'files' });
  report();
  const sources = new SourceCache(db);
  await sources.prefetch(pending);
  const results: FileResult[] = [];
  const conflicted = new Set<number>();
  const keysLeft = new Set<string>();
  let batch: { files: PendingFile[]; source: OpenedSource; bytes: number } | null = null;
  const flush = async () => {
    if (!batch) return;
    const { files: inBatch, source } = batch;
    batch = null;
    const loaded = await loadWithRetry(db, inBatch, source, now());
    results.push(...loaded.results);
    for (const id of loaded.conflicted) conflicted.add(id);
    if (loaded.keysLeft > 0) keysLeft.add(rulesFor(inBatch[0].table).target);
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
    if (done < total) report();
  }
  await flush();
  if (total > 0) {
    done = total;
    report();
  }
  return { files: results, conflicted: [...conflicted], keysLeft };
}

/**
 * After files changed, loads again what they may have unsettled, until nothing moves: the files
 * whose loaded rows conflict with a newer row, and, in every table that lost a key (a replaced
 * file no longer has it, or its rows became a conflict), the files holding duplicates or
 * conflicts, whose rows may now load or now conflict.
 */
async function settle(db: Database, first: LoadedFiles, options: IngestOptions): Promise<FileResult[]> {
  const all: FileResult[] = [];
  let last = first;
  for (let round = 0; round < MAX_RELOAD_ROUNDS && (last.conflicted.length > 0 || last.keysLeft.size > 0); round++) {
    const again = await db.all<LoggedFile>(
      `SELECT log.file_id, log.path, log.table_name, log.format, log.size_bytes, log.modified_ms, log.checksum
       FROM ingest_log AS log
       WHERE log.file_id IN (SELECT TRY_CAST(unnest(string_split($ids, ',')) AS INTEGER))
          OR (log.table_name IN (SELECT unnest(string_split($tables, chr(10))))
              AND (log.rows_duplicate > 0 OR log.file_id IN (SELECT file_id FROM quarantine WHERE released_at IS NULL AND ends_with(reason, $conflict))))
       ORDER BY log.path`,
      { ids: last.conflicted.join(','), tables: [...last.keysLeft].join('\n'), conflict: CONFLICT_SUFFIX },
    );
    const pending = (await reloadable(again)).map((file) => ({ ...file, reload: true }));
    if (pending.length === 0) break;
    last = await loadPending(db, pending, { ...options, onProgress: silentProgress }, pending.length, 0);
    all.push(...last.files);
  }
  return all;
}

/** Logged files still on disk with the content they were loaded with, as files to load again. */
async function reloadable(logged: LoggedFile[]): Promise<PendingFile[]> {
  const pending: PendingFile[] = [];
  for (const row of logged) {
    const table = LAKE_TABLE_OF.get(row.table_name);
    if (!table || !existsSync(row.path)) continue;
    const { size, modifiedMs } = await fileStat(row.path);
    if (size !== Number(row.size_bytes) || (await sha256(row.path)) !== row.checksum) continue;
    const file = describeFile(row.path, table, row.format as SourceFormat);
    pending.push({ ...file, size, modifiedMs, checksum: () => Promise.resolve(row.checksum), previousFileId: Number(row.file_id) });
  }
  return pending;
}

const LAKE_TABLE_OF = new Map(Object.entries(WAREHOUSE_TABLE).map(([lake, target]) => [target, lake as LakeTable]));

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
async function loadWithRetry(db: Database, files: PendingFile[], source: OpenedSource, loadedAt: Date): Promise<BatchResult> {
  try {
    return await loadBatch(db, files, source, loadedAt);
  } catch (error) {
    if (!(error instanceof BatchReadError)) throw error;
    const all: BatchResult = { results: [], conflicted: [], keysLeft: 0 };
    for (const file of files) {
      const one = await loadBatch(db, [file], source, loadedAt);
      all.results.push(...one.results);
      all.conflicted.push(...one.conflicted);
      all.keysLeft += one.keysLeft;
    }
    return all;
  }
}
