/**
 * The values the build plan compares to decide whether a step's inputs changed: a version of the
 * lake as loaded (every ingested file's checksum, plus the row counts of the record tables, which
 * rows loaded by other means also move; of the ledger, only the rows that came from the lake, not
 * those the API, officers or monitoring wrote) and of the holiday calendar file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database, Params } from '../engine/db/index.ts';
import { HOLIDAY_FILE } from '../engine/calendar/holiday-file.ts';

export async function lakeVersion(db: Database): Promise<string> {
  const row = await db.one<{ v: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT coalesce(string_agg(file_id || ':' || checksum, ',' ORDER BY file_id), '') FROM ingest_log),
       (SELECT count(*) FROM merchants), (SELECT count(*) FROM payments), (SELECT count(*) FROM settlements), (SELECT count(*) FROM line_events WHERE file_id IS NOT NULL)
     )) AS v`,
  );
  return row!.v;
}

export function calendarVersion(): string {
  return createHash('sha256').update(readFileSync(HOLIDAY_FILE)).digest('hex').slice(0, 16);
}

/** True when `table` exists and has a row matching `where`. */
export async function hasRows(db: Database, table: string, where: string, params: Params): Promise<boolean> {
  if (!(await db.exists(table))) return false;
  return (await db.one(`SELECT 1 AS found FROM ${table} WHERE ${where} LIMIT 1`, params)) !== undefined;
}
