/**
 * Parquet out: a query written to one file or to a Hive-partitioned folder (one sub-folder per
 * value of the partition column, e.g. payment_date=2024-01-01/).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database, Params } from './database.ts';
import { literal } from './sql-text.ts';

export interface ParquetWriteOptions {
  /** Column to partition by (Hive layout); omit for a single file. */
  partitionBy?: string;
  /** File name inside each partition, without extension; `{i}` is replaced by a counter. */
  filenamePattern?: string;
  compression?: 'zstd' | 'snappy' | 'uncompressed';
  /** Rows per row group; smaller groups let readers skip more. */
  rowGroupSize?: number;
  params?: Params;
}

/** Writes the rows of `query` to `target` (a file, or a folder when partitioned). */
export async function writeParquet(db: Database, query: string, target: string, options: ParquetWriteOptions = {}): Promise<number> {
  const settings = [`FORMAT parquet`, `COMPRESSION ${options.compression ?? 'zstd'}`];
  if (options.rowGroupSize) settings.push(`ROW_GROUP_SIZE ${Math.trunc(options.rowGroupSize)}`);
  mkdirSync(options.partitionBy ? target : dirname(target), { recursive: true });
  if (options.partitionBy) {
    settings.push(`PARTITION_BY (${options.partitionBy})`, 'OVERWRITE_OR_IGNORE true');
    if (options.filenamePattern) settings.push(`FILENAME_PATTERN ${literal(options.filenamePattern)}`);
  }
  return db.run(`COPY (${query}) TO ${literal(target)} (${settings.join(', ')})`, options.params);
}
