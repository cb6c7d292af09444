/**
 * The values the build plan compares to decide whether a step's inputs changed: a version of the
 * lake as loaded (every ingested file's checksum, plus the row counts of the record tables, which
 * rows loaded by other means also move; of the ledger, only the rows that came from the lake, not
 * those the API, officers or monitoring wrote), the same before a date, and of the holiday
 * calendar file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database, Params } from '../engine/db/index.ts';
import { HOLIDAY_FILE } from '../engine/calendar/holiday-file.ts';
import { DAY_PATTERN } from './turnover/turnover-changes.ts';

export async function lakeVersion(db: Database): Promise<string> {
  const row = await db.one<{ v: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT coalesce(string_agg(file_id || ':' || checksum, ',' ORDER BY file_id), '') FROM ingest_log),
       (SELECT count(*) FROM merchants), (SELECT count(*) FROM payments), (SELECT count(*) FROM settlements), (SELECT count(*) FROM line_events WHERE file_id IS NOT NULL)
     )) AS v`,
  );
  return row!.v;
}

/**
 * The lake as a step that reads only before `asOfDate` sees it (features): the payment and
 * settlement files of days before it (and any without a day partition), the registry's rows of
 * merchants onboarded before it, and the ledger's events before it, by content. A new day, a
 * re-delivered later day or a merchant onboarded since leave it as it was, so the features of
 * earlier dates stay fresh through a daily increment.
 */
export async function lakeVersionBefore(db: Database, asOfDate: string): Promise<string> {
  const row = await db.one<{ v: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT coalesce(string_agg(file_id || ':' || checksum, ',' ORDER BY file_id), '') FROM ingest_log
        WHERE table_name IN ('payments', 'settlements')
          AND coalesce(TRY_CAST(nullif(regexp_extract(path, $day_pattern, 1), '') AS DATE) < CAST($as_of_date AS DATE), true)),
       (SELECT count(*) || ':' || coalesce(sum(hash(m)), 0) FROM merchants AS m WHERE m.onboarded_date < CAST($as_of_date AS DATE)),
       (SELECT count(*) || ':' || coalesce(sum(hash(e)), 0) FROM line_events AS e WHERE e.business_date < CAST($as_of_date AS DATE))
     )) AS v`,
    { as_of_date: asOfDate, day_pattern: DAY_PATTERN },
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
