/**
 * The tables the API writes, as the warehouse contract declares them (engine/warehouse/lines.ts):
 * the business date, the Easy Loan ledger and its writer's guard, the API's idempotency keys, the officers' audit
 * log and the jobs. Created on every start if missing; the lines of a warehouse served before the
 * one ledger are moved into it (lines/older-tables.ts).
 */
import type { Database } from '../engine/db/index.ts';
import { moveOlderLineTables } from './lines/older-tables.ts';
import { AUDIT_LOG, BUSINESS_DATES, ensureTables, JOBS, LINE_EVENTS, LINE_HEADS, LINE_REQUESTS } from '../engine/warehouse/index.ts';

export async function ensureApiTables(db: Database): Promise<void> {
  await ensureTables(db, [BUSINESS_DATES, LINE_EVENTS, LINE_HEADS, LINE_REQUESTS, AUDIT_LOG, JOBS]);
  await moveOlderLineTables(db);
}
