/**
 * Properties over random applicants (seeded): no offer exceeds the maximum or goes to an
 * applicant failing a rule, every decline names a rule, rates stay within the clamps,
 * EL = PD × LGD × EAD, EAD counts the balance owed and a deducted balance leaves the line sized
 * unpassed — under the default policy and two variants that make other limits bind.
 */
import { describe, expect, it } from 'vitest';
import type { Applicant } from './applicant.ts';
import { DecisionSchema } from './decision.ts';
import { type CreditPolicy, DEFAULT_POLICY, parsePolicy, thresholdOf, withThresholds } from './policy.ts';
import { decide } from './size.ts';
import { mulberry32, randomApplicant } from './test-support.ts';

const N = 2_500;
const AS_OF = '2025-06-30';

const POLICIES: CreditPolicy[] = [
  DEFAULT_POLICY,
  parsePolicy({
    ...withThresholds(DEFAULT_POLICY, { max_pd: 0.02, allowed_kyc_tier: ['A'], excluded_segment: ['hotel'] }),
    version: 'tight',
    // This variant offers a new line whole beside a balance owed; the others deduct it.
    line: { ...DEFAULT_POLICY.line, max_line_fen: 5_000_000, min_line_fen: 2_000_000, rounding_fen: 300_000, existing_balance: 'ignored' },
    price: { ...DEFAULT_POLICY.price, rate_floor: 0.06, rate_cap: 0.065 },
  }),
  parsePolicy({
    ...withThresholds(DEFAULT_POLICY, { min_months_of_turnover: 0, min_turnover_12m: 0, max_current_dpd: 29 }),
    version: 'loose',
    line: { ...DEFAULT_POLICY.line, debt_service_share: 0.02, min_line_fen: 0 },
  }),
];

function independentlyEligible(a: Applicant, p: CreditPolicy): boolean {
  const pd = Math.max(a.pd_12m, p.expected_loss.pd_floor);
  const t = (rule: string) => thresholdOf(p, rule)!;
  return (
    a.months_of_turnover >= (t('min_months_of_turnover') as number) &&
    a.turnover_12m_fen >= (t('min_turnover_12m') as number) &&
    a.monthly_turnover_cv <= (t('max_turnover_cv') as number) &&
    a.current_dpd <= (t('max_current_dpd') as number) &&
    (t('allowed_kyc_tier') as string[]).includes(a.kyc_tier) &&
    pd <= (t('max_pd') as number) &&
    !(t('excluded_segment') as string[]).includes(a.segment)
  );
}

describe.each(POLICIES)('decide over $version policy', (policy) => {
  it(`holds the invariants over ${N} random applicants`, () => {
    const rand = mulberry32(20250630);
    let offers = 0;
    for (let i = 0; i < N; i++) {
      const a = randomApplicant(rand, i);
      const d = decide(a, policy, AS_OF);
      const eligible = independentlyEligible(a, policy);
      expect(d.checks.filter((c) => c.rule !== 'min_line').every((c) => c.passed)).toBe(eligible);
      if (d.outcome === 'offer') {
        offers++;
        expect(eligible).toBe(true);
        expect(d.line_fen).toBeLessThanOrEqual(policy.line.max_line_fen);
        expect(d.line_fen).toBeGreaterThanOrEqual(policy.line.min_line_fen);
        expect(d.line_fen % policy.line.rounding_fen).toBe(0);
        expect(Number.isInteger(d.line_fen) && Number.isInteger(d.ead_fen) && Number.isInteger(d.expected_loss_fen)).toBe(true);
        expect(d.annual_rate).toBeGreaterThanOrEqual(policy.price.rate_floor);
        expect(d.annual_rate).toBeLessThanOrEqual(policy.price.rate_cap);
        expect(Math.abs(d.expected_loss_fen - d.pd * policy.expected_loss.lgd * d.ead_fen)).toBeLessThanOrEqual(0.5);
        expect(d.pd).toBeGreaterThanOrEqual(policy.expected_loss.pd_floor);
        // EAD counts the balance owed; a deducted balance and the new line together stay within the line sized.
        expect(d.ead_fen).toBeGreaterThanOrEqual(a.balance_fen);
        const sized = d.trace.find((t) => t.step === 'line_rounded')!.value as number;
        if (policy.line.existing_balance === 'deducted') expect(d.line_fen).toBeLessThanOrEqual(Math.max(0, sized - a.balance_fen));
        else expect(d.line_fen).toBe(sized);
        // debt service: a fully drawn line over the reference term stays within the share of turnover
        const ref = d.trace.find((t) => t.step === `instalments_${policy.line.debt_service_instalments}`);
        if (ref) expect(ref.value as number).toBeLessThanOrEqual(policy.line.debt_service_share * a.monthly_turnover_sa_fen + 1);
        expect(d.instalment_options.every((o) => o.instalments >= 2 && o.instalments <= 24)).toBe(true);
      } else {
        expect(d.failed.length).toBeGreaterThanOrEqual(1);
        expect(d.failed.every((f) => !f.passed)).toBe(true);
        // every failing eligibility rule is named, not just the first
        const failing = d.checks.filter((c) => !c.passed).map((c) => c.rule);
        expect(d.failed.map((f) => f.rule)).toEqual(failing);
      }
      if (i < 200) DecisionSchema.parse(d); // the contract, on a sample (zod is the slow part)
    }
    expect(offers).toBeGreaterThan(N * 0.02); // the generator reaches offers, not only declines
    expect(offers).toBeLessThan(N);
  });
});
