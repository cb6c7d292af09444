/**
 * Credit officers' work on a date's offers, kept across a rerun of `capillary offers` for that
 * date. Before the date's slice is replaced, every row an officer decided on or a merchant
 * accepted is copied to the temporary table `offer_kept_decisions`, with the policy's figures it
 * was decided on — rebuilt by `decide` from the row's inputs and its run's policy, because an
 * officer's adjustment overwrites the row's line. offer-rows.sql then carries the decision onto
 * the re-sized row. Only decided rows are read: officers' work, not the whole slice.
 */
import { decide, type CreditPolicy } from '../../engine/credit/index.ts';
import type { Database } from '../../engine/db/index.ts';
import { applicantOf, runPolicy } from './read-offer.ts';
import { decidedOffers } from './store/index.ts';
import { KEPT_DECISIONS_TABLE } from './tables.ts';

/** Fills `offer_kept_decisions` (created empty by DECISION_TABLES_SQL) from the date's decided rows; call it inside the rewrite's transaction. */
export async function keepDecisions(tx: Database, asOfDate: string): Promise<number> {
  const rows = await decidedOffers(tx, asOfDate);
  if (rows.length === 0) return 0;
  const policies = new Map<string, CreditPolicy>();
  const decided = [];
  for (const row of rows) {
    let policy = policies.get(row.run_id);
    if (!policy) policies.set(row.run_id, (policy = await runPolicy(tx, row.run_id)));
    decided.push(decide(applicantOf(row), policy, row.as_of_date));
  }
  return tx.append(KEPT_DECISIONS_TABLE, {
    merchant_id: rows.map((r) => r.merchant_id),
    status: rows.map((r) => r.status),
    line_fen: rows.map((r) => r.line_fen),
    decided_by: rows.map((r) => r.decided_by),
    decided_at: rows.map((r) => r.decided_at),
    officer_note: rows.map((r) => r.officer_note),
    decided_outcome: decided.map((d) => d.outcome),
    decided_grade: decided.map((d) => (d.outcome === 'offer' ? d.grade : null)),
    decided_line_fen: decided.map((d) => (d.outcome === 'offer' ? d.line_fen : null)),
    decided_rate: decided.map((d) => (d.outcome === 'offer' ? d.annual_rate : null)),
  });
}
