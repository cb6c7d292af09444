/**
 * The warehouse's business date (business_dates; engine/schema/business-date.ts): the later of
 * the latest day of loaded turnover and the latest --as-of a run was given. It only moves
 * forward: the ledger is appended in business-date order, so a date going back would make the
 * API's next events older than the line's last.
 *
 * @example
 *   await advanceBusinessDate(db, { asOf: '2024-07-01' }); // after a run
 *   await businessDate(db);                               // '2024-07-01' (or null: never set)
 */
import { cstTimestamp, type Database } from '../engine/db/index.ts';
import type { BusinessDateSetBy } from '../engine/schema/business-date.ts';

/** The current business date, or null when none was ever set. */
export async function businessDate(db: Database): Promise<string | null> {
  const row = await db.one<{ d: string | null }>('SELECT CAST(max(business_date) AS VARCHAR) AS d FROM business_dates');
  return row?.d ?? null;
}

/** The latest day of loaded turnover (daily_turnover), or null before turnover is built. */
export async function latestTurnoverDay(db: Database): Promise<string | null> {
  if (!(await db.exists('daily_turnover'))) return null;
  const row = await db.one<{ d: string | null }>('SELECT CAST(max(turnover_date) AS VARCHAR) AS d FROM daily_turnover');
  return row?.d ?? null;
}

/**
 * Moves the business date forward to the latest day of loaded turnover, then to `asOf` (a run's
 * --as-of), each only when later than the current one. Returns the business date after.
 */
export async function advanceBusinessDate(db: Database, options: { asOf?: string } = {}): Promise<string | null> {
  const candidates: [string | null, BusinessDateSetBy][] = [[await latestTurnoverDay(db), 'turnover'], [options.asOf ?? null, 'as_of']];
  for (const [date, setBy] of candidates) {
    if (date === null) continue;
    await db.run(
      `INSERT INTO business_dates
       SELECT CAST($date AS DATE), $set_by, CAST($set_at AS TIMESTAMP)
       WHERE CAST($date AS DATE) > coalesce((SELECT max(business_date) FROM business_dates), DATE '0001-01-01')`,
      { date, set_by: setBy, set_at: cstTimestamp() },
    );
  }
  return businessDate(db);
}
