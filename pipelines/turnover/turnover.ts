/**
 * Daily turnover: one row per merchant per day with trading, from payments or settlements alike
 * (turnover.sql), and its sums per calendar month (monthly-turnover.sql) that features read for
 * long windows. The first build, or one after a change it cannot place, rebuilds both whole into
 * staging tables swapped in together. After that a run is a daily increment: the ingest log names
 * the lake files new or changed since the turnover was built (turnover_files), their day
 * partitions name the days, and only the days from the earliest of them on (and their months)
 * are rebuilt, in one transaction; a day appended after every built one adds its sums to its
 * month's row instead of summing the month again.
 *
 * @example
 *   await buildTurnover(db);                 // whole
 *   await updateTurnover(db);                // { mode: 'increment', fromDate: '2024-06-01', ... }
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../engine/db/index.ts';
import { DAILY_TURNOVER, MONTHLY_TURNOVER, TURNOVER_FILES } from '../../engine/warehouse/index.ts';
import { hasRows } from '../plan-sources.ts';
import { readSql } from '../sql-file.ts';
import { buildTables, replaceRows, type BuildResult, type ReplaceSpec } from '../staging.ts';
import { DAY_PATTERN, turnoverChanges, turnoverCodeVersion, turnoverFilesSql, type TurnoverScope } from './turnover-changes.ts';

export const TURNOVER_TABLE = DAILY_TURNOVER.name;
export const MONTHLY_TURNOVER_TABLE = MONTHLY_TURNOVER.name;
const SEED = 'turnover_seed';
/** The built rows of the months an appended day falls in, read by monthly-append.sql. */
const MONTH_KEPT = 'turnover_month_kept';

/** What a turnover run did: rebuilt whole (and why), rebuilt from a day on, or found nothing new. */
export interface TurnoverResult extends BuildResult {
  scope: TurnoverScope;
}

/**
 * Input rows (settlements and payments) a whole build reads in one statement at most. The gaps'
 * window sorts every row it reads: on a year of 1.5M merchants (495M settlement rows) in one
 * statement its spill and the staging table outgrew 50 GB of free disk; in spans of whole months
 * up to this many rows, each spills a span's rows.
 */
export const TURNOVER_SPAN_ROWS = 100_000_000;

/**
 * Rebuilds daily and monthly turnover whole, in spans of whole months of at most `spanRows` input
 * rows (one span when the lake is smaller): each span's gaps count back through the last active
 * day of the spans before it (turnover-span-seed.sql), so the table equals one built in one go.
 */
export async function buildTurnover(db: Database, spanRows = TURNOVER_SPAN_ROWS): Promise<BuildResult> {
  await prepareTurnoverSeed(db, null);
  const spans = await turnoverSpans(db, spanRows);
  const [daily] = await buildTables(db, [
    {
      table: TURNOVER_TABLE,
      sql: turnoverSql(),
      parts: spans.map((span) => ({ from_date: span.from, until_date: span.until })),
      beforePart: async (tx, _part, index) => {
        if (index > 0) await tx.run(`CREATE OR REPLACE TEMP TABLE ${SEED} AS ${readSql(import.meta.url, 'turnover-span-seed.sql')}`, { previous_from: spans[index - 1].from });
      },
    },
    // spans of whole months: each month's sums come from its own span's days
    { table: MONTHLY_TURNOVER_TABLE, sql: monthlySql(`${TURNOVER_TABLE}__staging`), parts: spans.map((span) => ({ from_date: span.from, until_date: span.until })) },
    { table: TURNOVER_FILES.name, sql: turnoverFilesSql(), params: { day_pattern: DAY_PATTERN, build_id: `${turnoverCodeVersion()}:${randomUUID()}` } },
  ]);
  return daily;
}

/** The turnover step: only the days the lake changed since the last build, or all of it when that cannot be told. */
export async function updateTurnover(db: Database): Promise<TurnoverResult> {
  const scope = await turnoverChanges(db);
  if (scope.mode === 'whole') return { ...(await buildTurnover(db)), scope };
  // an increment keeps the id of the whole build it extends (turnoverChanges found it current)
  const buildId = (await db.one<{ id: string }>(`SELECT any_value(build_id) AS id FROM ${TURNOVER_FILES.name}`))!.id;
  if (scope.mode === 'unchanged') {
    // files that moved no day (a registry change no built row depends on) are recorded as read
    if (scope.filesMoved) await replaceRows(db, [filesSpec(buildId)]);
    return { table: TURNOVER_TABLE, rows: 0, scope };
  }
  const fromDate = scope.fromDate;
  const fromMonth = `${fromDate.slice(0, 7)}-01`;
  await prepareTurnoverSeed(db, fromDate);
  // Days after every built day (a new day, not a re-delivered one): the months' rows as built take
  // the new days' sums, and the month's earlier days are not read again (monthly-append.sql).
  const appended = !(await hasRows(db, TURNOVER_TABLE, 'turnover_date >= CAST($from_date AS DATE)', { from_date: fromDate }));
  if (appended) await db.run(`CREATE OR REPLACE TEMP TABLE ${MONTH_KEPT} AS SELECT * FROM ${MONTHLY_TURNOVER_TABLE} WHERE month_start >= CAST($from_month AS DATE)`, { from_month: fromMonth });
  try {
    const [daily] = await replaceRows(db, [
      { table: TURNOVER_TABLE, sql: turnoverSql(), params: { from_date: fromDate, until_date: null }, where: 'turnover_date >= CAST($from_date AS DATE)', whereParams: { from_date: fromDate } },
      {
        table: MONTHLY_TURNOVER_TABLE,
        sql: appended ? readSql(import.meta.url, 'monthly-append.sql', { appended_months: monthlySql(TURNOVER_TABLE) }) : monthlySql(TURNOVER_TABLE),
        params: { from_date: appended ? fromDate : fromMonth, until_date: null },
        where: 'month_start >= CAST($from_month AS DATE)',
        whereParams: { from_month: fromMonth },
      },
      filesSpec(buildId),
    ]);
    return { ...daily, scope };
  } finally {
    await db.run(`DROP TABLE IF EXISTS ${SEED}; DROP TABLE IF EXISTS ${MONTH_KEPT}`);
  }
}

/** Spans of whole months, in order, of at most `spanRows` input rows each (a month of more is a span alone); the first starts at null, the last ends at null. */
async function turnoverSpans(db: Database, spanRows: number): Promise<{ from: string | null; until: string | null }[]> {
  const months = await db.all<{ month: string; n: number }>(readSql(import.meta.url, 'turnover-months.sql'));
  const starts: string[] = [];
  let rows = 0;
  for (const month of months) {
    if (starts.length > 0 && rows + Number(month.n) <= spanRows) {
      rows += Number(month.n);
      continue;
    }
    starts.push(month.month);
    rows = Number(month.n);
  }
  if (starts.length <= 1) return [{ from: null, until: null }];
  return starts.map((start, i) => ({ from: i === 0 ? null : start, until: starts[i + 1] ?? null }));
}

const filesSpec = (buildId: string): ReplaceSpec => ({
  table: TURNOVER_FILES.name,
  sql: turnoverFilesSql(),
  params: { day_pattern: DAY_PATTERN, build_id: buildId },
  where: 'true',
  whereParams: {},
});

/**
 * The temporary table turnover.sql counts gaps back through: empty for a whole build; for an
 * increment from a day, each merchant's last active day before it (turnover-seed.sql).
 */
export async function prepareTurnoverSeed(db: Database, fromDate: string | null): Promise<void> {
  if (fromDate === null) {
    await db.run(`CREATE OR REPLACE TEMP TABLE ${SEED} (merchant_key INTEGER, last_active_date DATE)`);
    return;
  }
  await db.run(`CREATE OR REPLACE TEMP TABLE ${SEED} AS ${readSql(import.meta.url, 'turnover-seed.sql')}`, {
    from_date: fromDate,
    from_month: `${fromDate.slice(0, 7)}-01`,
  });
}

export const turnoverSql = () => readSql(import.meta.url, 'turnover.sql');
export const monthlySql = (daily: string) => readSql(import.meta.url, 'monthly-turnover.sql', { daily_turnover: daily });

/**
 * What daily turnover holds before a date, as a version: its whole build, and the lake files it
 * was built from (turnover_files) that can touch those days: the files of earlier days, those
 * without a day, and the registry. An increment of later days leaves it as it was; a whole
 * rebuild changes it for every date.
 */
export async function turnoverVersionBefore(db: Database, asOfDate: string): Promise<string> {
  if (!(await db.exists(TURNOVER_FILES.name))) return 'unknown';
  const row = await db.one<{ v: string }>(
    `SELECT md5(concat_ws('|', (SELECT any_value(build_id) FROM ${TURNOVER_FILES.name}), coalesce(string_agg(file_id || ':' || checksum, ',' ORDER BY file_id), ''))) AS v
     FROM ${TURNOVER_FILES.name} WHERE file_day IS NULL OR file_day < CAST($as_of_date AS DATE)`,
    { as_of_date: asOfDate },
  );
  return row!.v;
}
