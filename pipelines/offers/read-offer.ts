/**
 * Reading offers back: one merchant's latest row (checked by OfferRowSchema) and its full
 * engine/credit Decision, rebuilt by `decide` from the row's inputs and its run's policy — the
 * same figures the run wrote (checked: a row that its policy would size differently is refused
 * as corrupt rather than explained wrongly).
 *
 * @example
 *   const latest = await latestOffer(db, 'M00000042');
 *   if (latest) explainForOfficer(latest.decision);
 */
import { decide, parsePolicy, type Applicant, type CreditPolicy, type Decision, type ReasonCode } from '../../engine/credit/index.ts';
import { z } from 'zod';
import type { Database } from '../../engine/db/index.ts';
import type { OfferRow } from '../../engine/schema/index.ts';
import { parseReasonCodes } from './reason-codes.ts';
import { latestOfferRow } from './store/index.ts';
import { OFFER_RUNS_TABLE } from './tables.ts';

export interface OfferWithDecision {
  row: OfferRow;
  decision: Decision;
}

/** A merchant's offers row of the latest as-of date (or of `asOfDate`), with its Decision; null if none. */
export async function latestOffer(db: Database, merchantId: string, asOfDate?: string): Promise<OfferWithDecision | null> {
  const row = await latestOfferRow(db, merchantId, asOfDate);
  if (!row) return null;
  return { row, decision: offerDecision(row, await runPolicy(db, row.run_id)) };
}

/** The policy a run applied (offer_runs.policy). */
export async function runPolicy(db: Database, runId: string): Promise<CreditPolicy> {
  const run = await db.one<{ policy: string }>(`SELECT policy FROM ${OFFER_RUNS_TABLE} WHERE run_id = $run_id`, { run_id: runId });
  if (!run) throw new Error(`offer run ${runId} is not in ${OFFER_RUNS_TABLE}: the offers row has lost its policy`);
  return parsePolicy(JSON.parse(run.policy));
}

/** The columns of an offers row that hold the decision's inputs. */
export type ApplicantRow = Pick<OfferRow, Exclude<keyof Applicant, 'reason_codes' | 'features'> | 'reason_codes' | 'rule_inputs'>;

const RuleInputsSchema = z.record(z.string(), z.number().nullable());

/** The row's decision inputs as engine/credit's Applicant (reason codes parsed unless given). */
export function applicantOf(row: ApplicantRow, reasonCodes: ReasonCode[] = parseReasonCodes(row.reason_codes)): Applicant {
  return {
    features: RuleInputsSchema.parse(JSON.parse(row.rule_inputs)),
    merchant_id: row.merchant_id,
    as_of_date: row.as_of_date,
    segment: row.segment,
    kyc_tier: row.kyc_tier,
    months_of_turnover: row.months_of_turnover,
    turnover_12m_fen: row.turnover_12m_fen,
    monthly_turnover_sa_fen: row.monthly_turnover_sa_fen,
    monthly_turnover_cv: row.monthly_turnover_cv,
    current_dpd: row.current_dpd,
    balance_fen: row.balance_fen,
    pd_12m: row.pd_12m,
    model_id: row.model_id,
    score: row.score,
    reason_codes: reasonCodes,
  };
}

/** The full Decision of a row under its run's policy; throws if it disagrees with the row. */
export function offerDecision(row: OfferRow, policy: CreditPolicy): Decision {
  const decision = decide(applicantOf(row), policy, row.as_of_date);
  const figures = decision.outcome === 'offer'
    ? [decision.line_fen, decision.annual_rate, decision.expected_loss_fen, null]
    : [null, null, null, decision.failed.map((f) => f.rule).join(',')];
  const stored = [row.line_fen, row.annual_rate, row.expected_loss_fen, row.declined_rules];
  if (decision.outcome !== row.outcome || figures.some((v, i) => v !== stored[i])) {
    throw new Error(
      `offer of ${row.merchant_id} as of ${row.as_of_date} does not match its policy ${policy.version}: ` +
        `stored ${row.outcome} ${JSON.stringify(stored)}, rebuilt ${decision.outcome} ${JSON.stringify(figures)}`,
    );
  }
  return decision;
}
