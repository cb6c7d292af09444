/**
 * Decisions for many merchants at once, in columns: the figures `decide` reaches (outcome,
 * grade, PD, line, rate, EAD, expected loss, failing rules) without its words, in one tight loop
 * over typed arrays. Each row runs engine/credit's one kernel, `sizeLine`, as `decide` does, so
 * each row equals `decide` on the same applicant (decide-columns.test.ts holds it); the trace is
 * rebuilt per merchant on demand.
 *
 * @example
 *   const out = decideColumns(columns, DEFAULT_POLICY);
 *   out.outcome[i] === OFFER; out.line_fen[i];
 */
import { sizeLine, type Applicant, type CreditPolicy } from '../../engine/credit/index.ts';
import { SEGMENTS } from '../../engine/schema/index.ts';

export const DECLINE = 0;
export const OFFER = 1;
export const KYC_TIERS = ['A', 'B', 'C'] as const;

/** Applicant inputs by column; segment and kyc_tier as indexes into SEGMENTS and KYC_TIERS. */
export interface ApplicantColumns {
  n: number;
  segment: ArrayLike<number>;
  kyc_tier: ArrayLike<number>;
  months_of_turnover: ArrayLike<number>;
  turnover_12m_fen: ArrayLike<number>;
  monthly_turnover_sa_fen: ArrayLike<number>;
  monthly_turnover_cv: ArrayLike<number>;
  current_dpd: ArrayLike<number>;
  balance_fen: ArrayLike<number>;
  pd_12m: ArrayLike<number>;
  /** Features the policy's rules read, by name (NaN where a merchant has none). */
  features?: Record<string, ArrayLike<number>>;
}

/** Figures by column; offer-only figures are 0 on a decline. */
export interface DecisionColumns {
  outcome: Int32Array;
  /** Index into policy.grades; -1 beyond every band. */
  grade_index: Int32Array;
  /** PD after the policy's floor. */
  pd: Float64Array;
  line_fen: Float64Array;
  annual_rate: Float64Array;
  ead_fen: Float64Array;
  expected_loss_fen: Float64Array;
  /** The bits of every failing rule (engine/credit rulesOfMask under the same policy); 0 on an offer. */
  failed_mask: Int32Array;
}

export function decideColumns(a: ApplicantColumns, policy: CreditPolicy): DecisionColumns {
  const { n } = a;
  const out: DecisionColumns = {
    outcome: new Int32Array(n),
    grade_index: new Int32Array(n),
    pd: new Float64Array(n),
    line_fen: new Float64Array(n),
    annual_rate: new Float64Array(n),
    ead_fen: new Float64Array(n),
    expected_loss_fen: new Float64Array(n),
    failed_mask: new Int32Array(n),
  };
  // One applicant object, refilled per row: the kernel reads it, nothing keeps it.
  const row: Applicant = {
    merchant_id: 'M00000000', as_of_date: '1970-01-01', segment: SEGMENTS[0], kyc_tier: 'A', months_of_turnover: 0,
    turnover_12m_fen: 0, monthly_turnover_sa_fen: 0, monthly_turnover_cv: 0, current_dpd: 0, balance_fen: 0,
    pd_12m: 0, model_id: null, score: null, reason_codes: [], features: {},
  };
  const features = Object.entries(a.features ?? {});
  for (let i = 0; i < n; i++) {
    row.segment = SEGMENTS[a.segment[i]];
    row.kyc_tier = KYC_TIERS[a.kyc_tier[i]];
    row.months_of_turnover = a.months_of_turnover[i];
    row.turnover_12m_fen = a.turnover_12m_fen[i];
    row.monthly_turnover_sa_fen = a.monthly_turnover_sa_fen[i];
    row.monthly_turnover_cv = a.monthly_turnover_cv[i];
    row.current_dpd = a.current_dpd[i];
    row.balance_fen = a.balance_fen[i];
    row.pd_12m = a.pd_12m[i];
    for (const [name, values] of features) row.features![name] = values[i];
    const s = sizeLine(row, policy);
    out.pd[i] = s.pd;
    out.grade_index[i] = s.grade_index;
    out.failed_mask[i] = s.failed_mask;
    if (s.offer) {
      out.outcome[i] = OFFER;
      out.line_fen[i] = s.line_fen;
      out.annual_rate[i] = s.annual_rate;
      out.ead_fen[i] = s.ead_fen;
      out.expected_loss_fen[i] = s.expected_loss_fen;
    }
  }
  return out;
}
