/**
 * What a turnover run must rebuild, from the ingest log: the lake files new, changed or gone since
 * the turnover was built (turnover-changes.sql) and the days they touch, named by their day
 * partitions (or, for a new file without one, such as an API batch, by its rows). A change whose
 * day cannot be told (a file without a partition changed or went), a registry change that moves
 * built rows (a merchant's key or onboarding date, which its first gap counts back to), or a
 * warehouse without the record of what was read, rows the ingest log does not account for
 * (loaded by other means), or turnover built by other queries (a code change) sends the run back
 * to a whole rebuild.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../engine/db/index.ts';
import { readSql } from '../sql-file.ts';
import { DAILY_TURNOVER, MONTHLY_TURNOVER, TURNOVER_FILES } from '../../engine/warehouse/index.ts';
import { LAKE_TABLES } from '../../engine/schema/index.ts';

/** The day in a partitioned path (`payment_date=2024-06-01/`), for each day-partitioned lake table. */
export const DAY_PATTERN = `(?:${Object.values(LAKE_TABLES).flatMap((t) => (t.partitionBy ? [t.partitionBy] : [])).join('|')})=([0-9]{4}-[0-9]{2}-[0-9]{2})[/\\\\]`;

/** The files turnover is built from, as recorded beside it (turnover_files) and as the ingest log has them now. */
export const turnoverFilesSql = () => readSql(import.meta.url, 'turnover-files.sql');

/**
 * A version of the turnover code (its queries): a whole build records it in its build id, and
 * an increment by other code would splice rows of two definitions, so it rebuilds whole instead.
 */
export function turnoverCodeVersion(): string {
  const slots = { daily_turnover: 'daily_turnover', appended_months: 'appended' };
  const text = ['turnover.sql', 'monthly-turnover.sql', 'monthly-append.sql', 'turnover-seed.sql'].map((file) => readSql(import.meta.url, file, slots)).join('\n');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export type TurnoverScope =
  | { mode: 'whole'; why: string }
  | { mode: 'unchanged'; filesMoved: boolean }
  | { mode: 'increment'; fromDate: string; days: string[] };

/** What a turnover run rebuilt, as the run log and `capillary run` report it. */
export function describeScope(scope: TurnoverScope): Record<string, string | number> {
  if (scope.mode === 'whole') return { rebuilt: 'whole', why: scope.why };
  if (scope.mode === 'increment') return { rebuilt: `from ${scope.fromDate}`, days: scope.days.length };
  return { rebuilt: 'nothing' };
}

type FileChange = {
  file_id: number;
  table_name: string;
  change: 'new' | 'changed' | 'gone';
  file_day: string | null;
  built_day: string | null;
};

export async function turnoverChanges(db: Database): Promise<TurnoverScope> {
  for (const table of [DAILY_TURNOVER, MONTHLY_TURNOVER, TURNOVER_FILES]) {
    if (!(await db.exists(table.name))) return { mode: 'whole', why: `there is no ${table.name} yet` };
  }
  const unlogged = await unloggedRows(db);
  if (unlogged.dayRows !== 0) return { mode: 'whole', why: `${Math.abs(unlogged.dayRows)} rows of payments or settlements the ingest log does not account for (loaded by other means)` };
  const built = await db.one<{ build_id: string | null }>(`SELECT any_value(build_id) AS build_id FROM ${TURNOVER_FILES.name}`);
  if (!built?.build_id) return { mode: 'whole', why: 'the turnover records no lake file it was built from' };
  if (!built.build_id.startsWith(`${turnoverCodeVersion()}:`)) return { mode: 'whole', why: 'the turnover queries changed since its last whole build' };
  const changes = await db.all<FileChange>(
    `SELECT file_id, table_name, change, CAST(file_day AS VARCHAR) AS file_day, CAST(built_day AS VARCHAR) AS built_day
     FROM (${readSql(import.meta.url, 'turnover-changes.sql', { current_files: turnoverFilesSql() })})`,
    { day_pattern: DAY_PATTERN, build_id: 'current' }, // (the build id of the files as they stand is not compared)
  );
  if (changes.length === 0 && unlogged.merchants === 0) return { mode: 'unchanged', filesMoved: false };
  const days = new Set<string>();
  const unplaced: number[] = [];
  for (const change of changes) {
    if (change.table_name === 'merchants') continue;
    const known = [change.file_day, change.built_day].filter((day): day is string => day !== null);
    if (change.change === 'new' && known.length === 0) unplaced.push(Number(change.file_id));
    else if (known.length === 0) return { mode: 'whole', why: `${change.table_name} file ${change.file_id} ${change.change === 'gone' ? 'left the ingest log' : 'changed'} and has no day partition` };
    for (const day of known) days.add(day);
  }
  for (const day of await daysOfFiles(db, unplaced)) days.add(day);
  if (unlogged.merchants !== 0 || changes.some((change) => change.table_name === 'merchants')) {
    const moved = await db.all<{ merchant_id: string }>(readSql(import.meta.url, 'registry-changes.sql'));
    if (moved.length > 0) return { mode: 'whole', why: `the registry dropped or changed the onboarding date of ${moved.length} merchant${moved.length === 1 ? '' : 's'} with turnover (first ${moved[0].merchant_id})` };
  }
  const sorted = [...days].sort();
  if (sorted.length === 0) return { mode: 'unchanged', filesMoved: true };
  return { mode: 'increment', fromDate: sorted[0], days: sorted };
}

/**
 * Rows in the tables turnover reads beyond what the ingest log says its files loaded (rows put
 * there by other means, which no file change would announce); ingest alone keeps them equal.
 */
async function unloggedRows(db: Database): Promise<{ dayRows: number; merchants: number }> {
  const row = await db.one<{ day_rows: number; merchants: number }>(
    `SELECT
       (SELECT count(*) FROM payments) + (SELECT count(*) FROM settlements)
         - (SELECT coalesce(sum(rows_loaded), 0) FROM ingest_log WHERE table_name IN ('payments', 'settlements')) AS day_rows,
       (SELECT count(*) FROM merchants) - (SELECT coalesce(sum(rows_loaded), 0) FROM ingest_log WHERE table_name = 'merchants') AS merchants`,
  );
  return { dayRows: Number(row!.day_rows), merchants: Number(row!.merchants) };
}

/** The days of the rows that files without a day partition loaded (file ids grow with loading, so few row groups are read). */
async function daysOfFiles(db: Database, fileIds: number[]): Promise<string[]> {
  if (fileIds.length === 0) return [];
  const rows = await db.all<{ day: string }>(
    `WITH ids AS (SELECT CAST(unnest(string_split($file_ids, ',')) AS INTEGER) AS file_id)
     SELECT DISTINCT CAST(day AS VARCHAR) AS day FROM (
       SELECT payment_date AS day FROM payments WHERE file_id IN (SELECT file_id FROM ids)
       UNION ALL
       SELECT settlement_date AS day FROM settlements WHERE file_id IN (SELECT file_id FROM ids)
     ) ORDER BY 1`,
    { file_ids: fileIds.join(',') },
  );
  return rows.map((row) => row.day);
}
