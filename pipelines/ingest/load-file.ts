/**
 * Loads one source file in one transaction: replaces whatever an earlier version of the same
 * path loaded, validates every row, appends the valid ones, quarantines the rest with their
 * reason, skips duplicates and records the file in the ingest log. Either all of it lands or
 * none of it does.
 */
import type { Database, Params } from '../../engine/db/index.ts';
import { IngestFileError, firstLine } from './errors.ts';
import type { LakeFile } from './discover.ts';
import { openSource } from './source-file.ts';
import { rulesFor } from './table-rules.ts';
import { loadSql, validateSql } from './validate-sql.ts';

export interface FileFacts {
  size: number;
  modifiedMs: number;
  checksum: string;
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
  ms: number;
}

const REJECTS = 'ingest_rejects';

/**
 * Two passes over the file, both inside the transaction: the first validates every row and
 * keeps only the rejected ones (quarantined or duplicate, a small table); the second reads the
 * file again and appends every other row straight into the warehouse table. Rows read are
 * counted apart from both, so the reconciliation checks the passes against each other.
 */
export async function loadFile(db: Database, file: LakeFile, facts: FileFacts, previousFileId: number | null, loadedAt: Date): Promise<FileResult> {
  const started = performance.now();
  const rules = rulesFor(file.table);
  const source = await openSource(db, file.path, file.format, rules, file.partitionValue !== null);
  const params: Params = { source_path: file.path };
  if (rules.partitionBy !== null) params.partition_value = file.partitionValue;
  const fail = (cause: unknown): never => {
    throw new IngestFileError(file.path, `cannot be read as a ${file.table} ${file.format.toUpperCase()} file (${firstLine(cause)})`, cause);
  };
  // Parquet rows are numbered by the file itself, so their order in the table need not follow
  // the file's; CSV rows are numbered as read, which needs the order kept.
  await db.run(`SET preserve_insertion_order = ${file.format === 'csv'}`);

  try {
    return await db.transaction(async (tx) => {
      let fileId = previousFileId;
      if (fileId !== null) {
        await tx.run(`DELETE FROM ${rules.target} WHERE file_id = $file_id`, { file_id: fileId });
        await tx.run('DELETE FROM quarantine WHERE file_id = $file_id', { file_id: fileId });
        await tx.run('DELETE FROM ingest_log WHERE file_id = $file_id', { file_id: fileId });
      } else {
        const row = await tx.one<{ id: number }>('SELECT coalesce(max(file_id), 0) + 1 AS id FROM ingest_log');
        fileId = Number(row!.id);
      }
      await tx
        .run(
          `CREATE OR REPLACE TEMP TABLE ${REJECTS} AS
           SELECT source_row, outcome, reason, row_json FROM (${validateSql(rules, source)}) WHERE outcome <> 'loaded'`,
          params,
        )
        .catch(fail);
      const counted = await tx.one<{ n: number }>(`SELECT count(*) AS n FROM ${source.relation}`, { source_path: file.path }).catch(fail);
      const read = Number(counted!.n);
      const rejected = await tx.one<{ quarantined: number; duplicates: number }>(
        `SELECT count(*) FILTER (WHERE outcome = 'quarantined') AS quarantined, count(*) FILTER (WHERE outcome = 'duplicate') AS duplicates FROM ${REJECTS}`,
      );
      const duplicates = Number(rejected!.duplicates);
      const loaded = await tx
        .run(`INSERT INTO ${rules.target} BY NAME ${loadSql(rules, source)}`, {
          source_path: file.path,
          file_id: fileId,
          ...(source.columns.some((column) => column.sourceType === null) ? { partition_value: file.partitionValue } : {}),
        })
        .catch(fail);
      const quarantined = await tx.run(
        `INSERT INTO quarantine SELECT $file_id, $path, $table_name, source_row, row_json, reason FROM ${REJECTS} WHERE outcome = 'quarantined'`,
        { file_id: fileId, path: file.path, table_name: rules.target },
      );
      if (quarantined !== Number(rejected!.quarantined) || read !== loaded + quarantined + duplicates) {
        throw new IngestFileError(file.path, `reconciliation failed: read ${read} <> loaded ${loaded} + quarantined ${quarantined} + duplicates ${duplicates}`);
      }
      const ms = Math.round(performance.now() - started);
      await tx.run(
        `INSERT INTO ingest_log VALUES ($file_id, $path, $table_name, $format, $size, $modified_ms, $checksum,
           $read, $loaded, $quarantined, $duplicates, CAST($loaded_at AS TIMESTAMP), $ms)`,
        {
          file_id: fileId,
          path: file.path,
          table_name: rules.target,
          format: file.format,
          size: facts.size,
          modified_ms: facts.modifiedMs,
          checksum: facts.checksum,
          read,
          loaded,
          quarantined,
          duplicates,
          loaded_at: loadedAt.toISOString().replace('T', ' ').replace('Z', ''),
          ms,
        },
      );
      await tx.run(`DROP TABLE ${REJECTS}`);
      return { path: file.path, table: rules.target, action: previousFileId === null ? 'loaded' : 'replaced', read, loaded, quarantined, duplicates, ms };
    });
  } finally {
    await db.run('SET preserve_insertion_order = true');
  }
}
