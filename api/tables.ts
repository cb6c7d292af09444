/**
 * The API's own tables, as the warehouse contract declares them (engine/warehouse/lines.ts):
 * accepted credit lines and their transactions, the officers' audit log and the jobs. Created
 * on every start if missing.
 */
import type { Database } from '../engine/db/index.ts';
import { AUDIT_LOG, CREDIT_LINES, ensureTables, JOBS, LINE_TRANSACTIONS } from '../engine/warehouse/index.ts';

export async function ensureApiTables(db: Database): Promise<void> {
  await ensureTables(db, [CREDIT_LINES, LINE_TRANSACTIONS, AUDIT_LOG, JOBS]);
}
