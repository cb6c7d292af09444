/**
 * Loads one batch of source files (of one table, with the same columns and types) in one
 * transaction: removes whatever earlier versions of these paths loaded, validates every row in one
 * pass over all the files, appends the valid rows, quarantines the rest with their reason, skips
 * duplicates and records each file in the ingest log. Either all of it lands or none of it does.
 * Rows are counted per file three ways (read from the files, loaded into the table, rejected) and
 * must reconcile for every file before the commit.
 */
import { cstTimestamp, quote, type Database, type Params } from '../../engine/db/index.ts';
import { checkSql, conflictParams, keyDay, loadCleanSql, loadSql, quarantineSql, readCountsSql, rejectsSql, repeatedKeysSql } from './batch-sql.ts';
import type { LakeFile } from './discover.ts';
import { IngestFileError, firstLine } from './errors.ts';
import type { OpenedSource } from './source-file.ts';
import { checkMerchantKeys, forgetMerchantKeys, rememberMerchantKeys, withMerchantKeys } from './merchant-keys.ts';
import { rulesFor, type TableRules } from './table-rules.ts';
import { WAREHOUSE_TABLE } from '../warehouse.ts';

/** A file to load: what the lake says about it, and the earlier version it replaces (if any). */
export interface PendingFile extends LakeFile {
  size: number;
  modifiedMs: number;
  /** SHA-256 of the file; the batch starts reading it while DuckDB works. */
  checksum: () => Promise<string>;
  previousFileId: number | null;
  /**
   * The same content loaded again (a recheck, or a file whose duplicates or conflicts another
   * file's change may have settled): its rows that leave the quarantine stay there, released.
   */
  reload?: boolean;
}

export interface FileResult {
  path: string;
  table: string;
  /** 'loaded' for a new file, 'replaced' for a changed one. */
  action: 'loaded' | 'replaced';
  read: number;
  loaded: number;
  quarantined: number;
  duplicates: number;
  /** Rows of a reloaded file that were quarantined before and no longer are. */
  released: number;
  ms: number;
}

export interface BatchResult {
  results: FileResult[];
  /** Files outside the batch whose loaded rows conflict with rows of the batch (to load again). */
  conflicted: number[];
  /** Keys that the replaced files had loaded and that no row of the table holds now. */
  keysLeft: number;
}

/** Reading or casting the batch's files failed; with one file, the error names it. */
export class BatchReadError extends Error {
  constructor(cause: unknown) {
    super(firstLine(cause), { cause });
    this.name = 'BatchReadError';
  }
}

const BATCH = 'ingest_batch';
const CHECKED = 'ingest_checked';
const REJECTS = 'ingest_rejects';
const HELD = 'ingest_held';
const RELEASED = 'ingest_released';
const LEFT = 'ingest_left';

export async function loadBatch(db: Database, files: PendingFile[], source: OpenedSource, loadedAt: Date): Promise<BatchResult> {
  const started = performance.now();
  const rules = rulesFor(files[0].table);
  const hashing = Promise.all(files.map((file) => file.checksum()));
  hashing.catch(() => undefined); // awaited below; a failure surfaces there
  const paths = files.map((file) => file.path).join('\n');
  const fail = (cause: unknown): never => {
    if (files.length > 1) throw new BatchReadError(cause);
    const [file] = files;
    throw new IngestFileError(file.path, `cannot be read as a ${file.table} ${file.format.toUpperCase()} file (${firstLine(cause)})`, cause);
  };
  // Parquet rows are numbered by the file itself, so their order in the table need not follow
  // the file's; CSV rows are numbered as read, which needs the order kept. Plain dictionary
  // compression is left out while loading: DuckDB then tries one method fewer on every column
  // it writes (a fifth less CPU per row; dict_fsst keeps the tables about as small).
  await db.run(`SET preserve_insertion_order = ${source.format === 'csv'}`);
  await db.run(`SET disabled_compression_methods = 'dictionary'`);
  try {
    return await db.transaction(async (tx) => {
      const keyed = rules.target === WAREHOUSE_TABLE.merchants;
      if (keyed) await rememberMerchantKeys(tx);
      const replaced = files.flatMap((file) => (file.previousFileId === null ? [] : [file.previousFileId]));
      const reloaded = files.flatMap((file) => (file.previousFileId === null || !file.reload ? [] : [file.previousFileId]));
      const inList = `file_id IN (SELECT TRY_CAST(unnest(string_split($file_ids, ',')) AS INTEGER))`;
      // The rows a reloaded file held, to tell which of them leave the quarantine.
      if (reloaded.length > 0) {
        await tx.run(`CREATE OR REPLACE TEMP TABLE ${HELD} AS SELECT * FROM quarantine WHERE ${inList} AND released_at IS NULL`, { file_ids: reloaded.join(',') });
      }
      const keyList = rules.key.map(quote).join(', ');
      if (replaced.length > 0) {
        await tx.run(`CREATE OR REPLACE TEMP TABLE ${LEFT} AS SELECT DISTINCT ${keyList} FROM ${rules.target} WHERE ${inList}`, { file_ids: replaced.join(',') });
        const ids = { file_ids: replaced.join(',') };
        await tx.run(`DELETE FROM ${rules.target} WHERE ${inList}`, ids);
        await tx.run(`DELETE FROM quarantine WHERE ${inList} AND released_at IS NULL`, ids);
        await tx.run(`DELETE FROM ingest_log WHERE ${inList}`, ids);
      }
      const next = Number((await tx.one<{ id: number }>('SELECT coalesce(max(file_id), 0) + 1 AS id FROM ingest_log'))!.id);
      let fresh = next;
      const fileIds = files.map((file) => file.previousFileId ?? fresh++);
      await tx.run(
        `CREATE OR REPLACE TEMP TABLE ${BATCH} AS
         SELECT
           CAST(unnest(range(0, $n)) AS UBIGINT) AS file_seq,
           CAST(unnest(string_split($file_ids, ',')) AS INTEGER) AS file_id,
           unnest(string_split($source_paths, chr(10))) AS source_path,
           nullif(unnest(string_split($partition_values, chr(10))), '') AS partition_value`,
        {
          n: files.length,
          file_ids: fileIds.join(','),
          source_paths: paths,
          partition_values: files.map((file) => file.partitionValue ?? '').join('\n'),
        },
      );
      const range = rules.rangeColumn ? await dayRange(tx, files, source, rules.rangeColumn).catch(fail) : {};
      const readRows = await tx.all<{ file_seq: number; n: number }>(readCountsSql(source), { source_paths: paths }).catch(fail);
      const batchIds = `file_id IN (SELECT file_id FROM ${BATCH})`;
      const read = readRows.reduce((sum, row) => sum + Number(row.n), 0);
      // The usual batch is clean (no bad row, no repeated key, no held conflict): it loads in one
      // read of its files, checked on the way in, and stands when every row read was loaded and no
      // key repeats. Any other batch is taken out again and judged row by row below.
      let clean = false;
      if (cleanLoadFits(rules, source)) {
        const loaded = await tx.run(`INSERT INTO ${rules.target} BY NAME ${loadCleanSql(rules, source)}`, { source_paths: paths }).catch(fail);
        clean = loaded === read && (await repeatedKeys(tx, rules, `FROM ${rules.target} WHERE ${batchIds}`)) === 0;
        if (!clean) await tx.run(`DELETE FROM ${rules.target} WHERE ${batchIds}`);
      }
      let conflicted: number[] = [];
      let rejected: { file_id: number; quarantined: number; duplicates: number }[] = [];
      if (!clean) {
        await tx.run(`CREATE OR REPLACE TEMP TABLE ${CHECKED} AS ${checkSql(rules, source)}`, { source_paths: paths }).catch(fail);
        const keyRange = await dayBounds(tx, rules, `FROM ${CHECKED} WHERE failed_check IS NULL`);
        await tx.run(`CREATE OR REPLACE TEMP TABLE ${REJECTS} AS ${rejectsSql(rules)}`, { ...conflictParams(rules), ...(rules.refundReference ? range : {}), ...keyRange });
        const conflicts = await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${REJECTS} WHERE reason = $conflict_reason`, { conflict_reason: rules.conflictReason });
        conflicted = Number(conflicts!.n) > 0 ? await conflictedFiles(tx, rules) : [];
        rejected = await tx.all<{ file_id: number; quarantined: number; duplicates: number }>(
          `SELECT file_id, count(*) FILTER (WHERE outcome = 'quarantined') AS quarantined, count(*) FILTER (WHERE outcome = 'duplicate') AS duplicates
           FROM ${REJECTS} GROUP BY file_id`,
        );
        const load = loadSql(rules, source, rejected.length > 0);
        await tx.run(`INSERT INTO ${rules.target} BY NAME ${keyed ? withMerchantKeys(`(${load}) AS loaded`) : load}`, { source_paths: paths }).catch(fail);
      }
      if (keyed) await checkMerchantKeys(tx);
      // (skipped without replaced files: the anti join would hash every row of the table)
      const left = replaced.length > 0 ? await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${LEFT} ANTI JOIN ${rules.target} USING (${keyList})`) : { n: 0 };
      const loadedRows = await tx.all<{ file_id: number; n: number }>(
        `SELECT file_id, count(*) AS n FROM ${rules.target} WHERE file_id IN (SELECT file_id FROM ${BATCH}) GROUP BY file_id`,
      );
      if (rejected.some((row) => Number(row.quarantined) > 0)) {
        await tx.run(
          `INSERT INTO quarantine (file_id, source_file, table_name, source_row, row_json, reason)
           SELECT file_id, source_path, $table_name, source_row, row_json, reason FROM (${quarantineSql(source)})`,
          { source_paths: paths, table_name: rules.target },
        ).catch(fail);
      }
      const quarantinedRows = await tx.all<{ file_id: number; n: number }>(
        `SELECT file_id, count(*) AS n FROM quarantine WHERE file_id IN (SELECT file_id FROM ${BATCH}) AND released_at IS NULL GROUP BY file_id`,
      );
      // Held before, not quarantined now: kept as released, for the audit. Rows are matched by
      // their content as read, not their number (the API's payment batches renumber theirs).
      // Only a reloaded file held rows before.
      let releasedRows: { file_id: number; n: number }[] = [];
      if (reloaded.length > 0) {
        await tx.run(
          `CREATE OR REPLACE TEMP TABLE ${RELEASED} AS
           SELECT * REPLACE (CAST($loaded_at AS TIMESTAMP) AS released_at)
           FROM ${HELD} AS before
           ANTI JOIN (SELECT file_id, CAST(row_json AS VARCHAR) AS row_text FROM quarantine WHERE released_at IS NULL) AS now
             ON now.file_id = before.file_id AND now.row_text = CAST(before.row_json AS VARCHAR)`,
          { loaded_at: cstTimestamp(loadedAt, 'millisecond') },
        );
        await tx.run(`INSERT INTO quarantine BY NAME SELECT * FROM ${RELEASED}`);
        releasedRows = await tx.all<{ file_id: number; n: number }>(`SELECT file_id, count(*) AS n FROM ${RELEASED} GROUP BY file_id`);
      }
            const byId = <T extends { file_id: number }>(rows: T[]) => new Map(rows.map((row) => [Number(row.file_id), row]));
      const reads = new Map(readRows.map((row) => [Number(row.file_seq), Number(row.n)]));
      const rejects = byId(rejected);
      const loads = byId(loadedRows);
      const quarantines = byId(quarantinedRows);
      const releases = byId(releasedRows);
      const checksums = await hashing;
      const ms = Math.round((performance.now() - started) / files.length);
      const results: FileResult[] = [];
      for (const [i, file] of files.entries()) {
        const fileId = fileIds[i];
        const read = reads.get(i) ?? 0;
        const loaded = Number(loads.get(fileId)?.n ?? 0);
        const quarantined = Number(quarantines.get(fileId)?.n ?? 0);
        const duplicates = Number(rejects.get(fileId)?.duplicates ?? 0);
        if (quarantined !== Number(rejects.get(fileId)?.quarantined ?? 0) || read !== loaded + quarantined + duplicates) {
          throw new IngestFileError(file.path, `reconciliation failed: read ${read} <> loaded ${loaded} + quarantined ${quarantined} + duplicates ${duplicates}`);
        }
        const released = Number(releases.get(fileId)?.n ?? 0);
        results.push({ path: file.path, table: rules.target, action: file.previousFileId === null ? 'loaded' : 'replaced', read, loaded, quarantined, duplicates, released, ms });
      }
      const column = (values: (string | number)[]) => values.join('\n');
      await tx.run(
        `INSERT INTO ingest_log
         SELECT
           CAST(unnest(string_split($file_ids, chr(10))) AS INTEGER), unnest(string_split($paths, chr(10))), $table_name, $format,
           CAST(unnest(string_split($sizes, chr(10))) AS BIGINT), CAST(unnest(string_split($modified_ms, chr(10))) AS BIGINT),
           unnest(string_split($checksums, chr(10))),
           CAST(unnest(string_split($read, chr(10))) AS BIGINT), CAST(unnest(string_split($loaded, chr(10))) AS BIGINT),
           CAST(unnest(string_split($quarantined, chr(10))) AS BIGINT), CAST(unnest(string_split($duplicates, chr(10))) AS BIGINT),
           CAST($loaded_at AS TIMESTAMP), $ms`,
        {
          file_ids: column(fileIds),
          paths,
          table_name: rules.target,
          format: source.format,
          sizes: column(files.map((file) => file.size)),
          modified_ms: column(files.map((file) => file.modifiedMs)),
          checksums: column(checksums),
          read: column(results.map((result) => result.read)),
          loaded: column(results.map((result) => result.loaded)),
          quarantined: column(results.map((result) => result.quarantined)),
          duplicates: column(results.map((result) => result.duplicates)),
          loaded_at: cstTimestamp(loadedAt, 'millisecond'),
          ms,
        },
      );
      return { results, conflicted, keysLeft: Number(left!.n) };
    });
  } finally {
    await db.run('SET preserve_insertion_order = true');
    await db.run(`SET disabled_compression_methods = ''`);
    for (const table of [LEFT, RELEASED, HELD]) await db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS ${REJECTS}`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS ${CHECKED}`).catch(() => undefined);
    await db.run(`DROP TABLE IF EXISTS ${BATCH}`).catch(() => undefined);
    await forgetMerchantKeys(db).catch(() => undefined);
  }
}

/**
 * Whether a batch may take the one-read load: Parquet (CSV rows are numbered as read), and rows
 * judged alone and by key (no refund to match against other rows, no merchant key to give).
 */
function cleanLoadFits(rules: TableRules, source: OpenedSource): boolean {
  return source.format === 'parquet' && !rules.refundReference && rules.target !== WAREHOUSE_TABLE.merchants;
}

/** The first and last day of `rows` ($key_min, $key_max) when the day is part of the key; else no parameters. */
async function dayBounds(db: Database, rules: TableRules, rows: string): Promise<Params> {
  const day = keyDay(rules);
  if (day === null) return {};
  return (await db.one<Params>(`SELECT CAST(min(${quote(day)}) AS VARCHAR) AS key_min, CAST(max(${quote(day)}) AS VARCHAR) AS key_max ${rows}`))!;
}

/** How many key hashes repeat among the table's rows (on the days of `rows`) and its held conflicts. */
async function repeatedKeys(db: Database, rules: TableRules, rows: string): Promise<number> {
  const params = { ...conflictParams(rules), ...(await dayBounds(db, rules, rows)) };
  return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM (${repeatedKeysSql(rules)})`, params))!.n);
}

/**
 * Files loaded before whose rows share a key with a conflict of this batch: loaded again, their
 * rows of that key are held as the same conflict (none of the rows silently wins).
 */
async function conflictedFiles(db: Database, rules: TableRules): Promise<number[]> {
  const match = rules.key.map((c) => `loaded.${quote(c)} = conflict.${quote(c)}`).join(' AND ');
  const rows = await db.all<{ file_id: number }>(
    `SELECT DISTINCT loaded.file_id
     FROM ${rules.target} AS loaded
     SEMI JOIN (
       SELECT ${rules.key.map((c) => `checked.${quote(c)}`).join(', ')}
       FROM ${CHECKED} AS checked
       JOIN ${REJECTS} AS rejected USING (file_seq, source_row)
       WHERE rejected.reason = $conflict_reason
     ) AS conflict ON ${match}
     WHERE loaded.file_id NOT IN (SELECT file_id FROM ${BATCH})`,
    { conflict_reason: rules.conflictReason },
  );
  return rows.map((row) => Number(row.file_id));
}

/**
 * The first and last day of the batch's rows ($range_min, $range_max): from the folder names
 * when every file has one (a row whose day differs from its folder is quarantined), else read.
 */
async function dayRange(db: Database, files: PendingFile[], source: OpenedSource, column: string): Promise<Params> {
  const folders = files.map((file) => file.partitionValue);
  if (folders.every((value): value is string => value !== null)) {
    const sorted = [...folders].sort();
    return { range_min: sorted[0], range_max: sorted[sorted.length - 1] };
  }
  const row = await db.one<{ range_min: string | null; range_max: string | null }>(
    `SELECT CAST(min(day) AS VARCHAR) AS range_min, CAST(max(day) AS VARCHAR) AS range_max
     FROM (SELECT TRY_CAST("${column}" AS DATE) AS day FROM ${source.relation})`,
    { source_paths: files.map((file) => file.path).join('\n') },
  );
  return { range_min: row?.range_min ?? null, range_max: row?.range_max ?? null };
}
