/**
 * The officers' audit log as the API reads and writes it: its columns as JSON-ready text, and the
 * one insert of an entry (inside the caller's transaction, beside the change it records), for
 * offer decisions (reviews.ts) and actions on monitored lines (monitoring/desk.ts) alike.
 *
 * @example
 *   await insertAudit(tx, entry);
 *   await db.all(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE line_id = $id`, { id });
 */
import type { Database } from '../../engine/db/index.ts';
import type { AuditEntry } from '../../engine/schema/audit-entry.ts';

export const AUDIT_COLUMNS = `audit_id, strftime(recorded_at, '%Y-%m-%d %H:%M:%S') AS recorded_at, actor, action, merchant_id,
  CAST(as_of_date AS VARCHAR) AS as_of_date, line_before_fen, line_after_fen, reason, request_id, line_id`;

export async function insertAudit(tx: Database, entry: AuditEntry): Promise<void> {
  await tx.run(
    `INSERT INTO audit_log (audit_id, recorded_at, actor, action, merchant_id, as_of_date, line_before_fen, line_after_fen, reason, request_id, line_id)
     VALUES ($audit_id, CAST($recorded_at AS TIMESTAMP), $actor, $action, $merchant_id, CAST($as_of_date AS DATE),
       $line_before_fen, $line_after_fen, $reason, $request_id, $line_id)`,
    { ...entry },
  );
}
