/**
 * The bulk path equals `decide`: over random applicants (seeded) under the default policy, two
 * variants that make other limits bind, and one with rules added by an entry each in its table
 * (one before sizing, one on the sized line), decideColumns gives each row decide's outcome,
 * grade, PD, line, rate, EAD, expected loss and failing rules.
 */
import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_POLICY, parsePolicy, rulesOfMask, withThresholds, type Applicant, type CreditPolicy } from '../../engine/credit/index.ts';
import { mulberry32, randomApplicant } from '../../engine/credit/test-support.ts';
import { SEGMENTS } from '../../engine/schema/index.ts';
import { decideColumns, KYC_TIERS, OFFER, type ApplicantColumns } from './decide-columns.ts';

const POLICIES: CreditPolicy[] = [
  DEFAULT_POLICY,
  parsePolicy({
    ...withThresholds(DEFAULT_POLICY, { max_pd: 0.02, allowed_kyc_tier: ['A'], excluded_segment: ['hotel', 'cafe'] }),
    version: 'tight',
    line: { ...DEFAULT_POLICY.line, max_line_fen: 5_000_000, min_line_fen: 2_000_000, rounding_fen: 300_000 },
  }),
  parsePolicy({
    ...withThresholds(DEFAULT_POLICY, { min_months_of_turnover: 0, min_turnover_12m: 0, max_current_dpd: 29 }),
    version: 'loose',
    line: { ...DEFAULT_POLICY.line, debt_service_share: 0.02, min_line_fen: 0 },
  }),
  parsePolicy({
    ...DEFAULT_POLICY,
    version: 'added-rules',
    eligibility: [
      ...DEFAULT_POLICY.eligibility,
      { rule: 'max_balance', input: 'balance_fen', comparison: '<=', threshold: 2_000_000, unit: 'fen', officer: 'outstanding Easy Loan balance', merchant: { to_qualify: 'repay your balance to {threshold} (you owe {value})' } },
      { rule: 'max_line', input: 'line', comparison: '<=', threshold: 20_000_000, unit: 'fen', officer: 'line as sized', merchant: { statement: 'Lines above {threshold} go to a branch.' } },
    ],
  }),
];

function columnsOf(list: Applicant[]): ApplicantColumns {
  const column = (pick: (a: Applicant) => number) => Float64Array.from(list, pick);
  return {
    n: list.length,
    segment: column((a) => SEGMENTS.indexOf(a.segment)),
    kyc_tier: column((a) => KYC_TIERS.indexOf(a.kyc_tier)),
    months_of_turnover: column((a) => a.months_of_turnover),
    turnover_12m_fen: column((a) => a.turnover_12m_fen),
    monthly_turnover_sa_fen: column((a) => a.monthly_turnover_sa_fen),
    monthly_turnover_cv: column((a) => a.monthly_turnover_cv),
    current_dpd: column((a) => a.current_dpd),
    balance_fen: column((a) => a.balance_fen),
    pd_12m: column((a) => a.pd_12m),
  };
}

describe.each(POLICIES)('decideColumns under the $version policy', (policy) => {
  it('equals decide() on 3,000 random applicants', () => {
    const rand = mulberry32(7);
    const list = Array.from({ length: 3_000 }, (_, i) => randomApplicant(rand, i));
    const out = decideColumns(columnsOf(list), policy);
    let offers = 0;
    const alone = new Map<string, number>();
    list.forEach((a, i) => {
      const d = decide(a, policy, '2025-06-30');
      expect(out.pd[i]).toBe(d.pd);
      expect(out.grade_index[i] === -1 ? null : policy.grades[out.grade_index[i]].grade).toBe(d.grade);
      if (d.outcome === 'offer') {
        offers++;
        expect(out.outcome[i]).toBe(OFFER);
        expect([out.line_fen[i], out.annual_rate[i], out.ead_fen[i], out.expected_loss_fen[i]]).toEqual([d.line_fen, d.annual_rate, d.ead_fen, d.expected_loss_fen]);
        expect(out.failed_mask[i]).toBe(0);
      } else {
        expect(out.outcome[i]).not.toBe(OFFER);
        expect(rulesOfMask(out.failed_mask[i], policy)).toEqual(d.failed.map((f) => f.rule));
        if (d.failed.length === 1) alone.set(d.failed[0].rule, (alone.get(d.failed[0].rule) ?? 0) + 1);
      }
    });
    expect(offers).toBeGreaterThan(20);
    expect(offers).toBeLessThan(list.length);
    // The added rules each decide some applicant alone, in both paths.
    if (policy.version === 'added-rules') for (const rule of ['max_balance', 'max_line']) expect(alone.get(rule) ?? 0, rule).toBeGreaterThan(0);
  });
});
