/**
 * An offers row back into engine/credit terms. The row keeps every input of the decision and
 * the run keeps its policy, and `decide` is deterministic, so the full Decision (every rule and
 * sizing step, for officers) is rebuilt exactly; the merchant's view needs only the cheap parts
 * (instalments at the row's line, failing rules from the kernel), so 1.5M of them build in seconds.
 */
import {
  decide,
  failedChecks,
  monthlyRepaymentFen,
  type CreditPolicy,
  type Decision,
  type ReasonCode,
  type RuleCheck,
} from '../../engine/credit/index.ts';
import { applicantOf, parseReasonCodes, runPolicy } from '../../pipelines/offers/index.ts';
import type { OfferRow } from '../../engine/schema/offer.ts';
import type { Database } from '../../engine/db/index.ts';

/** The columns of an offers row the API reads (everything but the officer's columns). */
export type OfferInputs = Omit<OfferRow, 'decided_by' | 'decided_at' | 'officer_note'>;

/**
 * The policy's Decision, rebuilt from the row's inputs and its run's policy. Unlike the offers
 * pipeline's `offerDecision` it does not insist that the row still carries the policy's line:
 * an officer's adjustment changes the row, and the officer reads the policy's sizing beside it.
 */
export function rebuildDecision(row: OfferRow, policy: CreditPolicy): Decision {
  return decide(applicantOf(row), policy, row.as_of_date);
}

/** Monthly repayments of the whole line at each of the policy's instalment choices. */
export function instalmentOptions(lineFen: number, annualRate: number, policy: CreditPolicy): { instalments: number; monthly_repayment_fen: number }[] {
  return [...policy.terms.instalment_choices].sort((x, y) => x - y).map((k) => ({ instalments: k, monthly_repayment_fen: monthlyRepaymentFen(lineFen, annualRate, k) }));
}

/**
 * The rules a decline failed, with values, thresholds and words, from engine/credit's one kernel
 * (no trace): the same rules the run stored in `declined_rules`.
 */
export function failedRules(row: OfferInputs, policy: CreditPolicy, reasonCodes: ReasonCode[] = parseReasonCodes(row.reason_codes)): RuleCheck[] {
  return failedChecks(applicantOf(row, reasonCodes), policy);
}

/** Each offers run's policy, parsed once. */
export class RunPolicies {
  private readonly policies = new Map<string, CreditPolicy>();

  async get(db: Database, runId: string): Promise<CreditPolicy> {
    let policy = this.policies.get(runId);
    if (!policy) {
      policy = await runPolicy(db, runId);
      this.policies.set(runId, policy);
    }
    return policy;
  }
}
