/**
 * An offer's status change — an officer's approval, adjustment or rejection, a merchant's
 * acceptance — made inside the caller's transaction, so the caller writes what goes with it (the
 * audit entry, the line it opens) in the same one. The row changes only while its status is the
 * one the caller read: when another change came first, nothing changes and the answer is false
 * (the caller's 409); two transactions changing the row at once make DuckDB refuse the second.
 *
 * @example
 *   const won = await changeOfferStatus(tx, { merchant_id, as_of_date, from: 'approved', to: 'accepted' });
 */
import type { Database } from '../../../engine/db/index.ts';
import type { OfferStatus } from '../../../engine/schema/index.ts';
import { storeSql } from './sql.ts';

export interface StatusChange {
  merchant_id: string;
  as_of_date: string;
  /** The status the caller read in this transaction. */
  from: OfferStatus;
  to: OfferStatus;
  /** An officer's decision: who, when (CST wall-clock), why, and an adjusted line (null keeps the row's). */
  decision?: { decided_by: string; decided_at: string; officer_note: string | null; line_fen: number | null };
}

/** True when the row changed; false when it was no longer in `from`. */
export async function changeOfferStatus(tx: Database, change: StatusChange): Promise<boolean> {
  const decision = change.decision;
  const changed = await tx.run(storeSql('change-status.sql'), {
    merchant_id: change.merchant_id,
    as_of_date: change.as_of_date,
    from_status: change.from,
    to_status: change.to,
    is_decision: decision !== undefined,
    line_fen: decision?.line_fen ?? null,
    decided_by: decision?.decided_by ?? null,
    decided_at: decision?.decided_at ?? null,
    officer_note: decision?.officer_note ?? null,
  });
  return changed === 1;
}
