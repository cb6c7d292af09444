/** The warehouse's own records of what it did: files loaded, rows rejected, steps run. */
import { z } from 'zod';
import { isoDate, localTimestamp } from '../schema/index.ts';
import { defineTable } from './table.ts';

const big = () => z.number().int().min(0).meta({ sql: 'BIGINT' });

export const INGEST_LOG = defineTable({
  name: 'ingest_log',
  grain: 'one row per loaded file',
  key: ['file_id'],
  schema: z
    .object({
      file_id: z.number().int().min(1).meta({ sql: 'INTEGER' }),
      path: z.string().min(1),
      table_name: z.string().min(1),
      format: z.string().min(1),
      size_bytes: big(),
      modified_ms: big(),
      checksum: z.string().length(64),
      rows_read: big(),
      rows_loaded: big(),
      rows_quarantined: big(),
      rows_duplicate: big(),
      loaded_at: localTimestamp(),
      duration_ms: big(),
    })
    .strict(),
  writtenBy: 'ingest',
  createdBy: 'ddl',
  columns: {
    file_id: 'the file (lake rows carry it)',
    path: 'the file’s path in the lake',
    table_name: 'the warehouse table it loaded into',
    format: 'parquet, csv or jsonl',
    size_bytes: { meaning: 'file size', unit: 'bytes' },
    modified_ms: { meaning: 'file modification time', unit: 'milliseconds since 1970 (UTC)' },
    checksum: { meaning: 'SHA-256 of the file', unit: 'hex digest' },
    rows_read: 'rows in the file',
    rows_loaded: 'rows loaded',
    rows_quarantined: 'rows rejected into quarantine',
    rows_duplicate: 'rows already loaded, skipped',
    loaded_at: 'when the file was loaded',
    duration_ms: 'time the load took',
  },
});

export const QUARANTINE = defineTable({
  name: 'quarantine',
  grain: 'one row per rejected lake row',
  key: ['file_id', 'source_row', 'reason'],
  schema: z
    .object({
      file_id: z.number().int().min(1).meta({ sql: 'INTEGER' }),
      source_file: z.string().min(1),
      table_name: z.string().min(1),
      source_row: z.number().int().min(0).meta({ sql: 'BIGINT' }),
      row_json: z.string().nullable().meta({ sql: 'JSON' }),
      reason: z.string().min(1),
      released_at: localTimestamp().nullable(),
    })
    .strict(),
  writtenBy: 'ingest',
  createdBy: 'ddl',
  references: { file_id: 'ingest_log.file_id' },
  columns: {
    file_id: 'the file (ingest_log.file_id)',
    source_file: 'the file’s path',
    table_name: 'the table the row was meant for',
    source_row: { meaning: 'the row’s number in the file', unit: 'row number' },
    row_json: { meaning: 'the row as read', unit: 'JSON' },
    reason: 'why it was rejected',
    released_at: 'when `capillary ingest --recheck` found the row valid and loaded it (null while held)',
  },
});

export const RUN_LOG = defineTable({
  name: 'run_log',
  grain: 'one row per pipeline step run (and as-of date)',
  key: ['run_id', 'step', 'as_of_date'],
  schema: z
    .object({
      run_id: z.string().min(1),
      step: z.string().min(1),
      as_of_date: isoDate().nullable(),
      started_at: localTimestamp(),
      finished_at: localTimestamp(),
      duration_ms: big(),
      rows_out: big().nullable(),
      status: z.enum(['ok', 'failed']),
      error: z.string().nullable(),
      inputs: z.string().nullable().meta({ sql: 'VARCHAR' }),
    })
    .strict(),
  writtenBy: '`capillary run`',
  createdBy: 'ddl',
  columns: {
    run_id: 'the run',
    step: 'the pipeline step',
    as_of_date: 'the as-of date, for steps run per date',
    started_at: 'when the step started',
    finished_at: 'when it finished',
    duration_ms: 'time it took',
    rows_out: 'rows it wrote',
    status: 'ok or failed',
    error: 'why it failed',
    inputs: { meaning: 'what the step read (upstream run ids, lake version, champion, policy): the build plan compares it to judge freshness', unit: 'JSON' },
  },
});
